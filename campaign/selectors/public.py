"""Reads of the public pages (no sign-in): campaigns once launched, their figures at a glance and their published
exemplary models. Nothing here returns a draft, a person's contact or an officer's name."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from units.models import Unit

from ..models import (
    Campaign,
    CampaignStatus,
    ExemplaryModel,
    ExemplaryStatus,
    ReviewStatus,
    Task,
)
from .progress import campaign_progress


@dataclass(frozen=True)
class PublicFigures:
    """The campaign at a glance: units taking part and registered, works pledged (accepted) and completed."""

    units_taking_part: int
    units_registered: int
    works_pledged: int
    works_completed: int
    percent: Decimal | None  # the roll-up of the accepted works (selectors.progress), None before any


def public_campaigns():
    """Campaigns open to the public (launched, being evaluated, closed), newest first, with their number of tasks."""
    return (Campaign.objects.filter(status__in=CampaignStatus.visible_to_units())
            .defer("source_text")
            .annotate(task_count=Count("tasks", distinct=True))
            .order_by("-start_date", "-id"))


def public_campaign(pk, *, with_tasks=False):
    """The public campaign ``pk`` (404 for a draft or none), with its tasks in order when asked."""
    campaigns = Campaign.objects.filter(status__in=CampaignStatus.visible_to_units()).defer("source_text")
    if with_tasks:
        campaigns = campaigns.prefetch_related(Prefetch("tasks", queryset=Task.objects.order_by("number")))
    return get_object_or_404(campaigns, pk=pk)


def public_figures(campaign):
    """The campaign's PublicFigures: two aggregate queries (units, then the roll-up of works)."""
    handed_in = Q(registrations__campaign=campaign) & ~Q(registrations__status=ReviewStatus.DRAFT)
    units = (Unit.objects.filter(memberships__cluster__campaigns=campaign)
             .aggregate(taking_part=Count("id", distinct=True),
                        registered=Count("registrations", filter=handed_in, distinct=True)))
    progress = campaign_progress(campaign)
    return PublicFigures(
        units_taking_part=units["taking_part"],
        units_registered=units["registered"],
        works_pledged=progress.work_count if progress else 0,
        works_completed=progress.completed_count if progress else 0,
        percent=progress.percent if progress else None,
    )


def published_models(campaign):
    """The campaign's published exemplary models, newest first, with their task and unit."""
    return (ExemplaryModel.objects.filter(campaign=campaign, status=ExemplaryStatus.PUBLISHED)
            .select_related("task", "unit")
            .defer("story", "created_by")
            .order_by("-published_at", "-id"))


def published_model(campaign, pk):
    """One published exemplary model of the campaign, or 404 (a draft is not found)."""
    models = ExemplaryModel.objects.filter(campaign=campaign, status=ExemplaryStatus.PUBLISHED)
    return get_object_or_404(models.select_related("task", "unit"), pk=pk)
