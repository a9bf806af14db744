"""Keeps the search and sort keys that register records and nominations copy from their recipient in step when the
recipient is renamed (a unit, a person, a household)."""

from ..models import RECIPIENT_FIELDS, AwardRecord, Household, Nomination, Person
from ..models.register import recipient_keys


def refresh_recipient_keys(recipient):
    """Rewrites the keys of the recipient's register records and nominations (one UPDATE each, no history: the keys
    are not data anyone reads)."""
    kind = ("individual" if isinstance(recipient, Person)
            else "household" if isinstance(recipient, Household) else "collective")
    search, sort = recipient_keys(recipient)
    lookup = {RECIPIENT_FIELDS[kind]: recipient}
    AwardRecord.objects.filter(**lookup).exclude(recipient_search=search, recipient_sort=sort).update(
        recipient_search=search, recipient_sort=sort)
    Nomination.objects.filter(**lookup).exclude(recipient_search=search).update(recipient_search=search)
