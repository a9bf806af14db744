"""What Sở Nội vụ's screening screens read: the inbox of batches (by box), its counts, and what a batch or a
nominee shows while it is screened."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import BatchStatus, CheckResult, ScreeningStatus, StaffFunction
from ..rules import staff_function
from .scope import batches_visible_to

# The inbox's boxes, in the order of its tabs.
BOX_WAITING = "waiting"
BOX_MINE = "mine"
BOX_HEAD = "head"
BOX_BOARD = "board"
BOX_ALL = "all"
BOXES = (BOX_WAITING, BOX_MINE, BOX_HEAD, BOX_BOARD, BOX_ALL)


def _board_id(user):
    post = getattr(user, "staff_post", None) if staff_function(user) else None
    return getattr(post, "board_id", None)


def box_filters(user):
    """The condition of each box for ``user`` (a box that cannot hold anything for the user matches nothing)."""
    board_id = _board_id(user)
    return {
        BOX_WAITING: Q(status=BatchStatus.SUBMITTED),
        BOX_MINE: Q(holder=user),
        BOX_HEAD: Q(status=BatchStatus.CHECKED),
        BOX_BOARD: Q(assigned_board_id=board_id) if board_id else Q(pk__in=[]),
        BOX_ALL: Q(),
    }


def default_box(user):
    """Where a person starts: a clerk at what waits for receipt, a head at what waits for the head, anybody else
    at what they hold."""
    function = staff_function(user)
    if function == StaffFunction.CLERK:
        return BOX_WAITING
    if function == StaffFunction.HEAD:
        return BOX_HEAD
    if function == StaffFunction.SPECIALIST:
        return BOX_MINE
    return BOX_ALL


def inbox(user, box=BOX_ALL):
    """Batches of every campaign that ``user`` sees in ``box``, with what the inbox rows show joined and the
    number of nominees counted, longest held first."""
    condition = box_filters(user).get(box, Q())
    return (
        batches_visible_to(user)
        .filter(condition)
        .annotate(nominee_count=Count("nominations"))
        .order_by("held_since", "pk")
    )


def inbox_counts(user):
    """How many batches ``user`` sees in each box, in one query."""
    conditions = box_filters(user)
    return batches_visible_to(user).aggregate(
        **{box: Count("pk", filter=conditions[box]) for box in BOXES}
    )


def screening_nominations(batch):
    """The nominees of a batch with their checks and overrides, for the forward confirmation and the like."""
    return batch.nominations.select_related("award_form", "unit", "person", "household", "screened_by")


def overridable(checks, overrides):
    """The checks staff may still override: failed, not blocking, not overridden yet (``overrides``: codes, or a
    dict code → CheckOverride)."""
    return [check for check in checks
            if check.result == CheckResult.FAIL and not check.blocking and check.code not in overrides]


def forward_split(batch):
    """Who a forward sends to the council and who it rejects (with the specialist's reasons)."""
    nominations = list(screening_nominations(batch))
    forwarded = [n for n in nominations if n.status in (ScreeningStatus.MEETS, ScreeningStatus.FORWARDED)]
    rejected = [n for n in nominations if n.status in (ScreeningStatus.FAILS, ScreeningStatus.REJECTED)]
    return forwarded, rejected


def held_for(since, now=None):
    """How long a batch has been held, in its largest whole unit: "3 ngày", "5 giờ", "12 phút", "vừa xong"."""
    if since is None:
        return ""
    seconds = max(int(((now or timezone.now()) - since).total_seconds()), 0)
    for size, text in ((86400, _("%(count)s ngày")), (3600, _("%(count)s giờ")), (60, _("%(count)s phút"))):
        if seconds >= size:
            return text % {"count": seconds // size}
    return _("vừa xong")
