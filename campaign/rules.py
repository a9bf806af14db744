"""Who may do what with campaigns, their tasks, and what units register, pledge and report in them.

Objects of the pledge rules carry ``campaign`` and ``unit_id``: a Registration, a PledgedWork, an Achievement, or a
``UnitInCampaign`` (a unit's page in a campaign, or the unit for which something is being created).
"""

from dataclasses import dataclass

import rules

from units.models import Unit
from units.rules import is_council_member, is_officer, is_portal_staff, officer_unit_ids

from .models import Campaign, CampaignStatus
from .selectors.scope import followed_unit_ids, led_cluster_ids, reviewed_unit_ids


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


@rules.predicate
def follows_unit(user, obj):
    if obj is None:
        return False
    ids = followed_unit_ids(user, obj.campaign)
    return ids is None or obj.unit_id in ids


@rules.predicate
def reviews_unit(user, obj):
    if obj is None:
        return False
    ids = reviewed_unit_ids(user, obj.campaign)
    return ids is None or obj.unit_id in ids


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
rules.add_perm("campaign.manage_pact", is_portal_staff | (is_officer & leads_cluster & is_open_for_units))
