import pytest
from django.urls import reverse

from portal.tests.factories import CampaignFactory, UnitFactory
from portal.tests.helpers import query_count
from portal.views import page_not_found, server_error


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


def test_staff_home_counts_units(role_clients, unit_a, unit_b):
    UnitFactory(is_active=False, name="Đơn vị đã giải thể")
    response = role_clients["staff"].get(reverse("staff_home"))
    # unit_a, unit_b and the department dora's council seat comes from.
    assert (response.context["active_units"], response.context["inactive_units"]) == (3, 1)


def test_officer_home_shows_only_own_units(role_clients, unit_a, unit_b, cluster_a):
    response = role_clients["officer"].get(reverse("officer_home"))
    assert list(response.context["units"]) == [unit_a]
    assert list(response.context["clusters"]) == [cluster_a]
    assert "Huyện Bình Gia" not in response.content.decode()


def test_officer_without_units_is_told_so(client, db):
    from portal.tests.factories import UserFactory

    client.force_login(UserFactory(), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("officer_home"))
    assert "Tài khoản của bạn chưa được gắn với đơn vị nào." in response.content.decode()


def test_council_home_shows_the_seat(role_clients, dora):
    response = role_clients["council"].get(reverse("council_home"))
    assert [seat.user for seat in response.context["seats"]] == [dora]
    assert "Ủy viên" in response.content.decode()


def test_not_found_page_is_vietnamese(role_clients):
    response = role_clients["staff"].get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_error_pages_render_in_vietnamese(rf, db):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "Lỗi hệ thống" in server_error(request).content.decode()
    assert page_not_found(request).status_code == 404


@pytest.mark.parametrize("role", ["staff", "officer", "council"])
def test_role_home_works_on_a_phone_layout(role_clients, role):
    response = role_clients[role].get(reverse("home"), follow=True)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in response.content.decode()
    assert "navbar-toggler" in response.content.decode()
