"""Reads of registrations (đăng ký thi đua) and cluster pacts (giao ước thi đua): the detail pages, their history,
the pact of a cluster and the defaults of a new one."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from units.history import merged_history_page
from units.models import ClusterMembership, MemberRole, Unit
from units.selectors import clusters_visible_to

from ..models import ClusterPact, Commitment, Evidence, Registration, Task
from .evidence import evidence_label, prefetch_shown_evidence

# --- Registrations ----------------------------------------------------------------------------------------------------


def registration_detail(registrations):
    """``registrations`` with their commitments (task first) and shown evidence, for the detail page."""
    commitments = Commitment.objects.select_related("task").order_by("task__number", "id")
    return registrations.prefetch_related(Prefetch("commitments", queryset=commitments), prefetch_shown_evidence())


def registration_of(campaign, unit):
    """The unit's registration for the campaign, or None."""
    return Registration.objects.filter(campaign=campaign, unit=unit).first()


def registration_history_page(registration, number):
    """One page of the recorded changes of the registration, its commitments and its evidence, newest first."""
    numbers = dict(Task.objects.filter(campaign_id=registration.campaign_id).values_list("id", "number"))

    def commitment_label(row):
        number = numbers.get(row.task_id, "?")
        return _("Chỉ tiêu (nội dung %(number)s): %(target)s") % {"number": number, "target": row.target}

    sources = {
        "registration": Registration.history.filter(id=registration.pk),
        "commitment": Commitment.history.filter(registration_id=registration.pk),
        "evidence": Evidence.history.filter(registration_id=registration.pk),
    }
    labels = {
        "registration": lambda row: _("Đăng ký thi đua"),
        "commitment": commitment_label,
        "evidence": evidence_label,
    }
    return merged_history_page(sources, number, labels)


# --- Cluster pacts ----------------------------------------------------------------------------------------------------


def campaign_clusters_visible_to(user, campaign):
    """The campaign's clusters whose pact the user may open: those whose page they may see."""
    return clusters_visible_to(user).filter(campaigns=campaign)


def pact_for(campaign, cluster):
    """The cluster's pact for the campaign with its signers and shown evidence, or None."""
    signatories = Unit.objects.order_by("name_sort", "id")
    return (
        ClusterPact.objects.filter(campaign=campaign, cluster=cluster)
        .select_related("campaign", "cluster", "leader", "deputy")
        .prefetch_related(Prefetch("signatories", queryset=signatories), prefetch_shown_evidence())
        .first()
    )


def cluster_members(cluster):
    """The member units of the cluster, in Vietnamese order: who may sign its pact."""
    return Unit.objects.filter(memberships__cluster=cluster).order_by("name_sort", "id")


def pact_defaults(cluster):
    """What a new pact proposes: the leader and deputy of the cluster's membership, every member signing."""
    roles = {}
    memberships = ClusterMembership.objects.filter(cluster=cluster, role__in=[MemberRole.LEADER, MemberRole.DEPUTY])
    for role, unit_id in memberships.order_by("id").values_list("role", "unit_id"):
        roles.setdefault(role, unit_id)  # a cluster with two deputies proposes the first
    return {
        "leader": roles.get(MemberRole.LEADER),
        "deputy": roles.get(MemberRole.DEPUTY),
        "signatories": list(cluster_members(cluster).values_list("id", flat=True)),
    }


def pact_history_page(pact, number):
    """One page of the recorded changes of the pact (its signatories too) and its evidence, newest first."""
    sources = {
        "pact": ClusterPact.history.filter(id=pact.pk),
        "evidence": Evidence.history.filter(pact_id=pact.pk),
    }
    labels = {
        "pact": lambda row: _("Giao ước thi đua"),
        "evidence": evidence_label,
    }
    return merged_history_page(sources, number, labels)
