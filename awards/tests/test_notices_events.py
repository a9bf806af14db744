"""Notices of screening and decisions (services.notices, called by the services): a batch received, returned to
the unit or one step back, forwarded; each nominee's screening result; decisions recorded and cancelled, to each
decided nominee's unit; on the staff side the batch assigned to a specialist or a board. Each tells the people
concerned (not the one who acted, not other units' officers) in the portal and by a queued e-mail."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.models import AwardForm, BatchStatus, Board, ScreeningStatus
from awards.services import screening
from awards.services.decisions import cancel_decision_with_items, record_decision
from portal.tests.factories import (
    AgendaItemFactory,
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    NominationFactory,
    PersonFactory,
    SessionFactory,
    StaffPostFactory,
    UnitFactory,
    UserFactory,
)
from units.models import Notification, OutboxEmail

NOW = datetime.datetime(2019, 10, 20, 8, 0, tzinfo=datetime.timezone.utc)


@pytest.fixture
def officers(bob, charlie, unit_a):
    """unit_a's officers bob and emma, a former officer of unit_a (inactive) and charlie of unit_b."""
    emma = UserFactory(username="emma", full_name="Nông Thị Emma", units=[unit_a])
    UserFactory(username="nghi", units=[unit_a], is_active=False)
    return bob, emma


@pytest.fixture
def staff(db):
    board = Board.objects.create(name="Phòng Khen thưởng")
    return {
        "clerk": StaffPostFactory(function="clerk", user__username="vanthu").user,
        "specialist": StaffPostFactory(function="specialist", board=board, user__username="chuyenvien").user,
        "colleague": StaffPostFactory(function="specialist", board=board, user__username="dongnghiep").user,
        "outsider": StaffPostFactory(function="specialist", user__username="ngoaiban").user,
        "head": StaffPostFactory(function="head", user__username="truongban").user,
        "board": board,
    }


@pytest.fixture
def campaign(db):
    return CampaignFactory()


def plain_form(campaign):
    """A form without rules, documents or quota: every check passes for a factory nominee."""
    return AwardFormFactory(regime=campaign.regime, code="thu_nghiem", name="Giấy chứng nhận thử nghiệm",
                            report_template="individual")


def batch_of(campaign, unit, status, **values):
    """unit's batch 15/TTr-UBND in ``status`` with one nominee, Hoàng Văn Thử."""
    batch = BatchFactory(campaign=campaign, unit=unit, letter_number="15/TTr-UBND", status=status, submitted_at=NOW,
                         held_since=NOW, **values)
    NominationFactory(batch=batch, award_form=plain_form(campaign),
                      person=PersonFactory(unit=unit, full_name="Hoàng Văn Thử"))
    return batch


def notices():
    return sorted((n.user.username, n.kind, n.text, n.url) for n in Notification.objects.select_related("user"))


def emails():
    return sorted((m.user.username, m.to, m.kind, m.subject, m.body, m.status)
                  for m in OutboxEmail.objects.select_related("user"))


def told(users, kind, subject, url, reason=""):
    """What each of ``users`` should have: (notices, e-mails)."""
    text = f"{subject}: {reason}" if reason else f"{subject}."
    body = f"{text}\n\n{settings.PORTAL_BASE_URL}{url}"
    return ([(user, kind, text, url) for user in users],
            [(user, f"{user}@example.vn", kind, subject, body, "queued") for user in users])


def assert_told(users, kind, subject, url, reason=""):
    assert (notices(), emails()) == told(users, kind, subject, url, reason)


def batch_url(batch):
    return f"/phong-trao/{batch.campaign_id}/de-nghi/{batch.pk}/"


def nomination_url(nomination):
    return f"/phong-trao/{nomination.batch.campaign_id}/de-nghi/muc/{nomination.pk}/"


# --- Batches ---------------------------------------------------------------------------------------------------------


def test_receive_batch_tells_the_units_officers(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.SUBMITTED)

    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)

    assert_told(["bob", "emma"], "batch_received",
                "Tờ trình số 15/TTr-UBND của Huyện Văn Quan đã được Sở Nội vụ tiếp nhận", batch_url(batch))


def test_assign_batch_tells_the_specialist_only(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.RECEIVED, holder=staff["clerk"], received_by=staff["clerk"])

    screening.assign_batch(batch, to=staff["specialist"], board=staff["board"], by=staff["clerk"],
                           expected_version=batch.version, note="Thẩm định trong 5 ngày")

    assert_told(["chuyenvien"], "batch_assigned",
                "Anh/chị được phân công thẩm định Tờ trình số 15/TTr-UBND của Huyện Văn Quan", batch_url(batch),
                reason="Thẩm định trong 5 ngày")


def test_assign_batch_to_a_board_tells_its_screeners(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.RECEIVED, holder=staff["clerk"], received_by=staff["clerk"])

    screening.assign_batch(batch, board=staff["board"], by=staff["clerk"], expected_version=batch.version)

    assert_told(["chuyenvien", "dongnghiep"], "batch_assigned",
                "Anh/chị được phân công thẩm định Tờ trình số 15/TTr-UBND của Huyện Văn Quan", batch_url(batch))


def test_return_batch_to_the_unit_tells_its_officers_the_reason(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.RECEIVED, holder=staff["clerk"], received_by=staff["clerk"])

    screening.return_batch(batch, reason="Thiếu biên bản họp xét khen thưởng", by=staff["clerk"],
                           expected_version=batch.version)

    assert_told(["bob", "emma"], "batch_returned", "Tờ trình số 15/TTr-UBND của Huyện Văn Quan đã bị trả lại đơn vị",
                batch_url(batch), reason="Thiếu biên bản họp xét khen thưởng")


def test_return_batch_one_step_back_tells_the_clerk(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.ASSIGNED, holder=staff["specialist"],
                     received_by=staff["clerk"], assigned_to=staff["specialist"])

    screening.return_batch(batch, reason="Không thuộc lĩnh vực của phòng", by=staff["specialist"],
                           expected_version=batch.version)

    assert_told(["vanthu"], "batch_returned", "Tờ trình số 15/TTr-UBND của Huyện Văn Quan đã được trả lại cho anh/chị",
                batch_url(batch), reason="Không thuộc lĩnh vực của phòng")


def test_return_batch_from_the_head_tells_the_specialist(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.CHECKED, received_by=staff["clerk"],
                     assigned_to=staff["specialist"])

    screening.return_batch(batch, reason="Xem lại điều kiện về sáng kiến", by=staff["head"],
                           expected_version=batch.version)

    assert_told(["chuyenvien"], "batch_returned",
                "Tờ trình số 15/TTr-UBND của Huyện Văn Quan đã được trả lại cho anh/chị", batch_url(batch),
                reason="Xem lại điều kiện về sáng kiến")


def test_forward_batch_tells_the_units_officers(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.CHECKED, received_by=staff["clerk"],
                     assigned_to=staff["specialist"])
    batch.nominations.update(status=ScreeningStatus.MEETS)

    screening.forward_batch(batch, by=staff["head"], expected_version=batch.version,
                            note="Trình phiên họp tháng 11")

    assert_told(["bob", "emma"], "batch_forwarded",
                "Tờ trình số 15/TTr-UBND của Huyện Văn Quan đã được chuyển Hội đồng Thi đua – Khen thưởng tỉnh",
                batch_url(batch), reason="Trình phiên họp tháng 11")


def test_a_refused_return_tells_nobody(campaign, unit_a, officers, staff):
    batch = batch_of(campaign, unit_a, BatchStatus.SUBMITTED)

    with pytest.raises(ValidationError):
        screening.return_batch(batch, reason="Thiếu tờ trình", by=staff["clerk"], expected_version=batch.version + 1)

    assert (notices(), emails()) == ([], [])


# --- Screening results -----------------------------------------------------------------------------------------------


@pytest.fixture
def assigned(campaign, unit_a, staff):
    return batch_of(campaign, unit_a, BatchStatus.ASSIGNED, holder=staff["specialist"], received_by=staff["clerk"],
                    assigned_to=staff["specialist"])


def test_a_nominee_who_meets_the_conditions_is_told_to_the_unit(assigned, officers, staff):
    nomination = assigned.nominations.get()

    screening.screen_nomination(nomination, verdict="meets", by=staff["specialist"], expected_version=assigned.version)

    assert_told(["bob", "emma"], "nomination_screened",
                "Đề nghị khen thưởng Hoàng Văn Thử (Giấy chứng nhận thử nghiệm) đủ điều kiện",
                nomination_url(nomination))


def test_a_nominee_who_fails_is_told_to_the_unit_with_the_reason(assigned, officers, staff):
    nomination = assigned.nominations.get()

    screening.screen_nomination(nomination, verdict="fails", reason="Thành tích chưa nổi bật", by=staff["specialist"],
                                expected_version=assigned.version)

    assert_told(["bob", "emma"], "nomination_screened",
                "Đề nghị khen thưởng Hoàng Văn Thử (Giấy chứng nhận thử nghiệm) không đủ điều kiện",
                nomination_url(nomination), reason="Thành tích chưa nổi bật")


# --- Decisions -------------------------------------------------------------------------------------------------------


@pytest.fixture
def session(db):
    UnitFactory(code="TINH-LS", name="UBND tỉnh Lạng Sơn", kind="province")
    return SessionFactory(campaign=CampaignFactory(), status="closed", member_count=5)


def passed(session, unit, name, code, awarded_code=None):
    """``name`` of ``unit``, nominated for the form ``code`` in a forwarded batch, passed (lower: ``awarded_code``)."""
    batch = BatchFactory(campaign=session.campaign, unit=unit, status="forwarded", submitted_at=NOW)
    nomination = NominationFactory(batch=batch, award_form=AwardForm.objects.get(regime__code="A", code=code),
                                   person=PersonFactory(unit=unit, full_name=name), status="forwarded")
    awarded = AwardForm.objects.get(regime__code="A", code=awarded_code or code)
    outcome = "passed_lower" if awarded_code else "passed"
    return AgendaItemFactory(session=session, nomination=nomination, outcome=outcome, awarded_form=awarded, agree=5,
                             disagree=0, lower=0, invalid=0, not_voted=0)


@pytest.fixture
def items(session, unit_a, unit_b):
    return [passed(session, unit_a, "Hoàng Văn Đức", "cstd_tinh"),
            passed(session, unit_b, "Nông Thị Lan", "cstd_tinh", awarded_code="bang_khen_tinh")]


def decide(session, items, by):
    values = {"number": "2345/QĐ-UBND", "date": datetime.date(2019, 12, 20), "signer": "Phạm Ngọc Thưởng",
              "signer_position": "Chủ tịch UBND tỉnh"}
    return record_decision(session, items=items, values=values, by=by)


def test_record_decision_tells_each_decided_nominees_unit(session, items, officers, alice):
    decide(session, items, alice)

    ours, theirs = (item.nomination for item in items)
    ours_text = ("Hoàng Văn Đức được công nhận danh hiệu “Chiến sĩ thi đua cấp tỉnh” theo Quyết định số "
                 "2345/QĐ-UBND ngày 20/12/2019")
    theirs_text = ("Nông Thị Lan được tặng “Bằng khen của Chủ tịch UBND tỉnh” theo Quyết định số 2345/QĐ-UBND "
                   "ngày 20/12/2019")
    ours_told = told(["bob", "emma"], "decision_recorded", ours_text, nomination_url(ours))
    theirs_told = told(["charlie"], "decision_recorded", theirs_text, nomination_url(theirs))
    assert (notices(), emails()) == (sorted(ours_told[0] + theirs_told[0]), sorted(ours_told[1] + theirs_told[1]))


def test_cancel_decision_tells_each_nominees_unit_the_reason(session, items, officers, alice):
    decision = decide(session, items[:1], alice)
    Notification.objects.all().delete()
    OutboxEmail.objects.all().delete()

    cancel_decision_with_items(decision, reason="Ghi nhầm số quyết định", by=alice)

    assert_told(["bob", "emma"], "decision_cancelled",
                "Quyết định số 2345/QĐ-UBND ngày 20/12/2019 khen thưởng Hoàng Văn Đức (“Chiến sĩ thi đua cấp tỉnh”) "
                "đã bị hủy", nomination_url(items[0].nomination), reason="Ghi nhầm số quyết định")


def test_a_consolidated_nominee_is_told_to_the_unit_that_proposed_it(session, unit_a, officers, alice):
    """A nominee the province copied into its own proposal is told to the unit, with the unit's own nomination."""
    item = passed(session, unit_a, "Hoàng Văn Đức", "cstd_tinh")
    original = item.nomination
    province = BatchFactory(campaign=session.campaign, unit=UnitFactory(code="SNV", name="Sở Nội vụ"),
                            kind="province", status="forwarded", submitted_at=timezone.now())
    copy = NominationFactory(batch=province, award_form=original.award_form, person=original.person,
                             status="forwarded", source=original)
    item.nomination = copy
    item.save()

    decide(session, [item], alice)

    assert_told(["bob", "emma"], "decision_recorded",
                "Hoàng Văn Đức được công nhận danh hiệu “Chiến sĩ thi đua cấp tỉnh” theo Quyết định số "
                "2345/QĐ-UBND ngày 20/12/2019", nomination_url(original))
