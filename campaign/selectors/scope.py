"""Whose registrations, works and achievements a person follows in a campaign, and whose they may review.

Staff and council members follow every unit; an officer follows their own units and, when one of them leads a
cluster of the campaign, every member of that cluster. Staff review everything; an officer of the leader of a
provincial cluster reviews the other members of that cluster (domain.md §3: "staff or the cluster leader accept or
return them"). Results are cached on the user object, per campaign, for the length of a request.
"""

from units.models import ClusterKind, ClusterMembership, ClusterScope, MemberRole, Unit
from units.rules import is_council_member, is_officer, is_portal_staff, officer_unit_ids

from ..models import CampaignStatus


def participant_unit_ids(campaign):
    """Ids of the units of the campaign's participating clusters: who may register and pledge."""
    return ClusterMembership.objects.filter(cluster__campaigns=campaign).values_list("unit_id", flat=True)


def participates(unit, campaign):
    return ClusterMembership.objects.filter(cluster__campaigns=campaign, unit=unit).exists()


def _cached(user, name, campaign, compute):
    # getattr/setattr, not __dict__: on request.user (a lazy wrapper) they reach the real user object, which is
    # what permission checks receive, so views and rules share one cache.
    cache = getattr(user, f"_{name}", None)
    if cache is None:
        cache = {}
        setattr(user, f"_{name}", cache)
    if campaign.pk not in cache:
        cache[campaign.pk] = compute()
    return cache[campaign.pk]


def led_cluster_ids(user, campaign, *, provincial_only=False, cum_only=False):
    """Ids of the campaign's clusters led by one of the user's units (``provincial_only``: of provincial scope;
    ``cum_only``: of kind cụm, not khối)."""
    own = officer_unit_ids(user)
    if not own:
        return frozenset()

    def compute():
        leading = ClusterMembership.objects.filter(
            cluster__campaigns=campaign, role=MemberRole.LEADER, unit_id__in=own
        ).values_list("cluster_id", "cluster__scope", "cluster__kind")
        return tuple(leading)

    rows = _cached(user, "led_clusters", campaign, compute)
    return frozenset(
        cluster for cluster, scope, kind in rows
        if (not provincial_only or scope == ClusterScope.PROVINCIAL) and (not cum_only or kind == ClusterKind.CUM)
    )


def _members_of(cluster_ids):
    return frozenset(ClusterMembership.objects.filter(cluster_id__in=cluster_ids).values_list("unit_id", flat=True))


def followed_unit_ids(user, campaign):
    """None when the user follows every unit (staff, council); else the ids of the units they follow."""
    if is_portal_staff(user) or is_council_member(user):
        return None
    if not is_officer(user) or campaign.status not in CampaignStatus.visible_to_units():
        return frozenset()
    own = officer_unit_ids(user)
    return _cached(user, "followed_units", campaign, lambda: own | _members_of(led_cluster_ids(user, campaign)))


def reviewed_unit_ids(user, campaign):
    """None when the user reviews every unit (staff); else the ids of the units whose submissions they review."""
    if is_portal_staff(user):
        return None
    if not is_officer(user) or campaign.status not in CampaignStatus.visible_to_units():
        return frozenset()
    own = officer_unit_ids(user)

    def compute():
        return _members_of(led_cluster_ids(user, campaign, provincial_only=True)) - own

    return _cached(user, "reviewed_units", campaign, compute)


def crosschecked_unit_ids(user, campaign):
    """None when the user cross-checks every scorecard (staff); else the ids of the units whose scorecards they
    propose adjusted points for: the other members of the provincial cụm (not khối) their unit leads. Staff
    cross-check blocks and the inter-provincial cluster."""
    if is_portal_staff(user):
        return None
    if not is_officer(user) or campaign.status not in CampaignStatus.visible_to_units():
        return frozenset()
    own = officer_unit_ids(user)

    def compute():
        return _members_of(led_cluster_ids(user, campaign, provincial_only=True, cum_only=True)) - own

    return _cached(user, "crosschecked_units", campaign, compute)


def scoped(queryset, user, campaign, field="unit_id"):
    """The rows of ``queryset`` (already of this campaign) about units the user follows."""
    ids = followed_unit_ids(user, campaign)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def followed_units(user, campaign):
    """The participating units the user follows, in Vietnamese order."""
    units = Unit.objects.filter(id__in=participant_unit_ids(campaign))
    return scoped(units, user, campaign, field="id").order_by("name_sort", "id")
