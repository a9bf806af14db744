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


# --- What waits for review: staff home and officer home ---------------------------------------------------------------


@pytest.fixture
def following_world(cluster_a, unit_a, unit_b):
    """A launched campaign with cluster_a (led by bob's unit_a; Chi Lăng a member) and what they handed in, and a
    closed campaign whose items no longer wait for anyone."""
    from campaign.models import CampaignStatus, ReviewStatus, WorkStatus
    from portal.tests.factories import (
        AchievementFactory,
        MembershipFactory,
        RegistrationFactory,
        TaskFactory,
        WorkFactory,
    )

    chi_lang = UnitFactory(code="C01", name="Huyện Chi Lăng")
    MembershipFactory(cluster=cluster_a, unit=chi_lang)
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    campaign.clusters.add(cluster_a)
    task = TaskFactory(campaign=campaign, number=1)
    RegistrationFactory(campaign=campaign, unit=unit_a, status=ReviewStatus.ACCEPTED)
    RegistrationFactory(campaign=campaign, unit=chi_lang, status=ReviewStatus.RESUBMITTED)
    RegistrationFactory(campaign=campaign, unit=unit_b, status=ReviewStatus.SUBMITTED)
    WorkFactory(campaign=campaign, unit=unit_a, tasks=[task], status=WorkStatus.SUBMITTED)
    WorkFactory(campaign=campaign, unit=unit_a, tasks=[task], status=WorkStatus.IN_PROGRESS)
    WorkFactory(campaign=campaign, unit=chi_lang, tasks=[task], status=WorkStatus.SUBMITTED)
    WorkFactory(campaign=campaign, unit=chi_lang, tasks=[task], status=WorkStatus.COMPLETED)
    AchievementFactory(campaign=campaign, unit=chi_lang, task=task, status=ReviewStatus.DRAFT)
    closed = CampaignFactory(title="Phong trào đã kết thúc", status=CampaignStatus.CLOSED)
    closed.clusters.add(cluster_a)
    RegistrationFactory(campaign=closed, unit=chi_lang, status=ReviewStatus.SUBMITTED)
    return {"campaign": campaign, "chi_lang": chi_lang}


def test_staff_home_counts_what_waits_for_review_per_open_campaign(role_clients, following_world):
    campaign = following_world["campaign"]
    response = role_clients["staff"].get(reverse("staff_home"))
    assert response.context["review_summary"] == [
        {"campaign": campaign, "registrations": 2, "works": 2, "completed": 1, "achievements": 0},
    ]
    page = response.content.decode()
    for name, query in (("registration_list", "status=pending"), ("work_list", "status=pending"),
                        ("work_list", "status=completed")):
        assert f'{reverse(f"campaign:{name}", args=[campaign.pk])}?{query}' in page
    assert f'{reverse("campaign:achievement_list", args=[campaign.pk])}?status=pending' not in page


def test_officer_home_shows_each_unit_in_each_open_campaign(role_clients, following_world, unit_a):
    campaign = following_world["campaign"]
    response = role_clients["officer"].get(reverse("officer_home"))
    [entry] = response.context["campaign_summary"]
    [row] = entry["units"]
    assert (entry["campaign"], row["unit"], row["registration"].status, row["works"], row["achievements"]) == (
        campaign, unit_a, "accepted", 2, 0,
    )
    # bob's unit leads cluster_a: Chi Lăng's resubmitted registration and submitted work wait for him.
    assert entry["waiting"] == {"registrations": 1, "works": 1, "achievements": 0}
    page = response.content.decode()
    assert reverse("campaign:unit_progress", kwargs={"pk": campaign.pk, "unit_pk": unit_a.pk}) in page
    assert f'{reverse("campaign:work_list", args=[campaign.pk])}?review=mine' in page
    assert "Đã chấp nhận" in page and "2 công trình, phần việc" in page


def test_officer_home_of_a_unit_not_taking_part_shows_no_campaign(role_clients, following_world):
    response = role_clients["other_officer"].get(reverse("officer_home"))
    assert response.context["campaign_summary"] == []
    assert "Phong trào đang diễn ra" not in response.content.decode()


def test_officer_home_of_a_plain_member_has_no_review_counts(following_world, cluster_a):
    from portal.tests.factories import UserFactory
    from portal.tests.helpers import signed_in

    officer = UserFactory(units=[following_world["chi_lang"]])
    response = signed_in(officer).get(reverse("officer_home"))
    [entry] = response.context["campaign_summary"]
    assert (entry["waiting"], entry["units"][0]["registration"].status) == (None, "resubmitted")
    assert "Chờ đơn vị cụm trưởng xét" not in response.content.decode()


def test_officer_home_says_when_a_unit_has_not_registered(role_clients, following_world, unit_a):
    following_world["campaign"].registrations.filter(unit=unit_a).delete()
    page = role_clients["officer"].get(reverse("officer_home")).content.decode()
    assert "Chưa đăng ký" in page


@pytest.mark.parametrize(("role", "url_name"), [("staff", "staff_home"), ("officer", "officer_home")])
def test_home_query_count_does_not_grow_with_open_campaigns(role_clients, following_world, cluster_a, unit_a,
                                                           django_assert_num_queries, role, url_name):
    from campaign.models import ReviewStatus
    from portal.tests.factories import RegistrationFactory, WorkFactory

    client, url = role_clients[role], reverse(url_name)
    with_one = query_count(client, url)
    for _ in range(4):
        campaign = CampaignFactory()
        campaign.clusters.add(cluster_a)
        RegistrationFactory(campaign=campaign, unit=unit_a, status=ReviewStatus.SUBMITTED)
        RegistrationFactory(campaign=campaign, unit=following_world["chi_lang"], status=ReviewStatus.SUBMITTED)
        WorkFactory(campaign=campaign, unit=following_world["chi_lang"])
    assert len(client.get(url).context["review_summary" if role == "staff" else "campaign_summary"]) == 5
    with django_assert_num_queries(with_one):
        client.get(url)
