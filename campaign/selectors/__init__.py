"""Reads, already scoped to what a user may see: campaigns (``campaigns``), registrations, pacts, works and
achievements (``pledges``), the roll-up of progress (``progress``)."""

from .campaigns import (  # noqa: F401
    campaign_detail,
    campaign_for_pages,
    campaign_history_page,
    campaign_list,
    campaign_years,
    campaigns_visible_to,
    clusters_to_choose,
    officers_to_notify,
    openable_cluster_ids,
    public_campaigns,
    regime_in_force_on,
)
