"""Pledged works and their progress reports: create, the work's page, edit, the state buttons, return with a
reason, add and correct a report (with its files), add evidence to a report."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from ..forms.works import ReportCreateForm, ReportForm, WorkForm
from ..models import PledgedWork, WorkStatus
from ..selectors.works import work_detail, work_history_page, work_reports
from ..services import works as services
from .pledge_base import (
    HISTORY_PAGE,
    Action,
    EditableOnlyMixin,
    EvidenceUploadView,
    OnlyInStatesMixin,
    PledgeActionView,
    PledgeObjectMixin,
    PledgeReturnView,
    ServiceFormMixin,
    UnitInCampaignMixin,
)

W = WorkStatus


class WorkMixin(PledgeObjectMixin):
    """A work of the campaign, of a unit the user follows (else 404)."""

    model = PledgedWork
    pk_url_kwarg = "work_pk"
    context_object_name = "work"

    @property
    def work(self):
        return self.get_object()


# --- Works ----------------------------------------------------------------------------------------------------------


class WorkCreateView(UnitInCampaignMixin, ServiceFormMixin, FormView):
    permission_required = "campaign.edit_pledges"
    template_name = "campaign/works/work_form.html"
    form_class = WorkForm
    success_message = _("Đã lưu công trình, phần việc (đang soạn). Gửi để xét khi đã hoàn chỉnh.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def save(self, form):
        data = form.cleaned_data
        return services.create_work(
            campaign=self.campaign, unit=self.unit, data=data, tasks=data["tasks"], by=self.request.user
        )


class WorkDetailView(WorkMixin, DetailView):
    permission_required = "campaign.view_pledges"
    template_name = "campaign/works/work_detail.html"

    def base_queryset(self):
        return work_detail(super().base_queryset())

    def get_context_data(self, **kwargs):
        work, user = self.object, self.request.user
        history = work_history_page(work, self.request.GET.get(HISTORY_PAGE))
        return super().get_context_data(
            can=self.buttons(work, user), before_acceptance=work.status in W.editable(), reports=work_reports(work),
            history=history, **kwargs
        )

    @staticmethod
    def buttons(work, user):
        """What the user may press on the page, in the work's current state."""
        edits = user.has_perm("campaign.edit_pledges", work)
        reviews = work.status == W.SUBMITTED and user.has_perm("campaign.review_pledges", work)
        return {
            "edit": edits and work.status in W.editable(),
            "submit": edits and work.status in (W.DRAFT, W.RETURNED),
            "withdraw": edits and work.status == W.SUBMITTED,
            "accept": reviews,
            "return": reviews,
            "verify": work.status == W.COMPLETED and user.has_perm("campaign.verify_works", work),
            "report": edits and work.status in W.reportable(),
        }


class WorkEditView(WorkMixin, EditableOnlyMixin, ServiceFormMixin, FormView):
    permission_required = "campaign.edit_pledges"
    template_name = "campaign/works/work_form.html"
    form_class = WorkForm
    states = W.editable()  # a submitted work too: the unit may change it until it is accepted
    pending_states = ()
    closed = _("Công trình, phần việc đã được chấp nhận: không sửa được nữa.")
    success_message = _("Đã lưu thay đổi.")

    def get_form_kwargs(self):
        # The district it has keeps its place in the choices, even after that district was merged or closed.
        return {**super().get_form_kwargs(), "campaign": self.campaign, "district": self.work.district_id}

    def get_initial(self):
        return WorkForm.initial_from(self.work)

    def save(self, form):
        data = form.cleaned_data
        return services.update_work(self.work, data=data, tasks=data["tasks"], by=self.request.user)


class WorkActionView(WorkMixin, PledgeActionView):
    actions = {
        "submit": Action(services.submit_work, "campaign.edit_pledges", _("Đã gửi công trình, phần việc để xét.")),
        "withdraw": Action(services.withdraw_work, "campaign.edit_pledges", _("Đã rút lại để sửa.")),
        "accept": Action(services.accept_work, "campaign.review_pledges", _("Đã chấp nhận công trình, phần việc.")),
        "verify": Action(services.verify_work, "campaign.verify_works", _("Đã xác nhận hoàn thành.")),
    }


class WorkReturnView(WorkMixin, PledgeReturnView):
    service = services.return_work


# --- Progress reports -----------------------------------------------------------------------------------------------


class ReportableOnlyMixin(OnlyInStatesMixin):
    """Reports are written and changed while the work is reportable."""

    states = W.reportable()
    refused = _("Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành.")


class ReportMixin(WorkMixin, ReportableOnlyMixin):
    """A report of the work (else 404); its unit's officers change it while the work is reportable."""

    permission_required = "campaign.edit_pledges"

    @cached_property
    def report(self):
        return get_object_or_404(self.work.reports.all(), pk=self.kwargs["report_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


class ReportCreateView(WorkMixin, ReportableOnlyMixin, ServiceFormMixin, FormView):
    permission_required = "campaign.edit_pledges"
    template_name = "campaign/works/report_form.html"
    form_class = ReportCreateForm
    success_message = _("Đã lưu báo cáo tiến độ.")

    def get_initial(self):
        return {"report_date": timezone.localdate(), "percent": self.work.percent}

    def save(self, form):
        return services.add_report(self.work, **form.cleaned_data, by=self.request.user)


class ReportEditView(ReportMixin, ServiceFormMixin, FormView):
    template_name = "campaign/works/report_form.html"
    form_class = ReportForm
    success_message = _("Đã lưu báo cáo tiến độ.")

    def get_initial(self):
        return ReportForm.initial_from(self.report)

    def save(self, form):
        return services.update_report(self.report, **form.cleaned_data, by=self.request.user)


class ReportEvidenceView(ReportMixin, EvidenceUploadView):
    def evidence_owner(self):
        return self.report
