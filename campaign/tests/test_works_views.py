import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from campaign.models import Evidence, PledgedWork, ProgressReport, WorkStatus
from campaign.services.works import return_work
from portal.tests.factories import (
    EvidenceFactory,
    MembershipFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    WorkFactory,
    png_bytes,
)
from portal.tests.helpers import query_count, signed_in
from units.models import UnitKind

from .conftest import statuses

W = WorkStatus
D = datetime.date
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def work(launched, unit_a):
    return WorkFactory(campaign=launched, unit=unit_a, tasks=list(launched.tasks.all()), value_vnd=1_250_000_000)


def at(work, status, **fields):
    PledgedWork.objects.filter(pk=work.pk).update(status=status, **fields)
    work.refresh_from_db()
    return work


def link(name, work, **kwargs):
    return reverse(f"campaign:{name}", kwargs={"pk": work.campaign_id, "work_pk": work.pk, **kwargs})


def create_url(campaign, unit):
    return reverse("campaign:work_create", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def form_post(**overrides):
    return {
        "title": "Nhà văn hóa thôn Nà Lầu",
        "description": "Xây mới.",
        "district": "",
        "commune": "Xã Tân Đoàn",
        "value_vnd": "1.250.000.000",
        "start_date": "01/04/2019",
        "target_date": "30/09/2019",
        "responsible_name": "Nông Văn Dũng",
        "responsible_position": "",
        "responsible_phone": "",
        **overrides,
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def warnings_of(response):
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


# --- Create ---------------------------------------------------------------------------------------------------------


def test_work_create_access_by_role(role_clients, launched, unit_a):
    assert statuses(role_clients, "get", create_url(launched, unit_a)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_work_create_form_offers_the_campaigns_tasks_and_active_districts(launched, unit_a, bob):
    UnitFactory(name="Huyện Tràng Định", kind=UnitKind.DISTRICT)
    UnitFactory(name="Huyện Đã Giải Thể", kind=UnitKind.DISTRICT, is_active=False)
    UnitFactory(name="Sở Tài chính", kind=UnitKind.DEPARTMENT)
    form = signed_in(bob).get(create_url(launched, unit_a)).context["form"]
    tasks = [str(task) for task in form.fields["tasks"].queryset]
    assert tasks == ["1. Phát huy truyền thống", "2. Cải cách hành chính"]
    assert [unit.name for unit in form.fields["district"].queryset] == ["Huyện Tràng Định", "Huyện Văn Quan"]


def test_work_create_saves_a_draft_and_opens_its_page(launched, unit_a, bob):
    task = launched.tasks.get(number=2)
    response = signed_in(bob).post(create_url(launched, unit_a), form_post(tasks=[task.pk]))
    work = PledgedWork.objects.get()
    assert response.status_code == 302
    assert response["Location"] == work.get_absolute_url()
    assert (work.status, work.unit, work.value_vnd, work.start_date, list(work.tasks.all())) == (
        W.DRAFT, unit_a, 1_250_000_000, D(2019, 4, 1), [task],
    )


def test_work_create_shows_dates_outside_the_period_beside_the_fields(launched, unit_a, bob):
    data = form_post(tasks=[launched.tasks.first().pk], start_date="28/02/2019", target_date="05/10/2019")
    response = signed_in(bob).post(create_url(launched, unit_a), data)
    message = "Ngày phải nằm trong thời gian phong trào, từ 01/03/2019 đến 04/10/2019."
    assert response.status_code == 200
    assert response.context["form"].errors == {"start_date": [message], "target_date": [message]}
    assert PledgedWork.objects.count() == 0


def test_work_create_requires_a_task(launched, unit_a, bob):
    response = signed_in(bob).post(create_url(launched, unit_a), form_post())
    assert response.context["form"].errors == {"tasks": ["Hãy chọn ít nhất một nội dung thi đua."]}


def test_work_create_refuses_a_bad_amount_beside_the_field(launched, unit_a, bob):
    data = form_post(tasks=[launched.tasks.first().pk], value_vnd="một tỷ")
    response = signed_in(bob).post(create_url(launched, unit_a), data)
    assert response.context["form"].errors == {"value_vnd": ["Hãy nhập số tiền bằng chữ số, ví dụ 1.250.000.000."]}


# --- Detail ---------------------------------------------------------------------------------------------------------


def test_work_detail_access_by_role(role_clients, work):
    assert statuses(role_clients, "get", link("work_detail", work)) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302,
    }


def test_work_detail_shows_the_work(work, bob):
    page = signed_in(bob).get(link("work_detail", work)).content.decode()
    assert "1.250.000.000 đ" in page
    assert "01/04/2019 – 30/09/2019" in page
    assert "<li>1. Phát huy truyền thống</li><li>2. Cải cách hành chính</li>" in page
    assertInHTML('<span class="badge state-badge text-bg-secondary">Đang soạn</span>', page, count=1)
    assert ("Sau ngày kỷ niệm" in page, "late-badge" in page) == (False, False)


def test_work_detail_breadcrumbs_and_heading(launched, unit_a, work, bob):
    page = signed_in(bob).get(link("work_detail", work)).content.decode()
    unit_page = reverse("campaign:unit_progress", kwargs={"pk": launched.pk, "unit_pk": unit_a.pk})
    assertInHTML(f'<li class="breadcrumb-item"><a href="{unit_page}">{unit_a.name}</a></li>', page, count=1)
    assertInHTML(f'<li class="breadcrumb-item active" aria-current="page">{work.title}</li>', page, count=1)
    assertInHTML(f'<h1 class="h3 mb-1">{work.title}</h1>', page, count=1)


def test_work_detail_flags_a_target_after_the_anniversary_and_lateness(work, bob):
    work.campaign.anniversary_date = D(2019, 9, 2)
    work.campaign.save()
    at(work, W.SUBMITTED, is_late=True)
    page = signed_in(bob).get(link("work_detail", work)).content.decode()
    assert "Sau ngày kỷ niệm</span>" in page
    assertInHTML('<span class="badge state-badge text-bg-primary">Đã gửi</span>', page, count=1)
    assertInHTML('<span class="badge late-badge text-bg-danger">Gửi quá hạn</span>', page, count=1)


def return_box(work, title, css):
    when = timezone.localtime(work.reviewed_at).strftime("%d/%m/%Y %H:%M")
    return (f'<div class="alert {css} return-reason" role="status"><strong>{title}</strong> '
            f'<span class="small">(Hoàng Thị Alice, {when})</span>: {work.return_reason}</div>')


def test_work_detail_shows_the_return_reason_and_its_history(work, alice, bob):
    at(work, W.SUBMITTED)
    return_work(work, by=alice, reason="Bổ sung dự toán chi tiết")
    response = signed_in(bob).get(link("work_detail", work))
    page = response.content.decode()
    assertInHTML(return_box(work, "Lý do trả lại", "alert-warning"), page, count=1)
    assertInHTML('<button type="submit" class="btn btn-sm btn-primary">Gửi lại</button>', page, count=1)
    assert f'<form method="post" action="{link("work_action", work, action="submit")}"' in page
    history = response.context["history"]
    assert [(row.subject, str(row.history_user), row.history_change_reason) for row in history.object_list[:1]] == [
        ("Công trình, phần việc", "Hoàng Thị Alice", "Trả lại: Bổ sung dự toán chi tiết"),
    ]


def test_work_detail_keeps_the_last_return_reason_once_submitted_again(work, alice, bob):
    at(work, W.SUBMITTED)
    return_work(work, by=alice, reason="Bổ sung dự toán chi tiết")
    signed_in(bob).post(link("work_action", work, action="submit"))
    work.refresh_from_db()
    page = signed_in(alice).get(link("work_detail", work)).content.decode()
    assertInHTML(return_box(work, "Lần trả lại trước", "alert-secondary"), page, count=1)
    assertInHTML(f'<a class="btn btn-sm btn-outline-warning" href="{link("work_return", work)}">Trả lại</a>', page,
                 count=1)


def test_work_detail_history_names_reports_and_files_by_kind(work, bob):
    at(work, W.IN_PROGRESS)
    report = ReportFactory(work=work, report_date=D(2019, 6, 3))
    EvidenceFactory(report=report, original_name="mat-duong.png")
    history = signed_in(bob).get(link("work_detail", work)).context["history"]
    assert sorted({row.subject for row in history.object_list}) == [
        "Báo cáo ngày 03/06/2019", "Công trình, phần việc", "Minh chứng: mat-duong.png",
    ]


def test_work_detail_history_pages_with_the_shared_pagination(work, bob, settings):
    settings.PAGE_SIZE = 1
    for __ in range(2):
        PledgedWork.objects.get(pk=work.pk).save()  # a history row each
    response = signed_in(bob).get(link("work_detail", work), {"page": 2})
    history, page = response.context["history"], response.content.decode()
    assert (history.number, history.paginator.num_pages) == (2, work.history.count())
    assert ('<a class="page-link" href="?page=1">' in page, '<a class="page-link" href="?page=3">' in page) == (
        True, True,
    )


def buttons(client, work):
    """The action URLs the page offers."""
    page = client.get(link("work_detail", work)).content.decode()
    names = {
        "edit": link("work_edit", work), "return": link("work_return", work), "report": link("report_add", work),
        **{action: link("work_action", work, action=action) for action in ("submit", "withdraw", "accept", "verify")},
    }
    return sorted(name for name, url in names.items() if f'"{url}"' in page)


@pytest.mark.parametrize(
    ("status", "officer", "staff"),
    [
        (W.DRAFT, ["edit", "submit"], []),
        (W.SUBMITTED, ["edit", "withdraw"], ["accept", "return"]),
        (W.RETURNED, ["edit", "submit"], []),
        (W.ACCEPTED, ["report"], []),
        (W.IN_PROGRESS, ["report"], []),
        (W.COMPLETED, ["report"], ["verify"]),
        (W.VERIFIED, [], []),
    ],
)
def test_work_detail_buttons_by_state_and_role(work, bob, alice, dora, status, officer, staff):
    at(work, status, return_reason="Thiếu dự toán")
    assert buttons(signed_in(bob), work) == officer
    assert buttons(signed_in(alice), work) == staff
    assert buttons(signed_in(dora), work) == []


def test_cluster_leader_reviews_another_members_work(launched, cluster_a, bob):
    unit_c = UnitFactory(name="Huyện Lộc Bình")
    MembershipFactory(cluster=cluster_a, unit=unit_c)
    other = at(WorkFactory(campaign=launched, unit=unit_c, tasks=[launched.tasks.first()]), W.SUBMITTED)
    client = signed_in(bob)
    assert buttons(client, other) == ["accept", "return"]
    client.post(link("work_action", other, action="accept"))
    other.refresh_from_db()
    assert (other.status, other.reviewed_by) == (W.ACCEPTED, bob)


def test_work_detail_query_count_does_not_grow_with_reports(work, bob):
    at(work, W.IN_PROGRESS)
    first = ReportFactory(work=work)
    EvidenceFactory(report=first)
    client = signed_in(bob)
    one = query_count(client, link("work_detail", work))
    for day in (2, 3, 4):
        EvidenceFactory(report=ReportFactory(work=work, report_date=D(2019, 6, day)))
    assert query_count(client, link("work_detail", work)) == one


def test_work_detail_lists_reports_newest_first_without_removed_files(work, bob):
    at(work, W.IN_PROGRESS)
    old = ReportFactory(work=work, report_date=D(2019, 5, 1), narrative="Giải phóng mặt bằng.")
    new = ReportFactory(work=work, report_date=D(2019, 7, 1), narrative="Đổ bê tông mặt đường.")
    shown = EvidenceFactory(report=new, original_name="mat-duong.png")
    removed = EvidenceFactory(report=new, removed_at=datetime.datetime(2019, 7, 2, tzinfo=datetime.UTC))
    page = signed_in(bob).get(link("work_detail", work)).content.decode()
    assert page.index(f'id="bao-cao-{new.pk}"') < page.index(f'id="bao-cao-{old.pk}"')
    assert (shown.get_absolute_url() in page, removed.get_absolute_url() in page) == (True, False)


# --- Edit -----------------------------------------------------------------------------------------------------------


def test_work_edit_access_by_role(role_clients, work):
    assert statuses(role_clients, "get", link("work_edit", work)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_work_edit_saves_the_changes(work, bob):
    task = work.campaign.tasks.get(number=1)
    response = signed_in(bob).post(link("work_edit", work), form_post(tasks=[task.pk], value_vnd="900000000 đ"))
    work.refresh_from_db()
    assert response["Location"] == work.get_absolute_url()
    assert (work.title, work.value_vnd, list(work.tasks.all())) == ("Nhà văn hóa thôn Nà Lầu", 900_000_000, [task])
    assert work.history.latest("history_id").history_user.username == "bob"


def test_work_edit_keeps_a_district_that_was_closed_since(work, bob):
    closed = UnitFactory(name="Huyện Đã Sáp Nhập", kind=UnitKind.DISTRICT)
    PledgedWork.objects.filter(pk=work.pk).update(district=closed)
    closed.is_active = False
    closed.save()
    client = signed_in(bob)
    form = client.get(link("work_edit", work)).context["form"]
    assert (form["district"].value(), closed in form.fields["district"].queryset) == (closed.pk, True)
    task = work.campaign.tasks.get(number=1)
    client.post(link("work_edit", work), form_post(tasks=[task.pk], district=closed.pk))
    work.refresh_from_db()
    assert (work.title, work.district) == ("Nhà văn hóa thôn Nà Lầu", closed)


def test_work_create_does_not_offer_a_closed_district(launched, unit_a, work, bob):
    closed = UnitFactory(name="Huyện Đã Sáp Nhập", kind=UnitKind.DISTRICT, is_active=False)
    PledgedWork.objects.filter(pk=work.pk).update(district=closed)
    form = signed_in(bob).get(create_url(launched, unit_a)).context["form"]
    assert [unit.name for unit in form.fields["district"].queryset] == ["Huyện Văn Quan"]


def test_work_edit_shows_the_amount_with_dots(work, bob):
    page = signed_in(bob).get(link("work_edit", work)).content.decode()
    assert 'value="1.250.000.000"' in page


@pytest.mark.parametrize("status", [W.ACCEPTED, W.IN_PROGRESS, W.VERIFIED])
def test_work_edit_after_acceptance_goes_back_with_a_message(work, bob, status):
    at(work, status)
    client = signed_in(bob)
    response = client.post(link("work_edit", work), form_post(tasks=[work.campaign.tasks.first().pk]))
    assert response["Location"] == work.get_absolute_url()
    assert warnings_of(response) == ["Công trình, phần việc đã được chấp nhận: không sửa được nữa."]
    work.refresh_from_db()
    assert work.title != "Nhà văn hóa thôn Nà Lầu"
    assert client.get(link("work_edit", work)).status_code == 302


def test_work_edit_of_another_units_work_is_404_for_charlie(work, charlie):
    client = signed_in(charlie)
    assert client.get(link("work_edit", work)).status_code == 404
    assert client.post(link("work_edit", work), form_post()).status_code == 404


# --- Actions, return ------------------------------------------------------------------------------------------------


def test_work_action_get_is_not_allowed(role_clients, work):
    assert statuses(role_clients, "get", link("work_action", work, action="submit")) == {
        "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_submit_then_withdraw_through_the_buttons(work, bob):
    client = signed_in(bob)
    response = client.post(link("work_action", work, action="submit"))
    assert messages_of(response) == ["Đã gửi công trình, phần việc để xét."]
    work.refresh_from_db()
    assert work.status == W.SUBMITTED
    client.post(link("work_action", work, action="withdraw"))
    work.refresh_from_db()
    assert work.status == W.DRAFT


def test_a_stale_button_shows_the_refusal(work, bob):
    response = signed_in(bob).post(link("work_action", work, action="withdraw"))
    assert response["Location"] == work.get_absolute_url()
    assert messages_of(response) == ["Chỉ rút lại được khi đã gửi và chưa được xét."]


def test_work_actions_by_role(role_clients, work):
    at(work, W.SUBMITTED)
    assert statuses(role_clients, "post", link("work_action", work, action="accept")) == {
        "staff": 302, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }
    work.refresh_from_db()
    assert work.status == W.ACCEPTED


def test_verify_only_by_staff(role_clients, work, alice):
    at(work, W.COMPLETED, percent=100)
    answers = statuses(role_clients, "post", link("work_action", work, action="verify"))
    assert answers == {"staff": 302, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302}
    work.refresh_from_db()
    assert (work.status, work.verified_by) == (W.VERIFIED, alice)


def test_unknown_action_is_404(work, bob):
    assert signed_in(bob).post(link("work_action", work, action="delete")).status_code == 404


def test_work_return_access_by_role(role_clients, work):
    assert statuses(role_clients, "get", link("work_return", work)) == {
        "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_work_return_with_a_reason(work, alice):
    at(work, W.SUBMITTED)
    response = signed_in(alice).post(link("work_return", work), {"reason": "Thiếu dự toán"})
    work.refresh_from_db()
    assert (response.status_code, work.status, work.return_reason) == (302, W.RETURNED, "Thiếu dự toán")


def test_work_return_of_a_draft_shows_the_refusal_on_the_form(work, alice):
    response = signed_in(alice).post(link("work_return", work), {"reason": "Thiếu dự toán"})
    assert response.context["form"].non_field_errors() == ["Chỉ trả lại được khi đã gửi và chưa được xét."]


# --- Reports --------------------------------------------------------------------------------------------------------


def report_post(**overrides):
    return {"report_date": "01/06/2019", "percent": "40", "narrative": "Đã hoàn thành nền đường.", **overrides}


def test_report_add_access_by_role(role_clients, work):
    at(work, W.ACCEPTED)
    assert statuses(role_clients, "get", link("report_add", work)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_report_add_with_a_photo_saves_both(work, bob):
    at(work, W.ACCEPTED)
    upload = SimpleUploadedFile("nen-duong.png", png_bytes(), content_type="image/png")
    response = signed_in(bob).post(link("report_add", work), report_post(files=[upload]))
    report = ProgressReport.objects.get()
    assert response["Location"] == f"{work.get_absolute_url()}#bao-cao-{report.pk}"
    assert list(report.evidence.values_list("original_name", "kind")) == [("nen-duong.png", "png")]
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.IN_PROGRESS, 40)


def test_report_add_with_a_renamed_executable_saves_nothing(work, bob):
    at(work, W.ACCEPTED)
    good = SimpleUploadedFile("nen-duong.png", png_bytes(), content_type="image/png")
    bad = SimpleUploadedFile("anh-cong-trinh.png", EXECUTABLE, content_type="image/png")
    response = signed_in(bob).post(link("report_add", work), report_post(files=[good, bad]))
    assert response.status_code == 200
    assert response.context["form"].errors == {"files": [
        "Tệp “anh-cong-trinh.png” không được nhận: nội dung của nó không phải PDF, ảnh JPEG/PNG, văn bản Word (DOCX) "
        "hay bảng tính Excel (XLSX), dù tên tệp là gì."
    ]}
    assert (ProgressReport.objects.count(), Evidence.objects.count()) == (0, 0)
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.ACCEPTED, 0)


def test_report_add_refuses_a_future_date_beside_the_field(work, bob):
    at(work, W.ACCEPTED)
    response = signed_in(bob).post(link("report_add", work), report_post(report_date="01/01/2099"))
    assert list(response.context["form"].errors) == ["report_date"]
    assert ProgressReport.objects.count() == 0


def test_report_add_on_a_draft_work_goes_back_with_a_message(work, bob):
    response = signed_in(bob).get(link("report_add", work))
    assert response["Location"] == work.get_absolute_url()
    assert warnings_of(response) == [
        "Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành."
    ]


def test_report_edit_access_by_role(role_clients, work):
    report = ReportFactory(work=at(work, W.IN_PROGRESS))
    assert statuses(role_clients, "get", link("report_edit", work, report_pk=report.pk)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_report_edit_to_100_completes_the_work(work, bob):
    report = ReportFactory(work=at(work, W.IN_PROGRESS, percent=40))
    response = signed_in(bob).post(link("report_edit", work, report_pk=report.pk), report_post(percent="100"))
    assert response["Location"] == f"{work.get_absolute_url()}#bao-cao-{report.pk}"
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.COMPLETED, 100)


def test_report_of_another_work_is_404(work, launched, unit_a, bob):
    other = ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=W.IN_PROGRESS))
    at(work, W.IN_PROGRESS)
    assert signed_in(bob).get(link("report_edit", work, report_pk=other.pk)).status_code == 404


def test_report_edit_on_a_verified_work_goes_back(work, bob):
    report = ReportFactory(work=at(work, W.VERIFIED))
    response = signed_in(bob).post(link("report_edit", work, report_pk=report.pk), report_post(percent="10"))
    assert response["Location"] == work.get_absolute_url()
    report.refresh_from_db()
    assert report.percent == 40


def test_report_evidence_upload_goes_back_to_the_report(role_clients, work, bob):
    report = ReportFactory(work=at(work, W.IN_PROGRESS))
    url = link("report_evidence", work, report_pk=report.pk)
    assert statuses(role_clients, "get", url) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }
    upload = SimpleUploadedFile("bien-ban.png", png_bytes(), content_type="image/png")
    response = signed_in(bob).post(url, {"files": [upload], "caption": "Biên bản nghiệm thu"})
    assert response["Location"] == f"{work.get_absolute_url()}#bao-cao-{report.pk}"
    assert list(report.evidence.values_list("original_name", "caption")) == [("bien-ban.png", "Biên bản nghiệm thu")]


def test_a_colleague_of_the_same_unit_may_report(work, unit_a):
    colleague = UserFactory(units=[unit_a])
    at(work, W.ACCEPTED)
    assert signed_in(colleague).post(link("report_add", work), report_post()).status_code == 302


def test_report_evidence_on_a_verified_work_goes_back(work, bob):
    report = ReportFactory(work=at(work, W.VERIFIED))
    upload = SimpleUploadedFile("bien-ban.png", png_bytes(), content_type="image/png")
    response = signed_in(bob).post(link("report_evidence", work, report_pk=report.pk), {"files": [upload]})
    assert response["Location"] == work.get_absolute_url()
    assert Evidence.objects.count() == 0
