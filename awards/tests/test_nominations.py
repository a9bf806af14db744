"""A unit's nominations (awards.services.nominations): batches, nominees, reports, files, submission, withdrawal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import (
    BatchStatus,
    BatchStep,
    CheckResult,
    Discipline,
    Nomination,
    NominationBatch,
    NominationFile,
    NominationTask,
    RequiredDocument,
    StepAction,
)
from awards.services import nominations as services
from awards.services.route import move
from campaign.evidence_files import check_upload
from campaign.models import CampaignStatus
from portal.tests.factories import (
    PDF_BYTES,
    AchievementFactory,
    AwardFormFactory,
    CampaignFactory,
    PersonFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)

STALE = "Tờ trình vừa được Lương Văn Bob thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."


def pdf(name="to-trinh.pdf"):
    return check_upload(SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf"))


def make_campaign(cluster):
    """A launched campaign with two tasks, ``cluster`` (unit_a's) taking part."""
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    TaskFactory(campaign=campaign, number=1, short_title="Phát huy truyền thống")
    TaskFactory(campaign=campaign, number=2, short_title="Cải cách hành chính")
    campaign.clusters.add(cluster)
    return campaign


def make_form():
    """A form of regime A without rules or required documents (the seeded ones carry their own)."""
    return AwardFormFactory(code="bang_khen_thu", name="Bằng khen thử nghiệm")


@pytest.fixture
def campaign(cluster_a):
    return make_campaign(cluster_a)


@pytest.fixture
def award_form(db):
    return make_form()


@pytest.fixture
def person(unit_a):
    return PersonFactory(unit=unit_a, full_name="Hoàng Văn Thụ")


@pytest.fixture
def batch(campaign, unit_a, bob):
    return services.create_batch(campaign=campaign, unit=unit_a, by=bob)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def add(batch, person, award_form, bob):
    return services.add_nomination(batch, recipient_kind="individual", recipient=person, award_form=award_form,
                                   by=bob, expected_version=fresh(batch).version)


def write_report(nomination, bob, *, situation="Sinh năm 1980, công tác tại huyện.", text="Vận động 120 hộ."):
    task = nomination.batch.campaign.tasks.get(number=1)
    return services.update_report(
        nomination, values={"situation": situation, "summary": ""},
        task_rows=[{"task": task, "text": text, "works": [], "achievements": []}], by=bob,
        expected_version=fresh(nomination.batch).version,
    )


def ready(batch, person, award_form, bob):
    """The batch with its letter, its minutes and one nominee with a report: ready to send."""
    services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob,
                               expected_version=fresh(batch).version)
    services.attach_batch_file(batch, role="minutes", files=[pdf("bien-ban.pdf")], by=bob,
                               expected_version=fresh(batch).version)
    nomination = add(batch, person, award_form, bob)
    write_report(nomination, bob)
    return nomination


def submit(batch, user):
    return services.submit_batch(batch, by=user, expected_version=fresh(batch).version)


def refusals(batch, user):
    with pytest.raises(ValidationError) as refused:
        submit(batch, user)
    return refused.value.messages


# --- The batch --------------------------------------------------------------------------------------------------


def test_create_batch_opens_a_draft_with_the_unit(batch, unit_a, bob):
    batch = fresh(batch)
    assert (batch.status, batch.unit, batch.created_by, batch.holder, batch.version) == (
        BatchStatus.DRAFT, unit_a, bob, None, 1)
    assert [(row.history_type, row.history_user, row.history_change_reason) for row in batch.history.all()] == [
        ("+", bob, "Tạo tờ trình đề nghị khen thưởng")]


def test_create_batch_for_a_unit_outside_the_campaign_is_refused(campaign, unit_b, charlie):
    with pytest.raises(ValidationError) as refused:
        services.create_batch(campaign=campaign, unit=unit_b, by=charlie)
    assert refused.value.message_dict == {"unit": [
        "Đơn vị Huyện Bình Gia không tham gia phong trào này (không thuộc cụm, khối nào của phong trào)."]}
    assert NominationBatch.objects.count() == 0


def test_create_batch_in_a_closed_campaign_is_refused(campaign, unit_a, bob):
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    with pytest.raises(ValidationError) as refused:
        services.create_batch(campaign=campaign, unit=unit_a, by=bob)
    assert refused.value.messages == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]


def test_update_batch_saves_the_letter_and_raises_the_version(batch, bob):
    values = {"letter_number": "125/TTr-UBND", "letter_date": datetime.date(2019, 10, 20), "signer": "Nông Văn Ký",
              "signer_position": "Chủ tịch UBND huyện", "summary": "Đề nghị tặng Bằng khen"}
    services.update_batch(batch, values=values, by=bob, expected_version=1)
    batch = fresh(batch)
    assert {name: getattr(batch, name) for name in values} == values
    assert batch.version == 2


def test_update_batch_from_a_stale_page_is_refused_and_saves_nothing(batch, bob):
    services.update_batch(batch, values={"letter_number": "01/TTr"}, by=bob, expected_version=1)
    with pytest.raises(ValidationError) as refused:
        services.update_batch(fresh(batch), values={"letter_number": "02/TTr", "signer": "Người khác"}, by=bob,
                              expected_version=1)
    assert refused.value.messages == [
        "Tờ trình vừa được Lương Văn Bob thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."]
    batch = fresh(batch)
    assert (batch.letter_number, batch.signer, batch.version) == ("01/TTr", "", 2)


def test_attach_batch_file_stores_it_under_a_random_name(batch, bob):
    [row] = services.attach_batch_file(batch, role="letter", files=[pdf("Tờ trình số 125.pdf")], by=bob,
                                       expected_version=fresh(batch).version)
    row = fresh(row)
    assert (row.batch_role, row.nomination, row.original_name, row.kind, row.size, row.uploaded_by) == (
        "letter", None, "Tờ trình số 125.pdf", "pdf", len(PDF_BYTES), bob)
    assert row.file.name.startswith(f"nominations/{batch.pk}/") and "125" not in row.file.name
    with row.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert fresh(batch).version == 2


def test_remove_file_hides_it_and_records_who(batch, bob):
    [row] = services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob,
                                       expected_version=fresh(batch).version)
    services.remove_file(fresh(row), by=bob, reason="Tải nhầm bản chưa ký", expected_version=fresh(batch).version)
    row = fresh(row)
    assert (row.removed_by, row.removed_at is not None) == (bob, True)
    assert row.history.first().history_change_reason == "Tải nhầm bản chưa ký"
    with pytest.raises(ValidationError) as refused:
        services.remove_file(row, by=bob, expected_version=fresh(batch).version)
    assert refused.value.messages == ["Tệp này đã được gỡ."]


# --- Nominees ---------------------------------------------------------------------------------------------------


def test_add_nomination_creates_it_and_runs_its_checks(batch, person, award_form, bob):
    nomination = add(batch, person, award_form, bob)
    nomination = fresh(nomination)
    assert (nomination.person, nomination.award_form, nomination.created_by, nomination.checked_at is not None) == (
        person, award_form, bob, True)
    assert nomination.checks.filter(code="recipient").get().result == CheckResult.PASS
    assert fresh(batch).version == 2


def test_the_same_nominee_for_the_same_form_twice_in_the_campaign_is_refused(batch, person, award_form, bob,
                                                                             campaign, unit_a):
    add(batch, person, award_form, bob)
    other = services.create_batch(campaign=campaign, unit=unit_a, by=bob)
    with pytest.raises(ValidationError) as refused:
        add(other, person, award_form, bob)
    assert refused.value.messages == [
        f"“Hoàng Văn Thụ” đã được đơn vị đề nghị Bằng khen thử nghiệm trong phong trào này ({fresh(batch)})."]
    assert Nomination.objects.count() == 1


def test_a_nominee_of_another_unit_is_refused(batch, award_form, bob, unit_b):
    stranger = PersonFactory(unit=unit_b, full_name="Vi Thị Lạ")
    with pytest.raises(ValidationError) as refused:
        add(batch, stranger, award_form, bob)
    assert refused.value.messages == ["“Vi Thị Lạ” không thuộc đơn vị đề nghị hoặc các đơn vị trực thuộc."]


def test_a_collective_under_the_unit_may_be_nominated(batch, award_form, bob, unit_a):
    commune = UnitFactory(name="Xã Yên Phúc", parent=unit_a)
    nomination = services.add_nomination(batch, recipient_kind="collective", recipient=commune, award_form=award_form,
                                         by=bob, expected_version=1)
    assert fresh(nomination).unit == commune


def test_a_form_of_another_regime_is_refused(batch, person, bob):
    from campaign.models import LegalRegime

    other = AwardFormFactory(regime=LegalRegime.objects.get(code="B"), code="bang_khen_thu", name="Bằng khen B")
    with pytest.raises(ValidationError) as refused:
        add(batch, person, other, bob)
    assert refused.value.message_dict == {"award_form": [
        "Hình thức “Bằng khen B” không áp dụng cho đối tượng này trong chế độ pháp lý của phong trào."]}


def test_a_form_the_unit_decides_itself_is_not_proposed(batch, person, bob):
    giay_khen = AwardFormFactory(code="giay_khen_thu", name="Giấy khen thử", level="unit", decided_by="unit",
                                 council_threshold=None)
    with pytest.raises(ValidationError) as refused:
        add(batch, person, giay_khen, bob)
    assert refused.value.message_dict == {"award_form": [
        "“Giấy khen thử” do đơn vị tự quyết định khen thưởng, không đề nghị lên tỉnh."]}


def test_update_report_saves_the_rows_per_task_with_their_links(batch, person, award_form, bob, campaign, unit_a):
    nomination = add(batch, person, award_form, bob)
    task1, task2 = campaign.tasks.order_by("number")
    work = WorkFactory(campaign=campaign, unit=unit_a, tasks=[task1])
    achievement = AchievementFactory(campaign=campaign, unit=unit_a, task=task1)
    services.update_report(
        nomination, values={"situation": "Sinh năm 1980.", "summary": "Tóm tắt."},
        task_rows=[{"task": task1, "text": "Vận động 120 hộ.", "works": [work], "achievements": [achievement]},
                   {"task": task2, "text": "  ", "works": [], "achievements": []}],
        by=bob, expected_version=2,
    )
    nomination = fresh(nomination)
    assert (nomination.situation, nomination.summary, nomination.version) == ("Sinh năm 1980.", "Tóm tắt.", 2)
    [row] = NominationTask.objects.filter(nomination=nomination)
    assert (row.task, row.text, list(row.works.all()), list(row.achievements.all())) == (
        task1, "Vận động 120 hộ.", [work], [achievement])
    services.update_report(nomination, values={"situation": "Sinh năm 1980.", "summary": ""},
                           task_rows=[{"task": task1, "text": ""}], by=bob, expected_version=3)
    assert NominationTask.objects.filter(nomination=nomination).count() == 0


def test_update_report_from_a_stale_page_saves_nothing(batch, person, award_form, bob):
    nomination = add(batch, person, award_form, bob)
    write_report(nomination, bob, situation="Bản thứ nhất.")
    with pytest.raises(ValidationError):
        services.update_report(fresh(nomination), values={"situation": "Bản thứ hai."}, task_rows=[], by=bob,
                               expected_version=2)
    assert fresh(nomination).situation == "Bản thứ nhất."


def test_attach_nomination_files_tags_the_required_document(batch, person, award_form, bob):
    document = RequiredDocument.objects.create(form=award_form, name="Báo cáo thành tích")
    nomination = add(batch, person, award_form, bob)
    [row] = services.attach_nomination_files(nomination, document=document, files=[pdf("bao-cao.pdf")], by=bob,
                                             expected_version=fresh(batch).version)
    assert (fresh(row).nomination, fresh(row).document, fresh(row).batch_role) == (nomination, document, "")


def test_delete_nomination_removes_it_while_with_the_unit(batch, person, award_form, bob):
    nomination = add(batch, person, award_form, bob)
    services.delete_nomination(fresh(nomination), by=bob, expected_version=2)
    assert Nomination.objects.count() == 0
    assert Nomination.history.filter(id=nomination.pk, history_type="-").get().history_user == bob


# --- Submission and withdrawal ----------------------------------------------------------------------------------


def test_submit_batch_sends_it_to_the_clerks(batch, person, award_form, bob):
    nomination = ready(batch, person, award_form, bob)
    submit(batch, bob)
    batch = fresh(batch)
    assert (batch.status, batch.holder, batch.submitted_at is not None) == (BatchStatus.SUBMITTED, None, True)
    [step] = batch.steps.all()
    assert (step.action, step.from_status, step.to_status, step.by, step.to_holder) == (
        StepAction.SUBMIT, BatchStatus.DRAFT, BatchStatus.SUBMITTED, bob, None)
    assert fresh(nomination).checks.filter(code="recipient").exists()


def test_submit_without_a_nominee_letter_or_minutes_is_refused_with_each_reason(batch, bob):
    assert refusals(batch, bob) == [
        "Tờ trình chưa có tập thể, cá nhân hay hộ gia đình nào được đề nghị.",
        "Chưa tải lên tờ trình của đơn vị (bản có chữ ký, đóng dấu).",
        "Chưa tải lên biên bản họp xét khen thưởng của đơn vị.",
    ]
    assert fresh(batch).status == BatchStatus.DRAFT


def test_submit_with_a_removed_letter_is_refused(batch, person, award_form, bob):
    ready(batch, person, award_form, bob)
    letter = NominationFile.objects.get(batch_role="letter")
    services.remove_file(letter, by=bob, expected_version=fresh(batch).version)
    assert refusals(batch, bob) == ["Chưa tải lên tờ trình của đơn vị (bản có chữ ký, đóng dấu)."]


def test_submit_with_an_empty_report_is_refused(batch, person, award_form, bob):
    services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob,
                               expected_version=fresh(batch).version)
    services.attach_batch_file(batch, role="minutes", files=[pdf()], by=bob,
                               expected_version=fresh(batch).version)
    add(batch, person, award_form, bob)
    assert refusals(batch, bob) == [
        "Báo cáo thành tích của “Hoàng Văn Thụ” (Bằng khen thử nghiệm) còn trống: sơ lược lý lịch, "
        "thành tích theo các nội dung thi đua."]


def test_submit_with_a_required_document_missing_is_refused(batch, person, award_form, bob):
    RequiredDocument.objects.create(form=award_form, name="Báo cáo thành tích có xác nhận", order=1)
    RequiredDocument.objects.create(form=award_form, name="Bản sao quyết định", order=2, is_required=False)
    ready(batch, person, award_form, bob)
    assert refusals(batch, bob) == [
        "Hồ sơ của “Hoàng Văn Thụ” (Bằng khen thử nghiệm) còn thiếu: Báo cáo thành tích có xác nhận."]


def test_submit_with_a_blocking_check_failing_is_refused(batch, person, award_form, bob):
    ready(batch, person, award_form, bob)
    Discipline.objects.create(person=person, kind="Cảnh cáo", starts_on=datetime.date(2019, 1, 1))
    messages = refusals(batch, bob)
    check = fresh(Nomination.objects.get()).checks.get(code="discipline")
    assert (check.result, check.blocking) == (CheckResult.FAIL, True)
    assert messages == [
        f"“Hoàng Văn Thụ” không được đề nghị Bằng khen thử nghiệm: {check.title} – {check.explanation}"]


def test_submit_from_a_stale_page_is_refused(batch, person, award_form, bob):
    ready(batch, person, award_form, bob)
    with pytest.raises(ValidationError) as refused:
        services.submit_batch(batch, by=bob, expected_version=1)
    assert refused.value.messages == [STALE]
    assert fresh(batch).status == BatchStatus.DRAFT


def test_nothing_changes_once_submitted(batch, person, award_form, bob):
    ready(batch, person, award_form, bob)
    submit(batch, bob)
    with pytest.raises(ValidationError) as refused:
        services.update_batch(fresh(batch), values={"letter_number": "9"}, by=bob, expected_version=None)
    assert refused.value.messages == [
        "Tờ trình không còn ở đơn vị (đã gửi Ban Thi đua – Khen thưởng): không thay đổi được. "
        "Nếu Ban chưa tiếp nhận, hãy rút tờ trình về để sửa."]


def test_withdraw_batch_takes_it_back_as_a_draft(batch, person, award_form, bob):
    ready(batch, person, award_form, bob)
    submit(batch, bob)
    services.withdraw_batch(batch, by=bob, expected_version=fresh(batch).version, reason="Bổ sung người")
    batch = fresh(batch)
    assert batch.status == BatchStatus.DRAFT
    assert [(s.action, s.from_status, s.to_status, s.reason) for s in batch.steps.all()] == [
        ("submit", "draft", "submitted", "Gửi Ban Thi đua – Khen thưởng"),
        ("withdraw", "submitted", "draft", "Bổ sung người"),
    ]


def test_withdraw_is_refused_once_received(batch, person, award_form, bob, alice):
    ready(batch, person, award_form, bob)
    submit(batch, bob)
    move(fresh(batch), action=StepAction.RECEIVE, to_status=BatchStatus.RECEIVED, by=alice, holder=alice)
    with pytest.raises(ValidationError) as refused:
        services.withdraw_batch(batch, by=bob, expected_version=fresh(batch).version)
    assert refused.value.messages == ["Ban Thi đua – Khen thưởng đã tiếp nhận tờ trình: không rút về được nữa."]
    assert fresh(batch).status == BatchStatus.RECEIVED


def test_a_returned_batch_is_corrected_and_submitted_again(batch, person, award_form, bob, alice):
    nomination = ready(batch, person, award_form, bob)
    submit(batch, bob)
    first = fresh(batch).submitted_at
    move(fresh(batch), action=StepAction.RETURN, to_status=BatchStatus.RETURNED, by=alice,
         reason="Bổ sung số liệu", fields=["return_reason"])
    write_report(fresh(nomination), bob, text="Vận động 150 hộ.")
    submit(batch, bob)
    batch = fresh(batch)
    assert (batch.status, batch.submitted_at) == (BatchStatus.SUBMITTED, first)
    assert list(BatchStep.objects.filter(batch=batch).values_list("action", "reason")) == [
        ("submit", "Gửi Ban Thi đua – Khen thưởng"), ("return", "Bổ sung số liệu"), ("submit", "Gửi lại sau khi sửa")]


def returned_and_resubmitted(batch, person, award_form, bob, alice):
    ready(batch, person, award_form, bob)
    submit(batch, bob)
    move(fresh(batch), action=StepAction.RETURN, to_status=BatchStatus.RETURNED, by=alice,
         reason="Bổ sung số liệu", values={"return_reason": "Bổ sung số liệu"})
    submit(batch, bob)
    return fresh(batch)


def test_withdraw_of_a_resubmitted_batch_goes_back_to_returned(batch, person, award_form, bob, alice):
    batch = returned_and_resubmitted(batch, person, award_form, bob, alice)
    services.withdraw_batch(batch, by=bob, expected_version=batch.version)
    batch = fresh(batch)
    assert (batch.status, batch.return_reason, batch.holder) == (BatchStatus.RETURNED, "Bổ sung số liệu", None)
    assert batch.steps.order_by("-at", "-id").values_list("action", "from_status", "to_status").first() == (
        "withdraw", "submitted", "returned")


# --- Stale pages and reruns of the checks ---------------------------------------------------------------------------


def test_attach_batch_file_from_a_stale_page_is_refused_and_stores_nothing(batch, bob):
    services.update_batch(batch, values={"letter_number": "01/TTr"}, by=bob, expected_version=1)
    with pytest.raises(ValidationError) as refused:
        services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob, expected_version=1)
    assert refused.value.messages == [STALE]
    assert (NominationFile.objects.count(), fresh(batch).version) == (0, 2)


def test_attach_nomination_files_from_a_stale_page_is_refused(batch, person, award_form, bob):
    nomination = add(batch, person, award_form, bob)
    with pytest.raises(ValidationError) as refused:
        services.attach_nomination_files(nomination, document=None, files=[pdf()], by=bob, expected_version=1)
    assert refused.value.messages == [STALE]
    assert NominationFile.objects.count() == 0


def test_remove_file_from_a_stale_page_is_refused(batch, bob):
    [row] = services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob, expected_version=1)
    with pytest.raises(ValidationError) as refused:
        services.remove_file(fresh(row), by=bob, expected_version=1)
    assert refused.value.messages == [STALE]
    assert fresh(row).removed_at is None


def test_recheck_nomination_rebuilds_the_checks_without_changing_the_batch(batch, person, award_form, bob):
    nomination = add(batch, person, award_form, bob)
    nomination.checks.all().delete()
    version = fresh(batch).version
    checks = services.recheck_nomination(fresh(nomination), by=bob, expected_version=version)
    assert [check.code for check in checks] == list(
        fresh(nomination).checks.values_list("code", flat=True)) == ["recipient", "discipline", "documents",
                                                                     "report", "quota"]
    assert (fresh(batch).version, fresh(nomination).checked_at is not None) == (version, True)


def test_recheck_nomination_refused_from_a_stale_page(batch, person, award_form, bob):
    nomination = add(batch, person, award_form, bob)
    nomination.checks.all().delete()
    with pytest.raises(ValidationError) as refused:
        services.recheck_nomination(fresh(nomination), by=bob, expected_version=1)
    assert refused.value.messages == [STALE]
    assert nomination.checks.count() == 0


def test_recheck_nomination_refused_to_the_unit_once_submitted(batch, person, award_form, bob):
    nomination = ready(batch, person, award_form, bob)
    submit(batch, bob)
    before = list(fresh(nomination).checks.values_list("id", flat=True))
    with pytest.raises(ValidationError) as refused:
        services.recheck_nomination(fresh(nomination), by=bob, expected_version=fresh(batch).version)
    assert refused.value.messages == [
        "Chỉ đơn vị (khi tờ trình còn ở đơn vị) hoặc chuyên viên đang thẩm định tờ trình được kiểm tra lại điều kiện."]
    assert list(fresh(nomination).checks.values_list("id", flat=True)) == before
