"""What a recipient (a unit, a person, a household) is to register records and nominations: its kind, the field that
names it, and the search and sort keys they copy from it, kept in step when it is renamed."""

from units.models import Unit

from ..models import (
    RECIPIENT_FIELDS,
    AwardRecord,
    Household,
    Nomination,
    Person,
    RecipientKind,
)
from ..models.register import recipient_keys


def recipient_kind_of(awardee):
    if isinstance(awardee, Unit):
        return RecipientKind.COLLECTIVE
    if isinstance(awardee, Person):
        return RecipientKind.INDIVIDUAL
    if isinstance(awardee, Household):
        return RecipientKind.HOUSEHOLD
    raise TypeError(f"Not an awardee: {awardee!r}")


def recipient_values(awardee):
    """The fields naming ``awardee`` on a register record or a nomination."""
    kind = recipient_kind_of(awardee)
    return {"recipient_kind": kind, RECIPIENT_FIELDS[kind]: awardee}


def refresh_recipient_keys(recipient):
    """Rewrites the keys of the recipient's register records and nominations (one UPDATE each, no history: the keys
    are not data anyone reads)."""
    search, sort = recipient_keys(recipient)
    lookup = {RECIPIENT_FIELDS[recipient_kind_of(recipient)]: recipient}
    AwardRecord.objects.filter(**lookup).exclude(recipient_search=search, recipient_sort=sort).update(
        recipient_search=search, recipient_sort=sort)
    Nomination.objects.filter(**lookup).exclude(recipient_search=search).update(recipient_search=search)
