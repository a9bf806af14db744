"""Reads of units and clusters, already scoped to what a user may see."""

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, IntegerField, Prefetch, Q, Value, When

from .models import Cluster, ClusterMembership, MemberRole, Notification, OutboxEmail, Role, Unit, User
from .rules import is_council_member, is_portal_staff, officer_unit_ids

# Leader first, then deputy, then members.
ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(MemberRole)),
    output_field=IntegerField(),
)


def with_predecessor_ids(unit_ids):
    """The given unit ids plus, transitively, the ids of every unit merged into one of them."""
    found = set(unit_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Unit.objects.filter(merged_into_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def units_matching(units, text):
    """Those of ``units`` whose code is ``text`` or whose name contains it (marks and case ignored)."""
    from .vietnamese import fold

    text = (text or "").strip()
    return units.filter(Q(code__iexact=text) | Q(name_search__contains=fold(text)))


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
    members = ClusterMembership.objects.select_related("unit").order_by(ROLE_RANK, "unit__name_sort")
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


def lineage_memberships(unit):
    """Cluster memberships of the unit and of every unit merged into it, newest year first."""
    return (
        ClusterMembership.objects.filter(unit_id__in=with_predecessor_ids([unit.pk]))
        .select_related("cluster", "unit")
        .order_by("-cluster__year", "cluster__name_sort", ROLE_RANK)
    )


def predecessors_of(unit):
    """Every unit merged into this one, directly or through another merged unit."""
    predecessors = units_for_successor(unit).exclude(pk=unit.pk).select_related("merged_into")
    return predecessors.order_by("merged_on", "name_sort")


def descendant_ids(unit):
    """Ids of the unit's children, their children and so on."""
    found, frontier = set(), {unit.pk}
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def users_visible_to(user):
    """Staff see every account but a superuser's (which only a superuser may touch); anyone else only their own."""
    users = User.objects.all()
    if is_portal_staff(user):
        return users if user.is_superuser else users.filter(is_superuser=False)
    return users.filter(pk=user.pk) if getattr(user, "is_authenticated", False) else users.none()


def officers_of(unit):
    return unit.officers.filter(role=Role.OFFICER).order_by("-is_active", "name_sort", "username")


# --- Notices and the outbox (issue 8) -------------------------------------------------------------------------------


def outbox_list():
    """Every e-mail of the outbox, newest first, with its recipient's account (staff read it all)."""
    return OutboxEmail.objects.select_related("user").order_by("-created_at", "-id")


def outbox_kinds():
    """The kinds of e-mail the outbox holds, for its filter."""
    return list(OutboxEmail.objects.order_by("kind").values_list("kind", flat=True).distinct())


def notices_of(user):
    """The user's own notices: unread first, then newest first."""
    unread_first = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return Notification.objects.filter(user=user).order_by(unread_first.desc(), "-created_at", "-id")
