"""The public comment on a province proposal's nominee list (issue 8): staff publish the list for a period, anyone
comments on a nominee while it is open, comments wait for moderation, approved ones appear without the contact."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import CommentStatus, Consultation, PublicComment
from awards.services.consultation import submit_comment
from awards.views.consultation import COMMENTS_PER_WINDOW
from portal.tests.factories import (
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    ConsultationFactory,
    NominationFactory,
    PersonFactory,
    PublicCommentFactory,
    UnitFactory,
)
from portal.tests.helpers import answers, query_count

SENT = "Ý kiến của bạn đã được gửi và sẽ được kiểm duyệt trước khi công bố."
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def proposal(unit_a, alice):
    """The province's proposal upward (signed by the Sở's director) of two individuals of unit_a, and a third
    taken out at screening."""
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    province = UnitFactory(code="SNV", name="Sở Nội vụ", kind="department")
    batch = BatchFactory(campaign=campaign, unit=province, kind="province", status="forwarded",
                         letter_number="245/TTr-SNV", signer="Lý Thị Hồng", created_by=alice)
    form = AwardFormFactory(regime=campaign.regime, code="bang_khen_thu_tuong")
    people = {}
    for name, status in (("Hoàng Văn Đức", "forwarded"), ("Nông Thị Lan", "forwarded"), ("Vi Văn Loại", "rejected")):
        people[name] = NominationFactory(
            batch=batch, award_form=form, status=status, person=PersonFactory(unit=unit_a, full_name=name),
            screening_reason="Chưa đủ 5 năm hoàn thành xuất sắc nhiệm vụ" if status == "rejected" else "")
    return {"campaign": campaign, "batch": batch, "form": form, **people}


@pytest.fixture
def open_consultation(proposal, alice):
    """Published, open from yesterday to ten days on; a pending comment (with its contact), an approved one, a
    rejected one."""
    consultation = ConsultationFactory(batch=proposal["batch"], opens_on=TODAY - datetime.timedelta(days=1),
                                       closes_on=TODAY + datetime.timedelta(days=10), created_by=alice)
    duc = proposal["Hoàng Văn Đức"]
    PublicCommentFactory(consultation=consultation, nomination=duc, author_name="Lộc Văn Chờ",
                         contact="cho@example.vn", text="Ý kiến đang chờ kiểm duyệt.")
    PublicCommentFactory(consultation=consultation, nomination=duc, author_name="Hà Thị Duyệt",
                         contact="0987 654 321", text="Anh Đức luôn giúp đỡ bà con trong thôn.",
                         status=CommentStatus.APPROVED, moderated_by=alice, moderated_at=timezone.now())
    PublicCommentFactory(consultation=consultation, nomination=duc, author_name="Người Bị Loại",
                         contact="loai@example.vn", text="Ý kiến không phù hợp.", status=CommentStatus.REJECTED,
                         moderated_by=alice, moderated_at=timezone.now(), moderation_note="Lời lẽ không phù hợp")
    return consultation


def public_url(consultation):
    return reverse("awards:public_consultation", args=[consultation.pk])


def comment_data(nomination, **extra):
    prefix = f"n{nomination.pk}"
    data = {"nomination": nomination.pk, f"{prefix}-author_name": "Vy Thị Góp", f"{prefix}-contact": "0911 222 333",
            f"{prefix}-text": "Chị Lan tận tụy với người bệnh.", f"{prefix}-website": ""}
    return {**data, **{f"{prefix}-{key}": value for key, value in extra.items()}}


# --- The public page ------------------------------------------------------------------------------------------


def test_public_page_lists_the_nominees_with_their_approved_comments(open_consultation, proposal):
    response = Client().get(public_url(open_consultation))
    text = response.content.decode()

    assert response.status_code == 200
    assert [(str(n.recipient), n.award_form.name, [c.author_name for c in n.approved_comments])
            for n in response.context["nominees"]] == [
        ("Hoàng Văn Đức", "Bằng khen của Thủ tướng Chính phủ", ["Hà Thị Duyệt"]),
        ("Nông Thị Lan", "Bằng khen của Thủ tướng Chính phủ", []),
    ]
    assert ("Anh Đức luôn giúp đỡ bà con trong thôn." in text, "Huyện Văn Quan" in text,
            f"Nhận ý kiến từ ngày {TODAY - datetime.timedelta(days=1):%d/%m/%Y}" in text) == (True, True, True)


def test_public_page_never_shows_private_data(open_consultation, proposal, alice):
    text = Client().get(public_url(open_consultation)).content.decode()

    secrets = ("Ý kiến đang chờ kiểm duyệt.", "Lộc Văn Chờ", "cho@example.vn", "0987 654 321", "Ý kiến không phù hợp.",
               "Lời lẽ không phù hợp", "Vi Văn Loại", "Lý Thị Hồng", "Hoàng Thị Alice", "Tày", "1980",
               "Có nhiều đóng góp trong phong trào.")
    assert {secret: secret in text for secret in secrets} == dict.fromkeys(secrets, False)


def test_public_page_of_an_unpublished_consultation_is_not_found(proposal, role_clients):
    consultation = ConsultationFactory(batch=proposal["batch"], published_at=None)

    assert answers(role_clients, public_url(consultation)) == {role: 404 for role in role_clients}


def test_public_page_of_a_draft_campaigns_proposal_is_not_found(open_consultation, proposal):
    proposal["campaign"].status = "draft"
    proposal["campaign"].save()

    assert Client().get(public_url(open_consultation)).status_code == 404


def test_anonymous_comment_is_held_for_moderation(open_consultation, proposal):
    lan = proposal["Nông Thị Lan"]

    response = Client().post(public_url(open_consultation), comment_data(lan), follow=True)

    assert [str(message) for message in response.context["messages"]] == [SENT]
    assert response.redirect_chain == [(f"{public_url(open_consultation)}#de-nghi-{lan.pk}", 302)]
    comment = PublicComment.objects.get(nomination=lan)
    assert (comment.author_name, comment.contact, comment.text, comment.status, comment.consultation) == (
        "Vy Thị Góp", "0911 222 333", "Chị Lan tận tụy với người bệnh.", CommentStatus.PENDING, open_consultation)
    assert "Chị Lan tận tụy với người bệnh." not in response.content.decode()
    assert [row.history_change_reason for row in comment.history.all()] == [
        "Ý kiến nhân dân gửi qua trang công khai"]
    assert not hasattr(comment.history.get(), "contact")


def test_comment_with_missing_fields_shows_vietnamese_errors_beside_them(open_consultation, proposal):
    lan = proposal["Nông Thị Lan"]

    response = Client().post(public_url(open_consultation), comment_data(lan, author_name="", contact="", text=""))

    assert response.status_code == 200
    form = next(n.comment_form for n in response.context["nominees"] if n.pk == lan.pk)
    assert form.errors == {"author_name": ["Hãy ghi họ và tên của bạn."],
                           "contact": ["Hãy ghi địa chỉ, số điện thoại hoặc thư điện tử để liên hệ."],
                           "text": ["Hãy ghi nội dung góp ý."]}
    assert "Hãy ghi họ và tên của bạn." in response.content.decode()
    assert PublicComment.objects.filter(nomination=lan).count() == 0


def test_a_bot_filling_the_hidden_field_is_thanked_and_dropped(open_consultation, proposal):
    lan = proposal["Nông Thị Lan"]

    response = Client().post(public_url(open_consultation), comment_data(lan, website="http://spam.example"),
                             follow=True)

    assert [str(message) for message in response.context["messages"]] == [SENT]
    assert PublicComment.objects.filter(nomination=lan).count() == 0


def test_one_address_sends_a_few_comments_then_waits(open_consultation, proposal):
    lan, client = proposal["Nông Thị Lan"], Client()
    for _ in range(COMMENTS_PER_WINDOW):
        client.post(public_url(open_consultation), comment_data(lan))

    response = client.post(public_url(open_consultation), comment_data(lan))

    assert response.status_code == 200
    assert "Bạn đã gửi nhiều ý kiến trong thời gian ngắn; hãy thử lại sau ít phút." in response.content.decode()
    assert PublicComment.objects.filter(nomination=lan).count() == COMMENTS_PER_WINDOW
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(public_url(open_consultation), comment_data(lan)).status_code == 302


@pytest.mark.parametrize("opens, closes, message", [
    (datetime.date(2019, 11, 1), datetime.date(2019, 11, 30),
     "Đã hết thời gian nhận ý kiến (đến hết ngày 30/11/2019). Cảm ơn những ý kiến đã gửi."),
    (TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=9),
     (f"Chưa đến thời gian nhận ý kiến: từ ngày {TODAY + datetime.timedelta(days=2):%d/%m/%Y} "
      f"đến hết ngày {TODAY + datetime.timedelta(days=9):%d/%m/%Y}.")),
])
def test_outside_its_dates_the_form_is_closed_with_a_message(proposal, opens, closes, message):
    consultation = ConsultationFactory(batch=proposal["batch"], opens_on=opens, closes_on=closes)
    lan = proposal["Nông Thị Lan"]

    response = Client().get(public_url(consultation))
    posted = Client().post(public_url(consultation), comment_data(lan), follow=True)

    text = response.content.decode()
    assert (message in text, 'name="nomination"' in text) == (True, False)
    assert [str(m) for m in posted.context["messages"]] == [message.split(" Cảm ơn")[0]]
    assert PublicComment.objects.filter(nomination=lan).count() == 0


def test_a_comment_on_a_nominee_taken_out_is_refused(open_consultation, proposal):
    with pytest.raises(Exception) as refused:
        submit_comment(open_consultation, nomination_id=proposal["Vi Văn Loại"].pk, author_name="A", contact="B",
                       text="C")

    assert refused.value.messages == ["Người, tập thể này không có trong danh sách lấy ý kiến."]


def test_public_page_keeps_its_query_count(open_consultation, proposal, unit_a):
    client, path = Client(), public_url(open_consultation)
    one = query_count(client, path)
    for index in range(5):
        nomination = NominationFactory(batch=proposal["batch"], award_form=proposal["form"], status="forwarded",
                                       person=PersonFactory(unit=unit_a))
        PublicCommentFactory(consultation=open_consultation, nomination=nomination, status=CommentStatus.APPROVED)

    assert (one, query_count(client, path)) == (3, 3)


# --- Staff: consultations and moderation -------------------------------------------------------------------------


def test_staff_create_then_publish_a_consultation(proposal, role_clients):
    staff = role_clients["staff"]
    response = staff.post(reverse("awards:consultation_create"), {
        "batch": proposal["batch"].pk, "title": "Lấy ý kiến về đề nghị Bằng khen Thủ tướng",
        "notice": "Ý kiến gửi về Ban Thi đua – Khen thưởng.", "opens_on": "21/11/2019", "closes_on": "30/11/2019"})
    consultation = Consultation.objects.get()

    assert response.status_code == 302
    assert (consultation.opens_on, consultation.closes_on, consultation.published_at) == (
        datetime.date(2019, 11, 21), datetime.date(2019, 11, 30), None)
    assert Client().get(public_url(consultation)).status_code == 404

    publish = reverse("awards:consultation_publish", args=[consultation.pk])
    assert "Công bố danh sách này?" in staff.get(publish).content.decode()
    staff.post(publish)
    consultation.refresh_from_db()
    assert consultation.published_at is not None
    assert Client().get(public_url(consultation)).status_code == 200
    assert [(row.history_user.username, row.history_change_reason) for row in
            consultation.history.order_by("history_id")] == [
        ("alice", "Tạo đợt lấy ý kiến nhân dân"), ("alice", "Công bố danh sách lấy ý kiến nhân dân")]


def test_staff_unpublish_takes_the_list_off_the_public_pages(open_consultation, role_clients):
    role_clients["staff"].post(reverse("awards:consultation_unpublish", args=[open_consultation.pk]))

    open_consultation.refresh_from_db()
    assert open_consultation.published_at is None
    assert Client().get(public_url(open_consultation)).status_code == 404


def test_consultation_dates_must_be_ordered(proposal, role_clients):
    response = role_clients["staff"].post(reverse("awards:consultation_create"), {
        "batch": proposal["batch"].pk, "title": "Lấy ý kiến", "opens_on": "30/11/2019", "closes_on": "21/11/2019"})

    assert response.context["form"].errors == {
        "closes_on": ["Ngày kết thúc nhận ý kiến phải sau hoặc trùng ngày bắt đầu."]}


def test_only_a_province_proposal_is_offered(proposal, unit_a, role_clients):
    unit_batch = BatchFactory(campaign=proposal["campaign"], unit=unit_a, status="forwarded")

    response = role_clients["staff"].post(reverse("awards:consultation_create"), {
        "batch": unit_batch.pk, "title": "Lấy ý kiến", "opens_on": "21/11/2019", "closes_on": "30/11/2019"})

    assert list(response.context["form"].fields["batch"].queryset) == [proposal["batch"]]
    assert response.context["form"].errors == {
        "batch": ["Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."]}


def test_moderation_list_shows_pending_comments_first_and_filters_by_status(open_consultation, role_clients):
    staff, path = role_clients["staff"], reverse("awards:comment_moderation", args=[open_consultation.pk])

    def authors(**params):
        return [comment.author_name for comment in staff.get(path, params).context["comments"]]

    assert authors() == ["Lộc Văn Chờ"]
    assert authors(status="approved") == ["Hà Thị Duyệt"]
    assert authors(status="rejected") == ["Người Bị Loại"]
    assert sorted(authors(status="all")) == ["Hà Thị Duyệt", "Lộc Văn Chờ", "Người Bị Loại"]
    assert "cho@example.vn" in staff.get(path).content.decode()


def test_moderation_list_keeps_its_query_count(open_consultation, proposal, role_clients):
    staff, path = role_clients["staff"], reverse("awards:comment_moderation", args=[open_consultation.pk]) + "?status=all"
    one = query_count(staff, path)
    for _ in range(6):
        PublicCommentFactory(consultation=open_consultation, nomination=proposal["Nông Thị Lan"])

    assert query_count(staff, path) == one


def test_staff_approve_a_comment_then_it_shows_without_its_contact(open_consultation, role_clients):
    comment = PublicComment.objects.get(author_name="Lộc Văn Chờ")
    path = reverse("awards:comment_moderate", args=[comment.pk])

    response = role_clients["staff"].post(path, {"status": "approved", "note": "Đã xác minh", "back": "pending"})

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:comment_moderation", args=[open_consultation.pk]) + "?status=pending"
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by.username, comment.moderation_note) == (
        CommentStatus.APPROVED, "alice", "Đã xác minh")
    text = Client().get(public_url(open_consultation)).content.decode()
    assert ("Ý kiến đang chờ kiểm duyệt." in text, "cho@example.vn" in text, "Đã xác minh" in text) == (
        True, False, False)


def test_staff_reject_needs_a_note(open_consultation, role_clients):
    comment = PublicComment.objects.get(author_name="Lộc Văn Chờ")
    path = reverse("awards:comment_moderate", args=[comment.pk])

    refused = role_clients["staff"].post(path, {"status": "rejected", "note": ""})
    role_clients["staff"].post(path, {"status": "rejected", "note": "Nội dung không liên quan"})

    assert refused.context["form"].errors == {"note": ["Hãy ghi lý do không duyệt ý kiến này."]}
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_note) == (CommentStatus.REJECTED, "Nội dung không liên quan")
    assert "Ý kiến đang chờ kiểm duyệt." not in Client().get(public_url(open_consultation)).content.decode()


def test_consultation_screens_are_for_staff(open_consultation, role_clients):
    comment = PublicComment.objects.get(author_name="Lộc Văn Chờ")
    staff_only = {"staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302}
    for path in (reverse("awards:consultation_list"), reverse("awards:consultation_create"),
                 reverse("awards:consultation_detail", args=[open_consultation.pk]),
                 reverse("awards:consultation_edit", args=[open_consultation.pk]),
                 reverse("awards:comment_moderation", args=[open_consultation.pk]),
                 reverse("awards:comment_moderate", args=[comment.pk])):
        assert (path, answers(role_clients, path)) == (path, staff_only)
    assert answers(role_clients, reverse("awards:comment_moderate", args=[comment.pk]), method="post",
                   data={"status": "approved"}, roles=["officer", "anonymous"]) == {"officer": 403, "anonymous": 302}
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_public_campaign_page_links_to_its_published_consultations(open_consultation, proposal):
    hidden = ConsultationFactory(batch=proposal["batch"], title="Đợt chưa công bố", published_at=None)
    text = Client().get(reverse("campaign:public_campaign", args=[proposal["campaign"].pk])).content.decode()

    assert (f'href="{public_url(open_consultation)}"' in text, hidden.title in text) == (True, False)


def test_public_consultation_page_may_be_indexed(open_consultation):
    text = Client().get(public_url(open_consultation)).content.decode()

    assert '<meta name="robots" content="index, follow">' in text


def test_comment_keeps_its_lines(open_consultation, proposal):
    comment = submit_comment(open_consultation, nomination_id=proposal["Nông Thị Lan"].pk, author_name=" Vy  Thị Góp ",
                             contact="0911 222 333", text="Dòng một.\nDòng hai.")

    assert (comment.author_name, comment.text) == ("Vy Thị Góp", "Dòng một.\nDòng hai.")


def test_demo_publishes_a_consultation_with_one_approved_and_two_pending_comments_once(db):
    from awards.demo_consultation import load
    from campaign.tests.test_public_pages import demo_world

    campaign = demo_world()
    batch = BatchFactory(campaign=campaign, unit=UnitFactory(code="SNV"), kind="province", status="forwarded")
    form = AwardFormFactory(regime=campaign.regime, code="bang_khen_thu_tuong")
    nominee = NominationFactory(batch=batch, award_form=form, status="forwarded",
                                person=PersonFactory(full_name="Hoàng Thị Phương"))

    assert load() == {"nominees": 1, "comments": 3, "approved": 1}
    assert load() is None
    consultation = Consultation.objects.get()
    assert (consultation.opens_on, consultation.closes_on, consultation.published_at.date()) == (
        datetime.date(2019, 11, 21), datetime.date(2019, 11, 30), datetime.date(2019, 11, 21))
    assert sorted((c.author_name, c.status, c.created_at.date().day) for c in nominee.public_comments.all()) == [
        ("Hoàng Văn Sơn", "approved", 22), ("Lương Thị Hoa", "pending", 24), ("Một cử tri", "pending", 26)]
    text = Client().get(public_url(consultation)).content.decode()
    assert ("Đã hết thời gian nhận ý kiến (đến hết ngày 30/11/2019)." in text, "Hoàng Văn Sơn" in text,
            "Lương Thị Hoa" in text) == (True, True, False)


def test_a_collective_nominee_shows_its_parent_unit(open_consultation, proposal):
    commune = UnitFactory(name="Xã Tân Đoàn", kind="commune", parent=UnitFactory(name="Huyện Văn Quan"))
    nominee = NominationFactory(batch=proposal["batch"], award_form=proposal["form"], status="forwarded",
                                recipient_kind="collective", unit=commune, person=None)

    response = Client().get(public_url(open_consultation))

    assert f'id="de-nghi-{nominee.pk}"' in response.content.decode()
    row = next(n for n in response.context["nominees"] if n.pk == nominee.pk)
    assert (str(row.recipient), row.unit.parent.name) == ("Xã Tân Đoàn", "Huyện Văn Quan")


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_comment_with_a_nominee_id_no_key_can_hold_goes_back_to_the_page(open_consultation, value):
    page = public_url(open_consultation)
    before = PublicComment.objects.count()
    response = Client().post(page, {"nomination": value, f"n{value}-author_name": "Nông Văn A",
                                    f"n{value}-contact": "0912345678", f"n{value}-text": "Góp ý."})
    assert (response.status_code, response["Location"], PublicComment.objects.count()) == (302, page, before)
