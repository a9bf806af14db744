import pytest
from django.urls import reverse

from portal.tests.factories import ClusterFactory
from units.models import ClusterScope

from .conftest import statuses


def url(campaign):
    return reverse("campaign:clusters", kwargs={"pk": campaign.pk})


@pytest.fixture
def clusters(db):
    return {
        "border": ClusterFactory(name="Cụm thi đua các huyện biên giới"),
        "blocks": ClusterFactory(name="Khối các cơ quan Đảng, đoàn thể", kind="khoi"),
        "seven": ClusterFactory(name="Cụm thi đua 7 tỉnh MNBGPB", scope=ClusterScope.INTER_PROVINCIAL),
        "old": ClusterFactory(name="Cụm thi đua các huyện biên giới", year=2018),
    }


def test_campaign_clusters_access_by_role(role_clients, launched):
    assert statuses(role_clients, "get", url(launched)) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    assert statuses(role_clients, "post", url(launched), {"clusters": []})["officer"] == 403


def test_campaign_clusters_are_grouped_by_year_then_scope(role_clients, launched, clusters, cluster_a):
    response = role_clients["staff"].get(url(launched))
    page = response.content.decode()
    assert page.index("Năm 2019") < page.index("Liên tỉnh") < page.index("Cấp tỉnh") < page.index("Năm 2018")
    assert response.context["selected"] == {cluster_a.pk}
    assert f'value="{cluster_a.pk}" id="cluster-{cluster_a.pk}" checked' in page


def test_campaign_clusters_search(role_clients, launched, clusters):
    response = role_clients["staff"].get(url(launched), {"q": "biên giới", "year": "2019"})
    assert [cluster.pk for cluster in response.context["clusters"]] == [clusters["border"].pk]


def test_campaign_clusters_choice_is_saved(role_clients, launched, clusters, cluster_a):
    chosen = [clusters["border"].pk, clusters["seven"].pk]
    shown = [cluster.pk for cluster in [*clusters.values(), cluster_a]]
    response = role_clients["staff"].post(url(launched), {"clusters": chosen, "shown": shown})
    assert response.status_code == 302
    assert sorted(launched.clusters.values_list("pk", flat=True)) == sorted(chosen)


def test_campaign_clusters_hidden_by_a_search_keep_their_state(role_clients, launched, clusters, cluster_a):
    role_clients["staff"].post(url(launched), {"clusters": [], "shown": [clusters["border"].pk]})
    assert list(launched.clusters.values_list("pk", flat=True)) == [cluster_a.pk]


def test_campaign_clusters_refuse_an_unknown_cluster(role_clients, launched, cluster_a):
    response = role_clients["staff"].post(url(launched), {"clusters": [99999], "shown": [99999]}, follow=True)
    assert "Lựa chọn không hợp lệ: có cụm, khối không còn tồn tại. Hãy chọn lại." in response.content.decode()
    assert list(launched.clusters.all()) == [cluster_a]


@pytest.mark.parametrize("year", ["²", "٣", "abc", "99999999999999999999", "-1"])
def test_campaign_clusters_ignore_a_bad_year(role_clients, launched, clusters, cluster_a, year):
    response = role_clients["staff"].get(url(launched), {"year": year})
    assert (response.status_code, response.context["year"]) == (200, None)
    assert len(response.context["clusters"]) == 5


def test_campaign_clusters_search_drops_nul_characters(role_clients, launched, clusters):
    response = role_clients["staff"].get(url(launched), {"q": "\x00biên\x00giới ", "year": "2019"})
    assert response.status_code == 200
    assert response.context["query"] == "biên giới"
    assert [cluster.pk for cluster in response.context["clusters"]] == [clusters["border"].pk]
