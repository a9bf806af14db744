import datetime
import smtplib
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from campaign import services
from campaign.launch_document import LaunchDocumentError, parse_launch_document
from campaign.models import (
    Campaign,
    CampaignKind,
    CampaignLaunchNotice,
    CampaignStatus,
    LegalRegime,
    Task,
)
from campaign.selectors import regime_in_force_on
from portal.tests.factories import (
    CampaignFactory,
    ClusterFactory,
    MembershipFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
)

from .conftest import LETTER_2019, PLAN_2025

pytestmark = pytest.mark.django_db


def document_data(**overrides):
    return {
        "title": "Phong trào thi đua đặc biệt năm 2019",
        "kind": CampaignKind.SPECIAL,
        "theme": "Đoàn kết, sáng tạo",
        "doc_number": "",
        "doc_date": None,
        "issuing_bodies": ["Tỉnh ủy", " UBND tỉnh ", ""],
        "signer_name": "Phạm Ngọc Thưởng",
        "signer_position": "CHỦ TỊCH",
        "recipients": "Sở Nội vụ\n\nLưu: VT",
        "start_date": datetime.date(2019, 3, 1),
        "end_date": datetime.date(2019, 10, 4),
        "anniversary_date": datetime.date(2019, 11, 4),
        "regime": LegalRegime.objects.get(code="A"),
        "source_text": "PHÁT ĐỘNG …",
        **overrides,
    }


TASKS = [(1, "Phát huy truyền thống", "1. Phát huy truyền thống yêu nước."), (2, "", "Thi đua sáng tạo. Còn nữa.")]


# --- create_campaign_from_document -----------------------------------------------------------------------------------


def test_create_campaign_from_document_makes_a_draft_with_its_tasks(alice):
    campaign = services.create_campaign_from_document(data=document_data(), tasks=TASKS, by=alice)
    assert (campaign.status, campaign.created_by) == (CampaignStatus.DRAFT, alice)
    assert campaign.issuing_bodies == "Tỉnh ủy\nUBND tỉnh"
    assert campaign.recipients == "Sở Nội vụ\nLưu: VT"
    assert list(campaign.tasks.values_list("number", "short_title", "text")) == [
        (1, "Phát huy truyền thống", "1. Phát huy truyền thống yêu nước."),
        (2, "Thi đua sáng tạo", "Thi đua sáng tạo. Còn nữa."),
    ]


def test_create_campaign_from_document_writes_history_with_reason_and_user(alice):
    campaign = services.create_campaign_from_document(data=document_data(), tasks=TASKS, by=alice)
    record = campaign.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", alice, "Tạo từ văn bản phát động",
    )
    assert list(Task.history.filter(campaign_id=campaign.pk).values_list("history_change_reason", flat=True)) == [
        "Tạo từ văn bản phát động", "Tạo từ văn bản phát động",
    ]


@pytest.mark.parametrize(
    ("data", "tasks", "message"),
    [
        ({}, [], "Phong trào cần ít nhất một nội dung thi đua."),
        ({}, [(1, "A", "Việc A."), (1, "B", "Việc B.")], "Số thứ tự nội dung bị trùng: 1."),
        ({"end_date": datetime.date(2019, 2, 1)}, TASKS, "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."),
    ],
)
def test_create_campaign_from_document_refuses_bad_input(alice, data, tasks, message):
    with pytest.raises(ValidationError) as error:
        services.create_campaign_from_document(data=document_data(**data), tasks=tasks, by=alice)
    assert error.value.messages == [message]
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (datetime.date(2019, 3, 1), "A"),
        (datetime.date(2024, 1, 1), "B"),
        (datetime.date(2025, 6, 30), "B"),
        (datetime.date(2025, 7, 1), "C"),
        (datetime.date(2010, 1, 1), "A"),
        (None, "A"),
    ],
)
def test_regime_in_force_on(day, code):
    assert regime_in_force_on(day).code == code


def test_document_data_preselects_the_regime_of_the_start_date(plan_2025):
    data = services.document_data(parse_launch_document(plan_2025), source_text=plan_2025)
    assert (data["regime"].code, data["start_date"], data["kind"]) == ("B", datetime.date(2025, 3, 15), "special")
    assert data["issuing_bodies"] == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"]


def test_document_data_overrides(letter_2019):
    parsed = parse_launch_document(letter_2019)
    data = services.document_data(
        parsed, source_text=letter_2019, start_date=datetime.date(2025, 8, 1), regime_code="A", kind="regular"
    )
    assert (data["regime"].code, data["start_date"], data["kind"]) == ("A", datetime.date(2025, 8, 1), "regular")


# --- import_launch_document_file -------------------------------------------------------------------------------------


def test_import_launch_document_file_2019(alice):
    result = services.import_launch_document_file(LETTER_2019, start_date=datetime.date(2019, 3, 5), by=alice)
    campaign = result.campaign
    assert result.created is True
    assert (campaign.start_date, campaign.end_date, campaign.anniversary_date) == (
        datetime.date(2019, 3, 5), datetime.date(2019, 10, 4), datetime.date(2019, 11, 4),
    )
    assert (campaign.regime.code, campaign.kind, campaign.status) == ("A", "special", "draft")
    assert campaign.issuing_body_list == [
        "Tỉnh ủy", "HĐND tỉnh", "UBND tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
    ]
    assert len(campaign.recipient_list) == 11
    assert campaign.tasks.count() == 12
    assert campaign.source_text == LETTER_2019.read_text(encoding="utf-8").strip()


def test_import_launch_document_file_plan_takes_dates_and_regime_from_the_document():
    campaign = services.import_launch_document_file(PLAN_2025).campaign
    assert (campaign.start_date, campaign.regime.code, campaign.doc_number) == (
        datetime.date(2025, 3, 15), "B", "45/KH-UBND",
    )
    assert campaign.tasks.count() == 6
    assert campaign.created_by is None


def test_import_launch_document_file_twice_with_update_existing_changes_nothing(alice):
    start = datetime.date(2019, 3, 5)
    first = services.import_launch_document_file(LETTER_2019, start_date=start, by=alice, update_existing=True)
    again = services.import_launch_document_file(LETTER_2019, start_date=start, by=alice, update_existing=True)
    assert (again.created, again.campaign.pk) == (False, first.campaign.pk)
    assert Campaign.objects.count() == 1
    assert (Campaign.history.count(), Task.history.count(), Task.objects.count()) == (1, 12, 12)


def test_import_launch_document_file_updates_changed_tasks(alice, tmp_path):
    start = datetime.date(2019, 3, 5)
    campaign = services.import_launch_document_file(LETTER_2019, start_date=start).campaign
    campaign.tasks.filter(number=2).update(text="Sửa tay.")
    TaskFactory(campaign=campaign, number=13)
    services.import_launch_document_file(LETTER_2019, start_date=start, by=alice, update_existing=True)
    assert campaign.tasks.get(number=2).text.startswith("Tiếp tục thực hiện nghiêm túc")
    assert campaign.tasks.count() == 12
    assert Task.history.filter(history_type="-").get().history_change_reason == "Cập nhật theo văn bản phát động"


def test_import_launch_document_file_needs_a_start_date():
    with pytest.raises(LaunchDocumentError) as error:
        services.import_launch_document_file(LETTER_2019)
    assert str(error.value) == "Văn bản không ghi ngày bắt đầu: hãy cho biết ngày bắt đầu phong trào."
    assert Campaign.objects.count() == 0


def test_import_launch_document_file_unknown_regime():
    with pytest.raises(LaunchDocumentError) as error:
        services.import_launch_document_file(PLAN_2025, regime_code="Z")
    assert str(error.value) == "Không có chế độ pháp lý mã “Z” (có: A, B, C)."


# --- Edits -------------------------------------------------------------------------------------------------------------


def test_update_campaign_saves_only_what_changed(alice):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    changed = services.update_campaign(
        campaign, data={"title": campaign.title, "theme": "Chủ đề mới", "regime": LegalRegime.objects.get(code="B")},
        by=alice,
    )
    assert changed == ["theme", "regime"]
    record = campaign.history.latest()
    assert (record.history_user, record.history_change_reason, record.theme) == (
        alice, "Sửa thông tin phong trào", "Chủ đề mới",
    )
    assert services.update_campaign(campaign, data={"theme": "Chủ đề mới"}, by=alice) == []


def test_update_campaign_refuses_an_end_before_the_start(alice):
    campaign = CampaignFactory()
    with pytest.raises(ValidationError):
        services.update_campaign(campaign, data={"end_date": datetime.date(2018, 1, 1)}, by=alice)


def test_add_task_refuses_a_taken_number(alice):
    task = TaskFactory(number=3)
    with pytest.raises(ValidationError) as error:
        services.add_task(task.campaign, number=3, short_title="", text="Việc khác.", by=alice)
    assert error.value.message_dict == {"number": ["Đã có nội dung số 3."]}
    # The failed insert was undone on its own: the surrounding transaction goes on.
    assert list(task.campaign.tasks.values_list("text", flat=True)) == ["Thi đua phát huy sáng kiến, cải tiến kỹ thuật."]
    assert Task.history.filter(campaign_id=task.campaign_id).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks of a second connection")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_add_task_racing_another_insert_of_the_same_number(alice):
    """The number is free when add_task looks, then another staff's insert of it commits first."""
    campaign = CampaignFactory()
    inserted, release = threading.Event(), threading.Event()

    def other_staff():
        try:
            with transaction.atomic():
                Task.objects.create(campaign=campaign, number=3, short_title="Ba", text="Việc ba.")
                inserted.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_staff)
    thread.start()
    assert inserted.wait(10)
    threading.Timer(0.5, release.set).start()  # commits while add_task waits on the row
    try:
        with pytest.raises(ValidationError) as error:
            services.add_task(campaign, number=3, short_title="", text="Việc khác.", by=alice)
    finally:
        release.set()
        thread.join(10)
    assert error.value.message_dict == {"number": ["Đã có nội dung số 3."]}
    assert list(campaign.tasks.values_list("text", flat=True)) == ["Việc ba."]


def test_update_and_delete_task_keep_history(alice):
    task = TaskFactory(number=4)
    services.update_task(task, short_title="", text="Thi đua cải cách hành chính; rút ngắn thời gian.", by=alice)
    task.refresh_from_db()
    assert task.short_title == "Thi đua cải cách hành chính"
    task_id = task.pk
    services.delete_task(task, by=alice)
    assert list(Task.history.filter(id=task_id).values_list("history_type", "history_change_reason")) == [
        ("-", "Xóa nội dung thi đua"), ("~", "Sửa nội dung thi đua"), ("+", None),
    ]


def test_set_campaign_clusters_records_what_changed(alice):
    campaign = CampaignFactory()
    first, second = ClusterFactory(), ClusterFactory()
    assert services.set_campaign_clusters(campaign, clusters=[first], by=alice) is True
    assert services.set_campaign_clusters(campaign, clusters=[second], by=alice) is True
    assert services.set_campaign_clusters(campaign, clusters=[second], by=alice) is False
    assert list(campaign.clusters.all()) == [second]
    assert campaign.history.latest().history_change_reason == "Cụm, khối tham gia: thêm 1, bỏ 1"


# --- Transitions ----------------------------------------------------------------------------------------------------


@pytest.fixture
def ready_draft(cluster_a):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    TaskFactory(campaign=campaign, number=1)
    campaign.clusters.add(cluster_a)
    return campaign


def test_launch_campaign_moves_to_launched_with_history(ready_draft, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_campaign(ready_draft, by=alice, reason="Theo Văn bản số 12")
    ready_draft.refresh_from_db()
    assert ready_draft.status == CampaignStatus.LAUNCHED
    record = ready_draft.history.latest()
    assert (record.status, record.history_user, record.history_change_reason) == (
        "launched", alice, "Theo Văn bản số 12",
    )


def test_launch_campaign_emails_the_officers_after_commit(ready_draft, alice, bob, django_capture_on_commit_callbacks):
    UserFactory(units=[UnitFactory()], email="khac@example.vn")  # not in a participating cluster
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.launch_campaign(ready_draft, by=alice)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [[bob.email]]
    message = mail.outbox[0]
    assert message.subject == f"Phát động phong trào thi đua: {ready_draft.title}"
    assert f"http://127.0.0.1:8000/phong-trao/{ready_draft.pk}/" in message.body
    assert "Kính gửi đồng chí Lương Văn Bob," in message.body
    assert "Thời gian: từ ngày 01/03/2019 đến ngày 04/10/2019." in message.body


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no_tasks", "Chưa có nội dung thi đua nào: chưa phát động được."),
        ("no_clusters", "Chưa chọn cụm, khối tham gia: chưa phát động được."),
    ],
)
def test_launch_campaign_guards(ready_draft, alice, setup, message):
    if setup == "no_tasks":
        ready_draft.tasks.all().delete()
    else:
        ready_draft.clusters.clear()
    with pytest.raises(ValidationError) as error:
        services.launch_campaign(ready_draft, by=alice)
    assert error.value.messages == [message]
    ready_draft.refresh_from_db()
    assert ready_draft.status == CampaignStatus.DRAFT


def test_evaluation_and_closing_follow_the_launch(ready_draft, alice):
    ready_draft.status = CampaignStatus.LAUNCHED
    ready_draft.save()
    services.start_evaluation(ready_draft, by=alice)
    services.close_campaign(ready_draft, by=alice, reason="Đã tổng kết")
    assert list(ready_draft.history.values_list("status", "history_change_reason")[:2]) == [
        ("closed", "Đã tổng kết"), ("evaluating", "Bắt đầu đánh giá, bình xét"),
    ]


def test_transition_from_the_wrong_status_is_refused(alice):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.close_campaign(campaign, by=alice)
    assert error.value.messages == [
        "Phong trào đang ở trạng thái “Dự thảo”, không chuyển được sang “Đã kết thúc”."
    ]


# --- Notification --------------------------------------------------------------------------------------------------


def test_notify_campaign_launched_sends_once(cluster_a, bob):
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a)
    colleague = UserFactory(units=[bob.units.get()])
    UserFactory(units=[bob.units.get()], email="")  # no address: nobody to write to
    UserFactory(units=[bob.units.get()], is_active=False)
    assert services.notify_campaign_launched(campaign.pk) == 2
    assert services.notify_campaign_launched(campaign.pk) == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted([bob.email, colleague.email])


def test_notify_campaign_launched_ignores_a_draft(cluster_a, bob):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    campaign.clusters.add(cluster_a)
    assert services.notify_campaign_launched(campaign.pk) == 0
    campaign.refresh_from_db()
    assert campaign.launch_notified_at is None


def test_notify_campaign_launched_releases_its_claim_when_mail_fails(cluster_a, bob, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a)
    with pytest.raises(OSError):
        services.notify_campaign_launched(campaign.pk)
    campaign.refresh_from_db()
    assert campaign.launch_notified_at is None


def test_notify_campaign_launched_retry_mails_only_those_not_told(cluster_a, bob, settings):
    colleague = UserFactory(units=[bob.units.get()])
    newcomer = UserFactory(units=[bob.units.get()])
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a)
    settings.EMAIL_BACKEND = "campaign.tests.mail_backends.RefusingBackend"
    settings.TEST_REFUSED_RECIPIENTS = [colleague.email]
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        services.notify_campaign_launched(campaign.pk)
    assert [message.to for message in mail.outbox] == [[bob.email]]
    assert list(CampaignLaunchNotice.objects.values_list("user", flat=True)) == [bob.pk]
    settings.TEST_REFUSED_RECIPIENTS = []
    assert services.notify_campaign_launched(campaign.pk) == 2
    assert [message.to for message in mail.outbox] == [[bob.email], [colleague.email], [newcomer.email]]
    notices = CampaignLaunchNotice.objects.order_by("user_id")
    assert [(notice.user, notice.sent_at is not None) for notice in notices] == [
        (bob, True), (colleague, True), (newcomer, True),
    ]
    campaign.refresh_from_db()
    assert campaign.launch_notified_at is not None
    assert services.notify_campaign_launched(campaign.pk) == 0


def test_notify_campaign_launched_skips_an_officer_claimed_by_another_run(cluster_a, bob):
    colleague = UserFactory(units=[bob.units.get()])
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a)
    CampaignLaunchNotice.objects.create(campaign=campaign, user=bob)  # another worker is sending to bob
    assert services.notify_campaign_launched(campaign.pk) == 1
    assert [message.to for message in mail.outbox] == [[colleague.email]]


def test_members_of_several_participating_clusters_get_one_email(cluster_a, bob):
    other = ClusterFactory()
    MembershipFactory(cluster=other, unit=bob.units.get())
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a, other)
    assert services.notify_campaign_launched(campaign.pk) == 1


def test_document_data_without_dates_takes_the_regime_of_today():
    parsed = parse_launch_document("KẾ HOẠCH\nPhong trào thi đua năm nay\n1. Việc.")
    data = services.document_data(parsed, source_text="")
    assert data["regime"] == regime_in_force_on(timezone.localdate())


def test_document_data_without_a_start_takes_the_regime_of_the_end(letter_2019):
    data = services.document_data(parse_launch_document(letter_2019), source_text=letter_2019)
    assert (data["start_date"], data["regime"].code) == (None, "A")
