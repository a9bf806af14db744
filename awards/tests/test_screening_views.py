"""The screening screens: the inbox, the buttons each person sees, the forms and what they write, the scoping of a
specialist, stale pages and the province's proposal."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from awards.models import BatchKind, BatchStatus, Board, Nomination, NominationBatch
from awards.selectors.screening import overridable
from awards.services import eligibility, screening
from portal.tests.factories import (
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    NominationFactory,
    StaffPostFactory,
    UnitFactory,
)
from portal.tests.helpers import signed_in


@pytest.fixture
def campaign(db):
    return CampaignFactory()


def plain_form(campaign, **kwargs):
    values = {"code": "thu_nghiem", "name": "Giấy chứng nhận thử nghiệm", "report_template": "individual",
              **kwargs}
    return AwardFormFactory(regime=campaign.regime, **values)


@pytest.fixture
def staff(db):
    board = Board.objects.create(name="Phòng Khen thưởng")
    return {
        "clerk": StaffPostFactory(function="clerk", user__full_name="Lăng Thị Văn").user,
        "specialist": StaffPostFactory(function="specialist", board=board, user__full_name="Hoàng Văn Chuyên").user,
        "colleague": StaffPostFactory(function="specialist", board=board, user__full_name="Nông Thị Đồng").user,
        "outsider": StaffPostFactory(function="specialist", user__full_name="Vi Văn Ngoài").user,
        "head": StaffPostFactory(function="head", user__full_name="Lương Văn Trưởng").user,
        "board": board,
    }


def submitted_batch(campaign, unit=None, count=2, form=None, **kwargs):
    batch = BatchFactory(campaign=campaign, unit=unit or UnitFactory(), status=BatchStatus.SUBMITTED,
                         submitted_at=timezone.now(), held_since=timezone.now(), **kwargs)
    form = form or plain_form(campaign)
    for _index in range(count):
        # Checked, as the unit's submission leaves every nominee.
        eligibility.run_checks(NominationFactory(batch=batch, award_form=form))
    return batch


def fresh(batch):
    return NominationBatch.objects.get(pk=batch.pk)


def url(name, batch, **kwargs):
    return reverse(f"awards:{name}", kwargs={"pk": batch.campaign_id, "batch_pk": batch.pk, **kwargs})


def nomination_url(name, nomination):
    return reverse(f"awards:{name}", kwargs={"pk": nomination.batch.campaign_id, "nomination_pk": nomination.pk})


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def assigned_batch(campaign, staff, count=2, board=None, **kwargs):
    batch = submitted_batch(campaign, count=count, **kwargs)
    screening.receive_batch(batch, by=staff["clerk"], expected_version=fresh(batch).version)
    screening.assign_batch(batch, to=staff["specialist"], board=board, by=staff["clerk"],
                           expected_version=fresh(batch).version)
    return fresh(batch)


# --- The inbox -----------------------------------------------------------------------------------------------------


def test_inbox_boxes_hold_what_waits_for_each_person(campaign, staff):
    waiting = submitted_batch(campaign, letter_number="01/TTr-UBND")
    mine = assigned_batch(campaign, staff, letter_number="02/TTr-UBND")
    checked = assigned_batch(campaign, staff, count=1, letter_number="03/TTr-UBND")
    screening.screen_nomination(checked.nominations.get(), verdict="meets", by=staff["specialist"],
                                expected_version=checked.version)
    screening.complete_screening(checked, by=staff["specialist"], expected_version=fresh(checked).version)
    client = signed_in(staff["specialist"])
    head = signed_in(staff["head"])

    def rows(client, box):
        return [batch.letter_number for batch in client.get(reverse("awards:screening_inbox"), {"box": box})
                .context["object_list"]]

    assert rows(head, "waiting") == [waiting.letter_number]
    assert rows(client, "mine") == [mine.letter_number]
    assert rows(head, "head") == [checked.letter_number]
    assert sorted(rows(head, "all")) == ["01/TTr-UBND", "02/TTr-UBND", "03/TTr-UBND"]
    # A specialist sees only what was assigned to them (or their board).
    assert sorted(rows(client, "all")) == ["02/TTr-UBND", "03/TTr-UBND"]
    assert rows(signed_in(staff["outsider"]), "all") == []


def test_inbox_board_box_and_default_box(campaign, staff):
    batch = submitted_batch(campaign, letter_number="07/TTr-UBND")
    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)
    screening.assign_batch(batch, board=staff["board"], by=staff["clerk"], expected_version=fresh(batch).version)
    colleague = signed_in(staff["colleague"])

    board = colleague.get(reverse("awards:screening_inbox"), {"box": "board"})
    default = signed_in(staff["clerk"]).get(reverse("awards:screening_inbox"))

    assert [b.letter_number for b in board.context["object_list"]] == ["07/TTr-UBND"]
    assert (board.context["box"], default.context["box"]) == ("board", "waiting")
    assert [(key, count) for key, _label, count in board.context["boxes"]] == [
        ("waiting", 0), ("mine", 0), ("head", 0), ("board", 1), ("all", 1)]


def test_inbox_row_shows_unit_letter_count_holder_and_since(campaign, staff):
    unit = UnitFactory(name="Huyện Tràng Định")
    batch = submitted_batch(campaign, unit=unit, count=3, letter_number="09/TTr-UBND")
    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)
    NominationBatch.objects.filter(pk=batch.pk).update(held_since=timezone.now() - datetime.timedelta(days=3, hours=2))

    response = signed_in(staff["head"]).get(reverse("awards:screening_inbox"), {"box": "all"})

    row = response.context["object_list"][0]
    assert (row.unit.name, row.letter_number, row.nominee_count, row.holder, row.held_for) == (
        "Huyện Tràng Định", "09/TTr-UBND", 3, staff["clerk"], "3 ngày")
    assert "3 ngày" in response.content.decode()


def test_inbox_filters_by_campaign_unit_and_state(campaign, staff):
    other_campaign = CampaignFactory()
    unit = UnitFactory()
    submitted_batch(campaign, unit=unit, letter_number="01/A")
    submitted_batch(other_campaign, letter_number="02/B")
    received = submitted_batch(campaign, letter_number="03/C")
    screening.receive_batch(received, by=staff["clerk"], expected_version=received.version)
    head = signed_in(staff["head"])

    def rows(**params):
        response = head.get(reverse("awards:screening_inbox"), {"box": "all", **params})
        return sorted(batch.letter_number for batch in response.context["object_list"])

    assert rows(campaign=campaign.pk) == ["01/A", "03/C"]
    assert rows(unit=unit.code) == ["01/A"]
    assert rows(status="received") == ["03/C"]


def test_inbox_query_count_does_not_grow_with_rows(campaign, staff, django_assert_num_queries):
    client = signed_in(staff["head"])
    inbox = reverse("awards:screening_inbox")
    submitted_batch(campaign)
    client.get(inbox)  # warm caches (content types, sessions)
    # 9 with the navbar's count of unread notices.
    with django_assert_num_queries(9):
        one = client.get(inbox, {"box": "all"})
    for _index in range(6):
        assigned_batch(campaign, staff, count=1)
    with django_assert_num_queries(9):
        many = client.get(inbox, {"box": "all"})

    assert (len(one.context["object_list"]), len(many.context["object_list"])) == (1, 7)


# --- Buttons -------------------------------------------------------------------------------------------------------


def buttons(client, batch):
    html = client.get(batch.get_absolute_url()).content.decode()
    names = {"batch_receive": "receive", "batch_assign": "assign", "batch_complete": "complete",
             "batch_forward": "forward", "batch_return": "return"}
    return sorted(short for name, short in names.items() if url(name, batch) in html)


def test_buttons_show_only_what_the_person_may_do(campaign, staff):
    batch = submitted_batch(campaign)

    assert buttons(signed_in(staff["clerk"]), batch) == ["receive", "return"]
    assert buttons(signed_in(staff["head"]), batch) == ["receive", "return"]
    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)
    assert buttons(signed_in(staff["clerk"]), fresh(batch)) == ["assign", "return"]
    screening.assign_batch(batch, to=staff["specialist"], by=staff["clerk"], expected_version=fresh(batch).version)
    assert buttons(signed_in(staff["clerk"]), fresh(batch)) == []
    assert buttons(signed_in(staff["specialist"]), fresh(batch)) == ["complete", "return"]


# --- Scoping -------------------------------------------------------------------------------------------------------


def test_specialist_sees_only_batches_assigned_to_them_or_their_board(campaign, staff):
    batch = assigned_batch(campaign, staff, board=staff["board"])
    nomination = batch.nominations.first()
    pages = [batch.get_absolute_url(), nomination_url("nomination_screen", nomination), url("batch_return", batch)]

    assert [signed_in(staff["outsider"]).get(page).status_code for page in pages] == [404, 404, 404]
    assert [signed_in(staff["colleague"]).get(page).status_code for page in pages] == [200, 200, 200]
    assert [signed_in(staff["specialist"]).get(page).status_code for page in pages] == [200, 200, 200]


def test_head_and_clerk_see_every_submitted_batch(campaign, staff):
    batch = submitted_batch(campaign)

    assert [signed_in(staff[who]).get(batch.get_absolute_url()).status_code for who in ("head", "clerk")] == [
        200, 200]
    assert signed_in(staff["specialist"]).get(batch.get_absolute_url()).status_code == 404


def test_specialist_may_not_receive(campaign, staff):
    batch = submitted_batch(campaign)
    response = signed_in(staff["colleague"]).post(url("batch_receive", batch), {"version": batch.version})

    assert response.status_code == 404
    assert fresh(batch).status == "submitted"


# --- Actions -------------------------------------------------------------------------------------------------------


def test_receive_holds_the_batch_for_the_clerk(campaign, staff):
    batch = submitted_batch(campaign)
    response = signed_in(staff["clerk"]).post(url("batch_receive", batch), {"version": batch.version})

    assert (response.status_code, response.url) == (302, batch.get_absolute_url())
    assert texts(response) == ["Đã tiếp nhận tờ trình; tờ trình do bạn giữ cho đến khi phân công thẩm định."]
    assert (fresh(batch).status, fresh(batch).holder) == ("received", staff["clerk"])


def test_receive_over_a_stale_page_says_who_changed_the_batch(campaign, staff):
    batch = submitted_batch(campaign)
    seen = batch.version
    screening.receive_batch(batch, by=staff["head"], expected_version=seen)

    response = signed_in(staff["clerk"]).post(url("batch_receive", batch), {"version": seen})

    assert (response.status_code, response.url) == (302, batch.get_absolute_url())
    assert texts(response) == [
        "Tờ trình vừa được Lương Văn Trưởng thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."]
    assert fresh(batch).received_by == staff["head"]


def test_assign_form_lists_specialists_and_heads_and_assigns(campaign, staff):
    batch = submitted_batch(campaign)
    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)
    client = signed_in(staff["clerk"])
    page = client.get(url("batch_assign", batch))

    response = client.post(url("batch_assign", batch), {"version": fresh(batch).version, "to": staff["specialist"].pk,
                                                        "board": staff["board"].pk, "note": "Trong tuần"})

    assert sorted(str(user) for user in page.context["form"].fields["to"].queryset) == [
        "Hoàng Văn Chuyên", "Lương Văn Trưởng", "Nông Thị Đồng", "Vi Văn Ngoài"]
    assert response.status_code == 302
    assert texts(response) == ["Đã phân công thẩm định cho Hoàng Văn Chuyên."]
    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.assigned_board) == ("assigned", staff["specialist"], staff["board"])


def test_assign_without_anyone_shows_the_error_and_saves_nothing(campaign, staff):
    batch = submitted_batch(campaign)
    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)
    response = signed_in(staff["clerk"]).post(url("batch_assign", batch), {"version": fresh(batch).version})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Hãy chọn chuyên viên hoặc bộ phận thẩm định."]
    assert fresh(batch).status == "received"


def test_return_form_needs_a_reason_then_returns_one_step_back(campaign, staff):
    batch = assigned_batch(campaign, staff)
    client = signed_in(staff["specialist"])
    page = client.get(url("batch_return", batch))
    empty = client.post(url("batch_return", batch), {"version": batch.version, "reason": ""})

    response = client.post(url("batch_return", batch), {"version": batch.version, "reason": "Sai lĩnh vực"})

    assert page.context["title"] == "Trả lại văn thư tiếp nhận"
    assert empty.status_code == 200
    assert empty.context["form"].errors == {"reason": ["Trường này là bắt buộc."]}
    assert texts(response) == ["Đã trả lại tờ trình (trả lại văn thư tiếp nhận): Lăng Thị Văn."]
    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.return_reason) == ("received", staff["clerk"], "Sai lĩnh vực")


def test_nomination_screen_shows_checks_and_records_the_verdicts(campaign, staff):
    batch = assigned_batch(campaign, staff)
    first, second = batch.nominations.order_by("pk")
    client = signed_in(staff["specialist"])
    page = client.get(nomination_url("nomination_screen", first))
    no_reason = client.post(nomination_url("nomination_screen", second),
                            {"version": batch.version, "verdict": "fails", "reason": ""})

    client.post(nomination_url("nomination_screen", first), {"version": batch.version, "verdict": "meets"})
    response = client.post(nomination_url("nomination_screen", second),
                           {"version": fresh(batch).version, "verdict": "fails", "reason": "Thành tích chưa rõ"})

    assert [check.code for check in page.context["checks"]] == [
        "recipient", "discipline", "documents", "report", "quota"]
    assert no_reason.context["form"].errors == {"reason": ["Hãy ghi lý do không đủ điều kiện để đơn vị biết."]}
    assert (response.status_code, response.url) == (302, batch.get_absolute_url())
    assert list(batch.nominations.order_by("pk").values_list("status", "screening_reason")) == [
        ("meets", ""), ("fails", "Thành tích chưa rõ")]


def test_nomination_screen_refusal_shows_beside_the_verdict(campaign, staff):
    form = plain_form(campaign, code="theo_phong_trao", report_template="campaign")
    batch = assigned_batch(campaign, staff, count=1, form=form)
    nomination = batch.nominations.get()

    response = signed_in(staff["specialist"]).post(nomination_url("nomination_screen", nomination),
                                                   {"version": batch.version, "verdict": "meets"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"verdict": [
        "Không thể xác nhận đủ điều kiện: còn điều kiện chưa đạt và chưa được bỏ qua có lý do (Báo cáo thành tích)."]}
    assert [check.code for check in overridable(response.context["checks"], response.context["overrides"])] == [
        "report"]


def test_check_override_form_shows_the_check_and_records_the_reason(campaign, staff):
    form = plain_form(campaign, code="theo_phong_trao", report_template="campaign")
    batch = assigned_batch(campaign, staff, count=1, form=form)
    nomination = batch.nominations.get()
    client = signed_in(staff["specialist"])
    page = client.get(nomination_url("check_override", nomination), {"code": "report"})

    response = client.post(nomination_url("check_override", nomination),
                           {"version": batch.version, "code": "report", "reason": "Thành tích nêu trong tờ trình"})
    marked = client.post(nomination_url("nomination_screen", nomination),
                         {"version": fresh(batch).version, "verdict": "meets"})

    assert page.context["chosen"].title == "Báo cáo thành tích"
    assert list(page.context["form"].fields["code"].choices) == [("report", "Báo cáo thành tích")]
    assert (response.status_code, response.url) == (302, nomination_url("nomination_screen", nomination))
    assert list(nomination.overrides.values_list("code", "reason")) == [("report", "Thành tích nêu trong tờ trình")]
    assert marked.status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).status == "meets"


def test_complete_with_an_unmarked_nominee_is_refused_with_a_message(campaign, staff):
    batch = assigned_batch(campaign, staff, count=1)
    response = signed_in(staff["specialist"]).post(url("batch_complete", batch), {"version": batch.version})

    nominee = batch.nominations.get().person
    assert texts(response) == [f"Còn 1 người được đề nghị chưa thẩm định: {nominee}."]
    assert fresh(batch).status == "assigned"


def test_forward_confirmation_lists_who_goes_and_who_is_rejected(campaign, staff):
    batch = assigned_batch(campaign, staff)
    first, second = batch.nominations.order_by("pk")
    screening.screen_nomination(first, verdict="meets", by=staff["specialist"], expected_version=batch.version)
    screening.screen_nomination(second, verdict="fails", reason="Thiếu minh chứng", by=staff["specialist"],
                                expected_version=fresh(batch).version)
    screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)
    head = signed_in(staff["head"])
    page = head.get(url("batch_forward", batch))

    response = head.post(url("batch_forward", batch), {"version": fresh(batch).version, "note": ""})

    assert ([n.pk for n in page.context["forwarded"]], [n.pk for n in page.context["rejected"]]) == (
        [first.pk], [second.pk])
    assert "Thiếu minh chứng" in page.content.decode()
    assert texts(response) == ["Đã chuyển tờ trình đến Hội đồng Thi đua – Khen thưởng."]
    assert list(batch.nominations.order_by("pk").values_list("status", flat=True)) == ["forwarded", "rejected"]


# --- The province's proposal ---------------------------------------------------------------------------------------


def forwarded_higher(campaign, staff):
    form = plain_form(campaign, code="bk_thu_tuong_thu", name="Bằng khen của Thủ tướng (thử)", decided_by="higher",
                      level="state")
    batch = assigned_batch(campaign, staff, form=form)
    for nomination in batch.nominations.all():
        screening.screen_nomination(nomination, verdict="meets", by=staff["specialist"],
                                    expected_version=fresh(batch).version)
    screening.complete_screening(batch, by=staff["specialist"], expected_version=fresh(batch).version)
    screening.forward_batch(batch, by=staff["head"], expected_version=fresh(batch).version)
    return batch


def test_proposal_create_lists_candidates_creates_and_forwards(campaign, staff, settings):
    settings.PORTAL_PROVINCE_UNIT_CODE = "SNV"
    UnitFactory(code="SNV", name="Sở Nội vụ", kind="department")
    batch = forwarded_higher(campaign, staff)
    forwarded_lower = submitted_batch(campaign, count=1)  # a form the province decides: never a candidate
    client = signed_in(staff["specialist"])
    create = reverse("awards:proposal_create", kwargs={"pk": campaign.pk})
    page = client.get(create)
    chosen = list(batch.nominations.order_by("pk").values_list("pk", flat=True))

    response = client.post(create, {"nominations": chosen, "letter_number": "21/TTr-UBND"})

    proposal = NominationBatch.objects.get(kind=BatchKind.PROVINCE)
    assert [n.pk for n in page.context["candidates"]] == chosen
    assert forwarded_lower.pk not in [n.batch_id for n in page.context["candidates"]]
    assert (response.status_code, response.url) == (302, proposal.get_absolute_url())
    assert (proposal.unit.code, proposal.letter_number, proposal.nominations.count()) == ("SNV", "21/TTr-UBND", 2)
    detail = client.get(proposal.get_absolute_url()).content.decode()
    assert "Chuyển Hội đồng" in detail and url("batch_forward", proposal) in detail

    forwarded = client.post(url("batch_forward", proposal), {"version": proposal.version})

    assert texts(forwarded)[-1] == "Đã chuyển tờ trình đến Hội đồng Thi đua – Khen thưởng."
    assert fresh(proposal).status == "forwarded"
    assert set(proposal.nominations.values_list("status", flat=True)) == {"forwarded"}


def test_proposal_create_without_a_choice_shows_the_error(campaign, staff):
    forwarded_higher(campaign, staff)
    response = signed_in(staff["specialist"]).post(reverse("awards:proposal_create", kwargs={"pk": campaign.pk}), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {"nominations": ["Hãy chọn ít nhất một người được đề nghị."]}


# --- Staff home and the admin ----------------------------------------------------------------------------------------


def test_staff_home_counts_what_waits_in_screening(campaign, staff):
    submitted_batch(campaign)
    submitted_batch(campaign)
    assigned_batch(campaign, staff)

    counts = signed_in(staff["specialist"]).get(reverse("staff_home")).context["screening_counts"]

    assert (counts["waiting"], counts["mine"], counts["head"]) == (0, 1, 0)
    assert signed_in(staff["head"]).get(reverse("staff_home")).context["screening_counts"]["waiting"] == 2


def test_admin_lets_staff_set_screening_posts(staff):
    client = signed_in(staff["head"])
    post = staff["specialist"].staff_post
    pages = [reverse("admin:awards_board_changelist"), reverse("admin:awards_staffpost_changelist"),
             reverse("admin:awards_staffpost_change", args=[post.pk])]

    response = client.post(reverse("admin:awards_staffpost_change", args=[post.pk]),
                           {"user": post.user_id, "function": "head", "board": staff["board"].pk})

    assert [client.get(page).status_code for page in pages] == [200, 200, 200]
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.function == "head"


def test_inbox_filtered_by_campaign_offers_the_province_proposal(campaign, staff):
    submitted_batch(campaign)
    inbox = reverse("awards:screening_inbox")
    create = reverse("awards:proposal_create", kwargs={"pk": campaign.pk})

    filtered = signed_in(staff["specialist"]).get(inbox, {"campaign": campaign.pk}).content.decode()
    clerk = signed_in(staff["clerk"]).get(inbox, {"campaign": campaign.pk}).content.decode()

    assert (create in filtered, create in clerk) == (True, False)


def test_inbox_filtered_without_a_box_searches_every_batch(campaign, staff):
    submitted_batch(campaign, letter_number="11/TTr-UBND")
    response = signed_in(staff["specialist"]).get(reverse("awards:screening_inbox"), {"status": "submitted"})

    assert response.context["box"] == "all"


# --- The checks as stored -----------------------------------------------------------------------------------------


def check_ids(nomination):
    return list(nomination.checks.order_by("id").values_list("id", flat=True))


def test_screening_pages_read_the_stored_checks_and_never_rewrite_them(campaign, staff):
    form = plain_form(campaign, code="theo_phong_trao", report_template="campaign")
    batch = assigned_batch(campaign, staff, count=1, form=form)
    nomination = batch.nominations.get()
    before = check_ids(nomination)
    client = signed_in(staff["specialist"])

    pages = [client.get(nomination_url("nomination_screen", nomination)),
             client.get(nomination_url("check_override", nomination), {"code": "report"}),
             client.get(nomination.get_absolute_url())]
    refused = client.post(nomination_url("check_override", nomination),
                          {"version": batch.version, "code": "report", "reason": ""})

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert refused.status_code == 200
    assert check_ids(nomination) == before and len(before) == 5


def test_screening_page_of_a_nominee_never_checked_offers_the_recheck(campaign, staff):
    batch = assigned_batch(campaign, staff, count=1)
    nomination = batch.nominations.get()
    nomination.checks.all().delete()
    client = signed_in(staff["specialist"])
    screen = nomination_url("nomination_screen", nomination)
    recheck = nomination_url("nomination_recheck", nomination)

    page = client.get(screen).content.decode()
    response = client.post(recheck, {"version": batch.version, "next": screen})

    assert "Chưa kiểm tra" in page and recheck in page
    assert (response.status_code, response.url) == (302, screen)
    assert texts(response) == ["Đã kiểm tra lại các điều kiện."]
    assert [check.code for check in client.get(screen).context["checks"]] == [
        "recipient", "discipline", "documents", "report", "quota"]


def test_recheck_is_refused_to_a_specialist_of_another_board(campaign, staff):
    batch = assigned_batch(campaign, staff, count=1)
    nomination = batch.nominations.get()
    response = signed_in(staff["outsider"]).post(nomination_url("nomination_recheck", nomination),
                                                 {"version": batch.version})

    assert response.status_code == 404


def test_inbox_and_batch_page_say_who_holds_the_batch_in_the_same_words(campaign, staff):
    batch = submitted_batch(campaign, letter_number="15/TTr-UBND")
    screening.receive_batch(batch, by=staff["clerk"], expected_version=batch.version)
    screening.assign_batch(batch, board=staff["board"], by=staff["clerk"], expected_version=fresh(batch).version)
    client = signed_in(staff["head"])

    inbox = client.get(reverse("awards:screening_inbox"), {"box": "all"})
    page = client.get(batch.get_absolute_url())
    return_page = client.get(url("batch_return", batch))

    assert [row.holder_text for row in inbox.context["object_list"]] == ["Bộ phận Phòng Khen thưởng"]
    assert (page.context["holder"], return_page.context["holder"]) == ("Bộ phận Phòng Khen thưởng",) * 2
    assert "Bộ phận Phòng Khen thưởng" in return_page.content.decode()
