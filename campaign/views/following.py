"""Following a campaign: the lists of its registrations, pledged works and achievements, and their Excel exports.

Staff and council members see every unit; an officer sees their own units and, when one of them leads a cluster of
the campaign, that cluster's members (``selectors.scope``). An export is the list's whole filtered set, not a page.
"""

import io

from django.conf import settings
from django.http import FileResponse
from django.utils import timezone
from django.views.generic import View
from django_filters.views import FilterMixin, FilterView

from units.views.base import LenientPaginationMixin, PermissionMixin

from .. import exports
from ..filters import AchievementFilter, RegistrationFilter, WorkFilter
from ..models import WorkStatus
from ..selectors.following import (
    achievement_export_rows,
    followed_achievements,
    followed_registrations,
    followed_works,
    registration_export_rows,
    with_evidence_counts,
    with_latest_reports,
    with_unit_counts,
    work_export_rows,
)
from .common import CampaignMixin


class FollowingMixin(CampaignMixin, PermissionMixin, FilterMixin):
    """A list of the campaign (a draft is 404 for all but staff) scoped to the units the user follows, filtered by
    ``filterset_class``; subclasses name the ``selector`` that reads it."""

    permission_required = "campaign.follow_campaign"
    selector = None

    def get_permission_object(self):
        return self.campaign

    def get_queryset(self):
        return type(self).selector(self.request.user, self.campaign)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        return {**kwargs, "campaign": self.campaign, "user": self.request.user}


class FollowingListView(FollowingMixin, LenientPaginationMixin, FilterView):
    """One page of the list; ``page_figures`` adds the per-row figures read for that page only."""

    paginate_by = settings.PAGE_SIZE
    export_url_name = ""
    page_figures = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(export_url_name=self.export_url_name, **kwargs)
        context[self.context_object_name] = type(self).page_figures(context[self.context_object_name], self.campaign)
        return context


class FollowingExportView(FollowingMixin, View):
    """The list's filtered set as an .xlsx attachment, built in memory. Filters the list would refuse (an unknown
    cluster…) give what the list shows: no rows."""

    rows = None
    workbook = None
    file_prefix = ""

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        items = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
        now = timezone.now()
        data = type(self).workbook(
            type(self).rows(items, self.campaign), campaign_title=self.campaign.title, exported_at=now,
            filters=filterset.summary(),
        )
        name = f"{self.file_prefix}-{self.campaign.pk}-{timezone.localtime(now):%Y%m%d}.xlsx"
        return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=exports.CONTENT_TYPE)


class RegistrationListView(FollowingListView):
    filterset_class = RegistrationFilter
    selector = followed_registrations
    template_name = "campaign/following/registration_list.html"
    context_object_name = "registrations"
    export_url_name = "campaign:registration_export"
    page_figures = with_unit_counts


class RegistrationExportView(FollowingExportView):
    filterset_class = RegistrationFilter
    selector = followed_registrations
    rows = registration_export_rows
    workbook = exports.registrations_workbook
    file_prefix = "dang-ky"


class WorkListView(FollowingListView):
    filterset_class = WorkFilter
    selector = followed_works
    template_name = "campaign/following/work_list.html"
    context_object_name = "works"
    export_url_name = "campaign:work_export"
    page_figures = with_latest_reports

    def get_context_data(self, **kwargs):
        # Progress means something once the work is accepted; before, the page says there is none yet.
        return super().get_context_data(pledged_statuses=WorkStatus.pledged(), **kwargs)


class WorkExportView(FollowingExportView):
    filterset_class = WorkFilter
    selector = followed_works
    rows = work_export_rows
    workbook = exports.works_workbook
    file_prefix = "cong-trinh"


class AchievementListView(FollowingListView):
    filterset_class = AchievementFilter
    selector = followed_achievements
    template_name = "campaign/following/achievement_list.html"
    context_object_name = "achievements"
    export_url_name = "campaign:achievement_export"
    page_figures = with_evidence_counts


class AchievementExportView(FollowingExportView):
    filterset_class = AchievementFilter
    selector = followed_achievements
    rows = achievement_export_rows
    workbook = exports.achievements_workbook
    file_prefix = "thanh-tich"
