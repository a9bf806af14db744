"""Reads of units and clusters, already scoped to what a user may see."""

from django.db.models import Count, Prefetch, Q

from .models import Cluster, ClusterMembership, Unit
from .rules import is_council_member, is_portal_staff, officer_unit_ids


def with_predecessor_ids(unit_ids):
    """The given unit ids plus, transitively, the ids of every unit merged into one of them."""
    found = set(unit_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Unit.objects.filter(merged_into_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def units_visible_to(user):
    units = Unit.objects.select_related("parent", "merged_into")
    if is_portal_staff(user) or is_council_member(user):
        return units
    return units.filter(id__in=officer_unit_ids(user))


def clusters_visible_to(user):
    clusters = Cluster.objects.annotate(member_count=Count("memberships", distinct=True))
    if is_portal_staff(user) or is_council_member(user):
        return clusters
    return clusters.filter(memberships__unit_id__in=officer_unit_ids(user)).distinct()


def cluster_with_members(cluster_qs):
    members = ClusterMembership.objects.select_related("unit").order_by("role", "unit__name_sort")
    return cluster_qs.prefetch_related(Prefetch("memberships", queryset=members))


def units_for_successor(unit):
    """The unit and every unit merged into it, to show what they did under the successor."""
    return Unit.objects.filter(id__in=with_predecessor_ids([unit.pk]))


def membership_summary(unit):
    return (
        ClusterMembership.objects.filter(Q(unit=unit))
        .select_related("cluster")
        .order_by("-cluster__year", "cluster__name_sort")
    )
