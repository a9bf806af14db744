"""A unit's page in a campaign, a task's page, and the roll-up on the campaign, cluster and unit pages."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from campaign.models import CampaignStatus, WorkStatus
from campaign.selectors.progress import Progress
from portal.tests.factories import (
    AchievementFactory,
    ClusterFactory,
    CommitmentFactory,
    FigureFactory,
    MembershipFactory,
    PactFactory,
    RegistrationFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    WorkFactory,
)
from portal.tests.helpers import answers, query_count, signed_in

W = WorkStatus


@pytest.fixture
def campaign(launched):
    return launched


@pytest.fixture
def task_1(campaign):
    return campaign.tasks.get(number=1)


@pytest.fixture
def task_2(campaign):
    return campaign.tasks.get(number=2)


def unit_url(campaign, unit):
    return reverse("campaign:unit_progress", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def task_url(campaign, task):
    return reverse("campaign:task_detail", kwargs={"pk": campaign.pk, "task_pk": task.pk})


def work(campaign, unit, percent=0, value=None, status=W.IN_PROGRESS, tasks=(), **fields):
    return WorkFactory(
        campaign=campaign, unit=unit, percent=percent, value_vnd=value, status=status, tasks=list(tasks), **fields
    )


def member(cluster, name):
    unit = UnitFactory(name=name)
    MembershipFactory(cluster=cluster, unit=unit)
    return unit


# --- A unit's page: who gets it ---------------------------------------------------------------------------------------


def test_unit_progress_answers_each_role(role_clients, campaign, unit_a):
    assert answers(role_clients, unit_url(campaign, unit_a)) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302
    }


def test_unit_progress_of_a_leader_is_open_to_its_officer_for_every_member(role_clients, campaign, cluster_a):
    colleague = member(cluster_a, "Huyện Lộc Bình")
    assert answers(role_clients, unit_url(campaign, colleague), roles=["officer", "other_officer"]) == {
        "officer": 200, "other_officer": 404
    }


def test_unit_progress_of_a_unit_outside_the_campaign_is_404_even_for_staff(role_clients, campaign, unit_b):
    url = unit_url(campaign, unit_b)
    assert answers(role_clients, url, roles=["staff", "council"]) == {"staff": 404, "council": 404}


def test_unit_progress_in_a_draft_campaign_is_404_but_for_staff(role_clients, draft, cluster_a, unit_a):
    draft.clusters.add(cluster_a)
    assert answers(role_clients, unit_url(draft, unit_a)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302
    }


# --- A unit's page: what it shows -------------------------------------------------------------------------------------


def test_unit_progress_shows_the_units_rollup(role_clients, campaign, unit_a):
    work(campaign, unit_a, 100, value=1_000_000, status=W.COMPLETED)
    work(campaign, unit_a, 0, value=3_000_000, status=W.ACCEPTED)
    work(campaign, unit_a, 90, value=9_000_000, status=W.DRAFT)
    response = role_clients["council"].get(unit_url(campaign, unit_a))
    assert response.context["progress"] == Progress(Decimal("25.0"), 2, 2, 4_000_000, 1)
    assert "25,0%" in response.content.decode()


def test_unit_progress_shows_the_registration_with_its_state_lateness_and_commitments(
    role_clients, campaign, unit_a, task_1, task_2
):
    registration = RegistrationFactory(campaign=campaign, unit=unit_a, status="submitted", is_late=True)
    CommitmentFactory(registration=registration, task=task_1)
    CommitmentFactory(registration=registration, task=task_2)
    page = role_clients["staff"].get(unit_url(campaign, unit_a)).content.decode()
    link = reverse("campaign:registration_detail", kwargs={"pk": campaign.pk, "registration_pk": registration.pk})
    assert (f'href="{link}"' in page, "2 chỉ tiêu đăng ký" in page) == (True, True)
    assertInHTML('<p class="mb-2"><span class="badge state-badge text-bg-primary">Đã gửi</span> '
                 '<span class="badge late-badge text-bg-danger">Gửi quá hạn</span></p>', page, count=1)


def test_unit_progress_offers_registration_to_the_units_officers_only(role_clients, campaign, unit_a):
    create = reverse("campaign:registration_create", kwargs={"pk": campaign.pk, "unit_pk": unit_a.pk})
    pages = {role: role_clients[role].get(unit_url(campaign, unit_a)).content.decode() for role in ("officer", "staff")}
    assert {role: f'href="{create}"' in page for role, page in pages.items()} == {"officer": True, "staff": False}
    assert "Đơn vị chưa đăng ký thi đua." in pages["staff"]


def test_unit_progress_shows_the_officers_buttons_only_while_the_campaign_is_open(role_clients, campaign, unit_a):
    url = unit_url(campaign, unit_a)
    add_work = reverse("campaign:work_create", kwargs={"pk": campaign.pk, "unit_pk": unit_a.pk})
    add_achievement = reverse("campaign:achievement_create", kwargs={"pk": campaign.pk, "unit_pk": unit_a.pk})

    def buttons(role):
        page = role_clients[role].get(url).content.decode()
        return (f'href="{add_work}"' in page, f'href="{add_achievement}"' in page)

    assert {role: buttons(role) for role in ("officer", "staff", "council")} == {
        "officer": (True, True), "staff": (False, False), "council": (False, False)
    }
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    assert buttons("officer") == (False, False)


def test_unit_progress_lists_the_works_with_tasks_state_value_and_latest_report(
    role_clients, campaign, unit_a, task_1, task_2
):
    road = work(campaign, unit_a, 40, value=1_500_000_000, tasks=[task_2, task_1], title="Đường Na Sầm – Hoàng Văn Thụ")
    ReportFactory(work=road, report_date=datetime.date(2019, 5, 2), percent=20)
    ReportFactory(work=road, report_date=datetime.date(2019, 6, 15), percent=40)
    work(campaign, unit_a, status=W.DRAFT, title="Nhà văn hóa thôn")
    response = role_clients["officer"].get(unit_url(campaign, unit_a))
    rows = [(w.title, [t.number for t in w.tasks.all()], w.status, w.latest_report_on)
            for w in response.context["works_page"].object_list]
    assert rows == [
        ("Nhà văn hóa thôn", [], "draft", None),
        ("Đường Na Sầm – Hoàng Văn Thụ", [1, 2], "in_progress", datetime.date(2019, 6, 15)),
    ]
    page = response.content.decode()
    detail = reverse("campaign:work_detail", kwargs={"pk": campaign.pk, "work_pk": road.pk})
    assert (f'href="{detail}"' in page, "1.500.000.000" in page, "15/06/2019" in page) == (True, True, True)


def test_unit_progress_lists_the_ten_latest_reports_newest_first(role_clients, campaign, unit_a):
    road = work(campaign, unit_a, title="Đường thôn Bản Chu")
    for day in range(1, 13):
        ReportFactory(work=road, report_date=datetime.date(2019, 5, day), percent=day)
    work(campaign, UnitFactory(), title="Của đơn vị khác").reports.create(
        report_date=datetime.date(2019, 7, 1), percent=5, narrative="Khác"
    )
    reports = role_clients["staff"].get(unit_url(campaign, unit_a)).context["reports"]
    assert [report.report_date.day for report in reports] == [12, 11, 10, 9, 8, 7, 6, 5, 4, 3]


def test_unit_progress_lists_the_achievements_with_task_state_and_figures(role_clients, campaign, unit_a, task_2):
    achievement = AchievementFactory(campaign=campaign, unit=unit_a, task=task_2, title="Giảm nghèo bền vững")
    FigureFactory(achievement=achievement, label="Số hộ thoát nghèo", value=120, measure="hộ")
    FigureFactory(achievement=achievement, label="Đường bê tông", value=Decimal("14.5"), measure="km")
    AchievementFactory(campaign=campaign, unit=UnitFactory(), task=task_2, title="Của đơn vị khác")
    response = role_clients["officer"].get(unit_url(campaign, unit_a))
    assert [a.title for a in response.context["achievements_page"].object_list] == ["Giảm nghèo bền vững"]
    page = response.content.decode()
    link = reverse("campaign:achievement_detail", kwargs={"pk": campaign.pk, "achievement_pk": achievement.pk})
    assert (f'href="{link}"' in page, "2. Cải cách hành chính" in page,
            "Số hộ thoát nghèo: 120 hộ; Đường bê tông: 14,50 km" in page) == (True, True, True)


def test_unit_progress_paginates_works_and_achievements_apart(role_clients, campaign, unit_a, task_1):
    for number in range(51):
        work(campaign, unit_a, title=f"Công trình {number}")
    AchievementFactory(campaign=campaign, unit=unit_a, task=task_1)
    response = role_clients["staff"].get(unit_url(campaign, unit_a), {"cong_trinh": "2"})
    works, achievements = response.context["works_page"], response.context["achievements_page"]
    assert (works.number, len(works.object_list), achievements.number, len(achievements.object_list)) == (2, 1, 1, 1)
    assert "?cong_trinh=1#cong-trinh" in response.content.decode()


def test_unit_progress_shows_the_nearest_page_for_a_bad_page_number(role_clients, campaign, unit_a):
    work(campaign, unit_a)
    response = role_clients["staff"].get(unit_url(campaign, unit_a), {"cong_trinh": "abc", "thanh_tich": "99"})
    assert (response.status_code, response.context["works_page"].number) == (200, 1)


def test_unit_progress_query_count_does_not_grow(bob, campaign, unit_a, task_1, task_2, django_assert_num_queries):
    registration = RegistrationFactory(campaign=campaign, unit=unit_a)
    CommitmentFactory(registration=registration, task=task_1)
    ReportFactory(work=work(campaign, unit_a, tasks=[task_1]))
    FigureFactory(achievement=AchievementFactory(campaign=campaign, unit=unit_a, task=task_1))
    client, url = signed_in(bob), unit_url(campaign, unit_a)
    expected = query_count(client, url)
    for number in range(12):
        road = work(campaign, unit_a, number * 5, value=number * 1000, tasks=[task_1, task_2])
        ReportFactory(work=road)
        FigureFactory(achievement=AchievementFactory(campaign=campaign, unit=unit_a, task=task_2))
    with django_assert_num_queries(expected):
        client.get(url)


# --- A task's page ----------------------------------------------------------------------------------------------------


def test_task_detail_answers_each_role(role_clients, campaign, task_1):
    assert answers(role_clients, task_url(campaign, task_1)) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302
    }


def test_task_detail_of_another_campaigns_task_is_404(role_clients, campaign, draft):
    url = reverse("campaign:task_detail", kwargs={"pk": campaign.pk, "task_pk": draft.tasks.get().pk})
    assert answers(role_clients, url, roles=["staff"]) == {"staff": 404}


def test_task_detail_in_a_draft_campaign_is_404_but_for_staff(role_clients, draft):
    assert answers(role_clients, task_url(draft, draft.tasks.get())) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302
    }


def test_task_detail_shows_the_text_and_the_tasks_rollup(role_clients, campaign, unit_a, task_2):
    work(campaign, unit_a, 30, tasks=[task_2])
    work(campaign, unit_a, 90, tasks=[task_2], status=W.SUBMITTED)
    response = role_clients["council"].get(task_url(campaign, task_2))
    assert response.context["progress"] == Progress(Decimal("30.0"), 1, 0, 0, 0)
    assert "Đẩy mạnh cải cách.\nRút ngắn." in response.content.decode()


def test_task_detail_shows_what_each_unit_pledged_under_the_task(
    role_clients, campaign, cluster_a, unit_a, task_1, task_2
):
    registration = RegistrationFactory(campaign=campaign, unit=unit_a)
    CommitmentFactory(registration=registration, task=task_1, target="Giảm 3% hộ nghèo")
    CommitmentFactory(registration=registration, task=task_2, target="Một cửa liên thông")
    work(campaign, unit_a, 50, tasks=[task_1], title="Đường thôn")
    work(campaign, unit_a, 70, tasks=[task_2], title="Trụ sở một cửa")
    quiet = member(cluster_a, "Huyện Cao Lộc")
    response = role_clients["staff"].get(task_url(campaign, task_1))
    rows = [(row.unit.name, [c.target for c in row.commitments], [w.title for w in row.works], row.progress)
            for row in response.context["rows"]]
    assert rows == [
        ("Huyện Cao Lộc", [], [], None),
        ("Huyện Văn Quan", ["Giảm 3% hộ nghèo"], ["Đường thôn"], Progress(Decimal("50.0"), 1, 0, 0, 0)),
    ]
    assert unit_url(campaign, quiet) in response.content.decode()


def test_task_detail_lists_only_the_units_the_user_follows(role_clients, campaign, cluster_a, unit_a, task_1):
    other_cluster = ClusterFactory(name="Khối các sở")
    campaign.clusters.add(other_cluster)
    member(other_cluster, "Sở Tài chính")
    member(cluster_a, "Huyện Cao Lộc")
    url = task_url(campaign, task_1)

    def units(role):
        return [row.unit.name for row in role_clients[role].get(url).context["rows"]]

    assert {role: units(role) for role in ("officer", "other_officer", "council")} == {
        "officer": ["Huyện Cao Lộc", "Huyện Văn Quan"],
        "other_officer": [],
        "council": ["Huyện Cao Lộc", "Huyện Văn Quan", "Sở Tài chính"],
    }


def test_task_detail_filters_by_cluster(role_clients, campaign, cluster_a, task_1):
    other_cluster = ClusterFactory(name="Khối các sở")
    campaign.clusters.add(other_cluster)
    member(other_cluster, "Sở Tài chính")
    response = role_clients["staff"].get(task_url(campaign, task_1), {"cluster": other_cluster.pk})
    assert [row.unit.name for row in response.context["rows"]] == ["Sở Tài chính"]
    officer_choices = role_clients["officer"].get(task_url(campaign, task_1)).context["filter_form"]
    assert list(officer_choices.fields["cluster"].queryset) == [cluster_a]


def test_task_detail_reports_an_unknown_cluster_beside_the_filter(role_clients, campaign, task_1):
    response = role_clients["staff"].get(task_url(campaign, task_1), {"cluster": "999999"})
    assert response.context["filter_form"].errors == {
        "cluster": ["Hãy chọn một cụm, khối trong danh sách."]
    }
    assert [row.unit.name for row in response.context["rows"]] == ["Huyện Văn Quan"]


def test_task_detail_paginates_fifty_units_a_page(role_clients, campaign, cluster_a, task_1):
    for number in range(50):
        member(cluster_a, f"Xã {number:02d}")
    first = role_clients["staff"].get(task_url(campaign, task_1))
    last = role_clients["staff"].get(task_url(campaign, task_1), {"page": "2"})
    assert (len(first.context["rows"]), [row.unit.name for row in last.context["rows"]]) == (50, ["Xã 49"])


def test_task_detail_query_count_does_not_grow(bob, campaign, cluster_a, unit_a, task_1, django_assert_num_queries):
    CommitmentFactory(registration=RegistrationFactory(campaign=campaign, unit=unit_a), task=task_1)
    work(campaign, unit_a, 10, tasks=[task_1])
    client, url = signed_in(bob), task_url(campaign, task_1)
    expected = query_count(client, url)
    for number in range(8):
        unit = member(cluster_a, f"Xã {number}")
        CommitmentFactory(registration=RegistrationFactory(campaign=campaign, unit=unit), task=task_1)
        work(campaign, unit, number * 10, value=number * 100, tasks=[task_1])
        work(campaign, unit, 50, tasks=[task_1], status=W.DRAFT)
    with django_assert_num_queries(expected):
        client.get(url)


# --- The campaign page ------------------------------------------------------------------------------------------------


def test_campaign_page_shows_the_rollup_of_the_campaign_its_clusters_and_tasks(
    role_clients, campaign, cluster_a, unit_a, task_1
):
    quiet = ClusterFactory(name="Khối các sở")
    campaign.clusters.add(quiet)
    work(campaign, unit_a, 40, tasks=[task_1])
    response = role_clients["anonymous"].get(reverse("campaign:detail", args=[campaign.pk]))
    tasks = {task.number: task.progress for task in response.context["campaign"].tasks.all()}
    clusters = [(cluster.name, figures) for cluster, figures in response.context["cluster_progress_rows"]]
    figures = Progress(Decimal("40.0"), 1, 0, 0, 0)
    assert (response.context["progress"], tasks) == (figures, {1: figures, 2: None})
    assert clusters == [("Cụm thi đua các huyện nội địa", figures), ("Khối các sở", None)]


def test_campaign_page_links_task_pages_for_those_who_follow_but_not_for_the_public(role_clients, campaign, task_1):
    url, link = reverse("campaign:detail", args=[campaign.pk]), task_url(campaign, task_1)
    pages = {role: role_clients[role].get(url).content.decode() for role in ("anonymous", "officer", "council")}
    assert {role: link in page for role, page in pages.items()} == {
        "anonymous": False, "officer": True, "council": True
    }
    cluster_link = reverse("units:cluster_detail", args=[campaign.clusters.get().pk])
    assert {role: cluster_link in page for role, page in pages.items()} == {
        "anonymous": False, "officer": True, "council": True
    }


def test_campaign_page_query_count_does_not_grow(
    alice, campaign, cluster_a, unit_a, task_1, task_2, django_assert_num_queries
):
    work(campaign, unit_a, 10, tasks=[task_1])
    client, url = signed_in(alice), reverse("campaign:detail", args=[campaign.pk])
    expected = query_count(client, url)
    for number in range(6):
        cluster = ClusterFactory()
        campaign.clusters.add(cluster)
        unit = member(cluster, f"Xã {number}")
        work(campaign, unit, number * 10, value=number * 100, tasks=[task_1, task_2])
    with django_assert_num_queries(expected):
        client.get(url)


# --- The cluster page -------------------------------------------------------------------------------------------------


def test_cluster_page_shows_each_campaigns_progress_members_and_pact(role_clients, campaign, cluster_a, unit_a, draft):
    colleague = member(cluster_a, "Huyện Lộc Bình")
    work(campaign, unit_a, 20)
    work(campaign, colleague, 60)
    PactFactory(campaign=campaign, cluster=cluster_a, signed_on=datetime.date(2019, 3, 20))
    draft.clusters.add(cluster_a)
    page = role_clients["officer"].get(reverse("units:cluster_detail", args=[cluster_a.pk])).content.decode()
    pact = reverse("campaign:pact_detail", kwargs={"pk": campaign.pk, "cluster_pk": cluster_a.pk})
    assert (f'href="{pact}"' in page, "ký ngày 20/03/2019" in page, "40,0%" in page, "20,0%" in page,
            "60,0%" in page, draft.title in page) == (True, True, True, True, True, False)
    # bob's unit leads the cluster: he follows every member.
    assert (unit_url(campaign, unit_a) in page, unit_url(campaign, colleague) in page) == (True, True)


def test_cluster_page_links_members_only_for_those_who_follow_them(campaign, cluster_a, unit_a):
    colleague = member(cluster_a, "Huyện Lộc Bình")
    client = signed_in(UserFactory(units=[colleague]))
    page = client.get(reverse("units:cluster_detail", args=[cluster_a.pk])).content.decode()
    assert (unit_url(campaign, colleague) in page, unit_url(campaign, unit_a) in page) == (True, False)


def test_cluster_page_says_when_there_is_no_pact_yet(role_clients, campaign, cluster_a):
    page = role_clients["council"].get(reverse("units:cluster_detail", args=[cluster_a.pk])).content.decode()
    assert ("Chưa có giao ước" in page, reverse("campaign:pact_edit", args=[campaign.pk, cluster_a.pk]) in page) == (
        True, False
    )
    page = role_clients["officer"].get(reverse("units:cluster_detail", args=[cluster_a.pk])).content.decode()
    assert reverse("campaign:pact_edit", args=[campaign.pk, cluster_a.pk]) in page


def test_cluster_page_query_count_does_not_grow(bob, campaign, cluster_a, unit_a, django_assert_num_queries):
    work(campaign, unit_a, 10)
    PactFactory(campaign=campaign, cluster=cluster_a)
    client, url = signed_in(bob), reverse("units:cluster_detail", args=[cluster_a.pk])
    expected = query_count(client, url)
    for number in range(10):
        unit = member(cluster_a, f"Xã {number}")
        work(campaign, unit, number * 10, value=number * 100)
        work(campaign, unit, 30)
    with django_assert_num_queries(expected):
        client.get(url)


# --- The unit page ----------------------------------------------------------------------------------------------------


def test_unit_page_shows_the_units_campaigns_with_its_progress(role_clients, campaign, unit_a, draft, cluster_a):
    draft.clusters.add(cluster_a)
    work(campaign, unit_a, 35)
    url = reverse("units:unit_detail", args=[unit_a.pk])
    officer = role_clients["officer"].get(url).content.decode()
    staff = role_clients["staff"].get(url).content.decode()
    assert ("35,0%" in officer, unit_url(campaign, unit_a) in officer, draft.title in officer) == (True, True, False)
    assert (draft.title in staff, unit_url(draft, unit_a) in staff) == (True, True)


def test_unit_page_query_count_does_not_grow_with_works(bob, campaign, unit_a, django_assert_num_queries):
    work(campaign, unit_a, 10)
    client, url = signed_in(bob), reverse("units:unit_detail", args=[unit_a.pk])
    expected = query_count(client, url)
    for number in range(10):
        work(campaign, unit_a, number * 10, value=number * 100)
    with django_assert_num_queries(expected):
        client.get(url)
