from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.tests.factories import ClusterFactory, MembershipFactory, TaskFactory

from .conftest import statuses


def url(campaign):
    return reverse("campaign:detail", kwargs={"pk": campaign.pk})


def test_campaign_detail_access_by_role(role_clients, launched):
    assert statuses(role_clients, "get", url(launched)) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302,
    }


def test_draft_campaign_is_404_for_all_but_staff(role_clients, draft):
    assert statuses(role_clients, "get", url(draft)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302,
    }


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


def test_campaign_detail_query_count_does_not_grow(role_clients, launched, django_assert_num_queries):
    client = role_clients["staff"]
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(launched)).status_code == 200
    TaskFactory.create_batch(10, campaign=launched)
    for _ in range(5):
        cluster = ClusterFactory()
        MembershipFactory.create_batch(3, cluster=cluster)
        launched.clusters.add(cluster)
    with django_assert_num_queries(len(few)):
        client.get(url(launched))
