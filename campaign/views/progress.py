"""A unit's page in a campaign (its registration, works, reports, achievements and roll-up) and a task's page (what
every followed unit pledged under it)."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from units.models import Cluster
from units.views.base import PermissionMixin

from ..models import Scorecard
from ..rules import UnitInCampaign
from ..selectors.progress import (
    paginate,
    task_clusters,
    task_progress,
    task_unit_rows,
    task_units,
    unit_achievements,
    unit_progress,
    unit_registration,
    unit_reports,
    unit_works,
)
from .common import CampaignMixin
from .pledge_base import UnitInCampaignMixin

WORKS_PAGE = "cong_trinh"
ACHIEVEMENTS_PAGE = "thanh_tich"


class UnitProgressView(UnitInCampaignMixin, TemplateView):
    """The unit's roll-up, registration, works, latest reports and achievements; its officers' buttons."""

    permission_required = "campaign.view_pledges"
    template_name = "campaign/progress/unit_progress.html"

    def scorecard_context(self):
        """The unit's scorecard in the campaign (or None) and whether the user may open it."""
        scorecard = Scorecard.objects.filter(campaign=self.campaign, unit=self.unit).first()
        if scorecard is not None:
            scorecard.campaign = self.campaign
        may_view = scorecard is not None and self.request.user.has_perm("campaign.view_pledges", scorecard)
        return {"scorecard": scorecard, "can_view_scorecard": may_view}

    def get_context_data(self, **kwargs):
        campaign, unit, query = self.campaign, self.unit, self.request.GET
        return super().get_context_data(
            progress=unit_progress(campaign, [unit.pk]).get(unit.pk),
            registration=unit_registration(campaign, unit),
            works_page=paginate(unit_works(campaign, unit), query.get(WORKS_PAGE)),
            reports=unit_reports(campaign, unit),
            achievements_page=paginate(unit_achievements(campaign, unit), query.get(ACHIEVEMENTS_PAGE)),
            works_param=WORKS_PAGE,
            achievements_param=ACHIEVEMENTS_PAGE,
            can_edit=self.request.user.has_perm("campaign.edit_pledges", UnitInCampaign(campaign, unit)),
            **self.scorecard_context(),
            **kwargs,
        )


class TaskUnitFilterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cụm, khối"), queryset=Cluster.objects.none(), required=False, empty_label=_("Tất cả cụm, khối"),
        error_messages={"invalid_choice": _("Hãy chọn một cụm, khối trong danh sách.")},
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class TaskDetailView(CampaignMixin, PermissionMixin, TemplateView):
    """The task's text and roll-up; per followed unit (50 a page, filtered by cluster), its commitments under the
    task and its works serving it."""

    permission_required = "campaign.follow_campaign"
    template_name = "campaign/progress/task_detail.html"

    def get_permission_object(self):
        return self.campaign

    @cached_property
    def task(self):
        return get_object_or_404(self.campaign.tasks.all(), pk=self.kwargs["task_pk"])

    def get_context_data(self, **kwargs):
        user, campaign, task = self.request.user, self.campaign, self.task
        form = TaskUnitFilterForm(self.request.GET or None, clusters=task_clusters(user, campaign))
        cluster = form.cleaned_data["cluster"] if form.is_valid() else None
        page = paginate(task_units(user, campaign, cluster), self.request.GET.get("page"))
        return super().get_context_data(
            task=task,
            progress=task_progress(campaign, [task.pk]).get(task.pk),
            filter_form=form,
            page_obj=page,
            rows=task_unit_rows(campaign, task, page.object_list),
            **kwargs,
        )
