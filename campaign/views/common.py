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


class LenientPaginationMixin:
    """A list whose bad page number (``abc``, ``0``, past the end) shows the nearest valid page instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        number = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        page = paginator.get_page(paginator.num_pages if number == "last" else number)
        return paginator, page, page.object_list, page.has_other_pages()
