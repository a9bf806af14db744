from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
LETTER_2019 = DATA / "launch-document-2019.txt"
PLAN_2025 = DATA / "ke-hoach-mau-2025.txt"


@pytest.fixture
def letter_2019():
    return LETTER_2019.read_text(encoding="utf-8")


@pytest.fixture
def plan_2025():
    return PLAN_2025.read_text(encoding="utf-8")


@pytest.fixture
def launched(cluster_a):
    """A launched campaign with two tasks and cluster_a (led by unit_a, bob's unit) taking part."""
    from portal.tests.factories import CampaignFactory, TaskFactory

    campaign = CampaignFactory(
        title="Phong trào thi đua đặc biệt năm 2019", doc_number="12/KH-UBND", signer_name="Phạm Ngọc Thưởng",
        signer_position="CHỦ TỊCH", recipients="Sở Nội vụ\nLưu: VT",
    )
    TaskFactory(campaign=campaign, number=1, short_title="Phát huy truyền thống", text="Phát huy truyền thống.")
    TaskFactory(campaign=campaign, number=2, short_title="Cải cách hành chính", text="Đẩy mạnh cải cách.\nRút ngắn.")
    campaign.clusters.add(cluster_a)
    return campaign


@pytest.fixture
def draft(db):
    from campaign.models import CampaignStatus
    from portal.tests.factories import CampaignFactory, TaskFactory

    campaign = CampaignFactory(title="Phong trào dự thảo", status=CampaignStatus.DRAFT)
    TaskFactory(campaign=campaign, number=1)
    return campaign


def statuses(role_clients, method, url, data=None):
    """The status each role gets for one request."""
    return {
        role: getattr(client, method)(url, data or {}).status_code for role, client in role_clients.items()
    }
