import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaign.evidence_files import check_upload
from campaign.models import CampaignStatus, Evidence, PledgedWork, ProgressReport, WorkStatus
from campaign.services.works import (
    accept_work,
    add_report,
    create_work,
    return_work,
    submit_work,
    update_report,
    update_work,
    verify_work,
    withdraw_work,
)
from portal.tests.factories import (
    CampaignFactory,
    ReportFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
    png_bytes,
)
from units.history import history_page
from units.models import UnitKind

pytestmark = pytest.mark.django_db
W = WorkStatus
D = datetime.date
CLOSED = "Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."


def work_data(**overrides):
    return {
        "title": "Nhà văn hóa thôn Nà Lầu",
        "description": "Xây mới nhà văn hóa 120 m².",
        "district": None,
        "commune": "Xã Tân Đoàn",
        "value_vnd": 1_250_000_000,
        "start_date": D(2019, 4, 1),
        "target_date": D(2019, 9, 30),
        "responsible_name": "Nông Văn Dũng",
        "responsible_position": "Chủ tịch UBND xã",
        "responsible_phone": "0912 345 678",
        **overrides,
    }


def new_work(campaign, unit, by, **overrides):
    return create_work(campaign=campaign, unit=unit, data=work_data(**overrides), tasks=campaign.tasks.all(), by=by)


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def reasons(obj):
    return list(obj.history.order_by("history_id").values_list("history_change_reason", flat=True))


def work_in(launched, unit_a, status, **kwargs):
    return WorkFactory(campaign=launched, unit=unit_a, tasks=list(launched.tasks.all()), status=status, **kwargs)


def photo(name="anh-nen-duong.png"):
    return check_upload(SimpleUploadedFile(name, png_bytes(), content_type="image/png"))


# --- create_work ----------------------------------------------------------------------------------------------------


def test_create_work_saves_a_draft_with_its_tasks(launched, unit_a, bob):
    district = UnitFactory(name="Huyện Tràng Định", kind=UnitKind.DISTRICT)
    work = new_work(launched, unit_a, bob, district=district, title="  Nhà văn hóa thôn Nà Lầu ")
    work.refresh_from_db()
    assert (work.status, work.percent, work.created_by, work.unit, work.district) == (W.DRAFT, 0, bob, unit_a, district)
    assert (work.title, work.value_vnd, work.submitted_at, work.is_late) == (
        "Nhà văn hóa thôn Nà Lầu", 1_250_000_000, None, False,
    )
    assert sorted(work.tasks.values_list("number", flat=True)) == [1, 2]


def test_create_work_history_names_who_and_why(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    rows = work.history.order_by("history_id").values_list("history_type", "history_user", "history_change_reason")
    # The creation, then simple-history's row for the tasks set right after it.
    why = "Đăng ký công trình, phần việc"
    assert list(rows) == [("+", bob.pk, why), ("~", bob.pk, why)]


def test_create_work_refuses_dates_outside_the_period_beside_the_fields(launched, unit_a, bob):
    errors = errors_of(lambda: new_work(launched, unit_a, bob, start_date=D(2019, 2, 28), target_date=D(2019, 10, 5)))
    message = "Ngày phải nằm trong thời gian phong trào, từ 01/03/2019 đến 04/10/2019."
    assert errors == {"start_date": [message], "target_date": [message]}
    assert PledgedWork.objects.count() == 0


def test_create_work_accepts_the_first_and_last_day_of_the_period(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob, start_date=D(2019, 3, 1), target_date=D(2019, 10, 4))
    assert (work.start_date, work.target_date) == (D(2019, 3, 1), D(2019, 10, 4))


def test_create_work_refuses_a_target_before_the_start(launched, unit_a, bob):
    errors = errors_of(lambda: new_work(launched, unit_a, bob, start_date=D(2019, 6, 1), target_date=D(2019, 5, 31)))
    assert errors == {"target_date": ["Ngày dự kiến hoàn thành phải sau hoặc trùng ngày bắt đầu."]}


def test_create_work_refuses_no_task(launched, unit_a, bob):
    errors = errors_of(lambda: create_work(campaign=launched, unit=unit_a, data=work_data(), tasks=[], by=bob))
    assert errors == {"tasks": ["Hãy chọn ít nhất một nội dung thi đua mà công trình, phần việc phục vụ."]}


def test_create_work_refuses_a_task_of_another_campaign(launched, unit_a, bob):
    other = TaskFactory(campaign=CampaignFactory())
    errors = errors_of(lambda: create_work(campaign=launched, unit=unit_a, data=work_data(), tasks=[other], by=bob))
    assert errors == {"tasks": ["Chỉ chọn nội dung thi đua của phong trào này."]}


def test_create_work_refuses_a_district_that_is_not_district_level(launched, unit_a, bob):
    commune = UnitFactory(kind=UnitKind.COMMUNE)
    errors = errors_of(lambda: new_work(launched, unit_a, bob, district=commune))
    assert errors == {"district": ["Địa bàn phải là một đơn vị cấp huyện."]}


def test_create_work_refuses_a_unit_outside_the_campaign(launched, unit_b, charlie):
    errors = errors_of(lambda: new_work(launched, unit_b, charlie))
    assert errors == ["Đơn vị Huyện Bình Gia không tham gia phong trào này."]


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_create_work_refuses_a_campaign_not_running(launched, unit_a, bob, status):
    launched.status = status
    launched.save()
    errors = errors_of(lambda: new_work(launched, unit_a, bob))
    assert errors == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]


def test_create_work_in_evaluation_is_allowed(launched, unit_a, bob):
    launched.status = CampaignStatus.EVALUATING
    launched.save()
    assert new_work(launched, unit_a, bob).status == W.DRAFT


def test_target_after_the_anniversary_is_flagged_not_refused(launched, unit_a, bob):
    launched.anniversary_date = D(2019, 9, 2)
    launched.save()
    late = new_work(launched, unit_a, bob, target_date=D(2019, 9, 3))
    on_time = new_work(launched, unit_a, bob, target_date=D(2019, 9, 2))
    assert (late.target_after_anniversary, on_time.target_after_anniversary) == (True, False)


# --- update_work ----------------------------------------------------------------------------------------------------


def test_update_work_records_fields_and_tasks_in_one_row(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    first = launched.tasks.get(number=1)
    update_work(work, data=work_data(value_vnd=900_000_000), tasks=[first], by=bob, reason="Giảm quy mô")
    work.refresh_from_db()
    assert (work.value_vnd, list(work.tasks.all())) == (900_000_000, [first])
    assert reasons(work)[-1] == "Giảm quy mô"
    assert work.history.count() == 3
    latest = work.history.latest("history_id")
    assert sorted(latest.diff_against(latest.prev_record).changed_fields) == ["tasks", "value_vnd"]
    assert list(latest.tasks.values_list("task_id", flat=True)) == [first.pk]


def test_update_work_changes_only_the_tasks(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    update_work(work, data=work_data(), tasks=[launched.tasks.get(number=2)], by=bob)
    assert list(work.tasks.values_list("number", flat=True)) == [2]
    assert reasons(work)[-1] == "Sửa công trình, phần việc"


def test_update_work_without_changes_records_nothing(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    update_work(work, data=work_data(), tasks=launched.tasks.all(), by=bob)
    assert work.history.count() == 2


def test_update_work_keeps_a_submitted_work_submitted(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.SUBMITTED)
    update_work(work, data=work_data(title="Nhà văn hóa thôn Nà Lầu mở rộng"), tasks=launched.tasks.all(), by=bob)
    work.refresh_from_db()
    assert (work.status, work.title) == (W.SUBMITTED, "Nhà văn hóa thôn Nà Lầu mở rộng")


@pytest.mark.parametrize("status", [W.ACCEPTED, W.IN_PROGRESS, W.COMPLETED, W.VERIFIED])
def test_update_work_refused_once_accepted(launched, unit_a, bob, status):
    work = work_in(launched, unit_a, status)
    errors = errors_of(lambda: update_work(work, data=work_data(), tasks=launched.tasks.all(), by=bob))
    assert errors == ["Công trình, phần việc đã được chấp nhận: không sửa được nữa."]
    work.refresh_from_db()
    assert work.title != "Nhà văn hóa thôn Nà Lầu"


def test_update_work_checks_the_period_too(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    errors = errors_of(lambda: update_work(work, data=work_data(target_date=D(2020, 1, 1)), tasks=[], by=bob))
    assert set(errors) == {"tasks", "target_date"}


# --- submit, withdraw, accept, return, verify -----------------------------------------------------------------------


def test_submit_work_on_time_is_not_late(launched, unit_a, bob):
    launched.pledge_deadline = timezone.localdate()
    launched.save()
    work = submit_work(work_in(launched, unit_a, W.DRAFT), by=bob)
    work.refresh_from_db()
    assert (work.status, work.is_late, work.submitted_at is not None) == (W.SUBMITTED, False, True)
    assert work.history.latest("history_id").history_change_reason == "Gửi để xét"


def test_submit_work_after_the_pledge_deadline_is_late(launched, unit_a, bob):
    launched.pledge_deadline = timezone.localdate() - datetime.timedelta(days=1)
    launched.save()
    work = submit_work(work_in(launched, unit_a, W.DRAFT), by=bob)
    assert (work.status, work.is_late) == (W.SUBMITTED, True)


def test_submit_work_without_a_deadline_is_not_late(launched, unit_a, bob):
    assert submit_work(work_in(launched, unit_a, W.DRAFT), by=bob).is_late is False


def test_resubmission_after_a_return_keeps_the_first_stamp(launched, unit_a, bob, alice):
    work = submit_work(work_in(launched, unit_a, W.DRAFT), by=bob)
    first = work.submitted_at
    return_work(work, by=alice, reason="Bổ sung dự toán")
    launched.pledge_deadline = timezone.localdate() - datetime.timedelta(days=1)
    launched.save()
    submit_work(work, by=bob)
    work.refresh_from_db()
    assert (work.status, work.submitted_at, work.is_late) == (W.SUBMITTED, first, False)
    assert reasons(work)[-1] == "Gửi lại sau khi sửa"


@pytest.mark.parametrize("status", [W.SUBMITTED, W.ACCEPTED, W.COMPLETED])
def test_submit_work_refused_unless_draft_or_returned(launched, unit_a, bob, status):
    work = work_in(launched, unit_a, status)
    assert errors_of(lambda: submit_work(work, by=bob)) == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]
    assert work.submitted_at is None


def test_withdraw_work_takes_a_submitted_work_back_to_draft(launched, unit_a, bob):
    work = withdraw_work(work_in(launched, unit_a, W.SUBMITTED), by=bob)
    work.refresh_from_db()
    assert work.status == W.DRAFT
    assert work.history.latest("history_id").history_user == bob
    assert reasons(work)[-1] == "Rút lại để sửa"


@pytest.mark.parametrize("status", [W.DRAFT, W.RETURNED, W.ACCEPTED])
def test_withdraw_work_only_when_submitted(launched, unit_a, bob, status):
    work = work_in(launched, unit_a, status, return_reason="Thiếu dự toán")
    assert errors_of(lambda: withdraw_work(work, by=bob)) == ["Chỉ rút lại được khi đã gửi và chưa được xét."]


def test_accept_work_stamps_the_review(launched, unit_a, alice):
    work = accept_work(work_in(launched, unit_a, W.SUBMITTED), by=alice)
    work.refresh_from_db()
    assert (work.status, work.reviewed_by, work.reviewed_at is not None) == (W.ACCEPTED, alice, True)
    assert reasons(work)[-1] == "Chấp nhận"


def test_accept_work_refused_unless_submitted(launched, unit_a, alice):
    work = work_in(launched, unit_a, W.DRAFT)
    assert errors_of(lambda: accept_work(work, by=alice)) == ["Chỉ chấp nhận được khi đã gửi và chưa được xét."]
    assert work.reviewed_by is None


def test_return_work_keeps_the_reason(launched, unit_a, alice):
    work = return_work(work_in(launched, unit_a, W.SUBMITTED), by=alice, reason="  Bổ sung dự toán  ")
    work.refresh_from_db()
    assert (work.status, work.return_reason, work.reviewed_by) == (W.RETURNED, "Bổ sung dự toán", alice)
    row = work.history.latest("history_id")
    assert (row.history_user, row.history_change_reason) == (alice, "Trả lại: Bổ sung dự toán")


def test_return_work_requires_a_reason(launched, unit_a, alice):
    work = work_in(launched, unit_a, W.SUBMITTED)
    assert errors_of(lambda: return_work(work, by=alice, reason=" ")) == {
        "reason": ["Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."]
    }
    work.refresh_from_db()
    assert work.status == W.SUBMITTED


def test_return_work_refused_unless_submitted(launched, unit_a, alice):
    work = work_in(launched, unit_a, W.ACCEPTED)
    assert errors_of(lambda: return_work(work, by=alice, reason="Sai")) == [
        "Chỉ trả lại được khi đã gửi và chưa được xét."
    ]


def test_verify_work_by_staff_when_completed(launched, unit_a, alice):
    work = verify_work(work_in(launched, unit_a, W.COMPLETED), by=alice)
    work.refresh_from_db()
    assert (work.status, work.verified_by, work.verified_at is not None) == (W.VERIFIED, alice, True)
    assert reasons(work)[-1] == "Xác nhận hoàn thành"


def test_verify_work_refused_to_an_officer(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.COMPLETED)
    assert errors_of(lambda: verify_work(work, by=bob)) == [
        "Chỉ Ban Thi đua – Khen thưởng xác nhận hoàn thành công trình, phần việc."
    ]
    work.refresh_from_db()
    assert (work.status, work.verified_by) == (W.COMPLETED, None)


@pytest.mark.parametrize("status", [W.ACCEPTED, W.IN_PROGRESS, W.VERIFIED])
def test_verify_work_only_when_completed(launched, unit_a, alice, status):
    work = work_in(launched, unit_a, status)
    assert errors_of(lambda: verify_work(work, by=alice)) == [
        "Chỉ xác nhận được khi công trình, phần việc đã hoàn thành."
    ]


# --- add_report, update_report --------------------------------------------------------------------------------------


def report(work, by, day=D(2019, 6, 1), percent=40, narrative="Đã hoàn thành nền móng.", files=()):
    return add_report(work, report_date=day, percent=percent, narrative=narrative, files=files, by=by)


@pytest.mark.parametrize("status", [W.DRAFT, W.SUBMITTED, W.RETURNED, W.VERIFIED])
def test_add_report_refused_unless_the_work_is_reportable(launched, unit_a, bob, status):
    work = work_in(launched, unit_a, status, return_reason="Thiếu dự toán")
    errors = errors_of(lambda: report(work, bob))
    assert errors == [
        "Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành "
        f"(trạng thái hiện tại: “{W(status).label}”)."
    ]
    assert ProgressReport.objects.count() == 0


def test_add_report_refuses_a_future_date_and_one_before_the_campaign(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    today = timezone.localdate()
    message = (f"Ngày báo cáo phải từ ngày bắt đầu phong trào (01/03/2019) đến hôm nay ({today:%d/%m/%Y}).")
    tomorrow = today + datetime.timedelta(days=1)
    assert errors_of(lambda: report(work, bob, day=tomorrow)) == {"report_date": [message]}
    assert errors_of(lambda: report(work, bob, day=D(2019, 2, 28))) == {"report_date": [message]}


@pytest.mark.parametrize("percent", [-1, 101, None])
def test_add_report_refuses_a_percent_outside_0_100(launched, unit_a, bob, percent):
    work = work_in(launched, unit_a, W.ACCEPTED)
    assert errors_of(lambda: report(work, bob, percent=percent)) == {
        "percent": ["Phần trăm hoàn thành phải từ 0 đến 100."]
    }


def test_add_report_refuses_an_empty_narrative(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    assert errors_of(lambda: report(work, bob, narrative="  ")) == {
        "narrative": ["Hãy ghi nội dung báo cáo: đã làm được gì."]
    }


def test_first_report_starts_the_work_and_sets_its_percent(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    saved = report(work, bob, percent=40)
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.IN_PROGRESS, 40)
    assert (saved.created_by, saved.report_date, saved.narrative) == (bob, D(2019, 6, 1), "Đã hoàn thành nền móng.")


def test_add_report_history_rows_name_who_and_why(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    saved = report(work, bob, percent=40)
    because = "Cập nhật tiến độ theo báo cáo ngày 01/06/2019"
    rows = work.history.order_by("history_id").values_list("history_user", "history_change_reason", "percent", "status")
    assert list(rows)[-2:] == [(bob.pk, f"{because}: 0% → 40%", 40, W.ACCEPTED), (bob.pk, because, 40, W.IN_PROGRESS)]
    assert list(saved.history.values_list("history_user", "history_change_reason")) == [(bob.pk, "Báo cáo tiến độ")]


def test_report_at_100_completes_the_work(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.IN_PROGRESS)
    report(work, bob, percent=100)
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.COMPLETED, 100)


def test_first_report_at_100_completes_an_accepted_work(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    report(work, bob, percent=100)
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.COMPLETED, 100)


def test_a_correction_below_100_brings_a_completed_work_back_in_progress(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    saved = report(work, bob, percent=100)
    update_report(saved, report_date=saved.report_date, percent=90, narrative=saved.narrative, by=bob,
                  reason="Nhầm số liệu")
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.IN_PROGRESS, 90)
    assert reasons(saved)[-1] == "Nhầm số liệu"
    assert reasons(work)[-2:] == [
        "Cập nhật tiến độ theo báo cáo ngày 01/06/2019: 100% → 90%", "Cập nhật tiến độ theo báo cáo ngày 01/06/2019",
    ]


def test_a_new_report_below_100_reopens_a_completed_work(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    report(work, bob, day=D(2019, 6, 1), percent=100)
    report(work, bob, day=D(2019, 7, 1), percent=95, narrative="Phát hiện hạng mục phải làm lại.")
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.IN_PROGRESS, 95)


def test_an_older_report_does_not_change_the_percent(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    report(work, bob, day=D(2019, 7, 1), percent=60)
    report(work, bob, day=D(2019, 6, 1), percent=30)
    work.refresh_from_db()
    assert (work.status, work.percent) == (W.IN_PROGRESS, 60)


def test_of_two_reports_on_one_day_the_later_counts(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    report(work, bob, percent=60)
    report(work, bob, percent=50)
    work.refresh_from_db()
    assert work.percent == 50


def test_moving_a_report_date_resyncs_the_work(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    early = report(work, bob, day=D(2019, 6, 1), percent=70)
    report(work, bob, day=D(2019, 7, 1), percent=50)
    update_report(early, report_date=D(2019, 8, 1), percent=70, narrative=early.narrative, by=bob)
    work.refresh_from_db()
    assert work.percent == 70
    assert reasons(work)[-1] == "Cập nhật tiến độ theo báo cáo ngày 01/08/2019: 50% → 70%"


def test_add_report_attaches_its_files(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.ACCEPTED)
    saved = report(work, bob, files=[photo()])
    evidence = Evidence.objects.get()
    assert (evidence.report, evidence.original_name, evidence.kind, evidence.uploaded_by) == (
        saved, "anh-nen-duong.png", "png", bob,
    )
    assert bool(evidence.thumbnail) is True


def test_update_report_refused_once_the_work_is_verified(launched, unit_a, bob):
    saved = ReportFactory(work=work_in(launched, unit_a, W.VERIFIED))
    errors = errors_of(lambda: update_report(saved, report_date=D(2019, 6, 2), percent=10, narrative="Sửa", by=bob))
    assert errors == [
        "Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành "
        "(trạng thái hiện tại: “Đã xác nhận hoàn thành”)."
    ]
    saved.refresh_from_db()
    assert saved.percent == 40


def test_update_report_without_changes_records_nothing(launched, unit_a, bob):
    saved = report(work_in(launched, unit_a, W.ACCEPTED), bob)
    update_report(saved, report_date=saved.report_date, percent=saved.percent, narrative=saved.narrative, by=bob)
    assert saved.history.count() == 1


def test_update_report_checks_the_date(launched, unit_a, bob):
    saved = report(work_in(launched, unit_a, W.ACCEPTED), bob)
    errors = errors_of(lambda: update_report(saved, report_date=D(2018, 1, 1), percent=40, narrative="x", by=bob))
    assert list(errors) == ["report_date"]


def test_add_report_refused_when_the_campaign_is_closed(launched, unit_a, bob):
    work = work_in(launched, unit_a, W.IN_PROGRESS)
    launched.status = CampaignStatus.CLOSED
    launched.save()
    assert errors_of(lambda: report(work, bob)) == [CLOSED]
    assert ProgressReport.objects.count() == 0


# --- A closed campaign --------------------------------------------------------------------------------------------


def close(campaign, status=CampaignStatus.CLOSED):
    # Another request closes it: the copies the unit's page loaded still say "launched".
    type(campaign).objects.filter(pk=campaign.pk).update(status=status)


@pytest.mark.parametrize("status", [CampaignStatus.CLOSED, CampaignStatus.DRAFT])
def test_update_work_refused_once_the_campaign_is_closed(launched, unit_a, bob, status):
    work = work_in(launched, unit_a, W.DRAFT)
    close(launched, status)
    assert errors_of(lambda: update_work(work, data=work_data(), tasks=launched.tasks.all(), by=bob)) == [CLOSED]
    assert work.history.count() == 2  # the factory's: its creation, its tasks


@pytest.mark.parametrize(("status", "act"), [
    (W.DRAFT, submit_work),
    (W.RETURNED, submit_work),
    (W.SUBMITTED, withdraw_work),
])
def test_submit_and_withdraw_work_refused_once_the_campaign_is_closed(launched, unit_a, bob, status, act):
    work = work_in(launched, unit_a, status, return_reason="Thiếu dự toán")
    close(launched)
    assert errors_of(lambda: act(work, by=bob)) == [CLOSED]
    assert PledgedWork.objects.get().status == status


def test_update_report_refused_once_the_campaign_is_closed(launched, unit_a, bob):
    saved = report(work_in(launched, unit_a, W.ACCEPTED), bob, percent=40)
    close(launched)
    errors = errors_of(lambda: update_report(saved, report_date=saved.report_date, percent=90,
                                             narrative=saved.narrative, by=bob))
    assert errors == [CLOSED]
    assert (ProgressReport.objects.get().percent, PledgedWork.objects.get().percent) == (40, 40)


def test_reviewers_still_decide_once_the_campaign_is_closed(launched, unit_a, alice):
    work = work_in(launched, unit_a, W.SUBMITTED)
    close(launched, CampaignStatus.EVALUATING)
    assert accept_work(work, by=alice).status == W.ACCEPTED


# --- Stale copies and races ---------------------------------------------------------------------------------------


def two_copies(work):
    return PledgedWork.objects.get(pk=work.pk), PledgedWork.objects.get(pk=work.pk)


def test_return_from_a_stale_copy_after_an_accept_is_refused(launched, unit_a, alice, bob):
    mine, theirs = two_copies(work_in(launched, unit_a, W.SUBMITTED))
    accept_work(theirs, by=bob)
    assert errors_of(lambda: return_work(mine, by=alice, reason="Thiếu dự toán")) == [
        "Chỉ trả lại được khi đã gửi và chưa được xét."
    ]
    stored = PledgedWork.objects.get()
    assert (stored.status, stored.return_reason, stored.reviewed_by) == (W.ACCEPTED, "", bob)
    assert mine.status == W.ACCEPTED  # the refused copy now holds what is stored
    assert reasons(stored) == [None, None, "Chấp nhận"]  # the factory's two rows, then one accept


def test_second_submit_from_a_stale_copy_is_refused(launched, unit_a, bob):
    mine, theirs = two_copies(work_in(launched, unit_a, W.DRAFT))
    submit_work(theirs, by=bob)
    assert errors_of(lambda: submit_work(mine, by=bob)) == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]
    assert reasons(PledgedWork.objects.get()) == [None, None, "Gửi để xét"]


def test_withdraw_from_a_stale_copy_after_an_accept_is_refused(launched, unit_a, bob, alice):
    mine, theirs = two_copies(work_in(launched, unit_a, W.SUBMITTED))
    accept_work(theirs, by=alice)
    assert errors_of(lambda: withdraw_work(mine, by=bob)) == ["Chỉ rút lại được khi đã gửi và chưa được xét."]
    assert PledgedWork.objects.get().status == W.ACCEPTED


def test_update_from_a_stale_copy_after_an_accept_is_refused(launched, unit_a, bob, alice):
    mine, theirs = two_copies(work_in(launched, unit_a, W.SUBMITTED))
    accept_work(theirs, by=alice)
    errors = errors_of(lambda: update_work(mine, data=work_data(), tasks=launched.tasks.all(), by=bob))
    assert errors == ["Công trình, phần việc đã được chấp nhận: không sửa được nữa."]
    assert PledgedWork.objects.get().title != "Nhà văn hóa thôn Nà Lầu"


def test_update_from_a_stale_copy_compares_with_what_is_stored(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    mine, theirs = two_copies(work)
    update_work(theirs, data=work_data(title="Nhà văn hóa thôn Khòn Pát"), tasks=launched.tasks.all(), by=bob)
    # The stale copy still holds the first title: sending it back is a change, and it is saved.
    update_work(mine, data=work_data(), tasks=launched.tasks.all(), by=bob, reason="Giữ tên cũ")
    assert PledgedWork.objects.get().title == "Nhà văn hóa thôn Nà Lầu"
    assert reasons(work)[-1] == "Giữ tên cũ"


def test_verify_from_a_stale_copy_is_refused(launched, unit_a, alice):
    mine, theirs = two_copies(work_in(launched, unit_a, W.COMPLETED))
    verify_work(theirs, by=alice)
    assert errors_of(lambda: verify_work(mine, by=alice)) == [
        "Chỉ xác nhận được khi công trình, phần việc đã hoàn thành."
    ]
    assert reasons(PledgedWork.objects.get()) == [None, None, "Xác nhận hoàn thành"]


def test_report_from_a_stale_copy_of_a_verified_work_is_refused(launched, unit_a, bob, alice):
    mine, theirs = two_copies(work_in(launched, unit_a, W.COMPLETED, percent=100))
    verify_work(theirs, by=alice)
    assert errors_of(lambda: report(mine, bob, percent=90)) == [
        "Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành "
        "(trạng thái hiện tại: “Đã xác nhận hoàn thành”)."
    ]
    assert (ProgressReport.objects.count(), PledgedWork.objects.get().percent) == (0, 100)


def test_reports_from_two_copies_both_count(launched, unit_a, bob):
    mine, theirs = two_copies(work_in(launched, unit_a, W.ACCEPTED))
    report(theirs, bob, day=D(2019, 6, 1), percent=100)
    report(mine, bob, day=D(2019, 7, 1), percent=80, narrative="Phải làm lại một hạng mục.")
    stored = PledgedWork.objects.get()
    assert (stored.status, stored.percent) == (W.IN_PROGRESS, 80)


def test_a_long_return_reason_is_kept_whole(launched, unit_a, alice):
    reason = ("Đề nghị bổ sung dự toán chi tiết và nguồn vốn. " * 20)[:900].strip()
    assert len(reason) == 900
    work = return_work(work_in(launched, unit_a, W.SUBMITTED), by=alice, reason=reason)
    work.refresh_from_db()
    assert work.return_reason == reason
    assert work.history.latest("history_id").history_change_reason == f"Trả lại: {reason}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks of a second connection")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_accept_and_return_of_one_work_at_once(launched, unit_a, alice, bob):
    """Two reviewers press at once: bob's accept holds the row when alice's return comes, and commits first."""
    work = work_in(launched, unit_a, W.SUBMITTED)
    accepted, release = threading.Event(), threading.Event()

    def other_reviewer():
        try:
            with transaction.atomic():
                accept_work(PledgedWork.objects.get(pk=work.pk), by=bob)
                accepted.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_reviewer)
    thread.start()
    assert accepted.wait(10)
    threading.Timer(0.5, release.set).start()  # commits while return_work waits on the row
    try:
        errors = errors_of(lambda: return_work(work, by=alice, reason="Thiếu dự toán"))
    finally:
        release.set()
        thread.join(10)
    assert errors == ["Chỉ trả lại được khi đã gửi và chưa được xét."]
    stored = PledgedWork.objects.get()
    assert (stored.status, stored.reviewed_by, stored.return_reason) == (W.ACCEPTED, bob, "")


def test_history_shows_money_with_dots_and_a_percent_as_it_is(launched, unit_a, bob):
    work = new_work(launched, unit_a, bob)
    update_work(work, data=work_data(value_vnd=1_300_000_000), tasks=launched.tasks.all(), by=bob)
    assert history_page(work.history.all(), 1).object_list[0].changes == [
        ("Giá trị (đồng)", "1.250.000.000", "1.300.000.000"),
    ]
    saved = report(work_in(launched, unit_a, W.ACCEPTED), bob, percent=40)
    update_report(saved, report_date=saved.report_date, percent=90, narrative=saved.narrative, by=bob)
    assert history_page(saved.history.all(), 1).object_list[0].changes == [("Phần trăm hoàn thành", "40", "90")]
