import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.models import CampaignKind, CampaignStatus
from portal.tests.factories import CampaignFactory, ClusterFactory, TaskFactory

from .conftest import statuses

URL = reverse("campaign:list")


def titles(response):
    return [campaign.title for campaign in response.context["campaigns"]]


def test_campaign_list_access_by_role(role_clients, launched):
    assert statuses(role_clients, "get", URL) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302,
    }


def test_campaign_list_hides_drafts_from_all_but_staff(role_clients, launched, draft):
    assert titles(role_clients["staff"].get(URL)) == ["Phong trào dự thảo", "Phong trào thi đua đặc biệt năm 2019"]
    for role in ("officer", "other_officer", "council"):
        assert titles(role_clients[role].get(URL)) == ["Phong trào thi đua đặc biệt năm 2019"]


def test_campaign_list_shows_counts(role_clients, launched):
    response = role_clients["officer"].get(URL)
    row = response.context["campaigns"][0]
    assert (row.task_count, row.cluster_count) == (2, 1)
    assert "01/03/2019 – 04/10/2019" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "nông thôn"}, ["Chung sức xây dựng nông thôn mới"]),
        ({"q": "chuyển đổi số"}, ["Thi đua cải cách"]),
        ({"status": "closed"}, ["Chung sức xây dựng nông thôn mới"]),
        ({"kind": "thematic"}, ["Thi đua cải cách"]),
        ({"year": "2025"}, ["Thi đua cải cách"]),
    ],
)
def test_campaign_list_search_and_filters(role_clients, query, expected):
    CampaignFactory(title="Chung sức xây dựng nông thôn mới", status=CampaignStatus.CLOSED)
    CampaignFactory(
        title="Thi đua cải cách", theme="Đẩy mạnh chuyển đổi số", kind=CampaignKind.THEMATIC,
        start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2025, 12, 31),
    )
    assert titles(role_clients["staff"].get(URL, query)) == expected


def test_campaign_list_empty_states(role_clients, db):
    assert "Chưa có phong trào thi đua nào. Hãy tạo phong trào đầu tiên" in role_clients["staff"].get(URL).content.decode()
    assert "Chưa có phong trào thi đua nào được phát động." in role_clients["officer"].get(URL).content.decode()
    response = role_clients["staff"].get(URL, {"q": "không có"})
    assert "Không có phong trào nào khớp với điều kiện tìm kiếm." in response.content.decode()


def test_campaign_list_paginates(role_clients):
    CampaignFactory.create_batch(51)
    response = role_clients["staff"].get(URL, {"page": 2})
    assert (len(response.context["campaigns"]), response.context["page_obj"].paginator.count) == (1, 51)


def add_campaigns(count):
    for _ in range(count):
        campaign = CampaignFactory()
        TaskFactory.create_batch(3, campaign=campaign)
        campaign.clusters.add(ClusterFactory(), ClusterFactory())


@pytest.mark.parametrize("role", ["staff", "officer"])
def test_campaign_list_query_count_does_not_grow(role_clients, django_assert_num_queries, role):
    client = role_clients[role]
    add_campaigns(1)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(URL).status_code == 200
    add_campaigns(9)
    with django_assert_num_queries(len(one_row)):
        assert len(client.get(URL).context["campaigns"]) == 10


@pytest.mark.parametrize(("query", "expected"), [("\x00", 2), ("\x00nông\x00thôn", 1)])
def test_campaign_list_search_drops_nul_characters(role_clients, query, expected):
    CampaignFactory(title="Chung sức xây dựng nông thôn mới")
    CampaignFactory(title="Thi đua cải cách")
    response = role_clients["staff"].get(URL, {"q": query})
    assert (response.status_code, len(response.context["campaigns"])) == (200, expected)


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("0", 2), ("99999", 2), ("-1", 2), ("last", 2), ("2", 2)])
def test_campaign_list_falls_back_to_a_valid_page(role_clients, page, expected):
    CampaignFactory.create_batch(51)
    response = role_clients["staff"].get(URL, {"page": page})
    assert (response.status_code, response.context["page_obj"].number) == (200, expected)
