"""Reads of a work's pages: the work with everything its page shows, its reports newest first with their live
evidence, its merged history, and the choices of its form."""

from django.db.models import Prefetch, Q, Subquery
from django.utils.translation import gettext as _

from units.history import merged_history_page
from units.models import Unit, UnitKind

from ..models import Evidence, ProgressReport, Task
from .evidence import evidence_label, prefetch_shown_evidence


def work_detail(works):
    """``works`` (already scoped) with what the work's page shows, in a fixed number of queries."""
    return works.select_related(
        "campaign", "unit", "district", "reviewed_by", "verified_by", "created_by"
    ).prefetch_related(Prefetch("tasks", queryset=Task.objects.order_by("number")))


def work_reports(work):
    """The work's reports, newest first, each with its evidence files that were not removed (``shown_evidence``)."""
    return work.reports.select_related("created_by").prefetch_related(prefetch_shown_evidence()).order_by(
        "-report_date", "-id"
    )


def _report_label(row):
    return _("Báo cáo ngày %(date)s") % {"date": row.report_date.strftime("%d/%m/%Y")}


def work_history_page(work, number):
    """One page of the history of the work, its reports and their evidence files, merged by date."""
    report_ids = ProgressReport.objects.filter(work_id=work.pk).values("id")
    sources = {
        "work": work.history.all(),
        "report": ProgressReport.history.filter(work_id=work.pk),
        "evidence": Evidence.history.filter(report_id__in=Subquery(report_ids)),
    }
    labels = {
        "work": lambda row: _("Công trình, phần việc"),
        "report": _report_label,
        "evidence": evidence_label,
    }
    return merged_history_page(sources, number, labels)


def district_choices(current=None):
    """The district-level units a work may be placed in (its địa bàn): the active ones, and ``current`` (the id of
    the district the work has now), even when that one has since been merged or closed."""
    kept = Q(is_active=True, kind=UnitKind.DISTRICT)
    if current is not None:
        kept |= Q(pk=current)
    return Unit.objects.filter(kept).order_by("name_sort", "id")


def task_choices(campaign):
    return campaign.tasks.order_by("number")
