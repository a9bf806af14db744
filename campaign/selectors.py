"""Reads of campaigns, already scoped to what a user may see."""

from django.db.models import Count, Prefetch

from units.models import Cluster
from units.rules import is_portal_staff

from .models import Campaign, CampaignStatus, Task


def campaigns_visible_to(user):
    campaigns = Campaign.objects.select_related("regime").annotate(task_count=Count("tasks", distinct=True))
    if is_portal_staff(user):
        return campaigns
    return campaigns.filter(status__in=CampaignStatus.visible_to_units())


def campaign_detail(campaigns):
    clusters = Cluster.objects.annotate(member_count=Count("memberships")).order_by("scope", "kind", "name_sort")
    return campaigns.prefetch_related(
        Prefetch("tasks", queryset=Task.objects.order_by("number")),
        Prefetch("clusters", queryset=clusters),
    )


def public_campaigns():
    return Campaign.objects.filter(status__in=CampaignStatus.visible_to_units()).annotate(
        task_count=Count("tasks", distinct=True)
    )
