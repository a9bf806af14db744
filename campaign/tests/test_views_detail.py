import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.models import Campaign, CampaignStatus
from portal.tests.factories import ClusterFactory, MembershipFactory, TaskFactory

from .conftest import statuses


def url(campaign):
    return reverse("campaign:detail", kwargs={"pk": campaign.pk})


def test_campaign_detail_access_by_role(role_clients, launched):
    assert statuses(role_clients, "get", url(launched)) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200,
    }


@pytest.mark.parametrize("status", [CampaignStatus.EVALUATING, CampaignStatus.CLOSED])
def test_campaign_detail_stays_public_after_the_launch(client, launched, status):
    Campaign.objects.filter(pk=launched.pk).update(status=status)
    assert client.get(url(launched)).status_code == 200


def test_draft_campaign_is_404_for_all_but_staff(role_clients, draft):
    assert statuses(role_clients, "get", url(draft)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 404,
    }


def test_public_campaign_page_is_read_only(client, launched, cluster_a):
    page = client.get(url(launched)).content.decode()
    assert "Phong trào thi đua đặc biệt năm 2019" in page
    assert "1. Phát huy truyền thống" in page
    hidden = [
        reverse("campaign:edit", kwargs={"pk": launched.pk}),
        reverse("campaign:clusters", kwargs={"pk": launched.pk}),
        reverse("campaign:history", kwargs={"pk": launched.pk}),
        reverse("campaign:task_add", kwargs={"pk": launched.pk}),
        reverse("campaign:transition", kwargs={"pk": launched.pk, "action": "evaluate"}),
        reverse("units:cluster_detail", kwargs={"pk": cluster_a.pk}),
        reverse("campaign:list"),
    ]
    assert [link for link in hidden if f'href="{link}"' in page] == []
    assert "Cụm thi đua các huyện nội địa" in page
    assert '<a href="/">Trang chủ</a>' in page


def test_public_campaign_page_shows_no_source_text(client, launched):
    Campaign.objects.filter(pk=launched.pk).update(source_text="Toàn văn gốc, chỉ lưu để đối chiếu")
    assert "Toàn văn gốc, chỉ lưu để đối chiếu" not in client.get(url(launched)).content.decode()


def test_public_home_links_each_campaign_to_its_page(client, launched, draft):
    page = client.get(reverse("home")).content.decode()
    assert f'<a href="{url(launched)}">Phong trào thi đua đặc biệt năm 2019</a>' in page
    assert url(draft) not in page


def test_campaign_detail_links_only_the_clusters_the_user_may_open(role_clients, launched, cluster_a, unit_b):
    other = ClusterFactory(name="Cụm thi đua các huyện biên giới")
    MembershipFactory(cluster=other, unit=unit_b)
    launched.clusters.add(other)
    links = {}
    for role in ("staff", "officer", "other_officer", "council", "anonymous"):
        page = role_clients[role].get(url(launched)).content.decode()
        links[role] = [
            cluster.name for cluster in (cluster_a, other)
            if f'<a href="{reverse("units:cluster_detail", kwargs={"pk": cluster.pk})}">{cluster.name}</a>' in page
        ]
        assert (cluster_a.name in page, other.name in page) == (True, True)
    assert links == {
        "staff": [cluster_a.name, other.name],
        "officer": [cluster_a.name],
        "other_officer": [other.name],
        "council": [cluster_a.name, other.name],
        "anonymous": [],
    }


def test_campaign_detail_cluster_links_match_what_the_cluster_page_answers(role_clients, launched, cluster_a, unit_b):
    other = ClusterFactory()
    MembershipFactory(cluster=other, unit=unit_b)
    launched.clusters.add(other)
    for client in (role_clients["officer"], role_clients["other_officer"]):
        for cluster in launched.clusters.all():
            linked = cluster.pk in client.get(url(launched)).context["openable_cluster_ids"]
            answer = client.get(reverse("units:cluster_detail", kwargs={"pk": cluster.pk})).status_code
            assert (linked, answer) in {(True, 200), (False, 404)}


def test_unknown_campaign_is_404(role_clients, db):
    assert role_clients["staff"].get(reverse("campaign:detail", kwargs={"pk": 999})).status_code == 404


def test_campaign_detail_shows_the_launch_document_and_tasks(role_clients, launched, cluster_a):
    page = role_clients["officer"].get(url(launched)).content.decode()
    for text in (
        "Phong trào thi đua đặc biệt năm 2019", "Đặc biệt, có thời hạn", "Đã phát động",
        "“Đoàn kết, sáng tạo, thi đua lập thành tích”", "12/KH-UBND", "<li>Tỉnh ủy</li><li>UBND tỉnh</li>",
        "Phạm Ngọc Thưởng", "CHỦ TỊCH", "<li>Sở Nội vụ</li><li>Lưu: VT</li>", "01/03/2019 – 04/10/2019",
        "Ngày kỷ niệm</dt><dd class=\"col-7\">04/11/2019", "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)",
        "1. Phát huy truyền thống", "2. Cải cách hành chính", "Đẩy mạnh cải cách.\nRút ngắn.",
        f'<a href="/cum-khoi/{cluster_a.pk}/">Cụm thi đua các huyện nội địa</a>', "1 đơn vị",
    ):
        assert text in page


def test_campaign_detail_buttons_are_for_staff(role_clients, launched):
    edit = reverse("campaign:edit", kwargs={"pk": launched.pk})
    evaluate = reverse("campaign:transition", kwargs={"pk": launched.pk, "action": "evaluate"})
    staff_page = role_clients["staff"].get(url(launched)).content.decode()
    officer_page = role_clients["officer"].get(url(launched)).content.decode()
    assert (edit in staff_page, evaluate in staff_page) == (True, True)
    assert (edit in officer_page, evaluate in officer_page) == (False, False)


def test_draft_offers_launch_only(role_clients, draft):
    page = role_clients["staff"].get(url(draft)).content.decode()
    actions = [name for name in ("launch", "evaluate", "close") if f"/trang-thai/{name}/" in page]
    assert actions == ["launch"]


@pytest.mark.parametrize("role", ["staff", "officer", "anonymous"])
def test_campaign_detail_query_count_does_not_grow(role_clients, launched, unit_a, django_assert_num_queries, role):
    client = role_clients[role]
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(launched)).status_code == 200
    TaskFactory.create_batch(10, campaign=launched)
    for number in range(6):
        cluster = ClusterFactory()
        MembershipFactory.create_batch(3, cluster=cluster)
        if number % 2:  # bob's unit is in some of them: he may open those, not the others
            MembershipFactory(cluster=cluster, unit=unit_a)
        launched.clusters.add(cluster)
    with django_assert_num_queries(len(few)):
        client.get(url(launched))


def test_campaign_breadcrumbs_are_labelled_in_vietnamese(role_clients, launched):
    pages = [
        role_clients["staff"].get(reverse(name, kwargs={"pk": launched.pk})).content.decode()
        for name in ("campaign:detail", "campaign:edit", "campaign:clusters", "campaign:history", "campaign:task_add")
    ]
    assert [page.count('<nav aria-label="Đường dẫn">') for page in pages] == [1, 1, 1, 1, 1]
    assert ['aria-label="breadcrumb"' in page for page in pages] == [False] * 5
