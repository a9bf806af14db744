"""Screening by Sở Nội vụ (services.screening): the route, returns, per-nominee acceptance, stale versions, the
concurrent race on PostgreSQL, and the province's proposals upward."""

import threading

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from awards.models import (
    BatchKind,
    BatchStatus,
    Board,
    CheckOverride,
    Nomination,
    NominationBatch,
    NominationTask,
    ScreeningStatus,
)
from awards.services import screening
from awards.services.nominations import recheck_nomination
from portal.tests.factories import (
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    NominationFactory,
    NominationFileFactory,
    StaffPostFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)


@pytest.fixture
def campaign(db):
    return CampaignFactory()


def plain_form(campaign, **kwargs):
    """A form with no rules, no documents and no quota whose report needs only the situation: every check passes
    for a factory nominee."""
    values = {"code": "thu_nghiem", "name": "Giấy chứng nhận thử nghiệm", "report_template": "individual",
              **kwargs}
    return AwardFormFactory(regime=campaign.regime, **values)


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


def submitted_batch(campaign, unit=None, count=2, form=None):
    batch = BatchFactory(campaign=campaign, unit=unit or UnitFactory(), status=BatchStatus.SUBMITTED,
                         submitted_at=timezone.now(), held_since=timezone.now())
    form = form or plain_form(campaign)
    for _index in range(count):
        NominationFactory(batch=batch, award_form=form)
    return batch


def fresh(batch):
    return NominationBatch.objects.get(pk=batch.pk)


def route_of(batch):
    return list(batch.steps.values_list("action", "from_status", "to_status", "by__username",
                                        "to_holder__username", "reason"))


def receive(batch, staff):
    screening.receive_batch(batch, by=staff["clerk"], expected_version=fresh(batch).version)


def assign(batch, staff, **kwargs):
    kwargs = {"to": staff["specialist"], **kwargs}
    screening.assign_batch(batch, by=staff["clerk"], expected_version=fresh(batch).version, **kwargs)


def mark(nomination, verdict, by, reason=""):
    return screening.screen_nomination(nomination, verdict=verdict, reason=reason, by=by,
                                       expected_version=fresh(nomination.batch).version)


def checked_batch(campaign, staff, verdicts=("meets", "meets")):
    batch = submitted_batch(campaign, count=len(verdicts))
    receive(batch, staff)
    assign(batch, staff)
    for nomination, verdict in zip(batch.nominations.order_by("pk"), verdicts):
        mark(nomination, verdict, staff["specialist"], reason="" if verdict == "meets" else "Thành tích chưa nổi bật")
    screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)
    return fresh(batch)


# --- The route -----------------------------------------------------------------------------------------------------


def test_route_walks_every_state_with_its_holder_and_steps(campaign, staff):
    batch = submitted_batch(campaign)
    first, second = batch.nominations.order_by("pk")
    seen = []

    receive(batch, staff)
    seen.append((fresh(batch).status, fresh(batch).holder, fresh(batch).received_by))
    assign(batch, staff, board=staff["board"], note="Thẩm định trong 5 ngày")
    seen.append((fresh(batch).status, fresh(batch).holder, fresh(batch).assigned_to))
    mark(first, "meets", staff["specialist"])
    mark(second, "meets", staff["specialist"], reason="Đủ hồ sơ")
    screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)
    seen.append((fresh(batch).status, fresh(batch).holder, None))
    screening.forward_batch(batch, by=staff["head"], expected_version=fresh(batch).version)
    seen.append((fresh(batch).status, fresh(batch).holder, None))

    assert seen == [
        ("received", staff["clerk"], staff["clerk"]),
        ("assigned", staff["specialist"], staff["specialist"]),
        ("checked", None, None),
        ("forwarded", None, None),
    ]
    assert route_of(batch) == [
        ("receive", "submitted", "received", "vanthu", "vanthu", ""),
        ("assign", "received", "assigned", "vanthu", "chuyenvien", "Thẩm định trong 5 ngày"),
        ("complete", "assigned", "checked", "chuyenvien", None, ""),
        ("forward", "checked", "forwarded", "truongban", None, ""),
    ]
    assert fresh(batch).assigned_board == staff["board"]
    assert list(batch.nominations.order_by("pk").values_list("status", flat=True)) == ["forwarded", "forwarded"]


def test_screen_stamps_who_and_when_and_bumps_the_batch(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff)
    version = fresh(batch).version
    nomination = batch.nominations.get()

    mark(nomination, "fails", staff["specialist"], reason="  Chưa có sáng kiến  ")

    nomination.refresh_from_db()
    assert (nomination.status, nomination.screening_reason, nomination.screened_by, fresh(batch).version) == (
        "fails", "Chưa có sáng kiến", staff["specialist"], version + 1)
    assert nomination.screened_at is not None
    assert nomination.checked_at is not None
    assert nomination.history.first().history_change_reason == "Chưa có sáng kiến"


def test_assign_to_board_only_is_held_by_nobody_and_a_board_member_screens(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    screening.assign_batch(batch, board=staff["board"], by=staff["clerk"], expected_version=fresh(batch).version)

    mark(batch.nominations.get(), "meets", staff["colleague"])

    assert (fresh(batch).status, fresh(batch).holder, fresh(batch).assigned_board) == (
        "assigned", None, staff["board"])


def test_assign_needs_a_specialist_or_a_board(campaign, staff):
    batch = submitted_batch(campaign)
    receive(batch, staff)

    with pytest.raises(ValidationError) as nobody:
        screening.assign_batch(batch, by=staff["clerk"], expected_version=fresh(batch).version)
    with pytest.raises(ValidationError) as clerk:
        screening.assign_batch(batch, to=staff["clerk"], by=staff["clerk"], expected_version=fresh(batch).version)

    assert nobody.value.messages == ["Hãy chọn chuyên viên hoặc bộ phận thẩm định."]
    assert clerk.value.message_dict == {"to": [f"{staff['clerk']} không phải chuyên viên thẩm định hoặc lãnh đạo Ban."]}
    assert fresh(batch).status == "received"


def test_specialist_cannot_receive_and_clerk_cannot_screen(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    with pytest.raises(ValidationError):
        screening.receive_batch(batch, by=staff["specialist"], expected_version=batch.version)
    receive(batch, staff)
    assign(batch, staff)
    with pytest.raises(ValidationError):
        mark(batch.nominations.get(), "meets", staff["clerk"])
    with pytest.raises(ValidationError):
        mark(batch.nominations.get(), "meets", staff["outsider"])

    assert list(batch.nominations.values_list("status", flat=True)) == ["pending"]


def test_head_acts_at_every_step(campaign, staff):
    head = staff["head"]
    batch = submitted_batch(campaign, count=1)
    screening.receive_batch(batch, by=head, expected_version=fresh(batch).version)
    screening.assign_batch(batch, to=staff["specialist"], by=head, expected_version=fresh(batch).version)
    mark(batch.nominations.get(), "meets", head)
    screening.complete_screening(batch, by=head, expected_version=fresh(batch).version)
    screening.forward_batch(batch, by=head, expected_version=fresh(batch).version)

    assert [step[0] for step in route_of(batch)] == ["receive", "assign", "complete", "forward"]
    assert fresh(batch).received_by == head


# --- Returns: one step back with the reason -------------------------------------------------------------------------


def test_return_from_submitted_goes_back_to_the_unit(campaign, staff):
    batch = submitted_batch(campaign)
    screening.return_batch(batch, reason="Thiếu biên bản họp xét", by=staff["clerk"], expected_version=batch.version)

    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.return_reason) == ("returned", None, "Thiếu biên bản họp xét")
    assert route_of(batch) == [("return", "submitted", "returned", "vanthu", None, "Thiếu biên bản họp xét")]


def test_return_from_received_goes_back_to_the_unit_and_clears_marks(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff)
    mark(batch.nominations.get(), "meets", staff["specialist"])
    screening.return_batch(batch, reason="Cần bổ sung", by=staff["specialist"], expected_version=fresh(batch).version)
    screening.return_batch(batch, reason="Sai mẫu tờ trình", by=staff["clerk"], expected_version=fresh(batch).version)

    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.return_reason) == ("returned", None, "Sai mẫu tờ trình")
    assert list(batch.nominations.values_list("status", "screened_by")) == [("pending", None)]


def test_return_from_assigned_goes_back_to_the_clerk_who_received(campaign, staff):
    batch = submitted_batch(campaign)
    receive(batch, staff)
    assign(batch, staff)
    screening.return_batch(batch, reason="Không thuộc lĩnh vực của tôi", by=staff["specialist"],
                           expected_version=fresh(batch).version)

    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.return_reason) == (
        "received", staff["clerk"], "Không thuộc lĩnh vực của tôi")
    assert route_of(batch)[-1] == ("return", "assigned", "received", "chuyenvien", "vanthu",
                                   "Không thuộc lĩnh vực của tôi")


def test_return_from_checked_goes_back_to_the_specialist(campaign, staff):
    batch = checked_batch(campaign, staff)
    screening.return_batch(batch, reason="Xem lại người thứ hai", by=staff["head"], expected_version=batch.version)

    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.return_reason) == (
        "assigned", staff["specialist"], "Xem lại người thứ hai")
    assert list(batch.nominations.values_list("status", flat=True)) == ["meets", "meets"]


def test_return_needs_a_reason(campaign, staff):
    batch = submitted_batch(campaign)
    with pytest.raises(ValidationError) as refused:
        screening.return_batch(batch, reason="   ", by=staff["clerk"], expected_version=batch.version)

    assert refused.value.message_dict == {"reason": ["Hãy ghi lý do để người nhận biết cần làm gì."]}
    assert fresh(batch).status == "submitted"


def test_return_refused_after_forward(campaign, staff):
    batch = checked_batch(campaign, staff)
    screening.forward_batch(batch, by=staff["head"], expected_version=batch.version)
    with pytest.raises(ValidationError) as refused:
        screening.return_batch(batch, reason="Muộn", by=staff["head"], expected_version=fresh(batch).version)

    assert refused.value.messages == ["Tờ trình ở trạng thái này không trả lại được."]


# --- Per-nominee acceptance ------------------------------------------------------------------------------------------


def test_forward_sends_those_who_meet_and_rejects_the_others_with_their_reasons(campaign, staff):
    batch = checked_batch(campaign, staff, verdicts=("meets", "fails", "meets"))
    screening.forward_batch(batch, by=staff["head"], expected_version=batch.version, note="Trình Hội đồng kỳ họp 11")

    assert list(batch.nominations.order_by("pk").values_list("status", "screening_reason")) == [
        ("forwarded", ""), ("rejected", "Thành tích chưa nổi bật"), ("forwarded", "")]
    assert route_of(batch)[-1] == ("forward", "checked", "forwarded", "truongban", None, "Trình Hội đồng kỳ họp 11")


def test_forward_refused_when_nobody_meets_the_conditions(campaign, staff):
    batch = checked_batch(campaign, staff, verdicts=("fails",))
    with pytest.raises(ValidationError) as refused:
        screening.forward_batch(batch, by=staff["head"], expected_version=batch.version)

    assert refused.value.messages == ["Không có người nào đủ điều kiện để chuyển Hội đồng: hãy trả lại tờ trình."]
    assert fresh(batch).status == "checked"


def test_complete_refused_with_an_unmarked_nominee(campaign, staff):
    batch = submitted_batch(campaign)
    receive(batch, staff)
    assign(batch, staff)
    first, second = batch.nominations.order_by("pk")
    mark(first, "meets", staff["specialist"])

    with pytest.raises(ValidationError) as refused:
        screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)

    assert refused.value.messages == [f"Còn 1 người được đề nghị chưa thẩm định: {second.person}."]
    assert fresh(batch).status == "assigned"


def test_fails_needs_a_reason(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff)
    with pytest.raises(ValidationError) as refused:
        mark(batch.nominations.get(), "fails", staff["specialist"])

    assert refused.value.message_dict == {"reason": ["Hãy ghi lý do không đủ điều kiện để đơn vị biết."]}


def test_screen_refused_outside_screening(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    with pytest.raises(ValidationError) as refused:
        mark(batch.nominations.get(), "meets", staff["head"])

    assert refused.value.messages == ["Chỉ thẩm định được khi tờ trình đang ở bước thẩm định."]


# --- Checks and overrides --------------------------------------------------------------------------------------------


def test_meets_refused_with_a_failed_blocking_check(campaign, staff):
    form = plain_form(campaign, code="chi_tap_the", name="Cờ thử nghiệm", for_individual=False)
    batch = submitted_batch(campaign, count=1, form=form)
    receive(batch, staff)
    assign(batch, staff)

    with pytest.raises(ValidationError) as refused:
        mark(batch.nominations.get(), "meets", staff["specialist"])

    assert refused.value.message_dict == {"verdict": [
        "Không thể xác nhận đủ điều kiện: chưa đạt điều kiện không được bỏ qua (Đối tượng được đề nghị)."]}


def test_meets_needs_every_failed_check_overridden(campaign, staff):
    form = plain_form(campaign, code="theo_phong_trao", report_template="campaign")
    batch = submitted_batch(campaign, count=1, form=form)
    receive(batch, staff)
    assign(batch, staff)
    nomination = batch.nominations.get()

    with pytest.raises(ValidationError) as refused:
        mark(nomination, "meets", staff["specialist"])
    screening.override_nomination_check(nomination, code="report", reason="Thành tích nêu trong tờ trình",
                                        by=staff["specialist"], expected_version=fresh(batch).version)
    mark(nomination, "meets", staff["specialist"])

    assert refused.value.message_dict == {"verdict": [
        "Không thể xác nhận đủ điều kiện: còn điều kiện chưa đạt và chưa được bỏ qua có lý do (Báo cáo thành tích)."]}
    assert list(CheckOverride.objects.values_list("code", "reason", "by")) == [
        ("report", "Thành tích nêu trong tờ trình", staff["specialist"].pk)]
    nomination.refresh_from_db()
    assert nomination.status == "meets"


def test_override_refused_for_a_blocking_check(campaign, staff):
    form = plain_form(campaign, code="chi_tap_the", name="Cờ thử nghiệm", for_individual=False)
    batch = submitted_batch(campaign, count=1, form=form)
    receive(batch, staff)
    assign(batch, staff)
    nomination = batch.nominations.get()
    with pytest.raises(ValidationError):
        mark(nomination, "meets", staff["specialist"])
    mark(nomination, "fails", staff["specialist"], reason="Không đúng đối tượng")

    with pytest.raises(ValidationError) as refused:
        screening.override_nomination_check(nomination, code="recipient", reason="Vẫn đề nghị",
                                            by=staff["specialist"], expected_version=fresh(batch).version)

    assert refused.value.messages == ["“Đối tượng được đề nghị” là điều kiện không được bỏ qua."]


# --- Stale versions and the race -------------------------------------------------------------------------------------


def test_stale_version_is_refused_and_names_who_changed_it(campaign, staff):
    batch = submitted_batch(campaign)
    seen = batch.version
    receive(batch, staff)
    stale = NominationBatch.objects.get(pk=batch.pk)
    stale.version = seen

    with pytest.raises(ValidationError) as refused:
        screening.return_batch(stale, reason="Trả lại", by=staff["head"], expected_version=seen)

    assert refused.value.messages == [
        f"Tờ trình vừa được {staff['clerk']} thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."]
    assert (fresh(batch).status, fresh(batch).version) == ("received", seen + 1)


def test_stale_mark_is_refused(campaign, staff):
    batch = submitted_batch(campaign)
    receive(batch, staff)
    assign(batch, staff)
    first, second = batch.nominations.order_by("pk")
    seen = fresh(batch).version
    screening.screen_nomination(first, verdict="meets", by=staff["specialist"], expected_version=seen)

    with pytest.raises(ValidationError):
        screening.screen_nomination(second, verdict="fails", reason="Thiếu", by=staff["head"], expected_version=seen)

    assert second.__class__.objects.get(pk=second.pk).status == "pending"


@pytest.mark.skipif(django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                    reason="row locks (select_for_update) need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_acting_at_once_only_one_wins_on_postgresql():
    assert connection.vendor == "postgresql"
    campaign = CampaignFactory()
    clerk = StaffPostFactory(function="clerk").user
    head = StaffPostFactory(function="head").user
    batch = submitted_batch(campaign, count=1)
    version = batch.version
    barrier = threading.Barrier(2)
    outcomes = {}

    def act(name, work):
        try:
            barrier.wait(timeout=10)
            work()
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = error.messages[0]
        finally:
            connection.close()

    receiving = threading.Thread(target=act, args=("receive", lambda: screening.receive_batch(
        NominationBatch.objects.get(pk=batch.pk), by=clerk, expected_version=version)))
    returning = threading.Thread(target=act, args=("return", lambda: screening.return_batch(
        NominationBatch.objects.get(pk=batch.pk), reason="Thiếu hồ sơ", by=head, expected_version=version)))
    for thread in (receiving, returning):
        thread.start()
    for thread in (receiving, returning):
        thread.join(timeout=30)

    batch = fresh(batch)
    assert sorted(outcomes.values()).count("done") == 1
    assert batch.version == version + 1
    assert batch.steps.count() == 1
    assert batch.status == ("received" if outcomes["receive"] == "done" else "returned")


# --- Proposals upward ------------------------------------------------------------------------------------------------


@pytest.fixture
def province(db, settings):
    settings.PORTAL_PROVINCE_UNIT_CODE = "SNV"
    return UnitFactory(code="SNV", name="Sở Nội vụ", kind="department")


def forwarded_higher(campaign, staff, count=2):
    """A forwarded batch whose nominees are proposed for a form decided above the province, with report rows."""
    form = plain_form(campaign, code="bk_thu_tuong_thu", name="Bằng khen của Thủ tướng (thử)", decided_by="higher",
                      level="state")
    batch = submitted_batch(campaign, count=count, form=form)
    task = TaskFactory(campaign=campaign)
    work = WorkFactory(campaign=campaign, unit=batch.unit, tasks=[task])
    for nomination in batch.nominations.all():
        row = NominationTask.objects.create(nomination=nomination, task=task, text="Vận động 120 hộ thoát nghèo")
        row.works.set([work])
        NominationFileFactory(batch=batch, nomination=nomination, original_name="bao-cao.pdf")
    receive(batch, staff)
    assign(batch, staff)
    for nomination in batch.nominations.all():
        mark(nomination, "meets", staff["specialist"])
    screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)
    screening.forward_batch(batch, by=staff["head"], expected_version=fresh(batch).version)
    return batch


def test_proposal_consolidates_forwarded_nominees_of_several_batches(campaign, staff, province):
    first, second = forwarded_higher(campaign, staff), forwarded_higher(campaign, staff, count=1)
    chosen = [*first.nominations.all(), *second.nominations.all()]

    proposal = screening.create_proposal(campaign=campaign, nominations=chosen, by=staff["specialist"],
                                         values={"letter_number": "15/TTr-UBND", "summary": "Đề nghị Thủ tướng"})

    copies = list(proposal.nominations.order_by("source_id"))
    assert (proposal.kind, proposal.unit, proposal.status, proposal.letter_number, proposal.summary) == (
        BatchKind.PROVINCE, province, BatchStatus.DRAFT, "15/TTr-UBND", "Đề nghị Thủ tướng")
    assert [(c.source_id, c.person_id, c.award_form_id, c.situation, c.status) for c in copies] == [
        (n.pk, n.person_id, n.award_form_id, n.situation, "meets") for n in sorted(chosen, key=lambda n: n.pk)]
    assert [list(c.task_results.values_list("text", flat=True)) for c in copies] == [
        ["Vận động 120 hộ thoát nghèo"]] * 3
    assert [c.task_results.get().works.count() for c in copies] == [1, 1, 1]
    assert [list(c.files.values_list("original_name", flat=True)) for c in copies] == [["bao-cao.pdf"]] * 3
    assert set(Nomination.objects.filter(pk__in=[n.pk for n in chosen]).values_list("status", flat=True)) == {
        ScreeningStatus.CONSOLIDATED}


def test_proposal_copies_carry_the_overrides_of_their_originals(campaign, staff, province):
    batch = forwarded_higher(campaign, staff, count=1)
    original = batch.nominations.get()
    CheckOverride.objects.create(nomination=original, code="quota", reason="Hội đồng cấp huyện đã xét", by=staff["head"])

    proposal = screening.create_proposal(campaign=campaign, nominations=[original], by=staff["specialist"])

    copy = proposal.nominations.get()
    assert list(copy.overrides.values_list("code", "reason", "by")) == [
        ("quota", "Hội đồng cấp huyện đã xét", staff["head"].pk)]


def test_proposal_refuses_nominees_already_consolidated(campaign, staff, province):
    batch = forwarded_higher(campaign, staff, count=1)
    screening.create_proposal(campaign=campaign, nominations=batch.nominations.all(), by=staff["specialist"])

    with pytest.raises(ValidationError) as refused:
        screening.create_proposal(campaign=campaign, nominations=batch.nominations.all(), by=staff["head"])

    nominee = batch.nominations.get().person
    assert refused.value.message_dict == {"nominations": [
        "Không đưa được vào tờ trình của tỉnh (đã đưa vào tờ trình khác, chưa được chuyển Hội đồng hoặc không thuộc "
        f"hình thức do cấp trên quyết định): {nominee}."]}
    assert NominationBatch.objects.filter(kind=BatchKind.PROVINCE).count() == 1


def test_proposal_refuses_nominees_of_forms_the_province_decides(campaign, staff, province):
    batch = checked_batch(campaign, staff, verdicts=("meets",))
    screening.forward_batch(batch, by=staff["head"], expected_version=batch.version)

    with pytest.raises(ValidationError):
        screening.create_proposal(campaign=campaign, nominations=batch.nominations.all(), by=staff["specialist"])

    assert list(batch.nominations.values_list("status", flat=True)) == ["forwarded"]


def test_proposal_unit_falls_back_to_the_staff_members_unit(campaign, staff, settings):
    settings.PORTAL_PROVINCE_UNIT_CODE = "KHONG_CO"
    own = UnitFactory(name="Ban Thi đua – Khen thưởng")
    staff["specialist"].units.set([own])
    batch = forwarded_higher(campaign, staff, count=1)

    proposal = screening.create_proposal(campaign=campaign, nominations=batch.nominations.all(),
                                         by=staff["specialist"])

    assert proposal.unit == own


def test_forward_proposal_goes_straight_to_the_council(campaign, staff, province):
    batch = forwarded_higher(campaign, staff)
    proposal = screening.create_proposal(campaign=campaign, nominations=batch.nominations.all(),
                                         by=staff["specialist"])

    screening.forward_proposal(proposal, by=staff["specialist"], expected_version=proposal.version)

    proposal = fresh(proposal)
    assert (proposal.status, proposal.holder) == ("forwarded", None)
    assert proposal.submitted_at is not None
    assert list(proposal.nominations.values_list("status", flat=True)) == ["forwarded", "forwarded"]
    assert route_of(proposal) == [("forward", "draft", "forwarded", "chuyenvien", None, "")]


# --- What a return clears ------------------------------------------------------------------------------------------


def route_fields(batch):
    batch = fresh(batch)
    return batch.status, batch.received_by, batch.assigned_to, batch.assigned_board


def test_return_to_the_unit_from_received_clears_the_clerk_and_the_assignment(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff, board=staff["board"])
    screening.return_batch(batch, reason="Cần bổ sung", by=staff["specialist"], expected_version=fresh(batch).version)
    screening.return_batch(batch, reason="Sai mẫu tờ trình", by=staff["clerk"], expected_version=fresh(batch).version)

    assert route_fields(batch) == ("returned", None, None, None)


def test_return_to_the_unit_from_submitted_leaves_no_clerk(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    screening.return_batch(batch, reason="Thiếu biên bản", by=staff["clerk"], expected_version=batch.version)

    assert route_fields(batch) == ("returned", None, None, None)


def test_return_to_the_clerk_clears_the_assignment(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff, board=staff["board"])
    screening.return_batch(batch, reason="Không thuộc lĩnh vực", by=staff["specialist"],
                           expected_version=fresh(batch).version)

    assert route_fields(batch) == ("received", staff["clerk"], None, None)
    assert fresh(batch).holder == staff["clerk"]


def test_return_to_the_specialist_keeps_the_assignment(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff, board=staff["board"])
    mark(batch.nominations.get(), "meets", staff["specialist"])
    screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)
    screening.return_batch(batch, reason="Xem lại", by=staff["head"], expected_version=fresh(batch).version)

    assert route_fields(batch) == ("assigned", staff["clerk"], staff["specialist"], staff["board"])


def test_return_to_the_unit_clears_the_nominees_screening_reasons(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff)
    mark(batch.nominations.get(), "fails", staff["specialist"], reason="Thiếu minh chứng")
    screening.return_batch(batch, reason="Bổ sung", by=staff["specialist"], expected_version=fresh(batch).version)
    screening.return_batch(batch, reason="Bổ sung minh chứng", by=staff["clerk"],
                           expected_version=fresh(batch).version)

    assert list(batch.nominations.values_list("status", "screening_reason", "screened_by", "screened_at")) == [
        ("pending", "", None, None)]


# --- Rerunning the checks --------------------------------------------------------------------------------------------


def test_recheck_by_the_specialist_screening_the_batch(campaign, staff):
    batch = submitted_batch(campaign, count=1)
    receive(batch, staff)
    assign(batch, staff)
    nomination = batch.nominations.get()

    recheck_nomination(nomination, by=staff["specialist"], expected_version=fresh(batch).version)
    with pytest.raises(ValidationError):
        recheck_nomination(nomination, by=staff["outsider"], expected_version=fresh(batch).version)
    with pytest.raises(ValidationError):
        recheck_nomination(nomination, by=staff["clerk"], expected_version=fresh(batch).version)

    assert list(nomination.checks.values_list("code", flat=True)) == [
        "recipient", "discipline", "documents", "report", "quota"]
