"""Achievements: creation and changes with their figures, the review cycle, every guard, and the history rows."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaign.evidence_files import check_upload
from campaign.models import Achievement, AchievementFigure, CampaignStatus, ReviewStatus
from campaign.services import achievements as services
from campaign.services.evidence import attach_evidence, remove_evidence
from portal.tests.factories import (
    PDF_BYTES,
    AchievementFactory,
    CampaignFactory,
    FigureFactory,
    TaskFactory,
    png_bytes,
)
from units.history import history_page

S = ReviewStatus
DATA = {
    "title": "Giảm nghèo bền vững", "description": "Giúp 120 hộ thoát nghèo.", "achieved_on": datetime.date(2019, 9, 1),
}
FIGURES = [
    {"label": "Số hộ thoát nghèo", "value": 120, "measure": "hộ"},
    {"label": "Đường giao thông nông thôn", "value": Decimal("14.5"), "measure": "km"},
]


@pytest.fixture
def task(launched):
    return launched.tasks.get(number=1)


@pytest.fixture
def achievement(launched, unit_a, task):
    return AchievementFactory(campaign=launched, unit=unit_a, task=task)


def evidence_file(name="anh.png", data=None):
    return check_upload(SimpleUploadedFile(name, data or png_bytes()))


def ready(achievement, by):
    """A figure and a file: what submission needs."""
    FigureFactory(achievement=achievement)
    attach_evidence(achievement, files=[evidence_file()], by=by)
    return achievement


def set_status(achievement, status, **fields):
    Achievement.objects.filter(pk=achievement.pk).update(status=status, **fields)
    achievement.refresh_from_db()
    return achievement


def create(launched, unit, task, by, **overrides):
    arguments = {"campaign": launched, "unit": unit, "task": task, "data": DATA, "figures": FIGURES, "by": by}
    return services.create_achievement(**{**arguments, **overrides})


def messages_of(caught):
    return caught.value.messages


# --- create ----------------------------------------------------------------------------------------------------------


def test_create_achievement_with_figures_and_history(launched, unit_a, task, bob):
    achievement = create(launched, unit_a, task, bob)
    assert (achievement.status, achievement.title, achievement.created_by, achievement.task) == (
        S.DRAFT, "Giảm nghèo bền vững", bob, task,
    )
    assert [(f.label, f.value, f.measure) for f in achievement.figures.order_by("id")] == [
        ("Số hộ thoát nghèo", Decimal("120.00"), "hộ"), ("Đường giao thông nông thôn", Decimal("14.50"), "km"),
    ]
    row = achievement.history.get()
    assert (row.history_type, row.history_user, row.history_change_reason) == ("+", bob, "Tạo thành tích")
    figure_rows = AchievementFigure.history.filter(achievement_id=achievement.pk)
    assert sorted((r.history_type, r.history_user.username, r.history_change_reason) for r in figure_rows) == [
        ("+", "bob", "Thêm số liệu"), ("+", "bob", "Thêm số liệu"),
    ]


def test_create_achievement_with_files(launched, unit_a, task, bob):
    achievement = create(launched, unit_a, task, bob, files=[evidence_file("a.pdf", PDF_BYTES)])
    assert [(e.original_name, e.kind, e.uploaded_by) for e in achievement.evidence.all()] == [("a.pdf", "pdf", bob)]


def test_create_achievement_normalises_text(launched, unit_a, task, bob):
    data = {"title": "  Gia\u0309m   nghèo ", "description": "  Mô tả.  ", "achieved_on": None}
    achievement = create(launched, unit_a, task, bob, data=data, figures=[])
    assert (achievement.title, achievement.description, achievement.achieved_on) == ("Giảm nghèo", "Mô tả.", None)


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_create_achievement_refused_outside_the_running_campaign(launched, unit_a, task, bob, status):
    launched.status = status
    launched.save()
    with pytest.raises(ValidationError) as caught:
        create(launched, unit_a, task, bob)
    assert messages_of(caught) == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]
    assert Achievement.objects.count() == 0


def test_create_achievement_while_evaluating(launched, unit_a, task, bob):
    launched.status = CampaignStatus.EVALUATING
    launched.save()
    assert create(launched, unit_a, task, bob).status == S.DRAFT


def test_create_achievement_refused_for_a_unit_not_taking_part(launched, unit_b, task, charlie):
    with pytest.raises(ValidationError) as caught:
        create(launched, unit_b, task, charlie)
    assert messages_of(caught) == ["Đơn vị Huyện Bình Gia không tham gia phong trào này."]


def test_create_achievement_refused_for_a_task_of_another_campaign(launched, unit_a, bob):
    other = TaskFactory(campaign=CampaignFactory())
    with pytest.raises(ValidationError) as caught:
        create(launched, unit_a, other, bob)
    assert caught.value.message_dict == {"task": ["Hãy chọn một nội dung thi đua của phong trào này."]}


def test_create_achievement_refused_without_a_title(launched, unit_a, task, bob):
    with pytest.raises(ValidationError) as caught:
        create(launched, unit_a, task, bob, data={**DATA, "title": "   "})
    assert caught.value.message_dict == {"title": ["Hãy ghi tên thành tích."]}


def test_create_achievement_refused_with_a_date_in_the_future(launched, unit_a, task, bob):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        create(launched, unit_a, task, bob, data={**DATA, "achieved_on": tomorrow})
    assert caught.value.message_dict == {"achieved_on": ["Ngày đạt được không thể sau hôm nay."]}


@pytest.mark.parametrize(("figure", "message"), [
    ({"label": "Số hộ", "value": -1}, "Số liệu “Số hộ”: giá trị phải là một số không âm."),
    ({"label": "Số hộ", "value": "nhiều"}, "Số liệu “Số hộ”: giá trị phải là một số không âm."),
    ({"label": "Số hộ", "value": Decimal("1e20")}, "Số liệu “Số hộ”: giá trị phải là một số không âm."),
    ({"label": " ", "value": 3}, "Mỗi số liệu cần có tên chỉ số."),
])
def test_create_achievement_refuses_bad_figures_and_saves_nothing(launched, unit_a, task, bob, figure, message):
    with pytest.raises(ValidationError) as caught:
        create(launched, unit_a, task, bob, figures=[FIGURES[0], figure])
    assert messages_of(caught) == [message]
    assert (Achievement.objects.count(), AchievementFigure.objects.count()) == (0, 0)


def test_create_achievement_refuses_unknown_fields(launched, unit_a, task, bob):
    with pytest.raises(ValueError):
        create(launched, unit_a, task, bob, data={**DATA, "status": "accepted"})


# --- update and figures ----------------------------------------------------------------------------------------------


def test_update_achievement_saves_what_changed_with_history(launched, achievement, bob):
    other_task = launched.tasks.get(number=2)
    services.update_achievement(achievement, data={**DATA, "title": "Xây dựng nông thôn mới"}, task=other_task,
                                by=bob, reason="Sửa tên")
    achievement.refresh_from_db()
    assert (achievement.title, achievement.task, achievement.description) == (
        "Xây dựng nông thôn mới", other_task, "Giúp 120 hộ thoát nghèo.",
    )
    row = achievement.history.latest()
    assert (row.history_type, row.history_user, row.history_change_reason) == ("~", bob, "Sửa tên")
    assert row.prev_record.title != row.title


def test_update_achievement_without_change_writes_no_history(achievement, bob):
    data = {"title": achievement.title, "description": achievement.description, "achieved_on": None}
    services.update_achievement(achievement, data=data, task=achievement.task, by=bob)
    assert achievement.history.count() == 1


def test_update_achievement_keeps_fields_left_out(achievement, bob):
    services.update_achievement(achievement, data={"achieved_on": datetime.date(2019, 8, 2)}, task=achievement.task,
                                by=bob)
    achievement.refresh_from_db()
    assert (achievement.achieved_on, achievement.description) == (datetime.date(2019, 8, 2), "Giúp 120 hộ thoát nghèo.")
    assert achievement.history.latest().history_change_reason == "Sửa thành tích"


@pytest.mark.parametrize("status", [S.SUBMITTED, S.RESUBMITTED, S.ACCEPTED])
def test_update_achievement_refused_unless_editable(achievement, bob, status):
    set_status(achievement, status)
    with pytest.raises(ValidationError) as caught:
        services.update_achievement(achievement, data=DATA, task=achievement.task, by=bob)
    assert messages_of(caught) == ["Chỉ sửa được thành tích đang soạn hoặc bị trả lại."]


def test_update_returned_achievement(achievement, bob):
    set_status(achievement, S.RETURNED, return_reason="Thiếu số liệu")
    services.update_achievement(achievement, data={"title": "Tên mới"}, task=achievement.task, by=bob)
    assert Achievement.objects.get().title == "Tên mới"


def test_update_achievement_refused_for_a_task_of_another_campaign(achievement, bob):
    with pytest.raises(ValidationError) as caught:
        services.update_achievement(achievement, data=DATA, task=TaskFactory(campaign=CampaignFactory()), by=bob)
    assert caught.value.message_dict == {"task": ["Hãy chọn một nội dung thi đua của phong trào này."]}


def test_save_figures_adds_changes_and_deletes_with_history(achievement, bob):
    kept, changed, deleted = (FigureFactory(achievement=achievement, label=label) for label in ("A", "B", "C"))
    rows = [
        {"id": kept.pk, "label": "A", "value": kept.value, "measure": kept.measure},
        {"id": changed.pk, "label": "B", "value": Decimal("3.5"), "measure": "km"},
        {"id": deleted.pk, "delete": True},
        {"id": None, "label": "Sáng kiến được công nhận", "value": 3, "measure": "sáng kiến"},
        {"id": None, "label": "Bỏ ngay", "value": 1, "delete": True},
    ]
    services.save_figures(achievement, rows=rows, by=bob)
    assert [(f.label, f.value, f.measure) for f in achievement.figures.order_by("id")] == [
        ("A", Decimal("120.00"), "hộ"), ("B", Decimal("3.50"), "km"), ("Sáng kiến được công nhận", Decimal("3.00"),
                                                                       "sáng kiến"),
    ]
    history = AchievementFigure.history.filter(history_user=bob).order_by("history_id")
    assert [(r.label, r.history_type, r.history_change_reason) for r in history] == [
        ("B", "~", "Sửa số liệu"), ("C", "-", "Xóa số liệu"), ("Sáng kiến được công nhận", "+", "Thêm số liệu"),
    ]


def test_save_figures_refuses_a_figure_of_another_achievement(achievement, bob):
    stranger = FigureFactory()
    with pytest.raises(ValidationError) as caught:
        services.save_figures(achievement, rows=[{"id": stranger.pk, "delete": True}], by=bob)
    assert messages_of(caught) == ["Số liệu này không còn: hãy tải lại trang."]
    assert AchievementFigure.objects.filter(pk=stranger.pk).exists()


def test_update_achievement_with_figures_is_all_or_nothing(achievement, bob):
    rows = [{"id": None, "label": "Âm", "value": -2, "measure": ""}]
    with pytest.raises(ValidationError):
        services.update_achievement(achievement, data={"title": "Tên mới"}, task=achievement.task, figures=rows,
                                    by=bob)
    achievement.refresh_from_db()
    assert achievement.title != "Tên mới"


def test_add_figure(achievement, bob):
    figure = services.add_figure(achievement, label="Số km đường", value="14.5", measure="km", by=bob)
    assert (figure.value, figure.history.get().history_user) == (Decimal("14.50"), bob)


def test_add_figure_refused_once_submitted(achievement, bob):
    set_status(achievement, S.SUBMITTED)
    with pytest.raises(ValidationError):
        services.add_figure(achievement, label="Số km đường", value=1, by=bob)


# --- review cycle ----------------------------------------------------------------------------------------------------


def test_submit_achievement(achievement, bob):
    services.submit_achievement(ready(achievement, bob), by=bob)
    achievement.refresh_from_db()
    assert (achievement.status, achievement.is_late) == (S.SUBMITTED, False)
    assert achievement.submitted_at is not None
    row = achievement.history.latest()
    assert (row.history_user, row.history_change_reason) == (bob, "Gửi để xét")


def test_submit_after_the_report_deadline_is_late(launched, achievement, bob):
    launched.report_deadline = datetime.date(2019, 10, 4)
    launched.save()
    achievement.refresh_from_db()
    services.submit_achievement(ready(achievement, bob), by=bob)
    assert Achievement.objects.get().is_late is True


def test_submit_with_a_description_and_no_figure(achievement, bob):
    attach_evidence(achievement, files=[evidence_file()], by=bob)
    assert services.submit_achievement(achievement, by=bob).status == S.SUBMITTED


def test_submit_with_figures_and_no_description(achievement, bob):
    Achievement.objects.filter(pk=achievement.pk).update(description="")
    achievement.refresh_from_db()
    assert services.submit_achievement(ready(achievement, bob), by=bob).status == S.SUBMITTED


def test_submit_refused_without_description_figures_or_evidence(achievement, bob):
    Achievement.objects.filter(pk=achievement.pk).update(description="  ")
    achievement.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.submit_achievement(achievement, by=bob)
    assert messages_of(caught) == [
        "Hãy ghi mô tả hoặc ít nhất một số liệu của thành tích trước khi gửi.",
        "Hãy tải lên ít nhất một tệp minh chứng trước khi gửi.",
    ]
    assert Achievement.objects.get().status == S.DRAFT


def test_submit_refused_when_every_file_was_removed(achievement, bob):
    ready(achievement, bob)
    remove_evidence(achievement.evidence.get(), by=bob)
    with pytest.raises(ValidationError) as caught:
        services.submit_achievement(achievement, by=bob)
    assert messages_of(caught) == ["Hãy tải lên ít nhất một tệp minh chứng trước khi gửi."]


def test_submit_refused_once_submitted(achievement, bob):
    services.submit_achievement(ready(achievement, bob), by=bob)
    with pytest.raises(ValidationError) as caught:
        services.submit_achievement(achievement, by=bob)
    assert messages_of(caught) == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]


def test_submit_refused_in_a_closed_campaign(launched, achievement, bob):
    ready(achievement, bob)
    launched.status = CampaignStatus.CLOSED
    launched.save()
    achievement.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.submit_achievement(achievement, by=bob)
    assert messages_of(caught) == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]


def test_resubmit_after_a_return_keeps_first_submission(launched, achievement, bob, alice):
    services.submit_achievement(ready(achievement, bob), by=bob)
    first = Achievement.objects.get().submitted_at
    services.return_achievement(achievement, by=alice, reason="Thiếu ảnh")
    launched.report_deadline = datetime.date(2019, 10, 4)
    launched.save()
    achievement.refresh_from_db()
    services.submit_achievement(achievement, by=bob)
    achievement.refresh_from_db()
    assert (achievement.status, achievement.submitted_at, achievement.is_late) == (S.RESUBMITTED, first, False)
    assert achievement.history.latest().history_change_reason == "Gửi lại sau khi sửa"


def test_withdraw_achievement(achievement, bob):
    services.submit_achievement(ready(achievement, bob), by=bob)
    services.withdraw_achievement(achievement, by=bob)
    assert Achievement.objects.get().status == S.DRAFT
    assert achievement.history.latest().history_change_reason == "Rút lại để sửa"


def test_withdraw_resubmitted_goes_back_to_returned(achievement, bob):
    set_status(achievement, S.RESUBMITTED, return_reason="Thiếu ảnh")
    assert services.withdraw_achievement(achievement, by=bob).status == S.RETURNED


def test_withdraw_refused_for_a_draft(achievement, bob):
    with pytest.raises(ValidationError) as caught:
        services.withdraw_achievement(achievement, by=bob)
    assert messages_of(caught) == ["Chỉ rút lại được khi đã gửi và chưa được xét."]


def test_accept_achievement(achievement, bob, alice):
    services.submit_achievement(ready(achievement, bob), by=bob)
    services.accept_achievement(achievement, by=alice, reason="Đúng, đủ")
    achievement.refresh_from_db()
    assert (achievement.status, achievement.reviewed_by) == (S.ACCEPTED, alice)
    row = achievement.history.latest()
    assert (row.history_user, row.history_change_reason) == (alice, "Đúng, đủ")


def test_accept_refused_for_a_draft(achievement, alice):
    with pytest.raises(ValidationError) as caught:
        services.accept_achievement(achievement, by=alice)
    assert messages_of(caught) == ["Chỉ chấp nhận được khi đã gửi và chưa được xét."]


def test_return_achievement_with_its_reason(achievement, bob, alice):
    services.submit_achievement(ready(achievement, bob), by=bob)
    services.return_achievement(achievement, by=alice, reason="  Số liệu chưa khớp báo cáo thống kê. ")
    achievement.refresh_from_db()
    assert (achievement.status, achievement.return_reason, achievement.reviewed_by) == (
        S.RETURNED, "Số liệu chưa khớp báo cáo thống kê.", alice,
    )
    row = achievement.history.latest()
    assert (row.history_user, row.history_change_reason) == (alice, "Trả lại: Số liệu chưa khớp báo cáo thống kê.")


def test_return_refused_without_a_reason(achievement, bob, alice):
    services.submit_achievement(ready(achievement, bob), by=bob)
    with pytest.raises(ValidationError) as caught:
        services.return_achievement(achievement, by=alice, reason=" ")
    assert caught.value.message_dict == {"reason": ["Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."]}
    assert Achievement.objects.get().status == S.SUBMITTED


def test_return_refused_for_a_draft(achievement, alice):
    with pytest.raises(ValidationError) as caught:
        services.return_achievement(achievement, by=alice, reason="Thiếu")
    assert messages_of(caught) == ["Chỉ trả lại được khi đã gửi và chưa được xét."]


# --- A closed campaign -----------------------------------------------------------------------------------------------

CLOSED = "Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."


def close(campaign, status=CampaignStatus.CLOSED):
    # Another request closes it: the copies the unit's page loaded still say "launched".
    type(campaign).objects.filter(pk=campaign.pk).update(status=status)


@pytest.mark.parametrize("status", [CampaignStatus.CLOSED, CampaignStatus.DRAFT])
def test_changing_an_achievement_refused_once_the_campaign_is_closed(achievement, bob, status):
    figure, title = FigureFactory(achievement=achievement), achievement.title
    close(achievement.campaign, status)
    calls = [
        lambda: services.update_achievement(achievement, data={"title": "Tên mới"}, task=achievement.task, by=bob),
        lambda: services.add_figure(achievement, label="Số km đường", value=1, by=bob),
        lambda: services.save_figures(achievement, rows=[{"id": figure.pk, "delete": True}], by=bob),
        lambda: services.submit_achievement(achievement, by=bob),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert messages_of(caught) == [CLOSED]
    assert (Achievement.objects.get().title, AchievementFigure.objects.count()) == (title, 1)
    assert achievement.history.count() == 1


def test_withdraw_refused_once_the_campaign_is_closed(achievement, bob):
    set_status(achievement, S.SUBMITTED)
    close(achievement.campaign)
    with pytest.raises(ValidationError) as caught:
        services.withdraw_achievement(achievement, by=bob)
    assert messages_of(caught) == [CLOSED]
    assert Achievement.objects.get().status == S.SUBMITTED


# --- Stale copies ----------------------------------------------------------------------------------------------------


def two_copies(achievement):
    return Achievement.objects.get(pk=achievement.pk), Achievement.objects.get(pk=achievement.pk)


def test_changes_from_a_stale_copy_of_a_submitted_achievement_are_refused(achievement, bob):
    ready(achievement, bob)
    mine, theirs = two_copies(achievement)
    services.submit_achievement(theirs, by=bob)
    message = ["Chỉ sửa được thành tích đang soạn hoặc bị trả lại."]
    calls = [
        lambda: services.update_achievement(mine, data={"title": "Tên mới"}, task=mine.task, by=bob),
        lambda: services.add_figure(mine, label="Số km đường", value=1, by=bob),
        lambda: services.save_figures(mine, rows=[{"id": None, "label": "Số km", "value": 1}], by=bob),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert messages_of(caught) == message
    with pytest.raises(ValidationError) as caught:
        services.submit_achievement(mine, by=bob)
    assert messages_of(caught) == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]
    assert (Achievement.objects.get().title, AchievementFigure.objects.count()) == (achievement.title, 1)


def test_accept_from_a_stale_copy_after_a_return_is_refused(achievement, bob, alice):
    services.submit_achievement(ready(achievement, bob), by=bob)
    mine, theirs = two_copies(achievement)
    services.return_achievement(theirs, by=alice, reason="Thiếu ảnh")
    with pytest.raises(ValidationError) as caught:
        services.accept_achievement(mine, by=alice)
    assert messages_of(caught) == ["Chỉ chấp nhận được khi đã gửi và chưa được xét."]
    assert (Achievement.objects.get().status, mine.status) == (S.RETURNED, S.RETURNED)


def test_update_from_a_stale_copy_keeps_a_colleagues_change_it_does_not_touch(achievement, bob):
    mine, theirs = two_copies(achievement)
    services.update_achievement(theirs, data={"description": "Mô tả mới."}, task=theirs.task, by=bob)
    services.update_achievement(mine, data={"title": "Tên mới"}, task=mine.task, by=bob)
    stored = Achievement.objects.get()
    assert (stored.title, stored.description) == ("Tên mới", "Mô tả mới.")


def test_a_long_return_reason_is_kept_whole(achievement, bob, alice):
    reason = ("Số liệu chưa khớp báo cáo thống kê, đề nghị kiểm tra lại. " * 20)[:900].strip()
    assert len(reason) == 900
    services.submit_achievement(ready(achievement, bob), by=bob)
    services.return_achievement(achievement, by=alice, reason=reason)
    achievement.refresh_from_db()
    assert achievement.return_reason == reason
    assert achievement.history.latest().history_change_reason == f"Trả lại: {reason}"


def test_history_shows_figures_with_a_decimal_comma(achievement, bob):
    figure = FigureFactory(achievement=achievement, value=Decimal(1250))
    services.save_figures(achievement, rows=[{"id": figure.pk, "label": figure.label, "value": Decimal("1234.5"),
                                              "measure": figure.measure}], by=bob)
    assert history_page(figure.history.all(), 1).object_list[0].changes == [("Giá trị", "1.250,00", "1.234,50")]
