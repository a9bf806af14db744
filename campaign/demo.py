"""The demo campaign: Lạng Sơn's 2019 special campaign, imported from the copy of its launch document."""

import datetime
from pathlib import Path

from .models import CampaignKind, CampaignStatus
from .services import import_launch_document_file, launch_campaign, set_campaign_clusters

DOCUMENT = Path(__file__).resolve().parent / "data" / "launch-document-2019.txt"
# The document carries no date of its own; the demo assumes the campaign was launched on this day.
START_DATE = datetime.date(2019, 3, 1)


def load_campaign(clusters, *, by):
    """Import (or refresh) the 2019 campaign, bind its clusters and launch it; returns the campaign."""
    result = import_launch_document_file(
        DOCUMENT, start_date=START_DATE, regime_code="A", kind=CampaignKind.SPECIAL, by=by, update_existing=True
    )
    campaign = result.campaign
    if set(campaign.clusters.all()) != set(clusters):
        set_campaign_clusters(campaign, clusters=clusters, by=by)
    if campaign.status == CampaignStatus.DRAFT:
        launch_campaign(campaign, by=by, reason="Phát động theo văn bản của Tỉnh ủy, HĐND, UBND và Ủy ban MTTQ tỉnh")
    return campaign
