"""Reads of campaigns, already scoped to what a user may see."""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from units.history import merged_history_page
from units.models import Cluster, Role, User
from units.rules import is_portal_staff
from units.selectors import clusters_visible_to

from ..models import Campaign, CampaignStatus, LegalRegime, Task


def _visible(user):
    if is_portal_staff(user):
        return Campaign.objects.all()
    return Campaign.objects.filter(status__in=CampaignStatus.visible_to_units())


def campaign_for_pages(user):
    """The campaigns a user may see, without counts or the launch document's text: what a page about something in a
    campaign needs to look the campaign up."""
    return _visible(user).defer("source_text")


def campaigns_visible_to(user):
    return _visible(user).select_related("regime").annotate(task_count=Count("tasks", distinct=True))


def campaign_list(user):
    return campaigns_visible_to(user).annotate(cluster_count=Count("clusters", distinct=True))


def campaign_years(user):
    """The years the campaigns the user sees start in, newest first."""
    return [day.year for day in _visible(user).dates("start_date", "year", order="DESC")]


def campaign_detail(campaigns):
    clusters = Cluster.objects.annotate(member_count=Count("memberships")).order_by("-year", "scope", "kind", "name_sort")
    return campaigns.prefetch_related(
        Prefetch("tasks", queryset=Task.objects.order_by("number")),
        Prefetch("clusters", queryset=clusters),
    )


def openable_cluster_ids(user, campaign):
    """Ids of the campaign's clusters whose page the user may open (one query; none for an anonymous visitor)."""
    if not user.is_authenticated:
        return frozenset()
    visible = clusters_visible_to(user).filter(campaigns=campaign).values_list("id", flat=True)
    return frozenset(visible)


def public_campaigns():
    return Campaign.objects.filter(status__in=CampaignStatus.visible_to_units()).annotate(
        task_count=Count("tasks", distinct=True)
    )


def regime_in_force_on(day):
    """The legal regime in force on ``day``: the latest one already effective, else the earliest one."""
    regimes = LegalRegime.objects.order_by("-effective_from")
    return (day and regimes.filter(effective_from__lte=day).first()) or regimes.last()


def clusters_to_choose(*, query="", year=None):
    clusters = Cluster.objects.annotate(member_count=Count("memberships")).order_by(
        "-year", "scope", "kind", "name_sort", "id"
    )
    if query:
        clusters = clusters.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if year:
        clusters = clusters.filter(year=year)
    return clusters


def officers_to_notify(campaign):
    """Active officers with an e-mail address, of the units in the campaign's participating clusters."""
    return (
        User.objects.filter(
            role=Role.OFFICER, is_active=True, units__memberships__cluster__campaigns=campaign
        )
        .exclude(email="")
        .distinct()
        .order_by("id")
    )


# --- History -----------------------------------------------------------------------------------------------------------


def _task_label(row):
    return _("Nội dung %(number)s: %(title)s") % {"number": row.number, "title": row.short_title}


def campaign_history_page(campaign, number):
    """One page of the recorded changes of the campaign (its clusters too) and its tasks, newest first."""
    sources = {"campaign": Campaign.history.filter(id=campaign.pk), "task": Task.history.filter(campaign_id=campaign.pk)}
    labels = {"campaign": lambda row: _("Phong trào"), "task": _task_label}
    return merged_history_page(sources, number, labels)
