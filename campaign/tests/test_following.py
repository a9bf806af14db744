"""The following lists of a campaign (registrations, works, achievements), their filters, scoping and Excel exports."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaign.models import CampaignStatus, ReviewStatus, WorkStatus
from portal.tests.factories import (
    AchievementFactory,
    ClusterFactory,
    CommitmentFactory,
    EvidenceFactory,
    FigureFactory,
    MembershipFactory,
    RegistrationFactory,
    ReportFactory,
    UnitFactory,
    WorkFactory,
)
from portal.tests.helpers import query_count

from .conftest import statuses

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SENT = datetime.datetime(2019, 3, 20, 9, 30, tzinfo=HANOI)
LISTS = ("registration_list", "work_list", "achievement_list")
EXPORTS = ("registration_export", "work_export", "achievement_export")


@pytest.fixture
def world(launched, cluster_a, unit_a, unit_b):
    """cluster_a: unit_a (bob's, leader) and Chi Lăng; cluster_b: Đình Lập (leader) and unit_b (charlie's, a plain
    member). Each unit has a draft registration, a draft work and a draft achievement under task 1."""
    chi_lang = UnitFactory(code="C01", name="Huyện Chi Lăng")
    dinh_lap = UnitFactory(code="D01", name="Huyện Đình Lập")
    MembershipFactory(cluster=cluster_a, unit=chi_lang)
    cluster_b = ClusterFactory(name="Cụm thi đua các huyện biên giới")
    MembershipFactory(cluster=cluster_b, unit=dinh_lap, role="leader")
    MembershipFactory(cluster=cluster_b, unit=unit_b)
    launched.clusters.add(cluster_b)
    task_1, task_2 = launched.tasks.order_by("number")
    units = {"van_quan": unit_a, "binh_gia": unit_b, "chi_lang": chi_lang, "dinh_lap": dinh_lap}
    for key, unit in units.items():
        registration = RegistrationFactory(campaign=launched, unit=unit)
        CommitmentFactory(registration=registration, task=task_1)
        WorkFactory(campaign=launched, unit=unit, title=f"Công trình của {unit.name}", description="Hỗ trợ sản xuất.",
                    tasks=[task_1])
        AchievementFactory(campaign=launched, unit=unit, task=task_1, title=f"Thành tích của {unit.name}")
    return {"campaign": launched, "cluster_b": cluster_b, "task_1": task_1, "task_2": task_2, **units}


def url(name, campaign):
    return reverse(f"campaign:{name}", kwargs={"pk": campaign.pk})


def unit_names(response, key):
    return [item.unit.name for item in response.context[key]]


def titles(response, key):
    return [item.title for item in response.context[key]]


ALL_UNITS = ["Huyện Bình Gia", "Huyện Chi Lăng", "Huyện Đình Lập", "Huyện Văn Quan"]


# --- Access and scoping -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS + EXPORTS)
def test_following_pages_access_by_role(role_clients, world, name):
    assert statuses(role_clients, "get", url(name, world["campaign"])) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302,
    }


@pytest.mark.parametrize("name", LISTS + EXPORTS)
def test_following_pages_of_a_draft_campaign_are_404_for_all_but_staff(role_clients, draft, name):
    assert statuses(role_clients, "get", url(name, draft)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302,
    }


@pytest.mark.parametrize(("name", "key"), [("registration_list", "registrations"), ("work_list", "works"),
                                           ("achievement_list", "achievements")])
def test_following_lists_are_scoped_to_the_units_followed(role_clients, world, name, key):
    seen = {role: unit_names(role_clients[role].get(url(name, world["campaign"])), key)
            for role in ("staff", "council", "officer", "other_officer")}
    assert seen == {
        "staff": ALL_UNITS,
        "council": ALL_UNITS,
        # bob's unit leads cluster_a: he follows its members; charlie's unit is a plain member: only itself.
        "officer": ["Huyện Chi Lăng", "Huyện Văn Quan"],
        "other_officer": ["Huyện Bình Gia"],
    }


def test_cluster_choices_are_the_clusters_the_user_follows(role_clients, world):
    def choices(role):
        form = role_clients[role].get(url("work_list", world["campaign"])).context["filter"].form
        return [label for value, label in form.fields["cluster"].choices if value]

    assert choices("staff") == ["Cụm thi đua các huyện biên giới (2019)", "Cụm thi đua các huyện nội địa (2019)"]
    assert choices("officer") == ["Cụm thi đua các huyện nội địa (2019)"]
    assert choices("other_officer") == ["Cụm thi đua các huyện biên giới (2019)"]


def test_a_cluster_the_officer_does_not_follow_gives_an_empty_list(role_clients, world):
    response = role_clients["officer"].get(url("work_list", world["campaign"]), {"cluster": world["cluster_b"].pk})
    assert list(response.context["works"]) == []
    assert "Không có công trình, phần việc nào khớp bộ lọc." in response.content.decode()


# --- Filters ----------------------------------------------------------------------------------------------------------


def test_work_search_ignores_marks_and_case(role_clients, world):
    campaign = world["campaign"]
    WorkFactory(campaign=campaign, unit=world["chi_lang"], title="Đường bê tông thôn Khòn Pổng")
    WorkFactory(campaign=campaign, unit=world["chi_lang"], title="Nhà văn hóa", description="Sửa ĐƯỜNG vào nhà")
    client = role_clients["staff"]
    assert titles(client.get(url("work_list", campaign), {"q": "duong"}), "works") == [
        "Nhà văn hóa", "Đường bê tông thôn Khòn Pổng",
    ]
    response = client.get(url("work_list", campaign), {"q": "KHÒN pổng"})
    assert titles(response, "works") == ["Đường bê tông thôn Khòn Pổng"]


def test_achievement_search_ignores_marks_and_case(role_clients, world):
    response = role_clients["staff"].get(url("achievement_list", world["campaign"]), {"q": "thanh tich cua huyen dinh"})
    assert titles(response, "achievements") == ["Thành tích của Huyện Đình Lập"]


def test_registration_search_finds_the_unit_without_marks(role_clients, world):
    response = role_clients["staff"].get(url("registration_list", world["campaign"]), {"q": "chi lang"})
    assert unit_names(response, "registrations") == ["Huyện Chi Lăng"]
    response = role_clients["staff"].get(url("registration_list", world["campaign"]), {"q": "D01"})
    assert unit_names(response, "registrations") == ["Huyện Đình Lập"]


@pytest.mark.parametrize(("name", "key"), [("work_list", "works"), ("achievement_list", "achievements")])
def test_unit_filter_searches_unit_name_and_code(role_clients, world, name, key):
    client = role_clients["staff"]
    assert unit_names(client.get(url(name, world["campaign"]), {"unit": "dinh lap"}), key) == ["Huyện Đình Lập"]
    assert unit_names(client.get(url(name, world["campaign"]), {"unit": "a01"}), key) == ["Huyện Văn Quan"]


@pytest.mark.parametrize(("name", "key"), [("registration_list", "registrations"), ("work_list", "works"),
                                           ("achievement_list", "achievements")])
def test_cluster_filter(role_clients, world, name, key):
    response = role_clients["staff"].get(url(name, world["campaign"]), {"cluster": world["cluster_b"].pk})
    assert unit_names(response, key) == ["Huyện Bình Gia", "Huyện Đình Lập"]


def test_task_filter(role_clients, world):
    campaign, task_2 = world["campaign"], world["task_2"]
    CommitmentFactory(registration=campaign.registrations.get(unit=world["dinh_lap"]), task=task_2)
    WorkFactory(campaign=campaign, unit=world["chi_lang"], title="Một cửa liên thông", tasks=[world["task_1"], task_2])
    AchievementFactory(campaign=campaign, unit=world["binh_gia"], task=task_2, title="Rút ngắn thời gian giải quyết")
    client, query = role_clients["staff"], {"task": task_2.pk}
    assert unit_names(client.get(url("registration_list", campaign), query), "registrations") == ["Huyện Đình Lập"]
    assert titles(client.get(url("work_list", campaign), query), "works") == ["Một cửa liên thông"]
    assert titles(client.get(url("achievement_list", campaign), query), "achievements") == [
        "Rút ngắn thời gian giải quyết"
    ]


def test_task_choices_are_the_campaigns_tasks(role_clients, world):
    form = role_clients["staff"].get(url("achievement_list", world["campaign"])).context["filter"].form
    assert [label for value, label in form.fields["task"].choices if value] == [
        "1. Phát huy truyền thống", "2. Cải cách hành chính",
    ]


def _set_states(world):
    campaign = world["campaign"]
    campaign.registrations.filter(unit=world["chi_lang"]).update(
        status=ReviewStatus.SUBMITTED, submitted_at=SENT, is_late=True
    )
    campaign.registrations.filter(unit=world["binh_gia"]).update(status=ReviewStatus.RESUBMITTED, submitted_at=SENT)
    campaign.registrations.filter(unit=world["dinh_lap"]).update(status=ReviewStatus.ACCEPTED, submitted_at=SENT)
    campaign.works.filter(unit=world["chi_lang"]).update(status=WorkStatus.SUBMITTED, submitted_at=SENT, is_late=True)
    campaign.works.filter(unit=world["dinh_lap"]).update(status=WorkStatus.COMPLETED, submitted_at=SENT, percent=100)
    campaign.achievements.filter(unit=world["van_quan"]).update(status=ReviewStatus.SUBMITTED, submitted_at=SENT)
    campaign.achievements.filter(unit=world["chi_lang"]).update(
        status=ReviewStatus.RETURNED, return_reason="Thiếu số liệu"
    )


@pytest.mark.parametrize(
    ("name", "key", "query", "expected"),
    [
        ("registration_list", "registrations", {"status": "pending"}, ["Huyện Bình Gia", "Huyện Chi Lăng"]),
        ("registration_list", "registrations", {"status": "accepted"}, ["Huyện Đình Lập"]),
        ("registration_list", "registrations", {"late": "yes"}, ["Huyện Chi Lăng"]),
        ("registration_list", "registrations", {"late": "no"}, ["Huyện Bình Gia", "Huyện Đình Lập", "Huyện Văn Quan"]),
        ("work_list", "works", {"status": "pending"}, ["Huyện Chi Lăng"]),
        ("work_list", "works", {"status": "completed"}, ["Huyện Đình Lập"]),
        ("work_list", "works", {"late": "yes"}, ["Huyện Chi Lăng"]),
        ("achievement_list", "achievements", {"status": "returned"}, ["Huyện Chi Lăng"]),
        ("achievement_list", "achievements", {"status": "pending", "late": "no"}, ["Huyện Văn Quan"]),
    ],
)
def test_status_and_lateness_filters(role_clients, world, name, key, query, expected):
    _set_states(world)
    assert unit_names(role_clients["staff"].get(url(name, world["campaign"]), query), key) == expected


def test_waiting_for_my_review_is_what_the_cluster_leader_reviews(role_clients, world):
    _set_states(world)
    campaign = world["campaign"]
    # bob's own submitted achievement is not his to review; Chi Lăng's submitted work and registration are.
    client = role_clients["officer"]
    assert unit_names(client.get(url("registration_list", campaign), {"review": "mine"}), "registrations") == [
        "Huyện Chi Lăng"
    ]
    assert unit_names(client.get(url("work_list", campaign), {"review": "mine"}), "works") == ["Huyện Chi Lăng"]
    assert unit_names(client.get(url("achievement_list", campaign), {"review": "mine"}), "achievements") == []


def test_waiting_for_my_review_is_offered_only_to_reviewing_officers(role_clients, world):
    def fields(role):
        return list(role_clients[role].get(url("work_list", world["campaign"])).context["filter"].form.fields)

    assert fields("officer") == ["q", "unit", "cluster", "task", "status", "late", "review"]
    assert fields("other_officer") == ["q", "unit", "cluster", "task", "status", "late"]
    assert fields("staff") == ["q", "unit", "cluster", "task", "status", "late"]
    assert fields("council") == ["q", "unit", "cluster", "task", "status", "late"]


def test_registration_filter_has_no_separate_unit_box(role_clients, world):
    form = role_clients["staff"].get(url("registration_list", world["campaign"])).context["filter"].form
    assert list(form.fields) == ["q", "cluster", "task", "status", "late"]


def test_status_choices_are_the_models_with_pending_first(role_clients, world):
    form = role_clients["staff"].get(url("work_list", world["campaign"])).context["filter"].form
    assert [value for value, label in form.fields["status"].choices] == [
        "", "pending", "draft", "submitted", "returned", "accepted", "in_progress", "completed", "verified",
    ]


def test_search_with_a_nul_byte_is_not_an_error(role_clients, world):
    response = role_clients["staff"].get(url("work_list", world["campaign"]), {"q": "duong\x00"})
    assert response.status_code == 200


# --- The page ---------------------------------------------------------------------------------------------------------


def test_work_list_shows_columns(role_clients, world):
    campaign = world["campaign"]
    work = campaign.works.get(unit=world["chi_lang"])
    work.status, work.percent, work.value_vnd = WorkStatus.IN_PROGRESS, 40, 1_250_000_000
    work.is_late, work.submitted_at = True, SENT
    work.save()
    ReportFactory(work=work, report_date=datetime.date(2019, 6, 1), percent=40)
    page = role_clients["staff"].get(url("work_list", campaign), {"unit": "chi lang"}).content.decode()
    assert reverse("campaign:work_detail", kwargs={"pk": campaign.pk, "work_pk": work.pk}) in page
    assert reverse("campaign:unit_progress", kwargs={"pk": campaign.pk, "unit_pk": world["chi_lang"].pk}) in page
    assert reverse("campaign:task_detail", kwargs={"pk": campaign.pk, "task_pk": world["task_1"].pk}) in page
    for text in ("Cụm thi đua các huyện nội địa", "Đang thực hiện", "Gửi quá hạn", "01/04/2019 – 30/09/2019",
                 "Báo cáo 01/06/2019", 'value="40"', "1.250.000.000", "table-responsive"):
        assert text in page


def test_work_list_shows_no_progress_before_acceptance(role_clients, world):
    page = role_clients["staff"].get(url("work_list", world["campaign"]), {"unit": "chi lang"}).content.decode()
    assert "Chưa có" in page
    assert "<progress" not in page


def test_export_button_carries_the_filters(role_clients, world):
    page = role_clients["staff"].get(url("work_list", world["campaign"]), {"q": "duong", "page": "1"}).content.decode()
    assert f'href="{url("work_export", world["campaign"])}?q=duong"' in page


def test_registration_list_shows_commitments_and_counts(role_clients, world):
    campaign = world["campaign"]
    registration = campaign.registrations.get(unit=world["van_quan"])
    CommitmentFactory(registration=registration, task=world["task_1"])
    CommitmentFactory(registration=registration, task=world["task_2"])
    registration.status, registration.submitted_at = ReviewStatus.SUBMITTED, SENT
    registration.save()
    response = role_clients["staff"].get(url("registration_list", campaign), {"q": "van quan"})
    row = response.context["registrations"][0]
    assert (len(row.commitments.all()), row.work_count, row.achievement_count) == (3, 1, 1)
    page = response.content.decode()
    assert "3 chỉ tiêu" in page and "1 công trình · 1 thành tích" in page and "20/03/2019" in page
    assert "Đã gửi" in page and "Đúng hạn" in page


def test_achievement_list_counts_live_evidence(role_clients, world):
    achievement = world["campaign"].achievements.get(unit=world["van_quan"])
    EvidenceFactory(achievement=achievement)
    EvidenceFactory(achievement=achievement, removed_at=SENT)
    response = role_clients["staff"].get(url("achievement_list", world["campaign"]), {"unit": "van quan"})
    assert response.context["achievements"][0].evidence_count == 1
    assert "1 minh chứng" in response.content.decode()


@pytest.mark.parametrize(("name", "empty"), [
    ("registration_list", "Không có đăng ký nào khớp bộ lọc."),
    ("work_list", "Không có công trình, phần việc nào khớp bộ lọc."),
    ("achievement_list", "Không có thành tích nào khớp bộ lọc."),
])
def test_empty_state_names_the_filter(role_clients, world, name, empty):
    assert empty in role_clients["staff"].get(url(name, world["campaign"]), {"q": "không có"}).content.decode()


def test_empty_campaign_says_nothing_yet(role_clients, launched):
    page = role_clients["staff"].get(url("work_list", launched)).content.decode()
    assert "Chưa có công trình, phần việc nào." in page


def test_work_list_paginates_leniently(role_clients, world):
    WorkFactory.create_batch(50, campaign=world["campaign"], unit=world["dinh_lap"])
    client = role_clients["staff"]
    second = client.get(url("work_list", world["campaign"]), {"page": 2}).context
    assert (len(second["works"]), second["page_obj"].paginator.count) == (4, 54)
    assert client.get(url("work_list", world["campaign"]), {"page": "abc"}).context["page_obj"].number == 1
    assert client.get(url("work_list", world["campaign"]), {"page": "99"}).context["page_obj"].number == 2


def _add_rows(campaign, unit, count):
    task = campaign.tasks.order_by("number").first()
    for number in range(count):
        other = UnitFactory()
        MembershipFactory(cluster=campaign.clusters.first(), unit=other)
        registration = RegistrationFactory(
            campaign=campaign, unit=other, status=ReviewStatus.SUBMITTED, submitted_at=SENT
        )
        CommitmentFactory(registration=registration, task=task)
        work = WorkFactory(campaign=campaign, unit=other, tasks=[task], status=WorkStatus.IN_PROGRESS, percent=number)
        ReportFactory(work=work)
        achievement = AchievementFactory(campaign=campaign, unit=other, task=task)
        FigureFactory(achievement=achievement)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("role", ["staff", "officer"])
def test_list_query_count_does_not_grow(role_clients, launched, unit_a, django_assert_num_queries, name, role):
    client, page = role_clients[role], url(name, launched)
    _add_rows(launched, unit_a, 1)
    with_one = query_count(client, page)
    _add_rows(launched, unit_a, 29)
    assert len(client.get(page).context["page_obj"].object_list) == 30
    with django_assert_num_queries(with_one):
        client.get(page)


@pytest.mark.parametrize("name", EXPORTS)
def test_export_query_count_does_not_grow(role_clients, launched, unit_a, django_assert_num_queries, name):
    client, page = role_clients["staff"], url(name, launched)
    _add_rows(launched, unit_a, 1)
    with_one = query_count(client, page)
    _add_rows(launched, unit_a, 29)
    with django_assert_num_queries(with_one):
        client.get(page)


# --- Excel exports ----------------------------------------------------------------------------------------------------


def sheet_of(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book.worksheets[0]


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)]


def test_work_export_has_the_header_and_typed_values(role_clients, world):
    campaign = world["campaign"]
    work = campaign.works.get(unit=world["chi_lang"])
    work.status, work.percent, work.value_vnd = WorkStatus.IN_PROGRESS, 40, 1_250_000_000
    work.is_late, work.submitted_at = True, SENT
    work.commune, work.district, work.responsible_phone = "Xã Quang Lang", world["chi_lang"], "0912345678"
    work.save()
    work.tasks.add(world["task_2"])
    ReportFactory(work=work, report_date=datetime.date(2019, 6, 1), percent=40)
    response = role_clients["staff"].get(url("work_export", campaign), {"unit": "chi lang"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = datetime.datetime.now(HANOI).strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="cong-trinh-{campaign.pk}-{today}.xlsx"'
    sheet = sheet_of(response)
    assert sheet.title == "Công trình, phần việc"
    assert sheet["A1"].value == "Danh sách công trình, phần việc – Phong trào thi đua đặc biệt năm 2019"
    assert sheet["A2"].value.startswith("Xuất lúc ") and sheet["A2"].value.endswith(" · 1 dòng")
    assert sheet["A3"].value == "Lọc theo: Đơn vị (tên hoặc mã): chi lang"
    assert [cell.value for cell in sheet[4]] == [
        "STT", "Đơn vị", "Mã đơn vị", "Cụm, khối", "Tên công trình, phần việc", "Nội dung thi đua", "Địa bàn",
        "Giá trị (đồng)", "Ngày bắt đầu", "Ngày dự kiến hoàn thành", "Tiến độ", "Báo cáo gần nhất", "Trạng thái",
        "Gửi quá hạn", "Ngày gửi lần đầu", "Người chịu trách nhiệm", "Điện thoại",
    ]
    assert rows_of(sheet) == [[
        1, "Huyện Chi Lăng", "C01", "Cụm thi đua các huyện nội địa", "Công trình của Huyện Chi Lăng", "1, 2",
        "Xã Quang Lang, Huyện Chi Lăng", 1250000000, datetime.datetime(2019, 4, 1), datetime.datetime(2019, 9, 30),
        0.4, datetime.datetime(2019, 6, 1), "Đang thực hiện", "Có", datetime.datetime(2019, 3, 20), "Nông Văn Dũng",
        "0912345678",
    ]]
    assert (sheet["H5"].number_format, sheet["I5"].number_format, sheet["K5"].number_format) == (
        "#,##0", "dd/mm/yyyy", "0%",
    )
    assert (sheet["A4"].font.b, sheet.freeze_panes, sheet.auto_filter.ref) == (True, "A5", "A4:Q5")
    assert sheet.column_dimensions["E"].width == 44


def test_registration_export_rows(role_clients, world):
    campaign = world["campaign"]
    registration = campaign.registrations.get(unit=world["van_quan"])
    CommitmentFactory(registration=registration, task=world["task_2"])
    registration.status, registration.submitted_at = ReviewStatus.ACCEPTED, SENT
    registration.signed_on = datetime.date(2019, 3, 18)
    registration.save()
    sheet = sheet_of(role_clients["staff"].get(url("registration_export", campaign), {"status": "accepted"}))
    assert sheet.title == "Đăng ký thi đua"
    assert sheet["A3"].value == "Lọc theo: Trạng thái: Đã chấp nhận"
    assert [cell.value for cell in sheet[4]] == [
        "STT", "Đơn vị", "Mã đơn vị", "Cụm, khối", "Trạng thái", "Gửi quá hạn", "Ngày gửi lần đầu", "Thủ trưởng ký",
        "Chức vụ", "Ngày ký", "Số chỉ tiêu", "Nội dung thi đua", "Số công trình, phần việc", "Số thành tích",
    ]
    assert rows_of(sheet) == [[
        1, "Huyện Văn Quan", "A01", "Cụm thi đua các huyện nội địa", "Đã chấp nhận", "Không",
        datetime.datetime(2019, 3, 20), "Hoàng Văn Thủ", "Chủ tịch UBND huyện", datetime.datetime(2019, 3, 18), 2,
        "1, 2", 1, 1,
    ]]


def test_achievement_export_rows(role_clients, world):
    campaign = world["campaign"]
    achievement = campaign.achievements.get(unit=world["dinh_lap"])
    achievement.achieved_on = datetime.date(2019, 9, 2)
    achievement.save()
    FigureFactory(achievement=achievement)
    FigureFactory(achievement=achievement, label="Chiều dài đường", value="14.50", measure="km")
    EvidenceFactory(achievement=achievement)
    sheet = sheet_of(role_clients["staff"].get(url("achievement_export", campaign), {"q": "dinh lap"}))
    assert sheet.title == "Thành tích"
    assert [cell.value for cell in sheet[4]] == [
        "STT", "Đơn vị", "Mã đơn vị", "Cụm, khối", "Tên thành tích", "Nội dung thi đua", "Ngày đạt được", "Số liệu",
        "Số minh chứng", "Trạng thái", "Gửi quá hạn", "Ngày gửi lần đầu",
    ]
    assert rows_of(sheet) == [[
        1, "Huyện Đình Lập", "D01", "Cụm thi đua các huyện biên giới", "Thành tích của Huyện Đình Lập",
        "1. Phát huy truyền thống", datetime.datetime(2019, 9, 2),
        "Số hộ thoát nghèo: 120 hộ; Chiều dài đường: 14,5 km",
        1, "Đang soạn", "Không", None,
    ]]


def test_export_is_scoped_and_has_every_row_not_one_page(role_clients, world):
    WorkFactory.create_batch(50, campaign=world["campaign"], unit=world["chi_lang"])
    officer = sheet_of(role_clients["officer"].get(url("work_export", world["campaign"])))
    assert officer["A3"].value == "Không lọc: toàn bộ danh sách."
    assert {row[1] for row in rows_of(officer)} == {"Huyện Chi Lăng", "Huyện Văn Quan"}
    assert len(rows_of(officer)) == 52
    charlie = rows_of(sheet_of(role_clients["other_officer"].get(url("work_export", world["campaign"]))))
    assert [row[1] for row in charlie] == ["Huyện Bình Gia"]


def test_export_of_a_refused_filter_is_empty(role_clients, world):
    response = role_clients["officer"].get(url("work_export", world["campaign"]), {"cluster": world["cluster_b"].pk})
    sheet = sheet_of(response)
    assert rows_of(sheet) == []
    assert sheet["A3"].value == "Lọc theo: bộ lọc không hợp lệ (Cụm, khối), không có dòng nào"
    assert sheet.auto_filter.ref == "A4:Q4"


def test_export_orders_rows_like_the_list(role_clients, world):
    page = role_clients["council"].get(url("achievement_list", world["campaign"]))
    sheet = sheet_of(role_clients["council"].get(url("achievement_export", world["campaign"])))
    assert [row[4] for row in rows_of(sheet)] == titles(page, "achievements")


# --- Entry points -----------------------------------------------------------------------------------------------------


def test_campaign_page_links_the_lists_for_those_who_follow(role_clients, client, world):
    campaign = world["campaign"]
    links = [url(name, campaign) for name in LISTS]
    for role in ("staff", "officer", "council"):
        page = role_clients[role].get(reverse("campaign:detail", args=[campaign.pk])).content.decode()
        assert all(link in page for link in links), role
    public = client.get(reverse("campaign:detail", args=[campaign.pk])).content.decode()
    assert not any(link in public for link in links)


def test_closed_campaign_lists_stay_readable(role_clients, world):
    world["campaign"].status = CampaignStatus.CLOSED
    world["campaign"].save()
    response = role_clients["officer"].get(url("work_list", world["campaign"]))
    assert unit_names(response, "works") == ["Huyện Chi Lăng", "Huyện Văn Quan"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_following_lists_fit_a_phone_screen_and_export_what_they_show(page, live_server):
    from portal.tests.factories import PASSWORD, CampaignFactory, StaffFactory, TaskFactory

    StaffFactory(username="snv.tdkt")
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    cluster = ClusterFactory(name="Cụm thi đua các huyện nội địa")
    campaign.clusters.add(cluster)
    task = TaskFactory(campaign=campaign, number=1, short_title="Phát huy truyền thống")
    for name in ("Huyện Văn Quan", "Huyện Chi Lăng"):
        unit = UnitFactory(name=name)
        MembershipFactory(cluster=cluster, unit=unit)
        RegistrationFactory(campaign=campaign, unit=unit, status=ReviewStatus.SUBMITTED, submitted_at=SENT)
        WorkFactory(campaign=campaign, unit=unit, tasks=[task], title=f"Đường giao thông nông thôn {name}",
                    status=WorkStatus.IN_PROGRESS, percent=40, value_vnd=1_250_000_000, is_late=True, submitted_at=SENT)
        AchievementFactory(campaign=campaign, unit=unit, task=task, title=f"Giảm nghèo bền vững {name}")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("snv.tdkt")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Ban Thi đua – Khen thưởng").wait_for()
    for name in LISTS:
        page.goto(f"{live_server.url}{url(name, campaign)}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert (name, overflow) == (name, 0)
    page.get_by_role("link", name="Công trình, phần việc").click()
    page.get_by_label("Tìm theo tên, mô tả").fill("chi lang")
    page.get_by_role("button", name="Lọc").click()
    assert page.locator("tbody tr").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename.startswith(f"cong-trinh-{campaign.pk}-")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).worksheets[0]
    assert [row[4] for row in rows_of(sheet)] == ["Đường giao thông nông thôn Huyện Chi Lăng"]
