from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign import services
from portal.tests.factories import ClusterFactory

from .conftest import statuses


def url(campaign):
    return reverse("campaign:history", kwargs={"pk": campaign.pk})


def test_campaign_history_access_by_role(role_clients, launched):
    assert statuses(role_clients, "get", url(launched)) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }


def test_campaign_history_says_who_changed_what_and_why(role_clients, launched, alice, cluster_a):
    services.start_evaluation(launched, by=alice, reason="Hết thời gian thi đua")
    services.update_task(launched.tasks.get(number=1), short_title="Truyền thống", text="Phát huy truyền thống.",
                         by=alice)
    border = ClusterFactory(name="Cụm thi đua các huyện biên giới")
    services.set_campaign_clusters(launched, clusters=[cluster_a, border], by=alice)
    records = role_clients["staff"].get(url(launched)).context["records"]
    assert [(r.history_user, r.action, r.subject, r.changes, r.history_change_reason) for r in records[:3]] == [
        (alice, "Sửa", "Phong trào",
         [("Cụm, khối tham gia", None, "thêm Cụm thi đua các huyện biên giới")],
         "Cụm, khối tham gia: thêm 1, bỏ 0"),
        (alice, "Sửa", "Nội dung 1: Truyền thống",
         [("Tên ngắn", "Phát huy truyền thống", "Truyền thống")], "Sửa nội dung thi đua"),
        (alice, "Sửa", "Phong trào",
         [("Trạng thái", "Đã phát động", "Đang đánh giá, bình xét")],
         "Hết thời gian thi đua"),
    ]
    page = role_clients["staff"].get(url(launched)).content.decode()
    assert "<strong>Trạng thái</strong>: Đã phát động → Đang đánh giá, bình xét" in page


def test_campaign_history_long_values_are_summarised(role_clients, launched, alice):
    services.update_campaign(launched, data={"theme": "Đoàn kết " * 20}, by=alice)
    record = role_clients["staff"].get(url(launched)).context["records"][0]
    assert record.changes == [("Chủ đề", None, "đã sửa")]


def test_campaign_history_query_count_does_not_grow(role_clients, launched, alice, django_assert_num_queries):
    client = role_clients["staff"]
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(launched)).status_code == 200
    for number in range(10):
        services.update_campaign(launched, data={"doc_number": f"{number}/KH-UBND"}, by=alice)
        services.set_campaign_clusters(launched, clusters=[ClusterFactory()], by=alice)
    services.update_task(launched.tasks.get(number=2), short_title="Mới", text="Mới.", by=alice)
    with django_assert_num_queries(len(few)):
        assert len(client.get(url(launched)).context["records"]) == 35


def test_campaign_history_falls_back_to_a_valid_page(role_clients, launched, alice):
    for number in range(51):
        services.update_campaign(launched, data={"doc_number": f"{number}/KH-UBND"}, by=alice)
    for page, expected in (("abc", 1), ("0", 2), ("99999", 2)):
        response = role_clients["staff"].get(url(launched), {"page": page})
        assert (response.status_code, response.context["page_obj"].number) == (200, expected)
