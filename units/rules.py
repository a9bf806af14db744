"""Who may do what with units, clusters and accounts."""

import rules

from .models import Role


def officer_unit_ids(user):
    """Ids of the units the user is an officer of, and of every unit merged into them; cached on the user."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.OFFICER:
        return frozenset()
    cached = getattr(user, "_officer_unit_ids", None)
    if cached is None:
        from .selectors import with_predecessor_ids

        cached = frozenset(with_predecessor_ids(user.units.values_list("id", flat=True)))
        user._officer_unit_ids = cached
    return cached


@rules.predicate
def is_portal_staff(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.STAFF)


@rules.predicate
def is_officer(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.OFFICER)


@rules.predicate
def is_council_member(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.COUNCIL)


@rules.predicate
def is_officer_of_unit(user, unit):
    return unit is not None and unit.pk in officer_unit_ids(user)


@rules.predicate
def is_officer_in_cluster(user, cluster):
    if cluster is None:
        return False
    ids = officer_unit_ids(user)
    return bool(ids) and cluster.memberships.filter(unit_id__in=ids).exists()


is_signed_in = is_portal_staff | is_officer | is_council_member

rules.add_perm("units.view_unit_list", is_signed_in)
rules.add_perm("units.view_unit", is_portal_staff | is_council_member | (is_officer & is_officer_of_unit))
rules.add_perm("units.manage_units", is_portal_staff)
rules.add_perm("units.view_cluster_list", is_signed_in)
rules.add_perm("units.view_cluster", is_portal_staff | is_council_member | (is_officer & is_officer_in_cluster))
rules.add_perm("units.manage_clusters", is_portal_staff)
rules.add_perm("units.manage_accounts", is_portal_staff)
rules.add_perm("units.view_history", is_portal_staff)
rules.add_perm("units.view_activity", is_portal_staff)
# The e-mail outbox (sent, queued, failed) is read by staff; each person reads their own notices.
rules.add_perm("units.view_outbox", is_portal_staff)
rules.add_perm("units.view_notifications", is_signed_in)
rules.add_perm("portal.staff_home", is_portal_staff)
rules.add_perm("portal.officer_home", is_officer)
rules.add_perm("portal.council_home", is_council_member)
