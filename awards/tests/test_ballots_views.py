"""The ballot screens: a member's ballot paper and casting, staff's paper ballots, the chair's closing, the result and
the minutes; who may see what; query counts."""

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import (
    Ballot,
    BallotKind,
    Choice,
    CouncilSession,
    SessionStatus,
    VoteCount,
)
from awards.services.ballots import cast_ballot, close_ballot
from awards.tests.test_ballots import form_chain, nominee, open_session, single_form
from portal.tests.factories import CouncilMemberFactory, StaffFactory, UserFactory
from portal.tests.helpers import query_count, signed_in


def url(name, session):
    return reverse(f"awards:{name}", kwargs={"pk": session.pk})


def agree_all(items, choice=Choice.AGREE):
    data = {}
    for item in items:
        data[f"item_{item.pk}"] = choice
    return data


def closed_session(member_count=3, forms=None):
    session, seats, items = open_session(member_count, forms=forms or [single_form()])
    for seat in seats[:2]:
        cast_ballot(session, member=seat, choices={item: (Choice.AGREE, None) for item in items},
                    kind=BallotKind.ONLINE, by=seat.user)
    close_ballot(session, by=session.chair.user)
    session.refresh_from_db()
    return session, seats, items


# --- The ballot paper --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ballot_page_groups_nominees_with_choices_and_marks_conflicts():
    top, middle, bottom = form_chain()
    session, seats, (first, _second) = open_session(3, forms=[middle, top])
    other = nominee(session, middle, unit=seats[1].unit)
    response = signed_in(seats[1].user).get(url("ballot", session))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="list-group-item ballot-item"') == 3
    assert html.count("Xung đột lợi ích: cùng đơn vị với bạn") == 1
    assert f'id="item-{other.pk}"' in html
    assert f'name="lower_{first.pk}"' in html and f'value="{bottom.pk}"' in html
    assert f'name="item_{first.pk}" value="invalid"' not in html
    assert [(group["form"], len(group["items"])) for group in response.context["form"].groups] == [
        (top, 1), (middle, 2)]


@pytest.mark.django_db
def test_ballot_post_casts_once_and_then_shows_a_message():
    top, middle, _bottom = form_chain()
    session, seats, (first, second) = open_session(3, forms=[middle, top])
    client = signed_in(seats[1].user)
    data = {f"item_{first.pk}": "agree", f"item_{second.pk}": "lower", f"lower_{second.pk}": str(middle.pk)}
    response = client.post(url("ballot", session), data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã ghi nhận phiếu của bạn. Phiếu bầu là bí mật: cổng không lưu bạn đã chọn gì." in html
    assert "Bạn đã bỏ phiếu trong phiên họp này." in html
    assert 'class="ballot-form"' not in html
    assert list(Ballot.objects.values_list("member_id", "kind")) == [(seats[1].pk, "online")]
    assert VoteCount.objects.get(item=second, lower_form=middle).count == 1

    client.post(url("ballot", session), {f"item_{first.pk}": "disagree", f"item_{second.pk}": "disagree"})
    assert Ballot.objects.count() == 1
    assert VoteCount.objects.get(item=first, choice="agree").count == 1
    assert VoteCount.objects.get(item=first, choice="disagree").count == 0


@pytest.mark.django_db
def test_ballot_post_incomplete_shows_errors_and_saves_nothing():
    top, middle, _bottom = form_chain()
    session, seats, (first, second) = open_session(3, forms=[middle, top])
    response = signed_in(seats[1].user).post(url("ballot", session), {
        f"item_{first.pk}": "agree", f"item_{second.pk}": "lower"})
    assert response.status_code == 200
    assert response.context["form"].errors == {f"lower_{second.pk}": ["Hãy chọn hình thức thấp hơn."]}
    response = signed_in(seats[1].user).post(url("ballot", session), {f"item_{first.pk}": "agree"})
    assert response.context["form"].errors == {f"item_{second.pk}": ["Hãy chọn một phương án."]}
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_ballot_access_not_sitting_404_staff_403_officer_404_anonymous_302():
    session, _seats, items = open_session(2, forms=[single_form()])
    target = url("ballot", session)
    assert signed_in(CouncilMemberFactory().user).get(target).status_code == 404
    assert signed_in(StaffFactory()).get(target).status_code == 403
    assert signed_in(StaffFactory()).post(target, agree_all(items)).status_code == 403
    assert signed_in(UserFactory()).get(target).status_code == 404
    assert Client().get(target).status_code == 302
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_ballot_page_query_count_does_not_grow_with_items():
    top, middle, bottom = form_chain()
    session, seats, _items = open_session(3, forms=[middle])
    client = signed_in(seats[1].user)
    one = query_count(client, url("ballot", session))
    for form in (top, middle, bottom, top, middle):
        nominee(session, form)
    assert query_count(client, url("ballot", session)) == one


# --- Paper ballots -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_paper_ballot_staff_enter_paper_and_written_and_see_who_voted_never_what():
    session, seats, (item,) = open_session(3, forms=[single_form()], absent=1)
    client = signed_in(StaffFactory())
    seat_ids = {seat.member_id: seat.pk for seat in session.members.all()}
    response = client.post(url("paper_ballot", session), {
        "member": seat_ids[seats[0].pk], "kind": "paper", f"item_{item.pk}": "invalid"}, follow=True)
    assert response.status_code == 200
    response = client.post(url("paper_ballot", session), {
        "member": seat_ids[seats[2].pk], "kind": "paper", f"item_{item.pk}": "agree"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Thành viên vắng mặt: hãy nhập ý kiến bằng văn bản thay vì phiếu giấy."]
    client.post(url("paper_ballot", session), {
        "member": seat_ids[seats[2].pk], "kind": "written", f"item_{item.pk}": "agree"})

    assert sorted(Ballot.objects.values_list("member_id", "kind")) == sorted(
        [(seats[0].pk, "paper"), (seats[2].pk, "written")])
    response = client.get(url("paper_ballot", session))
    html = response.content.decode()
    assert html.count('class="list-group-item d-flex justify-content-between gap-2"') == 2
    assert [seat.member for seat in response.context["form"].fields["member"].queryset] == [seats[1]]
    assert (VoteCount.objects.get(item=item, choice="invalid").count,
            VoteCount.objects.get(item=item, choice="agree").count) == (1, 1)


@pytest.mark.django_db
def test_paper_ballot_council_member_403_officer_404():
    session, seats, _items = open_session(2, forms=[single_form()])
    assert signed_in(seats[0].user).get(url("paper_ballot", session)).status_code == 403
    assert signed_in(UserFactory()).get(url("paper_ballot", session)).status_code == 404


# --- Closing, result, minutes -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_session_close_chair_confirms_then_closes():
    session, seats, items = open_session(3, forms=[single_form()])
    cast_ballot(session, member=seats[1], choices={items[0]: (Choice.AGREE, None)}, kind=BallotKind.ONLINE,
                by=seats[1].user)
    chair = signed_in(session.chair.user)
    response = chair.get(url("session_close", session))
    assert "1/3 thành viên đã bỏ phiếu." in response.content.decode()
    assert signed_in(seats[1].user).post(url("session_close", session)).status_code == 403
    assert signed_in(StaffFactory()).post(url("session_close", session)).status_code == 403
    response = chair.post(url("session_close", session))
    assert response.status_code == 302
    assert response["Location"] == url("session_result", session)
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.CLOSED
    # Once closed: no ballot paper, no second closing.
    assert chair.post(url("session_close", session)).status_code == 403
    assert signed_in(seats[2].user).get(url("ballot", session)).status_code == 403


@pytest.mark.django_db
def test_session_result_shows_counts_share_threshold_and_outcome():
    session, seats, (_item,) = closed_session(3)
    for client in (signed_in(StaffFactory()), signed_in(seats[2].user)):
        response = client.get(url("session_result", session))
        assert response.status_code == 200
        html = response.content.decode()
        assert "2/3 = 66,67 %" in html
        assert "ngưỡng 80 %" in html
        assert "Không đạt" in html
    assert signed_in(CouncilMemberFactory().user).get(url("session_result", session)).status_code == 404
    assert signed_in(UserFactory()).get(url("session_result", session)).status_code == 404


@pytest.mark.django_db
def test_session_result_before_closing_is_refused():
    session, _seats, _items = open_session(2, forms=[single_form()])
    assert signed_in(StaffFactory()).get(url("session_result", session)).status_code == 403
    assert signed_in(StaffFactory()).get(url("session_minutes", session)).status_code == 403


@pytest.mark.django_db
def test_session_result_query_count_does_not_grow_with_items():
    top, middle, bottom = form_chain()
    one_session, _, _ = closed_session(3, forms=[middle])
    many_session, _, _ = closed_session(3, forms=[middle, top, bottom, middle, top])
    client = signed_in(StaffFactory())
    assert query_count(client, url("session_result", one_session)) == query_count(
        client, url("session_result", many_session))
    assert query_count(client, url("session_minutes", one_session)) == query_count(
        client, url("session_minutes", many_session))


@pytest.mark.django_db
def test_session_minutes_page_prints_the_minutes():
    session, seats, (item,) = closed_session(3)
    response = signed_in(seats[0].user).get(url("session_minutes", session))
    assert response.status_code == 200
    html = response.content.decode()
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in html
    assert "20/11/2019 15:00" in html
    assert str(item.nomination.recipient) in html
    assert "2/3 = 66,67 %" in html
    assert response.context["minutes"]["present"][0]["name"] == str(session.chair.user)


@pytest.mark.django_db
def test_ballot_pages_are_never_cached():
    session, seats, _items = open_session(2, forms=[single_form()])
    for client, name in ((signed_in(seats[1].user), "ballot"), (signed_in(StaffFactory()), "paper_ballot")):
        response = client.get(url(name, session))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_session_result_and_minutes_show_the_nominees_own_unit_and_not_voted():
    session, _seats, (item,) = closed_session(3)
    unit = item.nomination.person.unit
    client = signed_in(StaffFactory())
    result = client.get(url("session_result", session)).content.decode()
    minutes = client.get(url("session_minutes", session))
    assert f'<div class="small text-body-secondary">{unit}</div>' in result
    assert minutes.context["minutes"]["nominees"][0]["unit"] == str(unit)
    assert "Không bỏ phiếu" in minutes.content.decode()


@pytest.mark.django_db
def test_session_result_prints_no_blank_threshold():
    session, _seats, (item,) = closed_session(3)
    type(item.nomination.award_form).objects.filter(pk=item.nomination.award_form_id).update(council_threshold=None)
    html = signed_in(StaffFactory()).get(url("session_result", session)).content.decode()
    assert "ngưỡng" not in html
