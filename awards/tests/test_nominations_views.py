"""The screens of a unit's nominations: the batch list, a batch's page and forms, the nominee screens, the files."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import (
    BatchStatus,
    Board,
    Nomination,
    NominationBatch,
    NominationFile,
    NominationTask,
    RequiredDocument,
    StepAction,
)
from awards.services import nominations as services
from awards.services.route import move
from portal.tests.factories import (
    PDF_BYTES,
    AchievementFactory,
    BatchFactory,
    NominationFactory,
    NominationFileFactory,
    PersonFactory,
    StaffFactory,
    TaskFactory,
    UserFactory,
    WorkFactory,
)
from portal.tests.helpers import query_count, signed_in

from .test_nominations import add, make_campaign, make_form, pdf, ready, write_report


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def shown(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


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


@pytest.fixture
def bob_client(bob):
    return signed_in(bob)


def url(name, campaign, **kwargs):
    return reverse(f"awards:{name}", kwargs={"pk": campaign.pk, **kwargs})


def submitted(batch, person, award_form, bob):
    nomination = ready(batch, person, award_form, bob)
    services.submit_batch(batch, by=bob, expected_version=fresh(batch).version)
    return nomination


# --- The list ---------------------------------------------------------------------------------------------------


def test_batch_list_shows_the_units_batches_with_who_holds_them(batch, person, award_form, bob, bob_client, campaign):
    services.update_batch(batch, values={"letter_number": "125/TTr-UBND"}, by=bob, expected_version=1)
    add(batch, person, award_form, bob)
    response = bob_client.get(url("batch_list", campaign))
    page = response.content.decode()
    assert response.status_code == 200
    assert [b.pk for b in response.context["batches"]] == [batch.pk]
    assert response.context["batches"][0].nominee_count == 1
    assert "Số 125/TTr-UBND" in page and "Đơn vị Huyện Văn Quan" in page and "Tạo tờ trình đề nghị" in page


def test_batch_list_staff_see_only_submitted_batches_held_by_the_clerks(batch, person, award_form, bob, alice,
                                                                       campaign):
    other = services.create_batch(campaign=campaign, unit=batch.unit, by=bob)
    submitted(batch, person, award_form, bob)
    response = signed_in(alice).get(url("batch_list", campaign))
    assert [b.pk for b in response.context["batches"]] == [batch.pk]
    assert other.pk not in [b.pk for b in response.context["batches"]]
    assert "Văn thư Ban TĐKT" in response.content.decode()
    assert "Tạo tờ trình đề nghị" not in response.content.decode()


def test_batch_list_search_and_filters(batch, person, award_form, bob, alice, campaign, unit_a):
    services.update_batch(batch, values={"letter_number": "125/TTr-UBND"}, by=bob, expected_version=1)
    other = services.create_batch(campaign=campaign, unit=unit_a, by=bob)
    add(other, person, award_form, bob)
    client = signed_in(bob)

    def found(**params):
        return [b.pk for b in client.get(url("batch_list", campaign), params).context["batches"]]

    assert found(q="125/ttr") == [batch.pk]
    assert found(q="van quan") == [other.pk, batch.pk]
    assert found(award_form=award_form.pk) == [other.pk]
    assert found(status="submitted") == []
    assert found(held="mine") == [other.pk, batch.pk]
    assert found(unit=unit_a.code) == [other.pk, batch.pk]
    assert found(unit="binh gia") == []


def test_batch_list_mine_for_staff_is_what_they_hold(batch, person, award_form, bob, alice, campaign):
    submitted(batch, person, award_form, bob)
    client = signed_in(alice)
    assert list(client.get(url("batch_list", campaign), {"held": "mine"}).context["batches"]) == []
    move(fresh(batch), action=StepAction.RECEIVE, to_status=BatchStatus.RECEIVED, by=alice, holder=alice)
    assert [b.pk for b in client.get(url("batch_list", campaign), {"held": "mine"}).context["batches"]] == [batch.pk]


def _many_batches(campaign, unit, alice, count):
    board, __ = Board.objects.get_or_create(name="Phòng Khen thưởng")
    for index in range(count):
        status = ["submitted", "received", "assigned", "returned"][index % 4]
        made = BatchFactory(campaign=campaign, unit=unit, status=status, submitted_at="2019-10-21T08:00:00Z",
                            holder=alice if status == "received" else None,
                            assigned_board=board if status == "assigned" else None)
        NominationFactory(batch=made)


@pytest.mark.parametrize("role", ["officer", "staff"])
def test_batch_list_query_count_does_not_grow(role, campaign, unit_a, bob, alice):
    client = signed_in(bob if role == "officer" else alice)
    _many_batches(campaign, unit_a, alice, 1)
    one = query_count(client, url("batch_list", campaign))
    _many_batches(campaign, unit_a, alice, 12)
    assert query_count(client, url("batch_list", campaign)) == one


# --- A batch ----------------------------------------------------------------------------------------------------


def test_batch_create_opens_a_draft_for_the_officers_unit(campaign, unit_a, bob_client):
    response = bob_client.post(url("batch_create", campaign), {"unit": unit_a.pk})
    batch = NominationBatch.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert (batch.unit, batch.status) == (unit_a, BatchStatus.DRAFT)


def test_batch_create_explains_when_no_unit_takes_part(campaign, charlie):
    response = signed_in(charlie).get(url("batch_create", campaign))
    assert response.status_code == 200
    assert "Đơn vị của bạn không tham gia phong trào này" in response.content.decode()
    response = signed_in(charlie).post(url("batch_create", campaign), {"unit": "1"})
    assert NominationBatch.objects.count() == 0


def test_batch_detail_shows_the_route_and_the_buttons(batch, person, award_form, bob, bob_client, campaign):
    add(batch, person, award_form, bob)
    page = bob_client.get(url("batch_detail", campaign, batch_pk=batch.pk)).content.decode()
    assert "Đơn vị Huyện Văn Quan" in page and "Hoàng Văn Thụ" in page
    assert reverse("awards:batch_submit", kwargs={"pk": campaign.pk, "batch_pk": batch.pk}) in page
    assert f'name="version" value="{fresh(batch).version}"' in page


def test_two_people_saving_the_same_letter_the_second_is_refused(batch, campaign, unit_a, bob):
    colleague = UserFactory(username="dung", full_name="Nông Thị Dung", units=[unit_a])
    first, second = signed_in(bob), signed_in(colleague)
    edit = url("batch_edit", campaign, batch_pk=batch.pk)
    version = {"first": first.get(edit).context["form"]["version"].value(),
               "second": second.get(edit).context["form"]["version"].value()}
    assert first.post(edit, {"letter_number": "01/TTr", "version": version["first"]}).status_code == 302
    response = second.post(edit, {"letter_number": "02/TTr", "signer": "Ai đó", "version": version["second"]})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Tờ trình vừa được Lương Văn Bob thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."]
    batch = fresh(batch)
    assert (batch.letter_number, batch.signer) == ("01/TTr", "")


def test_batch_file_upload_refuses_a_file_that_is_not_what_it_claims(batch, campaign, bob_client):
    fake = SimpleUploadedFile("to-trinh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = bob_client.post(url("batch_file_upload", campaign, batch_pk=batch.pk), {"role": "letter", "files": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        "Tệp “to-trinh.pdf” không được nhận: nội dung của nó không phải PDF, ảnh JPEG/PNG, văn bản Word (DOCX) "
        "hay bảng tính Excel (XLSX), dù tên tệp là gì."]
    assert NominationFile.objects.count() == 0


def test_batch_file_upload_stores_the_minutes(batch, campaign, bob_client):
    upload = SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")
    response = bob_client.post(url("batch_file_upload", campaign, batch_pk=batch.pk),
                               {"role": "minutes", "files": upload, "version": fresh(batch).version})
    assert response.status_code == 302
    assert list(NominationFile.objects.values_list("batch_role", "original_name")) == [("minutes", "bien-ban.pdf")]


def test_batch_submit_shows_every_refusal(batch, campaign, bob_client):
    response = bob_client.post(url("batch_submit", campaign, batch_pk=batch.pk), {"version": 1}, follow=True)
    assert shown(response) == [
        "Tờ trình chưa có tập thể, cá nhân hay hộ gia đình nào được đề nghị.",
        "Chưa tải lên tờ trình của đơn vị (bản có chữ ký, đóng dấu).",
        "Chưa tải lên biên bản họp xét khen thưởng của đơn vị.",
    ]
    assert fresh(batch).status == BatchStatus.DRAFT


def test_batch_submit_and_withdraw_through_the_page(batch, person, award_form, bob, bob_client, campaign):
    ready(batch, person, award_form, bob)
    submit = url("batch_submit", campaign, batch_pk=batch.pk)
    response = bob_client.post(submit, {"version": fresh(batch).version}, follow=True)
    assert shown(response) == ["Đã gửi tờ trình đến Ban Thi đua – Khen thưởng."]
    assert fresh(batch).status == BatchStatus.SUBMITTED
    assert "Văn thư Ban TĐKT" in response.content.decode()
    response = bob_client.post(url("batch_withdraw", campaign, batch_pk=batch.pk), {"version": fresh(batch).version},
                               follow=True)
    assert shown(response) == ["Đã rút tờ trình về đơn vị (đang soạn)."]
    assert fresh(batch).status == BatchStatus.DRAFT


def test_batch_submit_from_a_stale_page_changes_nothing(batch, person, award_form, bob, bob_client, campaign):
    ready(batch, person, award_form, bob)
    response = bob_client.post(url("batch_submit", campaign, batch_pk=batch.pk), {"version": 1}, follow=True)
    assert shown(response) == [
        "Tờ trình vừa được Lương Văn Bob thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."]
    assert fresh(batch).status == BatchStatus.DRAFT


def test_another_units_batch_nomination_and_file_answer_404(batch, person, award_form, bob, charlie, campaign):
    nomination = add(batch, person, award_form, bob)
    [letter] = services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob,
                                          expected_version=fresh(batch).version)
    client = signed_in(charlie)
    answers = [
        client.post(url("batch_submit", campaign, batch_pk=batch.pk), {"version": 3}).status_code,
        client.post(url("batch_edit", campaign, batch_pk=batch.pk), {"version": 3}).status_code,
        client.get(url("nomination_detail", campaign, nomination_pk=nomination.pk)).status_code,
        client.post(url("nomination_delete", campaign, nomination_pk=nomination.pk), {"version": 3}).status_code,
        client.get(reverse("awards:file_download", kwargs={"file_pk": letter.pk})).status_code,
        client.post(reverse("awards:file_remove", kwargs={"file_pk": letter.pk})).status_code,
    ]
    assert answers == [404] * 6
    assert (fresh(batch).status, Nomination.objects.count(), fresh(letter).removed_at) == ("draft", 1, None)


# --- Files ------------------------------------------------------------------------------------------------------


def test_file_download_streams_an_attachment(batch, bob, bob_client):
    [letter] = services.attach_batch_file(batch, role="letter", files=[pdf("Tờ trình.pdf")], by=bob,
                                          expected_version=fresh(batch).version)
    response = bob_client.get(reverse("awards:file_download", kwargs={"file_pk": letter.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    response.close()


def test_a_removed_file_downloads_for_staff_only(batch, person, award_form, bob, alice, bob_client):
    [spare] = services.attach_batch_file(batch, role="letter", files=[pdf("ban-nhap.pdf")], by=bob,
                                         expected_version=fresh(batch).version)
    response = bob_client.post(reverse("awards:file_remove", kwargs={"file_pk": spare.pk}),
                               {"version": fresh(batch).version}, follow=True)
    assert shown(response) == ["Đã gỡ tệp “ban-nhap.pdf”."]
    submitted(batch, person, award_form, bob)
    download = reverse("awards:file_download", kwargs={"file_pk": spare.pk})
    assert bob_client.get(download).status_code == 404
    response = signed_in(alice).get(download)
    assert response.status_code == 200
    response.close()


def test_file_remove_is_refused_once_submitted(batch, person, award_form, bob, bob_client):
    submitted(batch, person, award_form, bob)
    letter = NominationFile.objects.get(batch_role="letter")
    assert bob_client.post(reverse("awards:file_remove", kwargs={"file_pk": letter.pk}),
                           {"version": fresh(batch).version}).status_code == 403
    assert fresh(letter).removed_at is None


# --- Nominees ---------------------------------------------------------------------------------------------------


def test_nomination_create_first_chooses_the_nominee_then_the_form(batch, person, award_form, campaign, bob_client):
    create = url("nomination_create", campaign, batch_pk=batch.pk)
    response = bob_client.get(create)
    assert response.context["chosen"] is None
    response = bob_client.get(create, {"recipient_kind": "individual", "person": person.pk})
    assert response.context["chosen"]["recipient"] == person
    assert award_form in response.context["form"].fields["award_form"].queryset
    assert "awards/eligibility/_suggestions.html" in [t.name for t in response.templates]
    response = bob_client.post(create, {"recipient_kind": "individual", "person": person.pk,
                                        "award_form": award_form.pk, "version": 1})
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response.url == url("nomination_edit", campaign, nomination_pk=nomination.pk)
    assert (nomination.person, nomination.award_form) == (person, award_form)


def test_nomination_create_twice_shows_the_refusal(batch, person, award_form, bob, campaign, bob_client):
    add(batch, person, award_form, bob)
    response = bob_client.post(url("nomination_create", campaign, batch_pk=batch.pk), {
        "recipient_kind": "individual", "person": person.pk, "award_form": award_form.pk, "version": 2})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"“Hoàng Văn Thụ” đã được đơn vị đề nghị Bằng khen thử nghiệm trong phong trào này ({fresh(batch)})."]
    assert Nomination.objects.count() == 1


def test_nomination_create_offers_only_people_of_the_unit(batch, campaign, bob_client, unit_b):
    PersonFactory(unit=unit_b, full_name="Vi Thị Lạ")
    response = bob_client.get(url("nomination_create", campaign, batch_pk=batch.pk))
    assert [p.full_name for p in response.context["chooser"].fields["person"].queryset] == []


def test_nomination_edit_saves_the_report_per_task(batch, person, award_form, bob, campaign, unit_a, bob_client):
    nomination = add(batch, person, award_form, bob)
    task1, task2 = campaign.tasks.order_by("number")
    work = WorkFactory(campaign=campaign, unit=unit_a, tasks=[task1], title="Đường giao thông nông thôn")
    edit = url("nomination_edit", campaign, nomination_pk=nomination.pk)
    form = bob_client.get(edit).context["task_forms"]
    assert [list(f.fields) for f in form] == [["text", "works"], ["text"]]
    response = bob_client.post(edit, {
        "situation": "Sinh năm 1980.", "summary": "", "version": 2,
        f"task-{task1.pk}-text": "Vận động 120 hộ hiến đất.", f"task-{task1.pk}-works": [work.pk],
        f"task-{task2.pk}-text": "",
    })
    assert response.status_code == 302
    [row] = NominationTask.objects.filter(nomination=nomination)
    assert (row.task, row.text, list(row.works.all())) == (task1, "Vận động 120 hộ hiến đất.", [work])
    assert fresh(nomination).situation == "Sinh năm 1980."


def test_nomination_detail_shows_the_checklist(batch, person, award_form, bob, campaign, bob_client):
    present = RequiredDocument.objects.create(form=award_form, name="Báo cáo thành tích", order=1)
    RequiredDocument.objects.create(form=award_form, name="Bản sao quyết định", order=2)
    nomination = add(batch, person, award_form, bob)
    services.attach_nomination_files(nomination, document=present, files=[pdf()], by=bob,
                                     expected_version=fresh(batch).version)
    response = bob_client.get(url("nomination_detail", campaign, nomination_pk=nomination.pk))
    assert [(doc.name, len(files)) for doc, files in response.context["checklist"]] == [
        ("Báo cáo thành tích", 1), ("Bản sao quyết định", 0)]
    assert "awards/eligibility/_checks.html" in [t.name for t in response.templates]


def test_nomination_file_upload_tags_the_document(batch, person, award_form, bob, campaign, bob_client):
    document = RequiredDocument.objects.create(form=award_form, name="Báo cáo thành tích")
    nomination = add(batch, person, award_form, bob)
    upload = SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf")
    response = bob_client.post(url("nomination_file_upload", campaign, nomination_pk=nomination.pk),
                               {"document": document.pk, "files": upload, "version": fresh(batch).version})
    assert response.status_code == 302
    assert list(NominationFile.objects.values_list("nomination", "document", "original_name")) == [
        (nomination.pk, document.pk, "bao-cao.pdf")]


def test_nomination_delete_confirms_then_removes(batch, person, award_form, bob, campaign, bob_client):
    nomination = add(batch, person, award_form, bob)
    delete = url("nomination_delete", campaign, nomination_pk=nomination.pk)
    assert bob_client.get(delete).status_code == 200
    response = bob_client.post(delete, {"version": 2})
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert Nomination.objects.count() == 0


def test_nomination_recheck_reruns_the_checks_and_goes_back(batch, person, award_form, bob, campaign, bob_client):
    nomination = add(batch, person, award_form, bob)
    Nomination.objects.filter(pk=nomination.pk).update(checked_at=None)
    nomination.checks.all().delete()
    detail = url("nomination_detail", campaign, nomination_pk=nomination.pk)
    assert "Chưa kiểm tra" in bob_client.get(detail).content.decode()
    response = bob_client.post(url("nomination_recheck", campaign, nomination_pk=nomination.pk),
                               {"version": fresh(batch).version, "next": f"{detail}#kiem-tra"})
    assert (response.status_code, response.url) == (302, f"{detail}#kiem-tra")
    assert shown(response) == ["Đã kiểm tra lại các điều kiện."]
    assert fresh(nomination).checked_at is not None and nomination.checks.exists()


def test_nomination_recheck_ignores_a_next_page_elsewhere(batch, person, award_form, bob, campaign, bob_client):
    nomination = add(batch, person, award_form, bob)
    response = bob_client.post(url("nomination_recheck", campaign, nomination_pk=nomination.pk),
                               {"version": fresh(batch).version, "next": "https://example.com/"})
    assert response.url == nomination.get_absolute_url()


def test_nomination_recheck_from_a_stale_page_changes_nothing(batch, person, award_form, bob, campaign, bob_client):
    nomination = add(batch, person, award_form, bob)
    nomination.checks.all().delete()
    response = bob_client.post(url("nomination_recheck", campaign, nomination_pk=nomination.pk), {"version": 1},
                               follow=True)
    assert shown(response) == [
        "Tờ trình vừa được Lương Văn Bob thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."]
    assert nomination.checks.count() == 0


def check_ids(nomination):
    return list(nomination.checks.order_by("id").values_list("id", flat=True))


def test_nomination_pages_never_rewrite_the_checks(batch, person, award_form, bob, campaign, bob_client):
    nomination = add(batch, person, award_form, bob)
    before = check_ids(nomination)
    for name in ("nomination_detail", "nomination_edit", "nomination_file_upload"):
        assert bob_client.get(url(name, campaign, nomination_pk=nomination.pk)).status_code == 200
    assert check_ids(nomination) == before and len(before) == 5


def test_nomination_edit_query_count_does_not_grow_with_tasks(batch, person, award_form, bob, campaign, unit_a,
                                                              bob_client):
    nomination = add(batch, person, award_form, bob)
    campaign.tasks.filter(number=2).delete()

    def linked(task):
        work = WorkFactory(campaign=campaign, unit=unit_a, tasks=[task])
        AchievementFactory(campaign=campaign, unit=unit_a, task=task)
        return work

    first = campaign.tasks.get(number=1)
    services.update_report(nomination, values={"situation": "Sinh năm 1980."}, by=bob,
                           task_rows=[{"task": first, "text": "Vận động 120 hộ.", "works": [linked(first)],
                                       "achievements": []}], expected_version=fresh(batch).version)
    edit = url("nomination_edit", campaign, nomination_pk=nomination.pk)
    one = query_count(bob_client, edit)
    for number in range(2, 13):
        linked(TaskFactory(campaign=campaign, number=number))
    response = bob_client.get(edit)
    assert [list(form.fields) for form in response.context["task_forms"]] == [["text", "works", "achievements"]] * 12
    assert response.context["task_forms"][0]["works"].value() == [first.works.get().pk]
    assert query_count(bob_client, edit) == one


def test_nomination_edit_is_closed_once_submitted(batch, person, award_form, bob, campaign, bob_client):
    nomination = submitted(batch, person, award_form, bob)
    assert bob_client.get(url("nomination_edit", campaign, nomination_pk=nomination.pk)).status_code == 403


def test_officer_home_lists_the_units_batches(batch, person, award_form, bob, bob_client):
    write_report(add(batch, person, award_form, bob), bob)
    page = bob_client.get(reverse("officer_home")).content.decode()
    assert "Đề nghị khen thưởng" in page and str(batch) in page


def test_staff_without_a_post_see_a_submitted_batch_without_buttons(batch, person, award_form, bob, campaign):
    submitted(batch, person, award_form, bob)
    staff = StaffFactory(username="thu", full_name="Lý Văn Thu")
    page = signed_in(staff).get(url("batch_detail", campaign, batch_pk=batch.pk)).content.decode()
    assert "Văn thư Ban TĐKT" in page
    assert reverse("awards:batch_withdraw", kwargs={"pk": campaign.pk, "batch_pk": batch.pk}) not in page


def test_a_letter_attached_by_the_factory_downloads(campaign, unit_a, bob_client):
    made = BatchFactory(campaign=campaign, unit=unit_a)
    letter = NominationFileFactory(batch=made)
    response = bob_client.get(reverse("awards:file_download", kwargs={"file_pk": letter.pk}))
    assert response.status_code == 200
    response.close()


def test_officer_home_query_count_does_not_grow_with_batches(campaign, unit_a, bob, alice):
    client = signed_in(bob)
    _many_batches(campaign, unit_a, alice, 1)
    one = query_count(client, reverse("officer_home"))
    _many_batches(campaign, unit_a, alice, 8)
    assert query_count(client, reverse("officer_home")) == one


# --- Stale pages and staff visibility ---------------------------------------------------------------------------


STALE = "Tờ trình vừa được Lương Văn Bob thay đổi; hãy tải lại trang để xem bản mới nhất rồi thao tác lại."


def test_batch_file_upload_from_a_stale_page_is_refused_beside_the_form(batch, bob, campaign, bob_client):
    upload_page = url("batch_file_upload", campaign, batch_pk=batch.pk)
    seen = bob_client.get(upload_page).context["form"]["version"].value()
    services.update_batch(batch, values={"letter_number": "01/TTr"}, by=bob, expected_version=seen)
    upload = SimpleUploadedFile("to-trinh.pdf", PDF_BYTES, content_type="application/pdf")
    response = bob_client.post(upload_page, {"role": "letter", "files": upload, "version": seen})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE]
    assert STALE in response.content.decode()
    assert NominationFile.objects.count() == 0


def test_nomination_file_upload_from_a_stale_page_is_refused(batch, person, award_form, bob, campaign, bob_client):
    nomination = add(batch, person, award_form, bob)
    upload = SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf")
    response = bob_client.post(url("nomination_file_upload", campaign, nomination_pk=nomination.pk),
                               {"files": upload, "version": 1})
    assert response.context["form"].non_field_errors() == [STALE]
    assert NominationFile.objects.count() == 0


def test_file_remove_from_a_stale_page_changes_nothing(batch, bob, bob_client):
    [letter] = services.attach_batch_file(batch, role="letter", files=[pdf()], by=bob, expected_version=1)
    page = bob_client.get(batch.get_absolute_url()).content.decode()
    assert f'name="version" value="{fresh(batch).version}"' in page
    response = bob_client.post(reverse("awards:file_remove", kwargs={"file_pk": letter.pk}), {"version": 1},
                               follow=True)
    assert shown(response) == [STALE]
    assert fresh(letter).removed_at is None


def test_staff_no_longer_see_a_batch_withdrawn_to_a_draft(batch, person, award_form, bob, alice, campaign):
    submitted(batch, person, award_form, bob)
    client = signed_in(alice)
    detail = url("batch_detail", campaign, batch_pk=batch.pk)
    assert client.get(detail).status_code == 200
    services.withdraw_batch(batch, by=bob, expected_version=fresh(batch).version)
    assert client.get(detail).status_code == 404
    assert list(client.get(url("batch_list", campaign)).context["batches"]) == []


def test_withdraw_of_a_resubmitted_batch_says_it_is_returned(batch, person, award_form, bob, alice, campaign,
                                                             bob_client):
    submitted(batch, person, award_form, bob)
    move(fresh(batch), action=StepAction.RETURN, to_status=BatchStatus.RETURNED, by=alice, reason="Bổ sung",
         values={"return_reason": "Bổ sung"})
    services.submit_batch(batch, by=bob, expected_version=fresh(batch).version)
    response = bob_client.post(url("batch_withdraw", campaign, batch_pk=batch.pk), {"version": fresh(batch).version},
                               follow=True)
    assert shown(response) == ["Đã rút tờ trình về đơn vị (bị trả lại, chờ sửa và gửi lại)."]
    assert (fresh(batch).status, fresh(batch).return_reason) == (BatchStatus.RETURNED, "Bổ sung")
    assert signed_in(alice).get(url("batch_detail", campaign, batch_pk=batch.pk)).status_code == 200
