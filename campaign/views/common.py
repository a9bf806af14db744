"""What the campaign screens share: how the campaign of the URL is found, for whom."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from ..selectors import campaign_for_pages


class CampaignMixin:
    """The campaign of the URL's ``pk``, among those the user may see (a draft is 404 for all but staff)."""

    @cached_property
    def campaign(self):
        return get_object_or_404(campaign_for_pages(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)


class StaffCampaignMixin(CampaignMixin, PermissionRequiredMixin):
    """A staff screen about the campaign ``pk``: others are refused before the campaign is looked up."""

    permission_required = "campaign.manage_campaigns"

    def get_permission_object(self):
        return None
