"""The public honour roll (bảng vàng) of a campaign: the awards its decisions in force gave. No sign-in; a draft
campaign is not found. Public fields only: name, unit, award, decision."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django_filters.views import FilterView

from campaign.models import Campaign, CampaignStatus
from units.views.base import LenientPaginationMixin

from ..forms.decisions import HonourRollFilter
from ..selectors.honour import honour_roll, honour_roll_awards


class HonourRollView(LenientPaginationMixin, FilterView):
    filterset_class = HonourRollFilter
    template_name = "awards/decisions/honour_roll.html"
    context_object_name = "records"
    paginate_by = settings.PAGE_SIZE

    def dispatch(self, request, *args, **kwargs):
        published = Campaign.objects.filter(status__in=CampaignStatus.visible_to_units())
        self.campaign = get_object_or_404(published, pk=self.kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return honour_roll(self.campaign)

    def get_filterset_kwargs(self, filterset_class):
        awards = honour_roll_awards(honour_roll(self.campaign))
        return {**super().get_filterset_kwargs(filterset_class), "awards": awards}

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)
