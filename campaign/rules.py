"""Who may do what with campaigns and their tasks."""

import rules

from units.rules import is_council_member, is_officer, is_portal_staff

from .models import CampaignStatus


@rules.predicate
def is_published(user, campaign):
    return campaign is not None and campaign.status in CampaignStatus.visible_to_units()


rules.add_perm("campaign.view_campaign_list", is_portal_staff | is_officer | is_council_member)
# A launched (evaluating, closed) campaign's page is public, read only; a draft is for staff.
rules.add_perm("campaign.view_campaign", is_portal_staff | is_published)
rules.add_perm("campaign.manage_campaigns", is_portal_staff)
rules.add_perm("campaign.view_campaign_history", is_portal_staff)
