"""Who may do what with campaigns, their tasks, and what units register, pledge and report in them.

Objects of the pledge rules carry ``campaign`` and ``unit_id``: a Registration, a PledgedWork, an Achievement, or a
``UnitInCampaign`` (a unit's page in a campaign, or the unit for which something is being created).
"""

from dataclasses import dataclass

import rules

from units.models import Unit
from units.rules import is_council_member, is_officer, is_portal_staff, officer_unit_ids
from units.selectors import clusters_visible_to

from .models import Campaign, CampaignStatus, ClusterPact, ProgressReport
from .selectors.evidence import accepts_evidence
from .selectors.scope import crosschecked_unit_ids, followed_unit_ids, led_cluster_ids, reviewed_unit_ids


@dataclass(frozen=True)
class UnitInCampaign:
    campaign: Campaign
    unit: Unit

    @property
    def unit_id(self):
        return self.unit.pk


def _campaign_of(obj):
    return obj if isinstance(obj, Campaign) else obj.campaign


@rules.predicate
def is_published(user, obj):
    return obj is not None and _campaign_of(obj).status in CampaignStatus.visible_to_units()


@rules.predicate
def is_open_for_units(user, obj):
    """Units register, pledge and report while the campaign runs or is being evaluated; a closed one is read only."""
    return obj is not None and _campaign_of(obj).status in (CampaignStatus.LAUNCHED, CampaignStatus.EVALUATING)


@rules.predicate
def is_own_unit(user, obj):
    return obj is not None and obj.unit_id in officer_unit_ids(user)


def _unit_among(scope, name):
    """A predicate: the object's unit is among ``scope(user, campaign)``, where None means every unit."""

    def predicate(user, obj):
        if obj is None:
            return False
        ids = scope(user, obj.campaign)
        return ids is None or obj.unit_id in ids

    return rules.predicate(predicate, name=name)


follows_unit = _unit_among(followed_unit_ids, "follows_unit")
reviews_unit = _unit_among(reviewed_unit_ids, "reviews_unit")
# A Scorecard: the user's unit leads the provincial cụm it belongs to (never its own unit).
crosschecks_unit = _unit_among(crosschecked_unit_ids, "crosschecks_unit")


@rules.predicate
def leads_cluster(user, pact):
    """``pact`` is a ClusterPact (saved or not): the user's unit leads its cluster in the campaign."""
    return pact is not None and pact.cluster_id in led_cluster_ids(user, pact.campaign)


is_signed_in = is_portal_staff | is_officer | is_council_member

rules.add_perm("campaign.view_campaign_list", is_signed_in)
# A launched (evaluating, closed) campaign's page is public, read only; a draft is for staff.
rules.add_perm("campaign.view_campaign", is_portal_staff | is_published)
rules.add_perm("campaign.manage_campaigns", is_portal_staff)
rules.add_perm("campaign.view_campaign_history", is_portal_staff)
# The dashboard of a campaign (figures per cluster and task, units behind): Sở Nội vụ's staff only.
rules.add_perm("campaign.view_dashboard", is_portal_staff)

# Following: lists of registrations, works and achievements of a campaign (scoped by selectors.scope), a task's page.
rules.add_perm("campaign.follow_campaign", is_portal_staff | ((is_officer | is_council_member) & is_published))
# A unit's registration, works, reports, achievements, its page in the campaign, their evidence and history.
rules.add_perm("campaign.view_pledges", is_portal_staff | ((is_council_member | (is_officer & follows_unit)) & is_published))
# The unit's own officers create and change what it hands in (services guard the states).
rules.add_perm("campaign.edit_pledges", is_officer & is_own_unit & is_open_for_units)
# Staff, or the leader of the unit's provincial cluster, accept or return what the unit handed in.
rules.add_perm("campaign.review_pledges", is_portal_staff | (is_officer & reviews_unit & is_open_for_units))
# Only staff confirm that a work is complete.
rules.add_perm("campaign.verify_works", is_portal_staff)
# Staff set a campaign's deadlines.
rules.add_perm("campaign.set_deadlines", is_portal_staff)
# A cluster's pact: staff and the leader's officers write it; whoever may see the cluster reads it.
rules.add_perm("campaign.manage_pact", (is_portal_staff | (is_officer & leads_cluster)) & is_open_for_units)


# --- Evidence files -----------------------------------------------------------------------------------------------
# A file follows what it belongs to: a registration or an achievement; a progress report's work; a cluster's pact.


def _pledge_of(owner):
    return owner.work if isinstance(owner, ProgressReport) else owner


@rules.predicate
def may_see_evidence_owner(user, evidence):
    if evidence is None:
        return False
    if evidence.pact_id:
        pact = evidence.pact
        return is_portal_staff(user) or (
            is_published(user, pact) and clusters_visible_to(user).filter(pk=pact.cluster_id).exists()
        )
    return user.has_perm("campaign.view_pledges", _pledge_of(evidence.owner))


@rules.predicate
def is_removed(user, evidence):
    return evidence is not None and evidence.removed_at is not None


def _may_change_files_of(user, owner):
    if isinstance(owner, ClusterPact):
        return user.has_perm("campaign.manage_pact", owner)
    return accepts_evidence(owner) and user.has_perm("campaign.edit_pledges", _pledge_of(owner))


@rules.predicate
def may_change_files_of(user, owner):
    """``owner`` is a Registration, ClusterPact, ProgressReport or Achievement."""
    return owner is not None and _may_change_files_of(user, owner)


@rules.predicate
def may_change_files_of_owner(user, evidence):
    return evidence is not None and _may_change_files_of(user, evidence.owner)


# Download a file or see its thumbnail: whoever may see its owner; a removed file, staff only.
rules.add_perm("campaign.view_evidence", may_see_evidence_owner & (is_portal_staff | ~is_removed))
# Upload files to an owner (the object), remove one (the file): its editors, while the owner takes changes.
rules.add_perm("campaign.add_evidence", may_change_files_of)
rules.add_perm("campaign.remove_evidence", ~is_removed & may_change_files_of_owner)

# --- Scorecards (issue 4) -----------------------------------------------------------------------------------------
# Objects are Scorecards (campaign, unit_id). The unit's officers fill, submit and answer with ``edit_pledges``.
# Staff cross-check every scorecard (blocks, the inter-provincial cluster); the leader of a provincial cluster
# cross-checks the other members' (crosschecks_unit), never its own; a khối's leader does not (staff do).
rules.add_perm("campaign.crosscheck_scorecards", is_portal_staff | (is_officer & crosschecks_unit & is_open_for_units))
# Only staff confirm and lock a scorecard, and reopen a locked one.
rules.add_perm("campaign.lock_scorecards", is_portal_staff)

# --- Ranking (issue 4) --------------------------------------------------------------------------------------------
# Staff start the recomputation of totals and rankings. The cluster's acclaim (suy tôn): staff or the leader's
# officers record it (the object: an Acclaim, saved or not, with ``campaign`` and ``cluster_id``) while the campaign
# is open; whoever may see the cluster reads its ranking (follow_campaign, the cluster from a scoped queryset).
rules.add_perm("campaign.recompute_ranking", is_portal_staff)
rules.add_perm("campaign.record_acclaim", (is_portal_staff | (is_officer & leads_cluster)) & is_open_for_units)

# --- Public pages and exemplary models (issue 8) ------------------------------------------------------------------
# The public pages need no sign-in: their views look objects up among what is published (a draft is 404), so the
# rule itself lets everyone in. Staff write and publish the exemplary models.
rules.add_perm("campaign.view_public_pages", rules.always_allow)
rules.add_perm("campaign.manage_exemplary", is_portal_staff)

# --- Reports (issue 8) --------------------------------------------------------------------------------------------
# The campaign's summary report (báo cáo tổng kết): staff. A cluster's report (the object: a ClusterInCampaign, or
# anything with ``campaign`` and ``cluster_id``): staff, or the officers of the cluster's leader unit.


@dataclass(frozen=True)
class ClusterInCampaign:
    campaign: Campaign
    cluster: object

    @property
    def cluster_id(self):
        return self.cluster.pk


rules.add_perm("campaign.view_summary_report", is_portal_staff)
rules.add_perm("campaign.view_cluster_report", is_portal_staff | (is_officer & is_published & leads_cluster))
