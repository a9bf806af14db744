import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from campaign.models import Commitment, Registration, ReviewStatus
from campaign.services import registrations as services
from portal.tests.factories import (
    PDF_BYTES,
    CampaignFactory,
    ClusterFactory,
    CommitmentFactory,
    EvidenceFactory,
    MembershipFactory,
    RegistrationFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
)
from portal.tests.helpers import answers, query_count, signed_in
from units.models import ClusterScope

S = ReviewStatus


@pytest.fixture
def tasks(launched):
    return list(launched.tasks.order_by("number"))


@pytest.fixture
def registration(launched, unit_a, tasks):
    """unit_a's draft registration: signed, one commitment under task 1, a signed scan."""
    registration = RegistrationFactory(campaign=launched, unit=unit_a)
    CommitmentFactory(registration=registration, task=tasks[0], target="Giảm 3% hộ nghèo", figure=3, measure="%")
    EvidenceFactory(registration=registration, original_name="ban-ky.png")
    return registration


@pytest.fixture
def member(cluster_a):
    unit = UnitFactory(code="C01", name="Huyện Chi Lăng")
    MembershipFactory(cluster=cluster_a, unit=unit)
    return unit


def url(name, registration, **extra):
    return reverse(name, kwargs={"pk": registration.campaign_id, "registration_pk": registration.pk, **extra})


def create_url(campaign, unit):
    return reverse("campaign:registration_create", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def form_data(rows, *, initial=0, **fields):
    data = {
        "commitments-TOTAL_FORMS": len(rows), "commitments-INITIAL_FORMS": initial,
        "commitments-MIN_NUM_FORMS": 0, "commitments-MAX_NUM_FORMS": 1000,
        "head_name": "Hoàng Văn Thủ", "head_position": "Chủ tịch UBND huyện", "signed_on": "20/03/2019", "note": "",
    }
    data.update(fields)
    for index, row in enumerate(rows):
        data.update({f"commitments-{index}-{key}": value for key, value in row.items()})
    return data


def set_status(registration, status, **fields):
    Registration.objects.filter(pk=registration.pk).update(status=status, **fields)
    registration.refresh_from_db()


# --- Create --------------------------------------------------------------------------------------------------------


def test_create_answers_each_role(role_clients, launched, unit_a):
    assert answers(role_clients, create_url(launched, unit_a)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_create_offers_one_row_per_task(role_clients, launched, unit_a, tasks):
    formset = role_clients["officer"].get(create_url(launched, unit_a)).context["formset"]
    assert [form.initial for form in formset.forms] == [{"task": tasks[0].pk}, {"task": tasks[1].pk}]


def test_create_redirects_to_the_existing_registration(role_clients, launched, registration, unit_a):
    response = role_clients["officer"].get(create_url(launched, unit_a))
    assert (response.status_code, response.url) == (302, registration.get_absolute_url())


def test_create_saves_the_rows_filled_and_skips_those_left(role_clients, launched, unit_a, tasks, bob):
    rows = [
        {"task": tasks[0].pk, "target": "Giảm 3% hộ nghèo", "figure": "3", "measure": "%"},
        {"task": tasks[1].pk, "target": "", "figure": "", "measure": ""},
    ]
    response = role_clients["officer"].post(create_url(launched, unit_a), form_data(rows))
    registration = Registration.objects.get()
    assert (response.status_code, response.url) == (302, registration.get_absolute_url())
    assert (registration.status, registration.head_name, registration.signed_on, registration.created_by) == (
        S.DRAFT, "Hoàng Văn Thủ", datetime.date(2019, 3, 20), bob,
    )
    assert list(registration.commitments.values_list("task__number", "target", "measure")) == [
        (1, "Giảm 3% hộ nghèo", "%"),
    ]


def test_create_shows_a_negative_figure_beside_its_field(role_clients, launched, unit_a, tasks):
    rows = [{"task": tasks[0].pk, "target": "Giảm nghèo", "figure": "-3", "measure": "%"}]
    response = role_clients["officer"].post(create_url(launched, unit_a), form_data(rows))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors == {"figure": ["Số lượng không được âm."]}
    assert "Số lượng không được âm." in response.content.decode()
    assert Registration.objects.count() == 0


def test_create_reads_figures_written_the_vietnamese_way(role_clients, launched, unit_a, tasks):
    rows = [
        {"task": tasks[0].pk, "target": "Giảm hộ nghèo", "figure": "14,5", "measure": "%"},
        {"task": tasks[1].pk, "target": "Làm đường", "figure": "1.200", "measure": "m"},
    ]
    response = role_clients["officer"].post(create_url(launched, unit_a), form_data(rows))
    assert response.status_code == 302
    assert list(Commitment.objects.order_by("task__number").values_list("figure", flat=True)) == [
        Decimal("14.5"), Decimal("1200"),
    ]


def test_edit_shows_figures_the_vietnamese_way(role_clients, registration, tasks):
    CommitmentFactory(registration=registration, task=tasks[1], target="Làm đường", figure=Decimal("1200.00"))
    registration.commitments.filter(task=tasks[0]).update(figure=Decimal("14.50"))
    formset = role_clients["officer"].get(url("campaign:registration_edit", registration)).context["formset"]
    assert [row["figure"].value() for row in formset.forms] == [Decimal("14.5"), Decimal("1200")]
    content = str(formset.forms[0]["figure"]) + str(formset.forms[1]["figure"])
    assert ('value="14,5"' in content, 'value="1200"' in content) == (True, True)


def test_create_refuses_a_figure_that_is_not_a_number(role_clients, launched, unit_a, tasks):
    rows = [{"task": tasks[0].pk, "target": "Giảm nghèo", "figure": "ba", "measure": "%"}]
    response = role_clients["officer"].post(create_url(launched, unit_a), form_data(rows))
    assert response.context["formset"].forms[0].errors == {"figure": ["Hãy nhập một số, ví dụ 120 hoặc 14,5."]}
    assert Registration.objects.count() == 0


def test_create_refuses_a_task_of_another_campaign(role_clients, launched, unit_a):
    other = TaskFactory(campaign=CampaignFactory())
    rows = [{"task": other.pk, "target": "Giảm nghèo", "figure": "", "measure": ""}]
    response = role_clients["officer"].post(create_url(launched, unit_a), form_data(rows))
    assert response.context["formset"].forms[0].errors == {"task": ["Nội dung thi đua này không thuộc phong trào."]}
    assert Registration.objects.count() == 0


def test_create_requires_a_target_on_a_row_started(role_clients, launched, unit_a, tasks):
    rows = [{"task": tasks[0].pk, "target": "", "figure": "5", "measure": "km"}]
    response = role_clients["officer"].post(create_url(launched, unit_a), form_data(rows))
    assert response.context["formset"].forms[0].errors == {"target": ["Trường này là bắt buộc."]}


def test_create_refused_once_the_campaign_closed(role_clients, launched, unit_a):
    launched.status = "closed"
    launched.save()
    assert role_clients["officer"].get(create_url(launched, unit_a)).status_code == 403


# --- Detail --------------------------------------------------------------------------------------------------------


def test_detail_answers_each_role(role_clients, registration):
    assert answers(role_clients, url("campaign:registration_detail", registration)) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302,
    }


def buttons(client, registration):
    """(edit and submit, withdraw, accept and return) as the page offers them."""
    can = client.get(url("campaign:registration_detail", registration)).context["can"]
    assert (can["submit"], can["return"], can["files"]) == (can["edit"], can["accept"], can["edit"])
    return can["edit"], can["withdraw"], can["accept"]


def test_detail_buttons_of_a_draft(role_clients, registration):
    assert {role: buttons(role_clients[role], registration) for role in ("staff", "officer", "council")} == {
        "staff": (False, False, False), "officer": (True, False, False), "council": (False, False, False),
    }


def test_detail_buttons_of_a_submitted_registration(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    assert {role: buttons(role_clients[role], registration) for role in ("staff", "officer", "council")} == {
        "staff": (False, False, True), "officer": (False, True, False), "council": (False, False, False),
    }


def test_detail_shows_commitments_by_task_scan_and_deadline(role_clients, launched, registration, tasks):
    launched.registration_deadline = datetime.date(2019, 3, 31)
    launched.save()
    content = role_clients["officer"].get(url("campaign:registration_detail", registration)).content.decode()
    assert "1. Phát huy truyền thống" in content
    assert "Giảm 3% hộ nghèo" in content
    assert "ban-ky.png" in content
    assert "31/03/2019" in content
    assert "late-badge" not in content
    assert reverse("campaign:registration_evidence", args=[launched.pk, registration.pk]) in content


RETURNED_AT = timezone.make_aware(datetime.datetime(2019, 4, 2, 9, 30))


def test_detail_marks_a_late_registration_and_shows_the_return_reason(role_clients, registration, alice):
    set_status(registration, S.RETURNED, is_late=True, return_reason="Thiếu chữ ký", reviewed_by=alice,
               reviewed_at=RETURNED_AT)
    content = role_clients["officer"].get(url("campaign:registration_detail", registration)).content.decode()
    assertInHTML('<span class="badge state-badge text-bg-warning">Bị trả lại</span>', content, count=1)
    assertInHTML('<span class="badge late-badge text-bg-danger">Gửi quá hạn</span>', content, count=1)
    assertInHTML(
        '<div class="alert alert-warning return-reason" role="status"><strong>Lý do trả lại</strong> '
        '<span class="small">(Hoàng Thị Alice, 02/04/2019 09:30)</span>: Thiếu chữ ký</div>', content, count=1,
    )
    assertInHTML('<button type="submit" class="btn btn-sm btn-primary">Gửi lại</button>', content, count=1)
    assert f'<form method="post" action="{action_url(registration, "submit")}"' in content


def test_detail_keeps_the_last_return_reason_once_resubmitted(role_clients, registration, alice):
    set_status(registration, S.RESUBMITTED, return_reason="Thiếu chữ ký", reviewed_by=alice, reviewed_at=RETURNED_AT)
    content = role_clients["staff"].get(url("campaign:registration_detail", registration)).content.decode()
    assertInHTML(
        '<div class="alert alert-secondary return-reason" role="status"><strong>Lần trả lại trước</strong> '
        '<span class="small">(Hoàng Thị Alice, 02/04/2019 09:30)</span>: Thiếu chữ ký</div>', content, count=1,
    )
    assertInHTML('<span class="badge state-badge text-bg-primary">Đã gửi lại</span>', content, count=1)
    assert f'href="{url("campaign:registration_return", registration)}">Trả lại</a>' in content
    assert 'class="btn btn-sm btn-outline-warning"' in content


def test_detail_breadcrumbs_lead_to_the_units_page(role_clients, launched, registration, unit_a):
    content = role_clients["officer"].get(url("campaign:registration_detail", registration)).content.decode()
    unit_page = reverse("campaign:unit_progress", kwargs={"pk": launched.pk, "unit_pk": unit_a.pk})
    assertInHTML(f'<li class="breadcrumb-item"><a href="{unit_page}">{unit_a.name}</a></li>', content, count=1)
    assertInHTML('<li class="breadcrumb-item active" aria-current="page">Đăng ký thi đua</li>', content, count=1)


def test_detail_query_count_does_not_grow_with_commitments(role_clients, registration, tasks):
    client = role_clients["officer"]
    detail = url("campaign:registration_detail", registration)
    one = query_count(client, detail)
    for task in tasks:
        CommitmentFactory.create_batch(3, registration=registration, task=task)
    EvidenceFactory(registration=registration)
    assert query_count(client, detail) == one


def test_detail_history_names_who_and_why(role_clients, registration, bob, alice):
    services.submit_registration(registration, by=bob)
    services.return_registration(registration, by=alice, reason="Bổ sung chỉ tiêu nội dung 2")
    history = role_clients["officer"].get(url("campaign:registration_detail", registration)).context["history"]
    assert [(row.subject, str(row.history_user), row.history_change_reason) for row in history.object_list[:2]] == [
        ("Đăng ký thi đua", "Hoàng Thị Alice", "Trả lại: Bổ sung chỉ tiêu nội dung 2"),
        ("Đăng ký thi đua", "Lương Văn Bob", "Gửi để xét"),
    ]


# --- Edit ----------------------------------------------------------------------------------------------------------


def test_edit_answers_each_role(role_clients, registration):
    assert answers(role_clients, url("campaign:registration_edit", registration)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_edit_changes_adds_and_deletes_rows(role_clients, registration, tasks, bob):
    kept = registration.commitments.get()
    gone = CommitmentFactory(registration=registration, task=tasks[1], target="Trồng rừng")
    rows = [
        {"id": kept.pk, "task": tasks[0].pk, "target": "Giảm 4% hộ nghèo", "figure": "4", "measure": "%"},
        {"id": gone.pk, "task": tasks[1].pk, "target": "Trồng rừng", "figure": "", "measure": "", "DELETE": "on"},
        {"task": tasks[1].pk, "target": "Làm 10 km đường", "figure": "10", "measure": "km"},
    ]
    data = form_data(rows, initial=2, head_position="Phó Chủ tịch UBND huyện", reason="Theo góp ý của cụm")
    response = role_clients["officer"].post(url("campaign:registration_edit", registration), data)
    assert (response.status_code, response.url) == (302, registration.get_absolute_url())
    registration.refresh_from_db()
    assert registration.head_position == "Phó Chủ tịch UBND huyện"
    assert list(registration.commitments.values_list("task__number", "target", "figure")) == [
        (1, "Giảm 4% hộ nghèo", 4), (2, "Làm 10 km đường", 10),
    ]
    changes = Commitment.history.filter(registration_id=registration.pk, history_user=bob)
    assert sorted(changes.values_list("history_type", "history_change_reason")) == [
        ("+", "Theo góp ý của cụm"), ("-", "Theo góp ý của cụm"), ("~", "Theo góp ý của cụm"),
    ]


def test_edit_error_keeps_what_was_typed_and_saves_nothing(role_clients, registration, tasks):
    kept = registration.commitments.get()
    rows = [{"id": kept.pk, "task": tasks[0].pk, "target": "Giảm nghèo", "figure": "-1", "measure": "%"}]
    data = form_data(rows, initial=1, head_name="Người mới")
    response = role_clients["officer"].post(url("campaign:registration_edit", registration), data)
    assert response.context["formset"].forms[0].errors == {"figure": ["Số lượng không được âm."]}
    assert response.context["form"]["head_name"].value() == "Người mới"
    registration.refresh_from_db()
    assert registration.head_name == "Hoàng Văn Thủ"


def test_edit_of_a_submitted_registration_goes_back_with_a_message(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    response = role_clients["officer"].get(url("campaign:registration_edit", registration), follow=True)
    assert response.redirect_chain == [(registration.get_absolute_url(), 302)]
    assert "Đăng ký đang chờ xét: hãy rút lại trước khi sửa." in response.content.decode()


def test_edit_of_an_accepted_registration_is_refused(role_clients, registration):
    set_status(registration, S.ACCEPTED)
    response = role_clients["officer"].post(url("campaign:registration_edit", registration), form_data([]),
                                            follow=True)
    assert "Đăng ký đã được chấp nhận: không sửa được nữa." in response.content.decode()


# --- Actions -------------------------------------------------------------------------------------------------------


def action_url(registration, action):
    return url("campaign:registration_action", registration, action=action)


def test_submit_answers_each_role(role_clients, registration):
    assert answers(role_clients, action_url(registration, "submit"), method="post") == {
        "staff": 403, "officer": 302, "other_officer": 404, "council": 403, "anonymous": 302,
    }
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED


def test_submit_tells_what_is_missing(role_clients, launched, unit_a):
    registration = RegistrationFactory(campaign=launched, unit=unit_a, head_name="")
    response = role_clients["officer"].post(action_url(registration, "submit"), follow=True)
    content = response.content.decode()
    assert "Chưa ghi họ tên thủ trưởng đơn vị ký đăng ký." in content
    assert "Chưa có chỉ tiêu nào: hãy thêm ít nhất một chỉ tiêu." in content
    registration.refresh_from_db()
    assert registration.status == S.DRAFT


def test_submit_after_the_deadline_is_marked_late(role_clients, launched, registration):
    launched.registration_deadline = datetime.date(2019, 3, 15)
    launched.save()
    response = role_clients["officer"].post(action_url(registration, "submit"), follow=True)
    assert "Đã gửi đăng ký thi đua để xét." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.status, registration.is_late) == (S.SUBMITTED, True)


def test_withdraw_by_the_unit(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    role_clients["officer"].post(action_url(registration, "withdraw"))
    registration.refresh_from_db()
    assert registration.status == S.DRAFT


def test_accept_answers_each_role(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    assert answers(role_clients, action_url(registration, "accept"), method="post") == {
        "staff": 302, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }
    registration.refresh_from_db()
    assert registration.status == S.ACCEPTED


def test_unknown_action_is_404(role_clients, registration):
    assert role_clients["officer"].post(action_url(registration, "publish")).status_code == 404


def test_leader_accepts_a_members_registration(role_clients, launched, member, bob):
    theirs = RegistrationFactory(campaign=launched, unit=member, status=S.SUBMITTED)
    assert buttons(role_clients["officer"], theirs) == (False, False, True)
    response = role_clients["officer"].post(action_url(theirs, "accept"))
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert (theirs.status, theirs.reviewed_by) == (S.ACCEPTED, bob)


def test_leader_returns_a_members_registration(role_clients, launched, member):
    theirs = RegistrationFactory(campaign=launched, unit=member, status=S.SUBMITTED)
    response = role_clients["officer"].post(url("campaign:registration_return", theirs), {"reason": "Thiếu dấu"})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert (theirs.status, theirs.return_reason) == (S.RETURNED, "Thiếu dấu")


def test_leader_may_not_review_once_the_campaign_closed(role_clients, launched, member):
    theirs = RegistrationFactory(campaign=launched, unit=member, status=S.SUBMITTED)
    launched.status = "closed"
    launched.save()
    leader = role_clients["officer"]
    assert (leader.get(url("campaign:registration_detail", theirs)).status_code,
            leader.post(url("campaign:registration_action", theirs, action="accept")).status_code,
            leader.get(url("campaign:registration_return", theirs)).status_code,
            leader.post(url("campaign:registration_return", theirs), {"reason": "Thiếu dấu"}).status_code) == (
        200, 403, 403, 403,
    )
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED


def test_a_members_scan_is_not_found_for_another_non_leading_member(launched, cluster_a, member, bob):
    scan = EvidenceFactory(registration=RegistrationFactory(campaign=launched, unit=member), original_name="ky.png")
    neighbour = UnitFactory(code="C02", name="Huyện Lộc Bình")
    MembershipFactory(cluster=cluster_a, unit=neighbour)
    client = signed_in(UserFactory(username="locbinh", units=[neighbour]))
    download = reverse("campaign:evidence_download", kwargs={"evidence_pk": scan.pk})
    thumbnail = reverse("campaign:evidence_thumbnail", kwargs={"evidence_pk": scan.pk})
    assert (client.get(download).status_code, client.get(thumbnail).status_code) == (404, 404)
    assert signed_in(bob).get(download).status_code == 200  # the leader's officer sees it


def test_leader_of_an_inter_provincial_cluster_cannot_accept(launched, unit_a, bob):
    cluster = ClusterFactory(name="Cụm 7 tỉnh MNBGPB", scope=ClusterScope.INTER_PROVINCIAL)
    MembershipFactory(cluster=cluster, unit=unit_a, role="leader")
    province = UnitFactory(name="Tỉnh Cao Bằng")
    MembershipFactory(cluster=cluster, unit=province)
    launched.clusters.add(cluster)
    theirs = RegistrationFactory(campaign=launched, unit=province, status=S.SUBMITTED)
    client = signed_in(bob)
    assert client.get(url("campaign:registration_detail", theirs)).status_code == 200
    assert client.post(action_url(theirs, "accept")).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED


# --- Return --------------------------------------------------------------------------------------------------------


def test_return_answers_each_role(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    assert answers(role_clients, url("campaign:registration_return", registration)) == {
        "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_return_requires_a_reason(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    response = role_clients["staff"].post(url("campaign:registration_return", registration), {"reason": ""})
    assert response.context["form"].errors == {"reason": ["Trường này là bắt buộc."]}
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED


def test_return_of_a_draft_is_explained(role_clients, registration):
    response = role_clients["staff"].post(url("campaign:registration_return", registration), {"reason": "Sai"})
    assert response.context["form"].non_field_errors() == ["Chỉ trả lại được khi đã gửi và chưa được xét."]


def test_return_then_the_unit_reads_the_reason(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    role_clients["staff"].post(url("campaign:registration_return", registration), {"reason": "Thiếu chữ ký"})
    content = role_clients["officer"].get(url("campaign:registration_detail", registration)).content.decode()
    assert "Thiếu chữ ký" in content


# --- Evidence ------------------------------------------------------------------------------------------------------


def test_evidence_answers_each_role(role_clients, registration):
    assert answers(role_clients, url("campaign:registration_evidence", registration)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_evidence_upload_attaches_the_signed_scan(role_clients, registration, bob):
    upload = SimpleUploadedFile("dang-ky-da-ky.pdf", PDF_BYTES, content_type="application/pdf")
    response = role_clients["officer"].post(url("campaign:registration_evidence", registration),
                                            {"files": [upload], "caption": "Bản ký"})
    assert (response.status_code, response.url) == (302, registration.get_absolute_url())
    latest = registration.evidence.latest("id")
    assert (latest.original_name, latest.kind, latest.uploaded_by) == ("dang-ky-da-ky.pdf", "pdf", bob)


def test_evidence_upload_refused_while_submitted(role_clients, registration):
    set_status(registration, S.SUBMITTED)
    response = role_clients["officer"].get(url("campaign:registration_evidence", registration))
    assert (response.status_code, response.url) == (302, registration.get_absolute_url())


# --- Deadlines -----------------------------------------------------------------------------------------------------


def deadlines_url(campaign):
    return reverse("campaign:deadlines", kwargs={"pk": campaign.pk})


def test_deadlines_answers_each_role(role_clients, launched):
    assert answers(role_clients, deadlines_url(launched)) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }


def test_deadlines_are_saved_with_the_reason(role_clients, launched, alice):
    data = {"registration_deadline": "31/03/2019", "pledge_deadline": "", "report_deadline": "20/10/2019",
            "reason": "Theo Hướng dẫn số 5"}
    response = role_clients["staff"].post(deadlines_url(launched), data)
    assert (response.status_code, response.url) == (302, launched.get_absolute_url())
    launched.refresh_from_db()
    assert (launched.registration_deadline, launched.pledge_deadline, launched.report_deadline) == (
        datetime.date(2019, 3, 31), None, datetime.date(2019, 10, 20),
    )
    latest = launched.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (alice, "Theo Hướng dẫn số 5")


def test_deadline_before_the_start_is_refused_beside_its_field(role_clients, launched):
    data = {"registration_deadline": "28/02/2019", "pledge_deadline": "", "report_deadline": "", "reason": ""}
    response = role_clients["staff"].post(deadlines_url(launched), data)
    assert response.context["form"].errors == {
        "registration_deadline": ["Thời hạn không được trước ngày bắt đầu phong trào (01/03/2019)."],
    }


def test_deadline_with_a_bad_date_is_refused_beside_its_field(role_clients, launched):
    data = {"registration_deadline": "31/02/2019", "pledge_deadline": "", "report_deadline": "", "reason": ""}
    response = role_clients["staff"].post(deadlines_url(launched), data)
    assert response.context["form"].errors == {"registration_deadline": ["Nhập một ngày hợp lệ."]}


def test_campaign_page_links_the_deadlines_for_staff_only(role_clients, launched):
    link = deadlines_url(launched)
    detail = reverse("campaign:detail", kwargs={"pk": launched.pk})
    assert {role: link in role_clients[role].get(detail).content.decode() for role in ("staff", "officer")} == {
        "staff": True, "officer": False,
    }
