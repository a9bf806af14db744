"""Scorecard screens: who gets what, the self-scoring formset (points typed 7,5, errors beside the field), the
buttons by state, proposals, the answer, lock and reopening through the pages, the export, and the query count."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaign.models import Score, Scorecard, ScorecardStatus
from campaign.services import scorecards as services
from portal.tests.factories import (
    AchievementFactory,
    CriterionFactory,
    EvidenceFactory,
    MembershipFactory,
    ScoringTableFactory,
    UnitFactory,
)
from portal.tests.helpers import answers, query_count, signed_in

D = Decimal


@pytest.fixture
def table(launched):
    table = ScoringTableFactory(campaign=launched, deadline=datetime.date(2100, 1, 1))
    task = launched.tasks.get(number=1)
    CriterionFactory(table=table, task=task, code="1.1", position=1, max_points=10, title="Tổ chức phát động")
    CriterionFactory(table=table, task=task, code="1.2", position=2, max_points=6, requires_evidence=True)
    return table


@pytest.fixture
def card(table, unit_a, bob):
    return services.open_scorecard(campaign=table.campaign, unit=unit_a, by=bob)


@pytest.fixture
def proof(launched, unit_a):
    achievement = AchievementFactory(campaign=launched, unit=unit_a, task=launched.tasks.get(number=1))
    return EvidenceFactory(achievement=achievement)


def url(name, card, **extra):
    return reverse(f"campaign:{name}", kwargs={"pk": card.campaign_id, "scorecard_pk": card.pk, **extra})


def score_list(card):
    return list(Score.objects.filter(scorecard=card).order_by("criterion__position"))


def formset_data(card, rows):
    data = {"scores-TOTAL_FORMS": len(rows), "scores-INITIAL_FORMS": len(rows)}
    for index, (score, values) in enumerate(zip(score_list(card), rows, strict=True)):
        data[f"scores-{index}-score_id"] = score.pk
        data.update({f"scores-{index}-{name}": value for name, value in values.items()})
    return data


@pytest.fixture
def submitted(card, bob, proof):
    first, second = score_list(card)
    services.save_scores(card, by=bob, rows=[{"score_id": first.pk, "points": D("7.5")},
                                             {"score_id": second.pk, "points": D(6), "evidence": [proof.pk]}])
    return services.submit_scorecard(card, by=bob)


@pytest.fixture
def proposed(submitted, alice):
    first = score_list(submitted)[0]
    return services.propose(submitted, by=alice, rows=[
        {"score_id": first.pk, "proposed_points": D(5), "proposal_reason": "Thiếu kế hoạch."}])


ROLES = {"staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302}


def test_detail_answers_each_role(card, role_clients):
    assert answers(role_clients, url("scorecard_detail", card)) == ROLES


def test_detail_shows_scores_grouped_by_task_and_the_owners_buttons(card, role_clients):
    page = role_clients["officer"].get(url("scorecard_detail", card)).content.decode()
    assert "Nội dung 1. Phát huy truyền thống" in page
    assert "Tổ chức phát động" in page
    assert url("scorecard_edit", card) in page
    assert url("scorecard_action", card, action="submit") in page
    assert url("scorecard_action", card, action="lock") not in page


def test_detail_shows_staff_the_lock_and_propose_buttons_once_submitted(submitted, role_clients):
    page = role_clients["staff"].get(url("scorecard_detail", submitted)).content.decode()
    assert url("scorecard_action", submitted, action="lock") in page
    assert url("scorecard_propose", submitted) in page
    assert url("scorecard_edit", submitted) not in page


def test_edit_saves_points_typed_with_a_comma(card, role_clients):
    data = formset_data(card, [{"points": "7,5", "comment": "Đã phát động"}, {"points": ""}])
    response = role_clients["officer"].post(url("scorecard_edit", card), data)
    assert response.status_code == 302
    assert [score.points for score in score_list(card)] == [D("7.5"), None]
    card.refresh_from_db()
    assert card.self_total == D("7.5")


def test_edit_shows_out_of_range_points_beside_the_field(card, role_clients):
    data = formset_data(card, [{"points": "12"}, {"points": "-1"}])
    response = role_clients["officer"].post(url("scorecard_edit", card), data)
    assert response.status_code == 200
    formset = response.context["form"]
    assert [form.errors.get("points") for form in formset.forms] == [
        ["Điểm tối đa của tiêu chí này là 10."], ["Điểm không được âm."]]
    assert [score.points for score in score_list(card)] == [None, None]


def test_edit_refuses_a_link_to_a_file_not_of_the_unit(card, role_clients, launched, unit_b):
    other = EvidenceFactory(achievement=AchievementFactory(campaign=launched, unit=unit_b, task=launched.tasks.first()))
    data = formset_data(card, [{"points": "1"}, {"points": "1", "evidence": other.pk}])
    response = role_clients["officer"].post(url("scorecard_edit", card), data)
    assert response.status_code == 200
    assert "evidence" in response.context["form"].forms[1].errors


def test_edit_of_a_submitted_scorecard_goes_back_to_it(submitted, role_clients):
    response = role_clients["officer"].get(url("scorecard_edit", submitted))
    assert response.status_code == 302
    assert response.url == submitted.get_absolute_url()


def test_submit_through_the_page(card, role_clients, proof, bob):
    first, second = score_list(card)
    services.save_scores(card, by=bob, rows=[{"score_id": first.pk, "points": D(1)},
                                             {"score_id": second.pk, "points": D(1), "evidence": [proof.pk]}])
    response = role_clients["officer"].post(url("scorecard_action", card, action="submit"))
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED


def test_submit_refused_shows_the_reason(card, role_clients):
    response = role_clients["officer"].post(url("scorecard_action", card, action="submit"), follow=True)
    assert "Chưa chấm điểm các tiêu chí: 1.1, 1.2." in response.content.decode()


def test_lock_action_answers_each_role(submitted, role_clients):
    statuses = answers(role_clients, url("scorecard_action", submitted, action="lock"), method="post",
                       roles=["officer", "other_officer", "council", "anonymous"])
    assert statuses == {"officer": 403, "other_officer": 404, "council": 403, "anonymous": 302}
    assert role_clients["staff"].post(url("scorecard_action", submitted, action="lock")).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ScorecardStatus.LOCKED


def test_propose_through_the_page_requires_a_reason_beside_the_field(submitted, role_clients):
    data = formset_data(submitted, [{"proposed_points": "5", "proposal_reason": ""}, {"proposed_points": ""}])
    response = role_clients["staff"].post(url("scorecard_propose", submitted), data)
    assert response.status_code == 200
    assert response.context["form"].forms[0].errors == {
        "proposal_reason": ["Hãy ghi lý do điều chỉnh điểm để đơn vị biết."]}
    data["scores-0-proposal_reason"] = "Thiếu kế hoạch."
    assert role_clients["staff"].post(url("scorecard_propose", submitted), data).status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.total) == ("proposed", D("11"))


def test_propose_page_for_the_leader_of_a_member(table, cluster_a, unit_b, charlie, launched, bob):
    MembershipFactory(cluster=cluster_a, unit=unit_b)
    card = services.open_scorecard(campaign=launched, unit=unit_b, by=charlie)
    Scorecard.objects.filter(pk=card.pk).update(status=ScorecardStatus.SUBMITTED)
    assert signed_in(bob).get(url("scorecard_propose", card)).status_code == 200
    assert signed_in(charlie).get(url("scorecard_propose", card)).status_code == 403


def test_propose_page_on_a_draft_says_why_and_a_post_changes_nothing(card, role_clients):
    response = role_clients["staff"].get(url("scorecard_propose", card))
    assert response.context["in_state"] is False
    data = formset_data(card, [{"proposed_points": "5", "proposal_reason": "x"}, {}])
    assert role_clients["staff"].post(url("scorecard_propose", card), data).status_code == 302
    assert [score.proposed_points for score in score_list(card)] == [None, None]


def test_answer_through_the_page_once(proposed, role_clients):
    response = role_clients["officer"].post(url("scorecard_answer", proposed), {"text": "Đơn vị thống nhất."})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.answer) == ("answered", "Đơn vị thống nhất.")
    second = role_clients["officer"].post(url("scorecard_answer", proposed), {"text": "Lần nữa."})
    assert second.status_code == 302
    proposed.refresh_from_db()
    assert proposed.answer == "Đơn vị thống nhất."


def test_answer_without_text_shows_the_error_beside_the_field(proposed, role_clients):
    response = role_clients["officer"].post(url("scorecard_answer", proposed), {"text": ""})
    assert response.context["form"].errors == {"text": ["Trường này là bắt buộc."]}


def test_reopen_through_the_page(submitted, role_clients, alice):
    services.lock_scorecard(submitted, by=alice)
    assert role_clients["officer"].post(url("scorecard_reopen", submitted), {"reason": "x"}).status_code == 403
    response = role_clients["staff"].post(url("scorecard_reopen", submitted), {"reason": "Bổ sung minh chứng."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ScorecardStatus.SUBMITTED
    page = role_clients["staff"].get(url("scorecard_detail", submitted)).content.decode()
    assert "Mở lại: Bổ sung minh chứng." in page


def test_open_page_for_a_unit_without_scorecard_then_post_opens_it(table, role_clients, unit_a):
    address = reverse("campaign:scorecard_open", kwargs={"pk": table.campaign_id, "unit_pk": unit_a.pk})
    assert role_clients["officer"].get(address).status_code == 200
    response = role_clients["officer"].post(address)
    card = Scorecard.objects.get(unit=unit_a)
    assert (response.status_code, response.url) == (302, card.get_absolute_url())
    assert role_clients["officer"].get(address).url == card.get_absolute_url()


def test_unit_page_has_the_self_scoring_button(table, role_clients, unit_a):
    page = role_clients["officer"].get(
        reverse("campaign:unit_progress", kwargs={"pk": table.campaign_id, "unit_pk": unit_a.pk})).content.decode()
    assert reverse("campaign:scorecard_open", kwargs={"pk": table.campaign_id, "unit_pk": unit_a.pk}) in page


def test_export_is_a_workbook_of_the_scores(proposed, role_clients):
    response = role_clients["council"].get(url("scorecard_export", proposed))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5, max_row=6)]
    assert [(row[2], row[4], row[5], row[8], row[10]) for row in rows] == [
        ("1.1", 10, 7.5, 5, 5), ("1.2", 6, 6, None, 6)]


def test_detail_query_count_does_not_grow_with_criteria(table, card, role_clients, bob, proof):
    one = query_count(role_clients["officer"], url("scorecard_detail", card))
    for position in range(3, 13):
        criterion = CriterionFactory(table=table, task=table.campaign.tasks.get(number=2), position=position)
        score = Score.objects.create(scorecard=card, criterion=criterion, max_points=criterion.max_points)
        score.evidence.set([proof])
        score.achievements.set([proof.achievement])
    assert query_count(role_clients["officer"], url("scorecard_detail", card)) == one


# --- The scorecard list -------------------------------------------------------------------------------------------


def list_url(campaign):
    return reverse("campaign:scorecard_list", kwargs={"pk": campaign.pk})


def listed(response):
    return [card.unit.name for card in response.context["scorecards"]]


@pytest.fixture
def two_cards(card, unit_b, launched):
    """unit_a's draft (bob's) and unit_b's submitted scorecard (charlie's unit, in no cluster bob leads)."""
    other = Scorecard.objects.create(campaign=launched, unit=unit_b, status=ScorecardStatus.SUBMITTED)
    return card, other


def test_list_answers_each_role(card, role_clients):
    assert answers(role_clients, list_url(card.campaign)) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302}


def test_list_scoped_to_the_units_each_follows(two_cards, role_clients):
    page = list_url(two_cards[0].campaign)
    assert listed(role_clients["staff"].get(page)) == ["Huyện Bình Gia", "Huyện Văn Quan"]
    assert listed(role_clients["council"].get(page)) == ["Huyện Bình Gia", "Huyện Văn Quan"]
    assert listed(role_clients["officer"].get(page)) == ["Huyện Văn Quan"]
    assert listed(role_clients["other_officer"].get(page)) == ["Huyện Bình Gia"]


def test_list_shows_links_badges_and_totals(two_cards, role_clients):
    card, other = two_cards
    page = role_clients["staff"].get(list_url(card.campaign)).content.decode()
    assert card.get_absolute_url() in page and other.get_absolute_url() in page
    assert "Đang tự chấm" in page and "Cụm thi đua các huyện nội địa" in page


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "submitted"}, ["Huyện Bình Gia"]),
    ({"status": "draft"}, ["Huyện Văn Quan"]),
    ({"status": "pending"}, ["Huyện Bình Gia"]),
    ({"status": "locked"}, []),
    ({"unit": "văn quan"}, ["Huyện Văn Quan"]),
])
def test_list_filters(two_cards, role_clients, query, expected):
    assert listed(role_clients["staff"].get(list_url(two_cards[0].campaign), query)) == expected


def test_list_empty_states(table, role_clients):
    client = role_clients["staff"]
    assert "Chưa có bảng tự chấm nào." in client.get(list_url(table.campaign)).content.decode()
    assert "Không có bảng tự chấm nào khớp bộ lọc." in client.get(
        list_url(table.campaign), {"status": "locked"}).content.decode()


def test_list_has_the_tab_among_the_following_lists(card, role_clients):
    page = role_clients["staff"].get(reverse("campaign:work_list", kwargs={"pk": card.campaign_id})).content.decode()
    assert list_url(card.campaign) in page


@pytest.mark.parametrize("role", ["staff", "officer"])
def test_list_query_count_does_not_grow(card, role_clients, launched, cluster_a, role):
    client, page = role_clients[role], list_url(launched)
    one = query_count(client, page)
    for number in range(9):
        unit = UnitFactory()
        MembershipFactory(cluster=cluster_a, unit=unit)
        Scorecard.objects.create(campaign=launched, unit=unit, status=ScorecardStatus.SUBMITTED)
    assert len(client.get(page).context["scorecards"]) == 10
    assert query_count(client, page) == one


# --- Ways to a scorecard: the ranking, the unit's page, the campaign's page ------------------------------------------


def test_ranking_links_the_scorecards_the_user_may_view(two_cards, role_clients, cluster_a, unit_b):
    card, other = two_cards
    MembershipFactory(cluster=cluster_a, unit=unit_b)
    page = reverse("campaign:cluster_ranking", kwargs={"pk": card.campaign_id, "cluster_pk": cluster_a.pk})
    staff = role_clients["staff"].get(page).content.decode()
    charlie = role_clients["other_officer"].get(page).content.decode()
    assert (card.get_absolute_url() in staff, other.get_absolute_url() in staff) == (True, True)
    assert (card.get_absolute_url() in charlie, other.get_absolute_url() in charlie) == (False, True)


def test_ranking_query_count_does_not_grow_with_members(card, role_clients, cluster_a, launched):
    page = reverse("campaign:cluster_ranking", kwargs={"pk": launched.pk, "cluster_pk": cluster_a.pk})
    one = query_count(role_clients["officer"], page)
    for number in range(5):
        unit = UnitFactory()
        MembershipFactory(cluster=cluster_a, unit=unit)
        Scorecard.objects.create(campaign=launched, unit=unit, status=ScorecardStatus.SUBMITTED)
    assert query_count(role_clients["officer"], page) == one


def test_unit_page_shows_the_scorecard_card(card, role_clients, unit_a):
    page = reverse("campaign:unit_progress", kwargs={"pk": card.campaign_id, "unit_pk": unit_a.pk})
    for role in ("staff", "officer", "council"):
        content = role_clients[role].get(page).content.decode()
        assert ('id="cham-diem"' in content, card.get_absolute_url() in content, "Đang tự chấm" in content) == (
            True, True, True)
    assert reverse("campaign:scorecard_open", kwargs={"pk": card.campaign_id, "unit_pk": unit_a.pk}) in (
        role_clients["officer"].get(page).content.decode())


def test_unit_page_without_scorecard_says_so(table, role_clients, unit_a):
    page = reverse("campaign:unit_progress", kwargs={"pk": table.campaign_id, "unit_pk": unit_a.pk})
    assert "Đơn vị chưa mở bảng tự chấm điểm." in role_clients["council"].get(page).content.decode()


def test_campaign_page_links_the_scorecard_list_and_the_scoring_table(table, role_clients):
    content = role_clients["council"].get(reverse("campaign:detail", kwargs={"pk": table.campaign_id})).content.decode()
    assert list_url(table.campaign) in content
    assert reverse("campaign:scoring_table", kwargs={"pk": table.campaign_id}) in content


def test_points_with_more_than_two_decimals_are_refused_beside_the_field_not_rounded():
    from campaign.forms.scorecards import PointsField
    from django.core.exceptions import ValidationError as FormError

    field = PointsField()
    assert field.clean("7,12") == Decimal("7.12")
    for typed in ("7,123", "9,995"):
        with pytest.raises(FormError) as refused:
            field.clean(typed)
        assert refused.value.messages == ["Chỉ ghi tối đa 2 chữ số sau dấu phẩy."]
    with pytest.raises(FormError) as refused:
        field.clean("0,000000001")
    assert refused.value.messages == ["Số quá lớn hoặc có quá nhiều chữ số sau dấu phẩy."]
