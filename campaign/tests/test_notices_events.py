"""Notices of the campaign's review events (services.notices, called by the services): accepted, returned and
verified registrations, works and achievements; scorecards sent back with proposals, locked and reopened. Each
tells the active officers of the owning unit (not the one who acted, not other units' officers) in the portal and
by a queued e-mail."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaign.models import ReviewStatus, Score, Scorecard, ScorecardStatus, WorkStatus
from campaign.services import achievements, registrations, scorecards, works
from portal.tests.factories import (
    AchievementFactory,
    CriterionFactory,
    RegistrationFactory,
    ScoringTableFactory,
    UserFactory,
    WorkFactory,
)
from units.models import Notification, OutboxEmail


@pytest.fixture
def emma(unit_a):
    """A second officer of unit_a, bob's colleague."""
    return UserFactory(username="emma", full_name="Nông Thị Emma", units=[unit_a])


@pytest.fixture
def officers(bob, emma, charlie, unit_a):
    """unit_a's officers bob and emma, a former officer of unit_a (inactive) and charlie of unit_b."""
    UserFactory(username="nghi", units=[unit_a], is_active=False)
    return bob, emma


def notices():
    return sorted((n.user.username, n.kind, n.text, n.url) for n in Notification.objects.select_related("user"))


def emails():
    return sorted((m.user.username, m.to, m.kind, m.subject, m.body, m.status)
                  for m in OutboxEmail.objects.select_related("user"))


def told(kind, subject, url, reason="", users=("bob", "emma")):
    """What each of ``users`` should have: (notices, e-mails)."""
    text = f"{subject}: {reason}" if reason else f"{subject}."
    body = f"{text}\n\n{settings.PORTAL_BASE_URL}{url}"
    return ([(user, kind, text, url) for user in users],
            [(user, f"{user}@example.vn", kind, subject, body, "queued") for user in users])


def assert_told(kind, subject, url, reason="", users=("bob", "emma")):
    assert (notices(), emails()) == told(kind, subject, url, reason, users)


# --- Registrations ---------------------------------------------------------------------------------------------------


@pytest.fixture
def registration(launched, unit_a):
    return RegistrationFactory(campaign=launched, unit=unit_a, status=ReviewStatus.SUBMITTED)


def test_accept_registration_tells_the_units_officers(registration, officers, alice):
    registrations.accept_registration(registration, by=alice)

    assert_told("registration_accepted", "Đăng ký thi đua của Huyện Văn Quan đã được chấp nhận",
                f"/phong-trao/{registration.campaign_id}/dang-ky/{registration.pk}/")


def test_return_registration_tells_the_reason(registration, officers, alice):
    registrations.return_registration(registration, by=alice, reason="Thiếu chữ ký của Chủ tịch UBND huyện")

    assert_told("registration_returned", "Đăng ký thi đua của Huyện Văn Quan đã bị trả lại",
                f"/phong-trao/{registration.campaign_id}/dang-ky/{registration.pk}/",
                reason="Thiếu chữ ký của Chủ tịch UBND huyện")


def test_an_officer_who_acts_is_not_told_of_their_own_act(registration, officers, bob):
    registrations.accept_registration(registration, by=bob)

    assert_told("registration_accepted", "Đăng ký thi đua của Huyện Văn Quan đã được chấp nhận",
                f"/phong-trao/{registration.campaign_id}/dang-ky/{registration.pk}/", users=("emma",))


def test_a_refused_return_tells_nobody(registration, officers, alice):
    with pytest.raises(ValidationError):
        registrations.return_registration(registration, by=alice, reason="  ")

    assert (notices(), emails()) == ([], [])


def test_a_return_of_an_accepted_registration_is_refused_and_tells_nobody(registration, officers, alice):
    registrations.accept_registration(registration, by=alice)
    Notification.objects.all().delete()
    OutboxEmail.objects.all().delete()

    with pytest.raises(ValidationError):
        registrations.return_registration(registration, by=alice, reason="Sai số liệu")

    assert (notices(), emails()) == ([], [])


# --- Works -----------------------------------------------------------------------------------------------------------


def work_of(campaign, unit, status, **values):
    return WorkFactory(campaign=campaign, unit=unit, status=status, title="Đường giao thông thôn Pò Mận", **values)


def test_accept_work_tells_the_units_officers(launched, unit_a, officers, alice):
    work = work_of(launched, unit_a, WorkStatus.SUBMITTED)

    works.accept_work(work, by=alice)

    assert_told("work_accepted",
                "Công trình, phần việc “Đường giao thông thôn Pò Mận” của Huyện Văn Quan đã được chấp nhận",
                f"/phong-trao/{launched.pk}/cong-trinh/{work.pk}/")


def test_return_work_tells_the_reason(launched, unit_a, officers, alice):
    work = work_of(launched, unit_a, WorkStatus.SUBMITTED)

    works.return_work(work, by=alice, reason="Giá trị công trình chưa có căn cứ")

    assert_told("work_returned",
                "Công trình, phần việc “Đường giao thông thôn Pò Mận” của Huyện Văn Quan đã bị trả lại",
                f"/phong-trao/{launched.pk}/cong-trinh/{work.pk}/", reason="Giá trị công trình chưa có căn cứ")


def test_verify_work_tells_the_units_officers(launched, unit_a, officers, alice):
    work = work_of(launched, unit_a, WorkStatus.COMPLETED, percent=100)

    works.verify_work(work, by=alice)

    assert_told("work_verified",
                "Công trình, phần việc “Đường giao thông thôn Pò Mận” của Huyện Văn Quan đã được xác nhận hoàn thành",
                f"/phong-trao/{launched.pk}/cong-trinh/{work.pk}/")


# --- Achievements ----------------------------------------------------------------------------------------------------


@pytest.fixture
def achievement(launched, unit_a):
    return AchievementFactory(campaign=launched, unit=unit_a, task=launched.tasks.get(number=1),
                              title="Giảm nghèo bền vững", status=ReviewStatus.RESUBMITTED)


def test_accept_achievement_tells_the_units_officers_with_the_note(achievement, officers, alice):
    achievements.accept_achievement(achievement, by=alice, reason="Số liệu khớp báo cáo của huyện")

    assert_told("achievement_accepted", "Thành tích “Giảm nghèo bền vững” của Huyện Văn Quan đã được chấp nhận",
                f"/phong-trao/{achievement.campaign_id}/thanh-tich/{achievement.pk}/",
                reason="Số liệu khớp báo cáo của huyện")


def test_return_achievement_tells_the_reason(achievement, officers, alice):
    achievements.return_achievement(achievement, by=alice, reason="Minh chứng không đọc được")

    assert_told("achievement_returned", "Thành tích “Giảm nghèo bền vững” của Huyện Văn Quan đã bị trả lại",
                f"/phong-trao/{achievement.campaign_id}/thanh-tich/{achievement.pk}/",
                reason="Minh chứng không đọc được")


# --- Scorecards ------------------------------------------------------------------------------------------------------


@pytest.fixture
def card(launched, unit_a):
    """unit_a's submitted scorecard: one criterion of 10 points, scored 7,5."""
    criterion = CriterionFactory(table=ScoringTableFactory(campaign=launched), code="1.1", max_points=10)
    card = Scorecard.objects.create(campaign=launched, unit=unit_a, status=ScorecardStatus.SUBMITTED,
                                    submitted_at=timezone.now())
    Score.objects.create(scorecard=card, criterion=criterion, max_points=10, points=Decimal("7.5"))
    return card


def url_of(card):
    return f"/phong-trao/{card.campaign_id}/bang-diem/{card.pk}/"


def test_propose_tells_the_unit_to_answer(card, officers, alice):
    row = {"score_id": card.scores.get().pk, "proposed_points": Decimal(6), "proposal_reason": "Thiếu minh chứng"}

    scorecards.propose(card, rows=[row], by=alice)

    assert_told("scorecard_proposed",
                "Bảng tự chấm điểm của Huyện Văn Quan có đề xuất điều chỉnh điểm, chờ đơn vị trả lời", url_of(card))


def test_lock_scorecard_tells_the_total(card, officers, alice):
    scorecards.lock_scorecard(card, by=alice)

    assert_told("scorecard_locked", "Bảng tự chấm điểm của Huyện Văn Quan đã được chốt với tổng điểm 7,5",
                url_of(card))


def test_reopen_scorecard_tells_the_reason(card, officers, alice):
    scorecards.lock_scorecard(card, by=alice)
    Notification.objects.all().delete()
    OutboxEmail.objects.all().delete()

    scorecards.reopen_scorecard(card, by=alice, reason="Đơn vị bổ sung minh chứng tiêu chí 1.1")

    assert_told("scorecard_reopened", "Bảng tự chấm điểm của Huyện Văn Quan đã được mở lại", url_of(card),
                reason="Đơn vị bổ sung minh chứng tiêu chí 1.1")


def test_a_unit_without_other_officers_queues_no_sending_job(registration, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        registrations.accept_registration(registration, by=bob)

    assert (notices(), emails(), callbacks) == ([], [], [])
