"""Evidence files: checked by content and size, stored under random names through the default storage, thumbnails
of photos, downloads and thumbnails for those who may see the owner, removal that hides and keeps."""

import hashlib
import io
import random
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from campaign.evidence_files import CheckedFile, EvidenceField, EvidenceUploadForm, check_upload, identify, thumbnail
from campaign.models import CampaignStatus, Evidence, EvidenceKind, ReviewStatus, WorkStatus
from campaign.services.evidence import attach_evidence, remove_evidence
from portal.tests.factories import (
    PDF_BYTES,
    AchievementFactory,
    EvidenceFactory,
    PactFactory,
    RegistrationFactory,
    ReportFactory,
    WorkFactory,
    docx_bytes,
    jpeg_bytes,
    png_bytes,
    xlsx_bytes,
)

from .conftest import statuses

LIMIT = 20 * 1024 * 1024


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def zip_bytes(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return out.getvalue()


def refused_message(name):
    return (f"Tệp “{name}” không được nhận: nội dung của nó không phải PDF, ảnh JPEG/PNG, văn bản Word (DOCX) hay "
            "bảng tính Excel (XLSX), dù tên tệp là gì.")


def checked(name, data):
    return check_upload(upload(name, data))


@pytest.fixture
def achievement(launched, unit_a):
    return AchievementFactory(campaign=launched, unit=unit_a, task=launched.tasks.get(number=1))


def attach(owner, name, data, by):
    return attach_evidence(owner, files=[checked(name, data)], by=by)[0]


# --- What a file is: by content, never by name ----------------------------------------------------------------------

KINDS = {
    "pdf": (PDF_BYTES, EvidenceKind.PDF),
    "jpeg": (jpeg_bytes(), EvidenceKind.JPEG),
    "png": (png_bytes(), EvidenceKind.PNG),
    "docx": (docx_bytes(), EvidenceKind.DOCX),
    "xlsx": (xlsx_bytes(), EvidenceKind.XLSX),
}


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_check_upload_accepts_each_kind_by_content(suffix):
    data, kind = KINDS[suffix]
    result = checked(f"minh-chung.{suffix}", data)
    assert (result.kind, result.size, result.sha256, result.name) == (
        kind, len(data), hashlib.sha256(data).hexdigest(), f"minh-chung.{suffix}",
    )


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("bao-cao.pdf", "png", EvidenceKind.PNG),
    ("anh.png", "pdf", EvidenceKind.PDF),
    ("bang-so-lieu.docx", "xlsx", EvidenceKind.XLSX),
    ("van-ban.xlsx", "docx", EvidenceKind.DOCX),
    ("anh-chup", "jpeg", EvidenceKind.JPEG),
])
def test_check_upload_goes_by_content_whatever_the_name(name, content, kind):
    assert checked(name, KINDS[content][0]).kind == kind


def test_check_upload_takes_a_camera_jpeg_with_extra_pictures():
    out = io.BytesIO()
    Image.new("RGB", (80, 60), "red").save(out, "MPO", save_all=True, append_images=[Image.new("RGB", (80, 60))])
    assert checked("IMG_0001.JPG", out.getvalue()).kind == EvidenceKind.JPEG


def test_check_upload_keeps_the_name_in_nfc():
    decomposed = "Bie\u0302n ba\u0309n.pdf"  # as macOS writes “Biên bản.pdf”
    assert checked(decomposed, PDF_BYTES).name == "Biên bản.pdf"


def truncated_png():
    data = png_bytes((200, 100))
    return data[: len(data) // 2]


REFUSED = {
    "a Windows program named .pdf": ("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
    "a Linux program named .jpg": ("anh.jpg", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
    "a zip that is no Office file": ("so-lieu.docx", zip_bytes({"readme.txt": "xin chao"})),
    "a package without its content types": ("so-lieu.xlsx", zip_bytes({"xl/workbook.xml": "<workbook/>"})),
    "a Word file with macros": ("van-ban.docx", zip_bytes({
        "[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>", "word/vbaProject.bin": "x",
    })),
    "a truncated PNG": ("anh.png", truncated_png()),
    "a truncated JPEG": ("anh.jpg", jpeg_bytes((200, 100))[:-40]),
    "text named .pdf": ("bao-cao.pdf", "Báo cáo thành tích".encode()),
    "a GIF named .png": ("anh.png", b"GIF89a" + b"\x00" * 50),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_check_upload_refuses_other_content_with_a_clear_message(case):
    name, data = REFUSED[case]
    with pytest.raises(ValidationError) as caught:
        checked(name, data)
    assert caught.value.messages == [refused_message(name)]
    assert identify(upload(name, data)) is None


def test_check_upload_refuses_an_empty_file():
    with pytest.raises(ValidationError) as caught:
        checked("rong.pdf", b"")
    assert caught.value.messages == ["Tệp “rong.pdf” rỗng."]


def test_check_upload_refuses_a_file_over_20_mb():
    with pytest.raises(ValidationError) as caught:
        checked("lon.pdf", PDF_BYTES + b"0" * (LIMIT + 1 - len(PDF_BYTES)))
    assert caught.value.messages == [
        "Tệp “lon.pdf” có dung lượng 20.971.521 byte, vượt mức tối đa 20,0\xa0MB mỗi tệp."
    ]


def test_check_upload_takes_a_file_of_exactly_20_mb():
    data = PDF_BYTES + b"0" * (LIMIT - len(PDF_BYTES))
    assert checked("vua-du.pdf", data).size == LIMIT


@override_settings(PORTAL_EVIDENCE_MAX_BYTES=1000)
def test_check_upload_follows_the_size_setting():
    assert checked("nho.pdf", PDF_BYTES + b"0" * (1000 - len(PDF_BYTES))).size == 1000
    with pytest.raises(ValidationError) as caught:
        checked("lon.pdf", PDF_BYTES + b"0" * (1001 - len(PDF_BYTES)))
    assert caught.value.messages == ["Tệp “lon.pdf” có dung lượng 1001\xa0byte, vượt mức tối đa 1000\xa0byte mỗi tệp."]


# --- The form field: several files, each bad one named -----------------------------------------------------------


def test_evidence_field_names_each_bad_file_and_keeps_none():
    field = EvidenceField()
    files = [upload("tot.pdf", PDF_BYTES), upload("virus.pdf", b"MZ" + b"\x00" * 50), upload("rong.png", b"")]
    with pytest.raises(ValidationError) as caught:
        field.clean(files)
    assert caught.value.messages == [refused_message("virus.pdf"), "Tệp “rong.png” rỗng."]


def test_evidence_field_returns_checked_files():
    result = EvidenceField().clean([upload("a.pdf", PDF_BYTES), upload("b.png", png_bytes())])
    assert [(item.name, item.kind) for item in result] == [("a.pdf", "pdf"), ("b.png", "png")]


@override_settings(PORTAL_EVIDENCE_MAX_FILES=2)
def test_evidence_field_limits_the_number_of_files():
    with pytest.raises(ValidationError) as caught:
        EvidenceField().clean([upload(f"{n}.pdf", PDF_BYTES) for n in range(3)])
    assert caught.value.messages == ["Mỗi lần chỉ tải lên được tối đa 2 tệp."]


def test_evidence_field_required_or_optional():
    with pytest.raises(ValidationError) as caught:
        EvidenceField().clean([])
    assert caught.value.messages == ["Trường này là bắt buộc."]
    assert EvidenceField(required=False).clean([]) == []


def test_evidence_upload_form_help_names_the_limit():
    with override_settings(PORTAL_EVIDENCE_MAX_BYTES=5 * 1024 * 1024):
        assert str(EvidenceUploadForm().fields["files"].help_text) == (
            "PDF, JPEG, PNG, DOCX hoặc XLSX; tối đa 5,0\xa0MB mỗi tệp; chọn được nhiều tệp một lần."
        )


# --- Thumbnails ------------------------------------------------------------------------------------------------------


def opened(content):
    return Image.open(io.BytesIO(content.read()))


def test_thumbnail_of_a_large_photo_is_a_jpeg_within_480_px():
    image = opened(thumbnail(upload("anh.png", png_bytes((2000, 1000)))))
    assert (image.format, image.size) == ("JPEG", (480, 240))


def test_thumbnail_of_a_small_photo_keeps_its_size():
    image = opened(thumbnail(upload("anh.jpg", jpeg_bytes((64, 48)))))
    assert (image.format, image.size) == ("JPEG", (64, 48))


def test_thumbnail_turns_a_photo_as_the_camera_held_it():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotated 90° clockwise
    image = opened(thumbnail(upload("anh.jpg", jpeg_bytes((100, 50), exif=exif.tobytes()))))
    assert image.size == (50, 100)


def test_thumbnail_puts_transparency_on_white():
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, "PNG")
    image = opened(thumbnail(upload("trong-suot.png", out.getvalue())))
    red, green, blue = image.getpixel((10, 10))
    assert min(red, green, blue) >= 250


def test_thumbnail_of_something_else_is_none():
    assert thumbnail(upload("a.pdf", PDF_BYTES)) is None


# --- Storing ---------------------------------------------------------------------------------------------------------


def test_attach_stores_under_a_random_name_through_the_default_storage(achievement, bob):
    evidence = attach(achievement, "Ảnh công trình.png", png_bytes((1200, 900)), bob)
    assert re.fullmatch(rf"evidence/{achievement.campaign_id}/[0-9a-f]{{32}}\.png", evidence.file.name)
    assert "công" not in evidence.file.name
    assert default_storage.exists(evidence.file.name)
    with default_storage.open(evidence.file.name, "rb") as stored:
        assert stored.read() == png_bytes((1200, 900))
    assert (evidence.original_name, evidence.kind, evidence.uploaded_by, evidence.achievement) == (
        "Ảnh công trình.png", "png", bob, achievement,
    )


def test_attach_stores_a_png_named_pdf_as_a_png(achievement, bob):
    evidence = attach(achievement, "bao-cao.pdf", png_bytes(), bob)
    assert (evidence.kind, evidence.file.name.endswith(".png"), evidence.original_name) == ("png", True, "bao-cao.pdf")


def test_attach_makes_a_jpeg_thumbnail_of_a_photo(achievement, bob):
    evidence = attach(achievement, "anh.jpg", jpeg_bytes((1600, 1200)), bob)
    assert re.fullmatch(rf"evidence/{achievement.campaign_id}/thumbnails/[0-9a-f]{{32}}\.jpg", evidence.thumbnail.name)
    assert default_storage.exists(evidence.thumbnail.name)
    with default_storage.open(evidence.thumbnail.name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert (image.format, image.size) == ("JPEG", (480, 360))


def test_attach_makes_no_thumbnail_of_a_document(achievement, bob):
    evidence = attach(achievement, "bao-cao.pdf", PDF_BYTES, bob)
    assert evidence.thumbnail.name == ""


def test_attach_writes_history(achievement, bob):
    evidence = attach(achievement, "bao-cao.pdf", PDF_BYTES, bob)
    row = evidence.history.get()
    assert (row.history_type, row.history_user, row.history_change_reason) == ("+", bob, "Tải lên minh chứng")


def test_attach_keeps_the_caption_and_several_files(achievement, bob):
    files = [checked("a.pdf", PDF_BYTES), checked("b.docx", docx_bytes())]
    rows = attach_evidence(achievement, files=files, by=bob, caption="  Biên  bản nghiệm thu ")
    assert [(row.original_name, row.kind, row.caption) for row in rows] == [
        ("a.pdf", "pdf", "Biên bản nghiệm thu"), ("b.docx", "docx", "Biên bản nghiệm thu"),
    ]


def test_attach_refuses_when_the_owner_takes_no_changes(achievement, bob):
    achievement.status = ReviewStatus.SUBMITTED
    achievement.save()
    with pytest.raises(ValidationError) as caught:
        attach(achievement, "a.pdf", PDF_BYTES, bob)
    assert caught.value.message_dict == {
        "files": ["Không thêm được minh chứng: ở trạng thái hiện tại, hồ sơ này không còn sửa được."]
    }
    assert Evidence.objects.count() == 0


def test_attach_to_each_kind_of_owner(launched, unit_a, cluster_a, bob):
    registration = RegistrationFactory(campaign=launched, unit=unit_a)
    report = ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.IN_PROGRESS))
    pact = PactFactory(campaign=launched, cluster=cluster_a)
    for owner in (registration, report, pact):
        evidence = attach(owner, "a.pdf", PDF_BYTES, bob)
        assert (evidence.owner, evidence.campaign) == (owner, launched)


def test_attach_refuses_a_report_of_a_verified_work(launched, unit_a, bob):
    report = ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.VERIFIED))
    with pytest.raises(ValidationError):
        attach(report, "a.pdf", PDF_BYTES, bob)


def test_database_refuses_a_file_over_20_mb(achievement):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceFactory(achievement=achievement, size=LIMIT + 1)


def listing(folder):
    return set(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else set()


def test_attach_deletes_what_it_stored_when_the_database_refuses(achievement, bob):
    # A file that got past no check (the database's limit is the last guard): every file stored goes too.
    forged = CheckedFile(upload=upload("a.png", png_bytes()), kind="png", size=LIMIT + 1, sha256="0" * 64,
                         name="a.png")
    folders = (f"evidence/{achievement.campaign_id}", f"evidence/{achievement.campaign_id}/thumbnails")
    before = [listing(folder) for folder in folders]
    with pytest.raises(IntegrityError):
        attach_evidence(achievement, files=[checked("b.pdf", PDF_BYTES), forged], by=bob)
    assert [listing(folder) for folder in folders] == before
    assert Evidence.objects.count() == 0


# --- Removal ---------------------------------------------------------------------------------------------------------


def test_remove_hides_keeps_the_file_and_writes_history(achievement, bob):
    evidence = attach(achievement, "anh.png", png_bytes(), bob)
    remove_evidence(evidence, by=bob)
    evidence.refresh_from_db()
    assert evidence.removed_at is not None
    assert evidence.removed_by == bob
    assert default_storage.exists(evidence.file.name)
    assert default_storage.exists(evidence.thumbnail.name)
    row = evidence.history.latest()
    assert (row.history_type, row.history_user, row.history_change_reason) == ("~", bob, "Gỡ minh chứng")


def test_remove_twice_is_refused(achievement, bob):
    evidence = attach(achievement, "anh.png", png_bytes(), bob)
    remove_evidence(evidence, by=bob, reason="Nhầm tệp")
    assert evidence.history.latest().history_change_reason == "Nhầm tệp"
    with pytest.raises(ValidationError) as caught:
        remove_evidence(evidence, by=bob)
    assert caught.value.messages == ["Tệp này đã được gỡ."]


def test_remove_is_refused_once_the_owner_is_submitted(achievement, bob):
    evidence = attach(achievement, "anh.png", png_bytes(), bob)
    achievement.status = ReviewStatus.SUBMITTED
    achievement.save()
    evidence.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        remove_evidence(evidence, by=bob)
    assert caught.value.messages == ["Không gỡ được minh chứng: ở trạng thái hiện tại, hồ sơ này không còn sửa được."]


CLOSED = "Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."


def close(campaign, status=CampaignStatus.CLOSED):
    # Another request closes it: the copies loaded before still say "launched".
    type(campaign).objects.filter(pk=campaign.pk).update(status=status)


@pytest.mark.parametrize("status", [CampaignStatus.CLOSED, CampaignStatus.DRAFT])
def test_attach_and_remove_refused_once_the_campaign_is_closed(launched, unit_a, cluster_a, bob, status):
    owners = [
        AchievementFactory(campaign=launched, unit=unit_a, task=launched.tasks.get(number=1)),
        RegistrationFactory(campaign=launched, unit=unit_a),
        ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.IN_PROGRESS)),
        PactFactory(campaign=launched, cluster=cluster_a),
    ]
    files = [attach(owner, "a.pdf", PDF_BYTES, bob) for owner in owners]
    close(launched, status)
    for owner, evidence in zip(owners, files, strict=True):
        with pytest.raises(ValidationError) as caught:
            attach(owner, "b.pdf", PDF_BYTES, bob)
        assert caught.value.messages == [CLOSED]
        with pytest.raises(ValidationError) as caught:
            remove_evidence(evidence, by=bob)
        assert caught.value.messages == [CLOSED]
    assert Evidence.objects.filter(removed_at__isnull=True).count() == 4


def test_attach_to_a_stale_copy_of_a_submitted_owner_is_refused(achievement, bob):
    stale = type(achievement).objects.get(pk=achievement.pk)
    type(achievement).objects.filter(pk=achievement.pk).update(status=ReviewStatus.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        attach(stale, "a.pdf", PDF_BYTES, bob)
    assert caught.value.message_dict == {
        "files": ["Không thêm được minh chứng: ở trạng thái hiện tại, hồ sơ này không còn sửa được."]
    }
    assert (Evidence.objects.count(), stale.status) == (0, ReviewStatus.SUBMITTED)


def test_attach_to_a_report_of_a_work_verified_meanwhile_is_refused(launched, unit_a, bob):
    report = ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.COMPLETED))
    type(report.work).objects.filter(pk=report.work_id).update(status=WorkStatus.VERIFIED)
    with pytest.raises(ValidationError):
        attach(report, "a.pdf", PDF_BYTES, bob)
    assert Evidence.objects.count() == 0


def test_remove_from_a_stale_copy_of_a_removed_file_is_refused(achievement, bob):
    evidence = attach(achievement, "anh.png", png_bytes(), bob)
    stale = Evidence.objects.get(pk=evidence.pk)
    remove_evidence(evidence, by=bob, reason="Nhầm tệp")
    with pytest.raises(ValidationError) as caught:
        remove_evidence(stale, by=bob)
    assert caught.value.messages == ["Tệp này đã được gỡ."]
    assert list(evidence.history.values_list("history_change_reason", flat=True)) == ["Nhầm tệp", "Tải lên minh chứng"]


# --- Downloads -------------------------------------------------------------------------------------------------------


def download_url(evidence):
    return reverse("campaign:evidence_download", kwargs={"evidence_pk": evidence.pk})


def thumbnail_url(evidence):
    return reverse("campaign:evidence_thumbnail", kwargs={"evidence_pk": evidence.pk})


def remove_url(evidence):
    return reverse("campaign:evidence_remove", kwargs={"evidence_pk": evidence.pk})


def body(response):
    return b"".join(response.streaming_content)


def test_download_is_an_attachment_read_from_storage(role_clients, achievement, bob):
    evidence = attach(achievement, "anh-cong-trinh.png", png_bytes(), bob)
    response = role_clients["officer"].get(download_url(evidence))
    assert response.status_code == 200
    assert body(response) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="anh-cong-trinh.png"'
    assert response["Content-Length"] == str(len(png_bytes()))
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_of_a_vietnamese_name(role_clients, achievement, bob):
    evidence = attach(achievement, "Biên bản nghiệm thu.pdf", PDF_BYTES, bob)
    response = role_clients["officer"].get(download_url(evidence))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20nghi%E1%BB%87m%20thu.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert body(response) == PDF_BYTES


@pytest.mark.parametrize(("name", "content", "downloaded", "content_type"), [
    ("bao-cao.pdf", "png", "bao-cao.png", "image/png"),
    ("anh.JPEG", "jpeg", "anh.JPEG", "image/jpeg"),
    ("tai-lieu", "docx", "tai-lieu.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("ban 1.2 so lieu", "xlsx", "ban 1.2 so lieu.xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_download_names_the_file_by_what_it_is(role_clients, achievement, bob, name, content, downloaded, content_type):
    evidence = attach(achievement, name, KINDS[content][0], bob)
    response = role_clients["officer"].get(download_url(evidence))
    assert response["Content-Disposition"] == f'attachment; filename="{downloaded}"'
    assert response["Content-Type"] == content_type
    body(response)  # read to the end, as a server would: the test client then closes it without the database


def test_download_of_a_file_gone_from_storage_is_404(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    default_storage.delete(evidence.file.name)
    assert role_clients["officer"].get(download_url(evidence)).status_code == 404


def get_statuses(role_clients, url):
    answers = {}
    for role, client in role_clients.items():
        response = client.get(url)
        answers[role] = response.status_code
        if response.streaming:
            # Read to the end, as a server would; a bare close() would fire request_finished, which closes the test
            # transaction's connection on PostgreSQL.
            body(response)
    return answers


SEEN_BY_FOLLOWERS = {"staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302}


def test_download_of_achievement_evidence_by_role(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    assert get_statuses(role_clients, download_url(evidence)) == SEEN_BY_FOLLOWERS


def test_download_of_registration_evidence_by_role(role_clients, launched, unit_a):
    evidence = EvidenceFactory(registration=RegistrationFactory(campaign=launched, unit=unit_a))
    assert get_statuses(role_clients, download_url(evidence)) == SEEN_BY_FOLLOWERS


def test_download_of_report_evidence_by_role(role_clients, launched, unit_a):
    report = ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.IN_PROGRESS))
    evidence = EvidenceFactory(report=report)
    assert get_statuses(role_clients, download_url(evidence)) == SEEN_BY_FOLLOWERS


def test_download_of_pact_evidence_by_role(role_clients, launched, cluster_a):
    evidence = EvidenceFactory(pact=PactFactory(campaign=launched, cluster=cluster_a), kind=EvidenceKind.PDF)
    assert get_statuses(role_clients, download_url(evidence)) == SEEN_BY_FOLLOWERS


def test_download_of_pact_evidence_of_a_draft_campaign_is_for_staff(role_clients, draft, cluster_a):
    evidence = EvidenceFactory(pact=PactFactory(campaign=draft, cluster=cluster_a), kind=EvidenceKind.PDF)
    assert get_statuses(role_clients, download_url(evidence)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302,
    }


def test_download_of_another_units_file_is_404_for_its_officer(role_clients, launched, unit_b):
    evidence = EvidenceFactory(achievement=AchievementFactory(campaign=launched, unit=unit_b))
    assert role_clients["officer"].get(download_url(evidence)).status_code == 404
    assert role_clients["officer"].get(thumbnail_url(evidence)).status_code == 404


def test_removed_file_is_404_for_all_but_staff(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    remove_evidence(evidence, by=bob)
    assert get_statuses(role_clients, download_url(evidence)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302,
    }


def test_unknown_file_is_404(role_clients):
    missing = reverse("campaign:evidence_download", kwargs={"evidence_pk": 999})
    assert role_clients["staff"].get(missing).status_code == 404


# --- Thumbnails as served ------------------------------------------------------------------------------------------


def test_thumbnail_is_served_inline_and_cached_privately(role_clients, achievement, bob):
    evidence = attach(achievement, "anh.jpg", jpeg_bytes((960, 720)), bob)
    response = role_clients["council"].get(thumbnail_url(evidence))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == f'inline; filename="anh-nho-{evidence.pk}.jpg"'
    assert response["Cache-Control"] == "private, max-age=3600"
    assert Image.open(io.BytesIO(body(response))).size == (480, 360)


def test_thumbnail_by_role(role_clients, achievement, bob):
    evidence = attach(achievement, "anh.png", png_bytes(), bob)
    assert get_statuses(role_clients, thumbnail_url(evidence)) == SEEN_BY_FOLLOWERS


def test_thumbnail_of_a_document_is_404(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    assert role_clients["officer"].get(thumbnail_url(evidence)).status_code == 404


def test_thumbnail_of_a_removed_photo_is_404_for_its_officer(role_clients, achievement, bob):
    evidence = attach(achievement, "anh.png", png_bytes(), bob)
    remove_evidence(evidence, by=bob)
    assert role_clients["officer"].get(thumbnail_url(evidence)).status_code == 404


# --- Removal through the page ----------------------------------------------------------------------------------------


def test_remove_is_post_only_for_the_owners_editors(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    assert statuses(role_clients, "get", remove_url(evidence)) == {
        "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302,
    }
    others = {role: client for role, client in role_clients.items() if role != "officer"}
    assert statuses(others, "post", remove_url(evidence)) == {
        "staff": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None
    assert role_clients["officer"].post(remove_url(evidence)).status_code == 302
    evidence.refresh_from_db()
    assert evidence.removed_by == bob


def test_remove_through_the_page_returns_to_the_owner(role_clients, achievement, bob):
    evidence = attach(achievement, "Ảnh nhầm.png", png_bytes(), bob)
    response = role_clients["officer"].post(remove_url(evidence), follow=True)
    assert response.redirect_chain == [(achievement.get_absolute_url(), 302)]
    page = response.content.decode()
    assert "Đã gỡ tệp minh chứng “Ảnh nhầm.png”." in page
    assert "Chưa có tệp minh chứng." in page
    assert default_storage.exists(evidence.file.name)


def test_remove_from_a_submitted_achievement_is_403(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    achievement.status = ReviewStatus.SUBMITTED
    achievement.save()
    assert role_clients["officer"].post(remove_url(evidence)).status_code == 403


def test_remove_of_a_removed_file_is_404_for_its_officer(role_clients, achievement, bob):
    evidence = attach(achievement, "a.pdf", PDF_BYTES, bob)
    remove_evidence(evidence, by=bob)
    assert role_clients["officer"].post(remove_url(evidence)).status_code == 404


def test_remove_report_evidence_while_the_work_is_reported_on(role_clients, launched, unit_a):
    report = ReportFactory(work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.IN_PROGRESS))
    evidence = EvidenceFactory(report=report)
    response = role_clients["officer"].post(remove_url(evidence))
    assert (response.status_code, response["Location"]) == (302, report.get_absolute_url())
    verified = EvidenceFactory(report=ReportFactory(
        work=WorkFactory(campaign=launched, unit=unit_a, status=WorkStatus.VERIFIED)))
    assert role_clients["officer"].post(remove_url(verified)).status_code == 403


def test_remove_pact_evidence_by_its_managers(role_clients, launched, cluster_a):
    pact = PactFactory(campaign=launched, cluster=cluster_a)
    first, second = EvidenceFactory(pact=pact), EvidenceFactory(pact=pact)
    assert role_clients["council"].post(remove_url(first)).status_code == 403
    assert role_clients["officer"].post(remove_url(first)).status_code == 302  # bob's unit leads the cluster
    assert role_clients["staff"].post(remove_url(second)).status_code == 302
    assert Evidence.objects.filter(pact=pact, removed_at__isnull=True).count() == 0


def test_remove_registration_evidence_of_a_closed_campaign_is_refused(role_clients, launched, unit_a):
    evidence = EvidenceFactory(registration=RegistrationFactory(campaign=launched, unit=unit_a))
    launched.status = CampaignStatus.CLOSED
    launched.save()
    assert role_clients["officer"].post(remove_url(evidence)).status_code == 403


# --- Real uploads through a page -------------------------------------------------------------------------------------


def evidence_page(achievement):
    return reverse("campaign:achievement_evidence",
                   kwargs={"pk": achievement.campaign_id, "achievement_pk": achievement.pk})


def test_upload_page_refuses_a_real_upload_over_20_mb(role_clients, achievement):
    big = upload("ban-scan.pdf", PDF_BYTES + b"0" * (LIMIT + 1 - len(PDF_BYTES)))
    response = role_clients["officer"].post(evidence_page(achievement), {"files": [big]})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "files": ["Tệp “ban-scan.pdf” có dung lượng 20.971.521 byte, vượt mức tối đa 20,0\xa0MB mỗi tệp."],
    }
    assert Evidence.objects.count() == 0


def test_upload_page_stores_a_large_photo_with_its_thumbnail(role_clients, achievement):
    # Over FILE_UPLOAD_MAX_MEMORY_SIZE: Django keeps it in a temporary file, which storing may move away.
    noise = Image.frombytes("RGB", (1500, 1500), random.Random(2019).randbytes(1500 * 1500 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert len(out.getvalue()) > 5 * 1024 * 1024
    response = role_clients["officer"].post(
        evidence_page(achievement), {"files": [upload("anh-lon.png", out.getvalue())], "caption": "Toàn cảnh"}
    )
    assert (response.status_code, response["Location"]) == (302, achievement.get_absolute_url())
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.size, evidence.caption) == ("png", len(out.getvalue()), "Toàn cảnh")
    with default_storage.open(evidence.thumbnail.name, "rb") as stored:
        assert Image.open(io.BytesIO(stored.read())).size == (480, 480)


def test_upload_page_names_the_bad_file_and_keeps_none(role_clients, achievement):
    files = [upload("tot.pdf", PDF_BYTES), upload("chuong-trinh.pdf", b"MZ\x90\x00" + b"\x00" * 100)]
    response = role_clients["officer"].post(evidence_page(achievement), {"files": files})
    assert response.context["form"].errors == {"files": [refused_message("chuong-trinh.pdf")]}
    assert refused_message("chuong-trinh.pdf") in response.content.decode()
    assert Evidence.objects.count() == 0


def test_check_upload_refuses_a_truncated_jpeg_even_after_weasyprint_is_imported():
    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is imported.
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("anh.jpg", jpeg_bytes((200, 100))[:-40]))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
