"""The list of campaigns, a campaign's page, its edit form, its status transitions and its history."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView, UpdateView, View
from rules.contrib.views import PermissionRequiredMixin

from .. import services
from ..filters import CampaignFilter
from ..forms import CampaignForm, TransitionForm
from ..models import CampaignStatus
from ..selectors import (
    campaign_detail,
    campaign_history_page,
    campaign_list,
    campaigns_visible_to,
    openable_cluster_ids,
)
from ..selectors.progress import campaign_progress, cluster_progress, task_progress
from units.views.base import LenientPaginationMixin

from .common import StaffCampaignMixin


@dataclass(frozen=True)
class Transition:
    service: object
    source: str
    label: str
    question: str
    done: str
    style: str


TRANSITIONS = {
    "launch": Transition(
        services.launch_campaign, CampaignStatus.DRAFT, _("Phát động"),
        _("Phát động phong trào này? Cán bộ các đơn vị tham gia sẽ nhận thư báo."),
        _("Đã phát động phong trào."), "btn-success",
    ),
    "evaluate": Transition(
        services.start_evaluation, CampaignStatus.LAUNCHED, _("Bắt đầu đánh giá, bình xét"),
        _("Chuyển phong trào sang giai đoạn đánh giá, bình xét?"),
        _("Phong trào đã chuyển sang đánh giá, bình xét."), "btn-primary",
    ),
    "close": Transition(
        services.close_campaign, CampaignStatus.EVALUATING, _("Kết thúc phong trào"),
        _("Kết thúc phong trào này? Sau khi kết thúc không chuyển lại được."),
        _("Đã kết thúc phong trào."), "btn-outline-danger",
    ),
}


class CampaignListView(PermissionRequiredMixin, LenientPaginationMixin, ListView):
    permission_required = "campaign.view_campaign_list"
    template_name = "campaign/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        user = self.request.user
        campaigns = campaign_list(user).order_by("-start_date", "-id")
        self.filterset = CampaignFilter(self.request.GET or None, queryset=campaigns, user=user)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class CampaignDetailView(PermissionRequiredMixin, DetailView):
    """The campaign's page: public once launched (read only), a draft is 404 for all but staff."""

    permission_required = "campaign.view_campaign"
    template_name = "campaign/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return campaign_detail(campaigns_visible_to(self.request.user))

    def get_object(self, queryset=None):
        if not hasattr(self, "_campaign"):
            self._campaign = super().get_object(queryset)
        return self._campaign

    def get_context_data(self, **kwargs):
        actions = [(name, t) for name, t in TRANSITIONS.items() if t.source == self.object.status]
        return super().get_context_data(
            transitions=actions,
            transition_form=TransitionForm(),
            openable_cluster_ids=openable_cluster_ids(self.request.user, self.object),
            **self.progress_context(),
            **kwargs,
        )

    def progress_context(self):
        """The "Tiến độ" section: the campaign's roll-up, its clusters', and each task's (set on the prefetched
        tasks as ``task.progress``). Public figures; links only for those who may follow the campaign."""
        campaign = self.object
        by_task, by_cluster = task_progress(campaign), cluster_progress(campaign)
        for task in campaign.tasks.all():
            task.progress = by_task.get(task.pk)
        return {
            "progress": campaign_progress(campaign),
            "cluster_progress_rows": [(cluster, by_cluster.get(cluster.pk)) for cluster in campaign.clusters.all()],
            "can_follow": self.request.user.has_perm("campaign.follow_campaign", campaign),
        }


class CampaignEditView(StaffCampaignMixin, UpdateView):
    template_name = "campaign/campaign_form.html"
    form_class = CampaignForm

    def get_object(self, queryset=None):
        return self.campaign

    def form_valid(self, form):
        try:
            changed = services.update_campaign(self.campaign, data=form.cleaned_data, by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        message = _("Đã lưu thay đổi.") if changed else _("Không có gì thay đổi.")
        messages.success(self.request, message)
        return redirect("campaign:detail", pk=self.campaign.pk)


class CampaignTransitionView(StaffCampaignMixin, View):
    """POST only: move the campaign on (launch, evaluate, close), with an optional reason."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["reason"]))
        else:
            self._run(transition, form.cleaned_data["reason"])
        return redirect("campaign:detail", pk=self.campaign.pk)

    def _run(self, transition, reason):
        try:
            transition.service(self.campaign, by=self.request.user, reason=reason)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, transition.done)


class CampaignHistoryView(StaffCampaignMixin, TemplateView):
    permission_required = "campaign.view_campaign_history"
    template_name = "campaign/campaign_history.html"

    def get_context_data(self, **kwargs):
        page = campaign_history_page(self.campaign, self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, records=page.object_list, **kwargs)
