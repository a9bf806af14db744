"""What the campaign screens share: how the campaign of the URL is found, for whom."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from ..selectors import campaigns_visible_to


class StaffCampaignMixin(PermissionRequiredMixin):
    """A staff screen about the campaign ``pk``: others are refused before the campaign is looked up."""

    permission_required = "campaign.manage_campaigns"

    def get_permission_object(self):
        return None

    @cached_property
    def campaign(self):
        return get_object_or_404(campaigns_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)
