"""Reads of evidence files: which are shown, with what they belong to, and whether an owner takes changes."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ..models import ClusterPact, Evidence, ProgressReport, ReviewStatus, WorkStatus


def accepts_evidence(owner):
    """Whether files may be added to or removed from ``owner`` in its state: a registration or an achievement while
    its unit may change it, a progress report while its work takes reports, a pact always (who may change a pact is
    the permission's business)."""
    if isinstance(owner, ClusterPact):
        return True
    if isinstance(owner, ProgressReport):
        return owner.work.status in WorkStatus.reportable()
    return owner.status in ReviewStatus.editable()


def shown_evidence():
    """Files not removed, oldest first, as owners' pages list them (removed ones stay in the history only)."""
    return Evidence.objects.filter(removed_at__isnull=True).order_by("uploaded_at", "id")


def prefetch_shown_evidence():
    """A Prefetch of an owner's files not removed into ``owner.shown_evidence``: the one name every page uses."""
    return Prefetch("evidence", queryset=shown_evidence(), to_attr="shown_evidence")


def evidence_label(row):
    """How a history table names an evidence file's row, on every page."""
    return _("Minh chứng: %(name)s") % {"name": row.original_name}


def evidence_with_owner():
    """Evidence with its owner and the owner's campaign loaded: what the access rules read, in one query."""
    return Evidence.objects.select_related(
        "campaign", "registration__campaign", "achievement__campaign", "report__work__campaign", "pact__campaign",
    )
