"""Scorecards: opening, self-scoring with its limits and links, the evidence rule, submitting (late or not), the
cross-checker's proposals, the unit's one answer, the lock (after which nothing changes) and reopening; history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaign.models import CampaignStatus, Score, Scorecard, ScorecardStatus
from campaign.services import scorecards as services
from portal.tests.factories import (
    AchievementFactory,
    ClusterFactory,
    CriterionFactory,
    EvidenceFactory,
    MembershipFactory,
    ScoringTableFactory,
    UnitFactory,
    UserFactory,
    WorkFactory,
)

D = Decimal


@pytest.fixture
def table(launched):
    table = ScoringTableFactory(campaign=launched, bonus_cap=5, penalty_cap=3, deadline=datetime.date(2100, 1, 1))
    task = launched.tasks.get(number=1)
    CriterionFactory(table=table, task=task, code="1.1", position=1, max_points=10)
    CriterionFactory(table=table, task=task, code="1.2", position=2, max_points=6, requires_evidence=True)
    CriterionFactory(table=table, code="T1", position=3, kind="bonus", max_points=4)
    CriterionFactory(table=table, code="T2", position=4, kind="bonus", max_points=4)
    CriterionFactory(table=table, code="Đ1", position=5, kind="penalty", max_points=5)
    return table


@pytest.fixture
def card(table, unit_a, bob):
    return services.open_scorecard(campaign=table.campaign, unit=unit_a, by=bob)


@pytest.fixture
def proof(launched, unit_a):
    """unit_a's achievement with one photo."""
    achievement = AchievementFactory(campaign=launched, unit=unit_a, task=launched.tasks.get(number=1))
    return EvidenceFactory(achievement=achievement)


def scores(card):
    return {score.criterion.code: score for score in Score.objects.filter(scorecard=card).select_related("criterion")}


def row(card, code, **values):
    return {"score_id": scores(card)[code].pk, **values}


def fill(card, by, evidence):
    rows = [row(card, "1.1", points=D("7.5")), row(card, "1.2", points=D(6), evidence=[evidence.pk])]
    services.save_scores(card, rows=rows, by=by)


@pytest.fixture
def submitted(card, bob, proof):
    fill(card, bob, proof)
    return services.submit_scorecard(card, by=bob)


def reasons(obj):
    return [row.history_change_reason for row in type(obj).history.filter(id=obj.pk).order_by("history_id")]


# --- Opening ------------------------------------------------------------------------------------------------------


def test_open_scorecard_creates_a_score_per_criterion_with_its_maximum(card, bob):
    assert card.status == ScorecardStatus.DRAFT
    assert {code: score.max_points for code, score in scores(card).items()} == {
        "1.1": D(10), "1.2": D(6), "T1": D(4), "T2": D(4), "Đ1": D(5)}
    assert [(row.history_user, row.history_change_reason) for row in card.history.all()] == [
        (bob, "Mở bảng tự chấm điểm")]


def test_open_scorecard_twice_returns_the_same(card, table, unit_a, bob):
    assert services.open_scorecard(campaign=table.campaign, unit=unit_a, by=bob) == card
    assert Scorecard.objects.count() == 1


def test_open_scorecard_refused_without_criteria(launched, unit_a, bob):
    ScoringTableFactory(campaign=launched)
    with pytest.raises(ValidationError) as error:
        services.open_scorecard(campaign=launched, unit=unit_a, by=bob)
    assert error.value.messages == ["Phong trào chưa có bảng chấm điểm với tiêu chí: chưa tự chấm được."]


def test_open_scorecard_refused_for_a_unit_not_taking_part(table, unit_b, charlie):
    with pytest.raises(ValidationError) as error:
        services.open_scorecard(campaign=table.campaign, unit=unit_b, by=charlie)
    assert error.value.messages == ["Đơn vị không tham gia phong trào này."]


def test_open_scorecard_refused_when_the_campaign_is_closed(table, unit_a, bob):
    table.campaign.status = CampaignStatus.CLOSED
    table.campaign.save()
    with pytest.raises(ValidationError) as error:
        services.open_scorecard(campaign=table.campaign, unit=unit_a, by=bob)
    assert error.value.messages == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]


# --- Self-scoring -------------------------------------------------------------------------------------------------


def test_save_scores_writes_points_comment_links_and_totals(card, bob, proof):
    work = WorkFactory(campaign=card.campaign, unit=card.unit)
    services.save_scores(card, by=bob, rows=[
        row(card, "1.1", points=D("7.5"), comment="Đã phát động", works=[work.pk], achievements=[proof.achievement.pk]),
        row(card, "1.2", points=D(6), evidence=[proof.pk]),
        row(card, "T1", points=D(4)), row(card, "T2", points=D(3)), row(card, "Đ1", points=D(4)),
    ])
    saved = scores(card)
    assert (saved["1.1"].points, saved["1.1"].comment) == (D("7.5"), "Đã phát động")
    assert list(saved["1.1"].works.all()) == [work]
    assert list(saved["1.1"].achievements.all()) == [proof.achievement]
    assert list(saved["1.2"].evidence.all()) == [proof]
    card.refresh_from_db()
    # 13.5 regular + bonus 7 capped at 5 − penalty 4 capped at 3.
    assert (card.self_total, card.bonus_total, card.penalty_total, card.total) == (D("15.5"), D(5), D(3), D("15.5"))


def test_save_scores_history_names_who_and_why(card, bob, proof):
    services.save_scores(card, by=bob, rows=[row(card, "1.2", points=D(2), evidence=[proof.pk])])
    history = Score.history.filter(id=scores(card)["1.2"].pk).order_by("history_id")
    assert [(h.history_user, h.history_change_reason, h.points) for h in history] == [
        (bob, "Mở bảng tự chấm điểm", None), (bob, "Tự chấm điểm", D(2)), (bob, "Tự chấm điểm", D(2))]


@pytest.mark.parametrize("points", [D("10.01"), D(-1)])
def test_save_scores_refuses_points_out_of_range(card, bob, points):
    with pytest.raises(ValidationError) as error:
        services.save_scores(card, by=bob, rows=[row(card, "1.1", points=points)])
    assert error.value.message_dict == {"points": ["Tiêu chí 1.1: điểm phải từ 0 đến 10."]}
    assert scores(card)["1.1"].points is None


def test_database_refuses_points_above_the_maximum(card):
    score = scores(card)["1.1"]
    score.points = D(11)
    with pytest.raises(IntegrityError), transaction.atomic():
        score.save()


def test_database_refuses_negative_points(card):
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=scores(card)["1.1"].pk).update(points=D(-1))


def test_database_refuses_a_proposal_without_reason(card):
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=scores(card)["1.1"].pk).update(proposed_points=D(5))


def test_save_scores_refuses_links_to_another_units_work(card, bob, unit_b):
    other = WorkFactory(campaign=card.campaign, unit=unit_b)
    with pytest.raises(ValidationError) as error:
        services.save_scores(card, by=bob, rows=[row(card, "1.1", works=[other.pk])])
    assert error.value.message_dict == {"works": [
        "Tiêu chí 1.1: chỉ liên kết được công trình, thành tích, minh chứng của chính đơn vị trong phong trào này."]}


def test_save_scores_refuses_removed_evidence(card, bob, proof):
    proof.removed_at = timezone.now()
    proof.save()
    with pytest.raises(ValidationError):
        services.save_scores(card, by=bob, rows=[row(card, "1.2", evidence=[proof.pk])])


def test_save_scores_refuses_an_unknown_score(card, bob):
    with pytest.raises(ValidationError) as error:
        services.save_scores(card, by=bob, rows=[{"score_id": 999999, "points": D(1)}])
    assert error.value.messages == ["Bảng điểm đã thay đổi: hãy tải lại trang."]


# --- Submitting ---------------------------------------------------------------------------------------------------


def test_submit_scorecard_moves_to_submitted_on_time(submitted, bob):
    submitted.refresh_from_db()
    assert (submitted.status, submitted.is_late, submitted.submitted_at is not None) == ("submitted", False, True)
    assert submitted.self_total == D("13.5")
    assert reasons(submitted)[-1] == "Gửi bảng tự chấm điểm"


def test_submit_scorecard_after_the_deadline_is_late(card, table, bob, proof):
    table.deadline = datetime.date(2019, 1, 1)
    table.save()
    fill(card, bob, proof)
    services.submit_scorecard(card, by=bob)
    card.refresh_from_db()
    assert card.is_late is True


def test_submit_scorecard_refused_without_every_regular_point(card, bob, proof):
    services.save_scores(card, by=bob, rows=[row(card, "1.2", points=D(6), evidence=[proof.pk])])
    with pytest.raises(ValidationError) as error:
        services.submit_scorecard(card, by=bob)
    assert error.value.messages == ["Chưa chấm điểm các tiêu chí: 1.1."]
    card.refresh_from_db()
    assert card.status == ScorecardStatus.DRAFT


def test_submit_scorecard_refused_without_required_evidence(card, bob):
    services.save_scores(card, by=bob, rows=[row(card, "1.1", points=D(7)), row(card, "1.2", points=D(6))])
    with pytest.raises(ValidationError) as error:
        services.submit_scorecard(card, by=bob)
    assert error.value.messages == ["Các tiêu chí bắt buộc có minh chứng nhưng chưa liên kết minh chứng: 1.2."]


def test_submit_scorecard_refused_when_the_linked_evidence_was_removed(card, bob, proof):
    fill(card, bob, proof)
    proof.removed_at = timezone.now()
    proof.save()
    with pytest.raises(ValidationError):
        services.submit_scorecard(card, by=bob)


def test_submit_scorecard_accepts_an_achievement_with_evidence_as_proof(card, bob, proof):
    services.save_scores(card, by=bob, rows=[
        row(card, "1.1", points=D(7)), row(card, "1.2", points=D(6), achievements=[proof.achievement.pk])])
    assert services.submit_scorecard(card, by=bob).status == ScorecardStatus.SUBMITTED


def test_submit_scorecard_refuses_an_achievement_without_evidence(card, bob, launched):
    bare = AchievementFactory(campaign=launched, unit=card.unit, task=launched.tasks.get(number=1))
    services.save_scores(card, by=bob, rows=[
        row(card, "1.1", points=D(7)), row(card, "1.2", points=D(6), achievements=[bare.pk])])
    with pytest.raises(ValidationError):
        services.submit_scorecard(card, by=bob)


def test_submit_scorecard_twice_refused(submitted, bob):
    with pytest.raises(ValidationError) as error:
        services.submit_scorecard(submitted, by=bob)
    assert error.value.messages == ["Chỉ gửi được bảng tự chấm đang soạn."]


def test_save_scores_refused_once_submitted(submitted, bob):
    with pytest.raises(ValidationError) as error:
        services.save_scores(submitted, by=bob, rows=[row(submitted, "1.1", points=D(1))])
    assert error.value.messages == ["Chỉ sửa được bảng tự chấm khi đang soạn."]


# --- Cross-checking -----------------------------------------------------------------------------------------------


def test_propose_by_staff_records_points_reason_and_totals(submitted, alice):
    services.propose(submitted, by=alice, rows=[
        row(submitted, "1.1", proposed_points=D(5), proposal_reason="Thiếu kế hoạch phát động.")])
    score = scores(submitted)["1.1"]
    assert (score.proposed_points, score.proposal_reason, score.proposed_by) == (
        D(5), "Thiếu kế hoạch phát động.", alice)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.self_total, submitted.total) == ("proposed", D("13.5"), D(11))
    history = Score.history.filter(id=score.pk).latest("history_id")
    assert (history.history_user, history.history_change_reason) == (alice, "Thiếu kế hoạch phát động.")


def test_propose_refuses_a_change_without_reason(submitted, alice):
    with pytest.raises(ValidationError) as error:
        services.propose(submitted, by=alice, rows=[row(submitted, "1.1", proposed_points=D(5))])
    assert error.value.message_dict == {"proposal_reason": ["Tiêu chí 1.1: hãy ghi lý do đề xuất điều chỉnh."]}


def test_propose_refuses_points_above_the_maximum(submitted, alice):
    with pytest.raises(ValidationError) as error:
        services.propose(submitted, by=alice, rows=[row(submitted, "1.1", proposed_points=D(11), proposal_reason="x")])
    assert error.value.message_dict == {"proposed_points": ["Tiêu chí 1.1: điểm phải từ 0 đến 10."]}


def test_propose_equal_to_the_units_points_is_no_proposal(submitted, alice):
    with pytest.raises(ValidationError) as error:
        services.propose(submitted, by=alice, rows=[row(submitted, "1.1", proposed_points=D("7.5"))])
    assert error.value.messages == [
        "Chưa có đề xuất điều chỉnh nào: nếu thống nhất với điểm tự chấm, hãy chốt điểm."]
    submitted.refresh_from_db()
    assert submitted.status == ScorecardStatus.SUBMITTED


def test_propose_refused_on_a_draft(card, alice):
    with pytest.raises(ValidationError):
        services.propose(card, by=alice, rows=[row(card, "1.1", proposed_points=D(1), proposal_reason="x")])


@pytest.fixture
def member_card(table, cluster_a, unit_b, charlie, launched):
    """unit_b, a member of cluster_a (provincial, led by bob's unit_a), with its scorecard submitted."""
    MembershipFactory(cluster=cluster_a, unit=unit_b)
    card = services.open_scorecard(campaign=table.campaign, unit=unit_b, by=charlie)
    services.save_scores(card, by=charlie, rows=[row(card, "1.1", points=D(8)), row(card, "1.2", points=D(1))])
    Score.objects.filter(scorecard=card, criterion__code="1.2").get().evidence.set(
        [EvidenceFactory(achievement=AchievementFactory(campaign=launched, unit=unit_b, task=launched.tasks.first()))])
    return services.submit_scorecard(card, by=charlie)


def test_propose_by_the_provincial_cluster_leader_for_a_member(member_card, bob):
    services.propose(member_card, by=bob, rows=[
        row(member_card, "1.1", proposed_points=D(6), proposal_reason="Chưa đủ.")])
    assert member_card.status == ScorecardStatus.PROPOSED


def test_propose_refused_to_the_leader_for_its_own_unit(submitted, bob):
    with pytest.raises(ValidationError) as error:
        services.propose(submitted, by=bob, rows=[row(submitted, "1.1", proposed_points=D(6), proposal_reason="x")])
    assert error.value.messages == ["Anh/chị không có quyền đề xuất điều chỉnh điểm của đơn vị này."]


def test_propose_refused_to_the_leader_of_an_inter_provincial_cluster(table, launched, unit_a, bob):
    cluster = ClusterFactory(scope="inter_provincial")
    MembershipFactory(cluster=cluster, unit=unit_a, role="leader")
    member = UnitFactory()
    MembershipFactory(cluster=cluster, unit=member)
    launched.clusters.add(cluster)
    card = services.open_scorecard(campaign=launched, unit=member, by=UserFactory(units=[member]))
    Scorecard.objects.filter(pk=card.pk).update(status=ScorecardStatus.SUBMITTED)
    card.refresh_from_db()
    with pytest.raises(ValidationError):
        services.propose(card, by=bob, rows=[row(card, "1.1", proposed_points=D(6), proposal_reason="x")])


# --- Answer -------------------------------------------------------------------------------------------------------


@pytest.fixture
def proposed(submitted, alice):
    return services.propose(submitted, by=alice, rows=[
        row(submitted, "1.1", proposed_points=D(5), proposal_reason="Thiếu kế hoạch phát động.")])


def test_answer_moves_to_answered_once(proposed, bob):
    services.answer(proposed, by=bob, text="Đơn vị thống nhất.")
    proposed.refresh_from_db()
    assert (proposed.status, proposed.answer, proposed.answered_at is not None) == (
        "answered", "Đơn vị thống nhất.", True)
    assert reasons(proposed)[-1] == "Đơn vị trả lời đề xuất"
    with pytest.raises(ValidationError) as error:
        services.answer(proposed, by=bob, text="Lần nữa.")
    assert error.value.messages == ["Chỉ trả lời được một lần, khi có đề xuất điều chỉnh chưa trả lời."]


def test_answer_refused_without_text(proposed, bob):
    with pytest.raises(ValidationError) as error:
        services.answer(proposed, by=bob, text="  ")
    assert error.value.message_dict == {"text": ["Hãy ghi ý kiến của đơn vị về đề xuất điều chỉnh."]}


def test_answer_refused_without_proposal(submitted, bob):
    with pytest.raises(ValidationError):
        services.answer(submitted, by=bob, text="Ý kiến.")


def test_propose_refused_once_answered(proposed, alice, bob):
    services.answer(proposed, by=bob, text="Không đồng ý.")
    with pytest.raises(ValidationError):
        services.propose(proposed, by=alice, rows=[row(proposed, "1.1", proposed_points=D(4), proposal_reason="y")])


# --- Lock and reopening -------------------------------------------------------------------------------------------


def test_lock_confirms_the_proposal_or_the_units_points(proposed, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        services.lock_scorecard(proposed, by=alice)
    assert len(callbacks) == 2  # bob's e-mail (the outbox job), then the ranking's recomputation
    assert {code: score.final_points for code, score in scores(proposed).items()} == {
        "1.1": D(5), "1.2": D(6), "T1": None, "T2": None, "Đ1": None}
    proposed.refresh_from_db()
    assert (proposed.status, proposed.locked_by, proposed.total, proposed.self_total) == (
        "locked", alice, D(11), D("13.5"))
    assert reasons(proposed)[-1] == "Chốt điểm"


def test_lock_refused_to_an_officer(submitted, bob):
    with pytest.raises(ValidationError) as error:
        services.lock_scorecard(submitted, by=bob)
    assert error.value.messages == ["Chỉ Sở Nội vụ chốt được bảng điểm."]


def test_lock_refused_on_a_draft(card, alice):
    with pytest.raises(ValidationError) as error:
        services.lock_scorecard(card, by=alice)
    assert error.value.messages == ["Chỉ chốt được bảng điểm đã gửi và chưa chốt."]


@pytest.fixture
def locked(submitted, alice):
    return services.lock_scorecard(submitted, by=alice)


def test_nothing_changes_after_the_lock(locked, alice, bob):
    attempts = [
        lambda: services.save_scores(locked, by=bob, rows=[row(locked, "1.1", points=D(1))]),
        lambda: services.submit_scorecard(locked, by=bob),
        lambda: services.propose(locked, by=alice, rows=[
            row(locked, "1.1", proposed_points=D(1), proposal_reason="x")]),
        lambda: services.answer(locked, by=bob, text="Ý kiến."),
        lambda: services.lock_scorecard(locked, by=alice),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    assert {code: (s.points, s.proposed_points, s.final_points) for code, s in scores(locked).items()}["1.1"] == (
        D("7.5"), None, D("7.5"))
    locked.refresh_from_db()
    assert locked.status == ScorecardStatus.LOCKED


def test_reopen_with_reason_back_to_submitted(locked, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        services.reopen_scorecard(locked, by=alice, reason="Đơn vị bổ sung minh chứng.")
    assert len(callbacks) == 2  # bob's e-mail (the outbox job), then the ranking's recomputation
    locked.refresh_from_db()
    assert (locked.status, locked.locked_at, locked.total) == ("submitted", None, D("13.5"))
    assert all(score.final_points is None for score in scores(locked).values())
    row_ = locked.history.latest("history_id")
    assert (row_.history_user, row_.history_change_reason) == (alice, "Mở lại: Đơn vị bổ sung minh chứng.")


def test_reopen_refused_without_reason(locked, alice):
    with pytest.raises(ValidationError) as error:
        services.reopen_scorecard(locked, by=alice, reason=" ")
    assert error.value.message_dict == {"reason": ["Hãy ghi lý do mở lại bảng điểm."]}


def test_reopen_refused_when_not_locked(submitted, alice):
    with pytest.raises(ValidationError) as error:
        services.reopen_scorecard(submitted, by=alice, reason="x")
    assert error.value.messages == ["Chỉ mở lại được bảng điểm đã chốt."]


def test_reopen_refused_to_an_officer(locked, bob):
    with pytest.raises(ValidationError):
        services.reopen_scorecard(locked, by=bob, reason="x")


def test_reopened_scorecard_may_be_cross_checked_and_locked_again(locked, alice):
    services.reopen_scorecard(locked, by=alice, reason="Xem lại.")
    services.propose(locked, by=alice, rows=[row(locked, "1.1", proposed_points=D(9), proposal_reason="Bổ sung.")])
    services.lock_scorecard(locked, by=alice)
    locked.refresh_from_db()
    assert (locked.status, locked.total) == ("locked", D(15))


# --- Totals -------------------------------------------------------------------------------------------------------


def test_compute_totals_without_caps_counts_every_item(card, table, bob):
    table.bonus_cap = table.penalty_cap = 0
    table.save()
    services.save_scores(card, by=bob, rows=[row(card, "T1", points=D(4)), row(card, "T2", points=D(4)),
                                            row(card, "Đ1", points=D(5))])
    card.refresh_from_db()
    assert (card.bonus_total, card.penalty_total, card.total) == (D(8), D(5), D(3))


# --- Who cross-checks: the leader of a provincial cụm, never of a khối (staff do those) --------------------------


def _submitted_member_card(launched, cluster):
    member = UnitFactory()
    MembershipFactory(cluster=cluster, unit=member)
    card = services.open_scorecard(campaign=launched, unit=member, by=UserFactory(units=[member]))
    Scorecard.objects.filter(pk=card.pk).update(status=ScorecardStatus.SUBMITTED)
    card.refresh_from_db()
    return card


def test_propose_refused_to_the_leader_of_a_khoi(table, launched, unit_a, bob):
    block = ClusterFactory(kind="khoi")
    MembershipFactory(cluster=block, unit=unit_a, role="leader")
    launched.clusters.add(block)
    card = _submitted_member_card(launched, block)
    assert bob.has_perm("campaign.crosscheck_scorecards", card) is False
    with pytest.raises(ValidationError) as error:
        services.propose(card, by=bob, rows=[row(card, "1.1", proposed_points=D(6), proposal_reason="x")])
    assert error.value.messages == ["Anh/chị không có quyền đề xuất điều chỉnh điểm của đơn vị này."]


def test_crosscheck_allowed_to_the_leader_of_a_cum_for_another_member(table, launched, cluster_a, bob):
    card = _submitted_member_card(launched, cluster_a)
    assert bob.has_perm("campaign.crosscheck_scorecards", card) is True
    services.propose(card, by=bob, rows=[row(card, "1.1", proposed_points=D(6), proposal_reason="Chưa đủ.")])
    card.refresh_from_db()
    assert card.status == ScorecardStatus.PROPOSED
