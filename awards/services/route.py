"""The one way a nomination batch moves or changes: lock its row, check that the person acted on the version they
saw, guard the state, then write the batch, its version, its holder and one ``BatchStep`` of its route.

Every write to a batch or its nominations (unit side and screening side) goes through ``locked_batch`` so that two
people acting on the same batch at once cannot overwrite each other: the second finds the row locked, then a newer
version than the one their page showed, and is refused with a message that names who changed it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import guard_state, lock, record

from ..models import BatchStatus, BatchStep

LOCKED_FIELDS = ("status", "version", "holder", "held_since", "received_by", "assigned_to", "assigned_board")


def guard_version(batch, expected_version):
    """Refuses when the batch changed since the page that posted was loaded (``expected_version`` None: no check)."""
    if expected_version is not None and int(expected_version) != batch.version:
        # Every change (a move or a bump) writes a history row naming who made it: the latest names who changed it.
        last = batch.history.select_related("history_user").order_by("-history_date", "-history_id").first()
        who = last.history_user if last else None
        message = _("Tờ trình vừa được %(who)s thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại.") % {
            "who": who or _("người khác")}
        raise ValidationError(message)


def locked_batch(batch, *, expected_version=None, states=None, refused=None):
    """Locks ``batch`` (call inside ``transaction.atomic``), reads its route fields afresh, and guards the version
    and, when given, the state. Returns the batch."""
    lock(batch, *LOCKED_FIELDS)
    guard_version(batch, expected_version)
    if states is not None:
        guard_state(batch, states, refused)
    return batch


def bump(batch, *, by, reason="", fields=()):
    """Saves ``fields`` of a locked batch with its version raised by one (a change that is not a move)."""
    batch.version += 1
    record(batch, by=by, reason=reason)
    batch.save(update_fields=["version", "updated_at", *fields])
    return batch


@transaction.atomic
def move(batch, *, action, to_status, by, holder=None, reason="", fields=(), expected_version=None, states=None,
         refused=None, values=None):
    """Moves a batch to ``to_status`` and hands it to ``holder`` (None: with the unit, or waiting for a team),
    writing one history row and one route step. ``states`` guards the state it moves from. ``values`` are fields
    set after the row is locked and read afresh (route fields such as ``received_by``). Returns the step."""
    locked_batch(batch, expected_version=expected_version, states=states, refused=refused)
    for name, value in (values or {}).items():
        setattr(batch, name, value)
    fields = [*fields, *(values or {})]
    from_status = batch.status
    now = timezone.now()
    batch.status = to_status
    batch.holder = holder
    batch.held_since = now
    bump(batch, by=by, reason=reason or BatchStep(action=action).get_action_display(),
         fields=["status", "holder", "held_since", *fields])
    return BatchStep.objects.create(batch=batch, action=action, from_status=from_status, to_status=to_status, by=by,
                                    to_holder=holder, reason=reason)


def waits_for_clerks(batch):
    return batch.status == BatchStatus.SUBMITTED


def required_reason(reason, message=None):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message or _("Hãy ghi lý do để người nhận biết cần làm gì.")})
    return reason
