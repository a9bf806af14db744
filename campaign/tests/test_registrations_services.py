import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from campaign.models import CampaignStatus, Commitment, Registration, ReviewStatus
from campaign.rules import UnitInCampaign
from campaign.selectors.registrations import registration_history_page
from campaign.services import registrations as services
from portal.tests.factories import (
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
from units.models import ClusterScope

S = ReviewStatus
PAST = datetime.date(2019, 3, 15)


@pytest.fixture
def task(launched):
    return launched.tasks.get(number=1)


@pytest.fixture
def member(cluster_a):
    """unit_c: a member of cluster_a (led by bob's unit_a), with its own officer."""
    unit = UnitFactory(code="C01", name="Huyện Chi Lăng")
    MembershipFactory(cluster=cluster_a, unit=unit)
    return unit


@pytest.fixture
def registration(launched, unit_a, bob):
    return services.start_registration(
        campaign=launched, unit=unit_a, by=bob, data={"head_name": "Hoàng Văn Thủ", "head_position": "Chủ tịch"}
    )


def ready(registration, task, by):
    """A registration that may be submitted: signed, one commitment, a signed scan."""
    services.add_commitment(registration, task=task, target="Giảm 3% hộ nghèo", figure=3, measure="%", by=by)
    EvidenceFactory(registration=registration)
    return registration


def reasons(obj):
    return [(row.history_user.username if row.history_user else None, row.history_change_reason)
            for row in obj.history.order_by("history_id")]


# --- Starting, changing -----------------------------------------------------------------------------------------------


def test_start_registration_creates_a_draft_with_its_history(launched, unit_a, bob):
    registration = services.start_registration(campaign=launched, unit=unit_a, by=bob)
    assert (registration.status, registration.created_by, registration.head_name) == (S.DRAFT, bob, "")
    assert reasons(registration) == [("bob", "Lập đăng ký thi đua")]


def test_start_registration_keeps_the_signature_given(registration):
    assert (registration.head_name, registration.head_position) == ("Hoàng Văn Thủ", "Chủ tịch")


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_start_registration_refused_unless_the_campaign_runs(launched, unit_a, bob, status):
    launched.status = status
    launched.save()
    with pytest.raises(ValidationError) as error:
        services.start_registration(campaign=launched, unit=unit_a, by=bob)
    assert error.value.messages == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]


def test_start_registration_allowed_while_evaluating(launched, unit_a, bob):
    launched.status = CampaignStatus.EVALUATING
    launched.save()
    assert services.start_registration(campaign=launched, unit=unit_a, by=bob).status == S.DRAFT


def test_start_registration_refused_to_a_unit_outside_the_clusters(launched, unit_b, charlie):
    with pytest.raises(ValidationError) as error:
        services.start_registration(campaign=launched, unit=unit_b, by=charlie)
    assert error.value.messages == ["Huyện Bình Gia không thuộc cụm, khối nào tham gia phong trào này."]


def test_start_registration_refused_twice(registration, launched, unit_a, bob):
    with pytest.raises(ValidationError) as error:
        services.start_registration(campaign=launched, unit=unit_a, by=bob)
    assert error.value.messages == ["Huyện Văn Quan đã đăng ký thi đua trong phong trào này."]
    assert Registration.objects.count() == 1


def test_update_registration_records_who_and_why(registration, bob):
    data = {"head_name": "  Nông   Văn Dũng ", "signed_on": datetime.date(2019, 3, 20), "note": "Ghi chú"}
    assert services.update_registration(registration, data=data, by=bob, reason="Đổi người ký") is True
    registration.refresh_from_db()
    assert (registration.head_name, registration.head_position, registration.signed_on, registration.note) == (
        "Nông Văn Dũng", "Chủ tịch", datetime.date(2019, 3, 20), "Ghi chú",
    )
    assert reasons(registration)[-1] == ("bob", "Đổi người ký")


def test_update_registration_without_change_writes_no_history(registration, bob):
    assert services.update_registration(registration, data={"head_name": "Hoàng Văn Thủ"}, by=bob) is False
    assert registration.history.count() == 1


@pytest.mark.parametrize("status", [S.SUBMITTED, S.RESUBMITTED, S.ACCEPTED])
def test_update_registration_refused_unless_editable(registration, bob, status):
    Registration.objects.filter(pk=registration.pk).update(status=status)
    registration.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.update_registration(registration, data={"head_name": "Khác"}, by=bob)
    assert error.value.messages == ["Chỉ sửa được đăng ký khi đang soạn hoặc bị trả lại."]


# --- Commitments ------------------------------------------------------------------------------------------------------


def test_add_commitment_records_it(registration, task, bob):
    commitment = services.add_commitment(registration, task=task, target=" Giảm nghèo ", figure=Decimal("2.5"),
                                         measure="%", by=bob)
    assert (commitment.task, commitment.target, commitment.figure, commitment.measure) == (
        task, "Giảm nghèo", Decimal("2.5"), "%",
    )
    assert reasons(commitment) == [("bob", "Thêm chỉ tiêu")]


def test_add_commitment_refuses_a_task_of_another_campaign(registration, bob):
    other = TaskFactory(campaign=CampaignFactory())
    with pytest.raises(ValidationError) as error:
        services.add_commitment(registration, task=other, target="Giảm nghèo", by=bob)
    assert error.value.message_dict == {"task": ["Nội dung thi đua này không thuộc phong trào của đăng ký."]}


def test_add_commitment_refuses_a_negative_figure_and_an_empty_target(registration, task, bob):
    with pytest.raises(ValidationError) as error:
        services.add_commitment(registration, task=task, target="  ", figure=-1, by=bob)
    assert error.value.message_dict == {
        "target": ["Hãy ghi chỉ tiêu, mục tiêu."], "figure": ["Số lượng không được âm."],
    }


def test_add_commitment_refused_once_accepted(registration, task, bob):
    Registration.objects.filter(pk=registration.pk).update(status=S.ACCEPTED)
    registration.refresh_from_db()
    with pytest.raises(ValidationError):
        services.add_commitment(registration, task=task, target="Giảm nghèo", by=bob)
    assert Commitment.objects.count() == 0


def test_update_and_delete_commitment_record_who_and_why(registration, task, bob):
    commitment = services.add_commitment(registration, task=task, target="Giảm nghèo", figure=3, by=bob)
    assert services.update_commitment(commitment, task=task, target="Giảm nghèo", figure=3, by=bob) is False
    assert services.update_commitment(commitment, task=task, target="Giảm nghèo", figure=4, by=bob,
                                      reason="Theo ý kiến cụm") is True
    pk = commitment.pk
    services.delete_commitment(commitment, by=bob)
    history = Commitment.history.filter(id=pk).order_by("history_id")
    assert [(row.history_type, row.figure, row.history_user, row.history_change_reason) for row in history] == [
        ("+", Decimal("3.00"), bob, "Thêm chỉ tiêu"),
        ("~", Decimal("4.00"), bob, "Theo ý kiến cụm"),
        ("-", Decimal("4.00"), bob, "Xóa chỉ tiêu"),
    ]


def test_save_commitments_is_all_or_nothing(registration, task, bob):
    kept = services.add_commitment(registration, task=task, target="Giảm nghèo", by=bob)
    pk = kept.pk
    bad = {"task": task, "target": "Trồng rừng", "figure": -5, "measure": "ha"}
    with pytest.raises(ValidationError):
        services.save_commitments(registration, delete=[kept], add=[bad], by=bob)
    assert list(registration.commitments.values_list("id", "target")) == [(pk, "Giảm nghèo")]


def test_save_commitments_refuses_another_registrations_row(registration, task, bob):
    stranger = CommitmentFactory()
    with pytest.raises(ValidationError) as error:
        services.save_commitments(registration, delete=[stranger], by=bob)
    assert error.value.messages == ["Chỉ tiêu này không thuộc đăng ký đang sửa."]


def test_create_registration_with_commitments(launched, unit_a, task, bob):
    registration = services.create_registration(
        campaign=launched, unit=unit_a, data={"head_name": "Hoàng Văn Thủ"}, by=bob,
        commitments=[{"task": task, "target": "Giảm nghèo", "figure": None, "measure": ""}],
    )
    assert [c.target for c in registration.commitments.all()] == ["Giảm nghèo"]


def test_create_registration_refused_leaves_nothing(launched, unit_a, bob):
    bad = {"task": TaskFactory(campaign=CampaignFactory()), "target": "Giảm nghèo", "figure": None, "measure": ""}
    with pytest.raises(ValidationError):
        services.create_registration(campaign=launched, unit=unit_a, data={}, commitments=[bad], by=bob)
    assert Registration.objects.count() == 0


# --- Submitting -------------------------------------------------------------------------------------------------------


def test_submit_registration_lists_what_is_missing(launched, unit_a, bob):
    registration = services.start_registration(campaign=launched, unit=unit_a, by=bob)
    with pytest.raises(ValidationError) as error:
        services.submit_registration(registration, by=bob)
    assert error.value.message_dict == {
        "head_name": ["Chưa ghi họ tên thủ trưởng đơn vị ký đăng ký."],
        "head_position": ["Chưa ghi chức vụ người ký."],
        NON_FIELD_ERRORS: [
            "Chưa có chỉ tiêu nào: hãy thêm ít nhất một chỉ tiêu.",
            "Chưa có bản ký (bản chụp, quét có chữ ký, đóng dấu): hãy tải lên trước khi gửi.",
        ],
    }
    registration.refresh_from_db()
    assert registration.status == S.DRAFT


def test_submit_registration_does_not_count_a_removed_scan(registration, task, bob):
    services.add_commitment(registration, task=task, target="Giảm nghèo", by=bob)
    EvidenceFactory(registration=registration, removed_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        services.submit_registration(registration, by=bob)
    assert error.value.messages == ["Chưa có bản ký (bản chụp, quét có chữ ký, đóng dấu): hãy tải lên trước khi gửi."]


def test_submit_registration_on_time(registration, task, bob):
    services.submit_registration(ready(registration, task, bob), by=bob)
    registration.refresh_from_db()
    assert (registration.status, registration.is_late, registration.submitted_at is not None) == (
        S.SUBMITTED, False, True,
    )
    assert reasons(registration)[-1] == ("bob", "Gửi để xét")


def test_submit_registration_after_the_deadline_is_marked_late(launched, registration, task, bob):
    launched.registration_deadline = PAST
    launched.save()
    services.submit_registration(ready(registration, task, bob), by=bob)
    registration.refresh_from_db()
    assert (registration.status, registration.is_late) == (S.SUBMITTED, True)


def test_resubmission_after_the_deadline_is_not_marked_late(launched, registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.return_registration(registration, by=alice, reason="Thiếu chỉ tiêu nội dung 2")
    launched.registration_deadline = PAST
    launched.save()
    services.submit_registration(registration, by=bob)
    registration.refresh_from_db()
    assert (registration.status, registration.is_late) == (S.RESUBMITTED, False)
    assert reasons(registration)[-1] == ("bob", "Gửi lại sau khi sửa")


def test_submit_registration_refused_when_pending(registration, task, bob):
    services.submit_registration(ready(registration, task, bob), by=bob)
    with pytest.raises(ValidationError) as error:
        services.submit_registration(registration, by=bob)
    assert error.value.messages == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]


def test_withdraw_registration_back_to_draft_then_returned(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.withdraw_registration(registration, by=bob)
    assert registration.status == S.DRAFT
    services.submit_registration(registration, by=bob)
    services.return_registration(registration, by=alice, reason="Bổ sung")
    services.submit_registration(registration, by=bob)
    services.withdraw_registration(registration, by=bob)
    assert registration.status == S.RETURNED
    assert reasons(registration)[-1] == ("bob", "Rút lại để sửa")


def test_withdraw_registration_refused_from_a_draft(registration, bob):
    with pytest.raises(ValidationError) as error:
        services.withdraw_registration(registration, by=bob)
    assert error.value.messages == ["Chỉ rút lại được khi đã gửi và chưa được xét."]


# --- Reviewing --------------------------------------------------------------------------------------------------------


def test_accept_registration_stamps_the_reviewer(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.accept_registration(registration, by=alice)
    registration.refresh_from_db()
    assert (registration.status, registration.reviewed_by) == (S.ACCEPTED, alice)
    assert reasons(registration)[-1] == ("alice", "Chấp nhận")


def test_accepted_registration_cannot_be_changed(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.accept_registration(registration, by=alice)
    with pytest.raises(ValidationError):
        services.update_registration(registration, data={"head_name": "Khác"}, by=bob)
    with pytest.raises(ValidationError):
        services.withdraw_registration(registration, by=bob)
    with pytest.raises(ValidationError) as error:
        services.submit_registration(registration, by=bob)
    assert error.value.messages == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]


def test_accept_registration_refused_from_a_draft(registration, alice):
    with pytest.raises(ValidationError) as error:
        services.accept_registration(registration, by=alice)
    assert error.value.messages == ["Chỉ chấp nhận được khi đã gửi và chưa được xét."]


def test_return_registration_requires_a_reason(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    with pytest.raises(ValidationError) as error:
        services.return_registration(registration, by=alice, reason="   ")
    assert error.value.message_dict == {"reason": ["Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."]}
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED


def test_return_registration_keeps_the_reason_in_the_history(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.return_registration(registration, by=alice, reason="Thiếu chữ ký")
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason, registration.reviewed_by) == (
        S.RETURNED, "Thiếu chữ ký", alice,
    )
    assert reasons(registration)[-1] == ("alice", "Trả lại: Thiếu chữ ký")


def test_returned_registration_can_be_changed_again(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.return_registration(registration, by=alice, reason="Thiếu chữ ký")
    assert services.update_registration(registration, data={"head_position": "Phó Chủ tịch"}, by=bob) is True


def test_history_page_merges_registration_commitments_and_evidence(registration, task, bob):
    services.add_commitment(registration, task=task, target="Giảm nghèo", by=bob)
    EvidenceFactory(registration=registration, original_name="ban-ky.pdf")
    page = registration_history_page(registration, 1)
    assert [(row.subject, row.action) for row in page.object_list] == [
        ("Minh chứng: ban-ky.pdf", "Tạo mới"),
        ("Chỉ tiêu (nội dung 1): Giảm nghèo", "Tạo mới"),
        ("Đăng ký thi đua", "Tạo mới"),
    ]


# --- Who reviews ------------------------------------------------------------------------------------------------------


def test_leader_of_a_provincial_cluster_reviews_its_members_not_itself(launched, member, unit_a, bob, alice):
    theirs = RegistrationFactory(campaign=launched, unit=member, status=S.SUBMITTED)
    own = RegistrationFactory(campaign=launched, unit=unit_a, status=S.SUBMITTED)
    assert (bob.has_perm("campaign.review_pledges", theirs), bob.has_perm("campaign.review_pledges", own)) == (
        True, False,
    )
    services.accept_registration(theirs, by=bob)
    assert (theirs.status, theirs.reviewed_by) == (S.ACCEPTED, bob)


def test_leader_of_an_inter_provincial_cluster_does_not_review(launched, bob, unit_a):
    cluster = ClusterFactory(name="Cụm 7 tỉnh MNBGPB", scope=ClusterScope.INTER_PROVINCIAL)
    MembershipFactory(cluster=cluster, unit=unit_a, role="leader")
    province = UnitFactory(name="Tỉnh Cao Bằng")
    MembershipFactory(cluster=cluster, unit=province)
    launched.clusters.add(cluster)
    theirs = RegistrationFactory(campaign=launched, unit=province, status=S.SUBMITTED)
    assert bob.has_perm("campaign.view_pledges", theirs) is True
    assert bob.has_perm("campaign.review_pledges", theirs) is False


def test_member_officer_does_not_review_the_leader(launched, member, unit_a):
    officer = UserFactory(units=[member])
    leaders = RegistrationFactory(campaign=launched, unit=unit_a, status=S.SUBMITTED)
    assert officer.has_perm("campaign.review_pledges", leaders) is False
    assert officer.has_perm("campaign.edit_pledges", UnitInCampaign(launched, member)) is True


# --- Deadlines --------------------------------------------------------------------------------------------------------


def test_set_deadlines_records_who_and_why(launched, alice):
    changed = services.set_deadlines(
        launched, registration_deadline=datetime.date(2019, 3, 31), pledge_deadline=datetime.date(2019, 4, 15),
        report_deadline=datetime.date(2019, 10, 20), by=alice, reason="Theo Hướng dẫn số 5",
    )
    launched.refresh_from_db()
    assert changed is True
    assert (launched.registration_deadline, launched.pledge_deadline, launched.report_deadline) == (
        datetime.date(2019, 3, 31), datetime.date(2019, 4, 15), datetime.date(2019, 10, 20),
    )
    assert reasons(launched)[-1] == ("alice", "Theo Hướng dẫn số 5")


def test_set_deadlines_refuses_a_deadline_before_the_start(launched, alice):
    with pytest.raises(ValidationError) as error:
        services.set_deadlines(launched, registration_deadline=datetime.date(2019, 2, 28), pledge_deadline=None,
                               report_deadline=datetime.date(2019, 1, 1), by=alice)
    message = "Thời hạn không được trước ngày bắt đầu phong trào (01/03/2019)."
    assert error.value.message_dict == {"registration_deadline": [message], "report_deadline": [message]}
    launched.refresh_from_db()
    assert launched.registration_deadline is None


def test_set_deadlines_without_change_writes_no_history(launched, alice):
    before = launched.history.count()
    assert services.set_deadlines(launched, registration_deadline=None, pledge_deadline=None, report_deadline=None,
                                  by=alice) is False
    assert launched.history.count() == before


# --- A closed campaign ------------------------------------------------------------------------------------------------

CLOSED = "Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."


def close(campaign, status=CampaignStatus.CLOSED):
    # Another request closes it: the copies the unit's page loaded still say "launched".
    type(campaign).objects.filter(pk=campaign.pk).update(status=status)


def refusal(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.messages


@pytest.mark.parametrize("status", [CampaignStatus.CLOSED, CampaignStatus.DRAFT])
def test_changing_a_registration_refused_once_the_campaign_is_closed(registration, task, bob, status):
    commitment = services.add_commitment(registration, task=task, target="Giảm nghèo", figure=3, by=bob)
    close(registration.campaign, status)
    values = {"task": task, "target": "Giảm nghèo", "figure": 4, "measure": "%"}
    calls = [
        lambda: services.update_registration(registration, data={"head_name": "Khác"}, by=bob),
        lambda: services.add_commitment(registration, task=task, target="Trồng rừng", by=bob),
        lambda: services.update_commitment(commitment, by=bob, **values),
        lambda: services.delete_commitment(commitment, by=bob),
        lambda: services.save_commitments(registration, change=[(commitment, values)], by=bob),
        lambda: services.edit_registration(registration, data={"note": "Ghi chú"}, by=bob),
    ]
    assert [refusal(call) for call in calls] == [[CLOSED]] * 6
    assert list(Commitment.objects.values_list("target", "figure")) == [("Giảm nghèo", Decimal("3.00"))]
    assert registration.history.count() == 1


def test_submit_and_withdraw_refused_once_the_campaign_is_closed(registration, task, bob, alice):
    ready(registration, task, bob)
    close(registration.campaign)
    assert refusal(lambda: services.submit_registration(registration, by=bob)) == [CLOSED]
    Registration.objects.filter(pk=registration.pk).update(status=S.SUBMITTED)
    assert refusal(lambda: services.withdraw_registration(registration, by=bob)) == [CLOSED]
    assert Registration.objects.get().status == S.SUBMITTED


def test_pact_refused_once_the_campaign_is_closed(launched, cluster_a, alice):
    close(launched)

    def write():
        services.save_pact(campaign=launched, cluster=cluster_a, text="Giao ước", signed_on=None, place="",
                           leader=None, deputy=None, signatories=[], by=alice)

    assert refusal(write) == [CLOSED]


# --- Stale copies -----------------------------------------------------------------------------------------------------


def two_copies(registration):
    return Registration.objects.get(pk=registration.pk), Registration.objects.get(pk=registration.pk)


def test_changes_from_a_stale_copy_of_a_submitted_registration_are_refused(registration, task, bob):
    ready(registration, task, bob)
    mine, theirs = two_copies(registration)
    commitment = Commitment.objects.get()
    services.submit_registration(theirs, by=bob)
    message = ["Chỉ sửa được đăng ký khi đang soạn hoặc bị trả lại."]
    values = {"task": task, "target": "Giảm nghèo", "figure": 4, "measure": "%"}
    assert refusal(lambda: services.update_registration(mine, data={"head_name": "Khác"}, by=bob)) == message
    assert refusal(lambda: services.add_commitment(mine, task=task, target="Trồng rừng", by=bob)) == message
    assert refusal(lambda: services.save_commitments(mine, change=[(commitment, values)], by=bob)) == message
    assert refusal(lambda: services.submit_registration(mine, by=bob)) == ["Chỉ gửi được khi đang soạn hoặc bị trả lại."]
    assert (Registration.objects.get().head_name, Commitment.objects.count()) == ("Hoàng Văn Thủ", 1)
    assert mine.status == S.SUBMITTED  # the refused copy now holds what is stored


def test_return_from_a_stale_copy_after_an_accept_is_refused(registration, task, bob, alice):
    services.submit_registration(ready(registration, task, bob), by=bob)
    mine, theirs = two_copies(registration)
    services.accept_registration(theirs, by=alice)
    assert refusal(lambda: services.return_registration(mine, by=alice, reason="Thiếu chữ ký")) == [
        "Chỉ trả lại được khi đã gửi và chưa được xét."
    ]
    assert refusal(lambda: services.withdraw_registration(mine, by=bob)) == [
        "Chỉ rút lại được khi đã gửi và chưa được xét."
    ]
    stored = Registration.objects.get()
    assert (stored.status, stored.return_reason) == (S.ACCEPTED, "")
    assert reasons(stored)[-1] == ("alice", "Chấp nhận")


def test_submit_checks_the_signature_as_stored(registration, task, bob):
    ready(registration, task, bob)
    mine, theirs = two_copies(registration)
    services.update_registration(theirs, data={"head_name": ""}, by=bob, reason="Chờ người ký mới")
    with pytest.raises(ValidationError) as error:
        services.submit_registration(mine, by=bob)
    assert error.value.message_dict == {"head_name": ["Chưa ghi họ tên thủ trưởng đơn vị ký đăng ký."]}
    assert Registration.objects.get().status == S.DRAFT


def test_a_long_return_reason_is_kept_whole(registration, task, bob, alice):
    reason = ("Chỉ tiêu giảm nghèo chưa có số liệu cụ thể, đề nghị bổ sung. " * 20)[:900].strip()
    assert len(reason) == 900
    services.submit_registration(ready(registration, task, bob), by=bob)
    services.return_registration(registration, by=alice, reason=reason)
    registration.refresh_from_db()
    assert registration.return_reason == reason
    assert reasons(registration)[-1] == ("alice", f"Trả lại: {reason}")
