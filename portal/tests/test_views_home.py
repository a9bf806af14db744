import pytest
from django.urls import reverse

from portal.tests.factories import CampaignFactory
from portal.tests.helpers import query_count


def test_public_home_lists_only_launched_campaigns(client, db):
    CampaignFactory(title="Phong trào đã phát động")
    CampaignFactory(title="Phong trào còn dự thảo", status="draft")
    response = client.get(reverse("home"))
    assert [c.title for c in response.context["campaigns"]] == ["Phong trào đã phát động"]
    assert "Phong trào còn dự thảo" not in response.content.decode()


def test_public_home_has_a_vietnamese_empty_state(client, db):
    response = client.get(reverse("home"))
    assert "Chưa có phong trào thi đua nào được phát động." in response.content.decode()


def test_signed_in_pages_ask_search_engines_not_to_index(role_clients):
    response = role_clients["staff"].get(reverse("staff_home"))
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


@pytest.mark.parametrize("role, url_name", [("staff", "staff_home"), ("officer", "officer_home"),
                                            ("council", "council_home")])
def test_home_query_count_does_not_grow_with_campaigns(role_clients, cluster_a, django_assert_num_queries, role,
                                                       url_name):
    client, url = role_clients[role], reverse(url_name)
    CampaignFactory()
    client.get(url)  # Warm the session and permission caches.
    with_one = query_count(client, url)
    for _ in range(12):
        CampaignFactory()
    with django_assert_num_queries(with_one):
        client.get(url)
