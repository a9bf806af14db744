"""Deadlines of a campaign's phases and the daily reminders of the units that are behind (issue 8, point 2): the
once-a-day rule, due within the campaign's reminder days or late, done units left alone, the e-mails through the
outbox, the job, the beat entry, the command, the deadlines page and the demo."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaign.models import (
    CampaignStatus,
    Reminder,
    ReviewStatus,
    Scorecard,
    ScorecardStatus,
    ScoringTable,
    WorkStatus,
)
from campaign.services import registrations as registration_services
from campaign.services.reminders import send_reminders
from campaign.tasks import send_deadline_reminders
from portal.celery import app
from portal.tests.factories import (
    BatchFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
    WorkFactory,
)
from units.models import EmailStatus, Notification, OutboxEmail
from units.notify import send_outbox

D = datetime.date
DEADLINE = D(2019, 3, 31)


@pytest.fixture
def due(launched):
    """The launched campaign with its registration deadline on 31/03/2019; units are reminded 3 days before."""
    launched.registration_deadline = DEADLINE
    launched.save()
    return launched


@pytest.fixture
def member_b(cluster_a, unit_b, charlie):
    """unit_b (charlie's) takes part too."""
    MembershipFactory(cluster=cluster_a, unit=unit_b)
    return unit_b


def texts(sent):
    return [reminder.text for reminder in sent]


def notices(user):
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", "url"))


def registration_url(campaign, unit):
    return reverse("campaign:registration_create", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


# --- Once a day -----------------------------------------------------------------------------------------------------


def test_send_reminders_twice_the_same_day_sends_once(due, unit_a, bob):
    first = send_reminders(today=D(2019, 3, 29))
    second = send_reminders(today=D(2019, 3, 29))

    assert texts(first) == ["Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019)."]
    assert second == []
    assert notices(bob) == [("Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019).",
                             registration_url(due, unit_a))]
    assert OutboxEmail.objects.count() == 1
    assert list(Reminder.objects.values_list("unit", "phase", "day", "deadline", "late")) == [
        (unit_a.pk, "registration", D(2019, 3, 29), DEADLINE, False),
    ]


def test_send_reminders_the_next_day_sends_again(due, bob):
    send_reminders(today=D(2019, 3, 29))
    again = send_reminders(today=D(2019, 3, 30))

    assert texts(again) == ["Đơn vị Huyện Văn Quan còn 1 ngày đến hạn đăng ký thi đua (31/03/2019)."]
    assert [text for text, _url in notices(bob)] == [
        "Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019).",
        "Đơn vị Huyện Văn Quan còn 1 ngày đến hạn đăng ký thi đua (31/03/2019).",
    ]
    assert OutboxEmail.objects.count() == 2


def test_send_reminders_skips_a_unit_another_run_reminded_today(due, unit_a, bob):
    Reminder.objects.create(campaign=due, unit=unit_a, phase="registration", day=D(2019, 3, 29), deadline=DEADLINE)

    assert send_reminders(today=D(2019, 3, 29)) == []
    assert (Notification.objects.count(), OutboxEmail.objects.count()) == (0, 0)


# --- Due within the reminder days, on the day, late -----------------------------------------------------------------


def test_unit_due_further_than_the_reminder_days_is_not_reminded(due, bob):
    assert send_reminders(today=D(2019, 3, 27)) == []
    assert Reminder.objects.count() == 0


def test_unit_due_within_the_reminder_days_is_reminded(due, bob):
    due.reminder_days = 5
    due.save()

    assert texts(send_reminders(today=D(2019, 3, 26))) == [
        "Đơn vị Huyện Văn Quan còn 5 ngày đến hạn đăng ký thi đua (31/03/2019).",
    ]


def test_unit_is_reminded_on_the_deadline_day(due, bob):
    assert texts(send_reminders(today=DEADLINE)) == [
        "Hôm nay (31/03/2019) là hạn đăng ký thi đua của đơn vị Huyện Văn Quan.",
    ]


def test_late_unit_is_reminded_every_day_as_late(due, bob):
    sent = send_reminders(today=D(2019, 4, 5))

    assert texts(sent) == ["Đơn vị Huyện Văn Quan đã quá hạn đăng ký thi đua 5 ngày (hạn 31/03/2019)."]
    assert (sent[0].days, sent[0].late, sent[0].recipients) == (-5, True, 1)
    assert list(Reminder.objects.values_list("late", flat=True)) == [True]


def test_phase_without_a_deadline_reminds_nobody(launched, bob):
    assert send_reminders(today=D(2019, 3, 29)) == []


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_campaign_not_running_reminds_nobody(due, bob, status):
    due.status = status
    due.save()

    assert send_reminders(today=D(2019, 4, 5)) == []


def test_evaluating_campaign_still_reminds(due, bob):
    due.status = CampaignStatus.EVALUATING
    due.save()

    assert len(send_reminders(today=D(2019, 4, 5))) == 1


# --- Who is behind --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status, reminded", [
    (ReviewStatus.DRAFT, True),
    (ReviewStatus.RETURNED, True),
    (ReviewStatus.SUBMITTED, False),
    (ReviewStatus.RESUBMITTED, False),
    (ReviewStatus.ACCEPTED, False),
])
def test_registration_handed_in_is_done(due, unit_a, bob, status, reminded):
    RegistrationFactory(campaign=due, unit=unit_a, status=status, return_reason="Thiếu chữ ký")

    assert len(send_reminders(today=D(2019, 4, 1))) == (1 if reminded else 0)


def test_only_units_behind_are_reminded(due, unit_a, member_b, bob, charlie):
    RegistrationFactory(campaign=due, unit=unit_a, status=ReviewStatus.SUBMITTED)

    sent = send_reminders(today=D(2019, 4, 1))

    assert [(reminder.unit, reminder.phase) for reminder in sent] == [(member_b, "registration")]
    assert (notices(bob), [text for text, _url in notices(charlie)]) == (
        [], ["Đơn vị Huyện Bình Gia đã quá hạn đăng ký thi đua 1 ngày (hạn 31/03/2019)."],
    )


def test_units_outside_the_campaign_are_not_reminded(due, bob, unit_b, charlie):
    assert [reminder.unit.code for reminder in send_reminders(today=D(2019, 4, 1))] == ["A01"]


def test_inactive_units_are_not_reminded(due, unit_a, bob):
    unit_a.is_active = False
    unit_a.save()

    assert send_reminders(today=D(2019, 4, 1)) == []


def test_unit_without_an_active_officer_is_reminded_once_it_has_one(due, unit_a, bob):
    bob.is_active = False
    bob.save()
    assert send_reminders(today=D(2019, 4, 1)) == []
    assert Reminder.objects.count() == 0

    officer = UserFactory(username="dung", units=[unit_a])
    sent = send_reminders(today=D(2019, 4, 1))

    assert [(reminder.unit, reminder.recipients) for reminder in sent] == [(unit_a, 1)]
    assert list(Notification.objects.values_list("user", flat=True)) == [officer.pk]


def test_staff_of_the_unit_are_not_reminded(due, unit_a, bob, alice):
    alice.units.add(unit_a)

    assert [reminder.recipients for reminder in send_reminders(today=D(2019, 4, 1))] == [1]
    assert Notification.objects.filter(user=alice).count() == 0


@pytest.mark.parametrize("status, reminded", [
    (WorkStatus.DRAFT, True),
    (WorkStatus.RETURNED, True),
    (WorkStatus.SUBMITTED, False),
    (WorkStatus.IN_PROGRESS, False),
])
def test_works_phase_is_done_with_one_work_handed_in(launched, unit_a, bob, status, reminded):
    launched.pledge_deadline = D(2019, 4, 15)
    launched.save()
    WorkFactory(campaign=launched, unit=unit_a, status=status, return_reason="Thiếu dự toán")

    sent = send_reminders(today=D(2019, 4, 13))

    assert texts(sent) == (
        ["Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký công trình, phần việc (15/04/2019)."] if reminded else []
    )
    if reminded:
        progress = reverse("campaign:unit_progress", kwargs={"pk": launched.pk, "unit_pk": unit_a.pk})
        assert notices(bob)[0][1] == progress


@pytest.mark.parametrize("status, reminded", [
    (None, True),
    (ScorecardStatus.DRAFT, True),
    (ScorecardStatus.SUBMITTED, False),
    (ScorecardStatus.LOCKED, False),
])
def test_scoring_phase_follows_the_scoring_table_deadline(launched, unit_a, bob, status, reminded):
    ScoringTable.objects.create(campaign=launched, deadline=D(2019, 10, 10))
    if status is not None:
        locked_at = datetime.datetime(2019, 10, 9, tzinfo=datetime.UTC) if status == ScorecardStatus.LOCKED else None
        Scorecard.objects.create(campaign=launched, unit=unit_a, status=status, locked_at=locked_at)

    sent = send_reminders(today=D(2019, 10, 11))

    assert texts(sent) == (
        ["Đơn vị Huyện Văn Quan đã quá hạn gửi bảng tự chấm điểm 1 ngày (hạn 10/10/2019)."] if reminded else []
    )
    if reminded:
        scorecard_open = reverse("campaign:scorecard_open", kwargs={"pk": launched.pk, "unit_pk": unit_a.pk})
        assert notices(bob)[0][1] == scorecard_open


@pytest.mark.parametrize("status, reminded", [
    ("draft", True),
    ("returned", True),
    ("submitted", False),
    ("forwarded", False),
])
def test_nominations_phase_is_done_with_a_batch_sent(launched, unit_a, bob, status, reminded):
    launched.nomination_deadline = D(2019, 10, 20)
    launched.save()
    BatchFactory(campaign=launched, unit=unit_a, status=status)

    sent = send_reminders(today=D(2019, 10, 18))

    assert texts(sent) == (
        ["Đơn vị Huyện Văn Quan còn 2 ngày đến hạn gửi hồ sơ đề nghị khen thưởng (20/10/2019)."] if reminded else []
    )


def test_each_phase_is_reminded_on_its_own(launched, unit_a, bob):
    launched.registration_deadline = D(2019, 3, 31)
    launched.pledge_deadline = D(2019, 4, 2)
    launched.save()

    sent = send_reminders(today=D(2019, 4, 1))

    assert [(reminder.phase, reminder.days) for reminder in sent] == [("registration", -1), ("works", 1)]
    assert Reminder.objects.count() == 2


# --- E-mails --------------------------------------------------------------------------------------------------------


def test_reminder_emails_land_in_the_outbox_then_in_the_mail(due, unit_a, bob):
    send_reminders(today=D(2019, 3, 29))
    queued = OutboxEmail.objects.get()

    assert (queued.to, queued.user, queued.kind, queued.status, queued.key) == (
        "bob@example.vn", bob, "reminder", EmailStatus.QUEUED,
        f"reminder:{due.pk}:{unit_a.pk}:registration:2019-03-29:{bob.pk}",
    )
    assert send_outbox() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (
        ["bob@example.vn"], "Nhắc hạn: Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019).",
    )
    assert message.body == (
        "Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019).\n\n"
        "Phong trào: Phong trào thi đua đặc biệt năm 2019\n"
        f"Xem và thực hiện tại: {settings.PORTAL_BASE_URL}{registration_url(due, unit_a)}\n\n"
        "Thư này được gửi tự động mỗi ngày cho đến khi đơn vị hoàn thành."
    )
    assert OutboxEmail.objects.get().status == EmailStatus.SENT


def test_reminder_emails_are_sent_after_the_commit(due, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=D(2019, 3, 29))

    assert [message.to for message in mail.outbox] == [["bob@example.vn"]]
    assert OutboxEmail.objects.get().status == EmailStatus.SENT


def test_officer_without_an_address_gets_the_notice_only(due, bob):
    bob.email = ""
    bob.save()

    send_reminders(today=D(2019, 3, 29))

    assert (Notification.objects.filter(user=bob).count(), OutboxEmail.objects.count()) == (1, 0)


# --- The job, the beat, the command ---------------------------------------------------------------------------------


def test_the_job_reminds_the_day_it_is_given(due, bob):
    assert send_deadline_reminders("2019-03-29") == 1
    assert send_deadline_reminders("2019-03-29") == 0
    assert list(Reminder.objects.values_list("day", flat=True)) == [D(2019, 3, 29)]


def test_beat_runs_the_job_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["send-deadline-reminders"]
    schedule = entry["schedule"]

    assert entry["task"] in app.tasks
    assert (schedule.hour, schedule.minute, schedule.day_of_week) == ({7}, {0}, set(range(7)))
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_command_reminds_on_the_date_given(due, bob):
    out = StringIO()
    call_command("send_reminders", "--date", "29/03/2019", stdout=out)

    assert out.getvalue().splitlines() == [
        "  Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019). (1 người nhận)",
        "Ngày 29/03/2019: đã nhắc 1 lượt đơn vị.",
        "Đã gửi 1 thư.",
    ]
    assert [message.to for message in mail.outbox] == [["bob@example.vn"]]


def test_command_run_twice_reminds_once(due, bob):
    call_command("send_reminders", "--date", "29/03/2019", stdout=StringIO())
    out = StringIO()
    call_command("send_reminders", "--date", "29/03/2019", stdout=out)

    assert out.getvalue().splitlines() == ["Ngày 29/03/2019: đã nhắc 0 lượt đơn vị."]
    assert len(mail.outbox) == 1


def test_command_refuses_a_bad_date(due):
    with pytest.raises(CommandError) as error:
        call_command("send_reminders", "--date", "2019-03-29", stdout=StringIO())

    assert str(error.value) == "Ngày “2019-03-29” không đúng dạng dd/mm/yyyy."


# --- Deadlines: the service -----------------------------------------------------------------------------------------


def test_set_deadlines_sets_the_nomination_deadline_and_reminder_days(launched, alice):
    changed = registration_services.set_deadlines(
        launched, nomination_deadline=D(2019, 10, 20), reminder_days=5, by=alice, reason="Theo Hướng dẫn số 5",
    )

    launched.refresh_from_db()
    latest = launched.history.latest()
    assert changed is True
    assert (launched.nomination_deadline, launched.reminder_days) == (D(2019, 10, 20), 5)
    assert (latest.history_user, latest.history_change_reason) == (alice, "Theo Hướng dẫn số 5")


def test_set_deadlines_refuses_deadlines_outside_the_period_beside_their_fields(launched, alice):
    with pytest.raises(ValidationError) as error:
        registration_services.set_deadlines(
            launched, registration_deadline=D(2019, 10, 5), pledge_deadline=D(2019, 11, 1),
            report_deadline=D(2019, 10, 20), nomination_deadline=D(2019, 2, 1), reminder_days=31, by=alice,
        )

    after = "Thời hạn này không được sau ngày kết thúc phong trào (04/10/2019)."
    assert error.value.message_dict == {
        "registration_deadline": [after],
        "pledge_deadline": [after],
        "nomination_deadline": ["Thời hạn không được trước ngày bắt đầu phong trào (01/03/2019)."],
        "reminder_days": ["Số ngày nhắc trước hạn phải từ 0 đến 30."],
    }


def test_set_deadlines_refuses_an_unknown_field(launched, alice):
    with pytest.raises(TypeError):
        registration_services.set_deadlines(launched, end_date=D(2019, 12, 31), by=alice)


# --- Deadlines: the page --------------------------------------------------------------------------------------------


def deadlines_url(campaign):
    return reverse("campaign:deadlines", kwargs={"pk": campaign.pk})


def test_deadlines_page_saves_every_phase_and_the_reminder_days(role_clients, launched, alice):
    data = {"registration_deadline": "31/03/2019", "pledge_deadline": "15/04/2019", "report_deadline": "20/10/2019",
            "nomination_deadline": "25/10/2019", "reminder_days": "5", "reason": "Theo Kế hoạch số 12"}

    response = role_clients["staff"].post(deadlines_url(launched), data)

    launched.refresh_from_db()
    assert (response.status_code, response.url) == (302, launched.get_absolute_url())
    assert (launched.registration_deadline, launched.pledge_deadline, launched.report_deadline,
            launched.nomination_deadline, launched.reminder_days) == (
        D(2019, 3, 31), D(2019, 4, 15), D(2019, 10, 20), D(2019, 10, 25), 5,
    )
    assert launched.history.latest().history_change_reason == "Theo Kế hoạch số 12"


def test_deadlines_page_blank_reminder_days_is_the_default(role_clients, launched):
    launched.reminder_days = 7
    launched.save()

    role_clients["staff"].post(deadlines_url(launched), {"reminder_days": ""})

    launched.refresh_from_db()
    assert launched.reminder_days == 3


def test_deadlines_page_shows_what_is_set(role_clients, launched):
    launched.nomination_deadline = D(2019, 10, 25)
    launched.reminder_days = 5
    launched.save()

    form = role_clients["staff"].get(deadlines_url(launched)).context["form"]

    assert (form["nomination_deadline"].value(), form["reminder_days"].value()) == (D(2019, 10, 25), 5)
    assert 'value="25/10/2019"' in str(form["nomination_deadline"])


def test_deadlines_page_refuses_errors_beside_their_fields(role_clients, launched):
    data = {"pledge_deadline": "05/10/2019", "nomination_deadline": "28/02/2019", "reminder_days": "31"}

    response = role_clients["staff"].post(deadlines_url(launched), data)

    assert response.context["form"].errors == {
        "reminder_days": ["Số ngày nhắc trước hạn phải từ 0 đến 30."],
    }
    data["reminder_days"] = "3"
    response = role_clients["staff"].post(deadlines_url(launched), data)
    assert response.context["form"].errors == {
        "pledge_deadline": ["Thời hạn này không được sau ngày kết thúc phong trào (04/10/2019)."],
        "nomination_deadline": ["Thời hạn không được trước ngày bắt đầu phong trào (01/03/2019)."],
    }
    launched.refresh_from_db()
    assert (launched.pledge_deadline, launched.nomination_deadline) == (None, None)


def test_deadlines_page_shows_the_scoring_deadline_with_its_link(role_clients, launched):
    edit = reverse("campaign:scoring_table_edit", kwargs={"pk": launched.pk})
    before = role_clients["staff"].get(deadlines_url(launched)).content.decode()
    ScoringTable.objects.create(campaign=launched, deadline=D(2019, 10, 10))
    after = role_clients["staff"].get(deadlines_url(launched)).content.decode()

    link = f'<a href="{edit}">Đặt trong bảng chấm điểm</a>'
    assert ("Chưa đặt" in before, link in before) == (True, True)
    assert ("10/10/2019" in after, "Chưa đặt" in after, link in after) == (True, False, True)


def test_deadlines_page_answers_each_role(role_clients, launched):
    answers = {role: client.get(deadlines_url(launched)).status_code for role, client in role_clients.items()}
    assert answers == {"staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302}


# --- The demo -------------------------------------------------------------------------------------------------------


def test_demo_reminders_fill_the_outbox_and_notices_once(db):
    from campaign import demo_reminders

    call_command("load_demo", stdout=StringIO())
    demo_reminders.load()
    emails = list(OutboxEmail.objects.filter(kind="reminder").order_by("key").values_list("key", "status"))

    campaign = demo_reminders.demo_campaign()
    assert demo_reminders.load() == 0
    assert campaign.nomination_deadline == D(2019, 10, 20)
    assert sorted(Reminder.objects.filter(campaign=campaign).values_list("day", "phase", "late")) == [
        (D(2019, 3, 29), "registration", False), (D(2019, 3, 29), "registration", False),
        (D(2019, 4, 2), "registration", True), (D(2019, 4, 2), "registration", True),
        (D(2019, 10, 8), "registration", True), (D(2019, 10, 8), "registration", True),
        (D(2019, 10, 8), "scoring", False),
    ]
    assert sorted(status for _key, status in emails) == ["failed"] + ["sent"] * 6
    assert Notification.objects.filter(kind="reminder", read_at__isnull=True).count() == 7
    assert list(OutboxEmail.objects.filter(kind="reminder").order_by("key").values_list("key", "status")) == emails
