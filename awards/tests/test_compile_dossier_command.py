"""``python manage.py compile_dossier``: the list of sessions, one a line with its id first; a session's or a unit
batch's dossier written to a file (in-process on the embedded default); refusals in Vietnamese."""

import datetime
import hashlib
import io
import re
import unicodedata

import pdfplumber
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from awards.models import Dossier, DossierStatus, SessionStatus
from awards.tests.test_dossier_jobs import closed_session, own_media_root  # noqa: F401 (fixture)
from portal.tests.factories import (
    BatchFactory,
    CampaignFactory,
    NominationFactory,
    PersonFactory,
    SessionFactory,
)

# The command runs its job after the commit, as in production: the compiling tests commit for real.
compiles = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fold(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def run(*args):
    out = io.StringIO()
    call_command("compile_dossier", *args, stdout=out)
    return out.getvalue()


def pdf_text(path):
    with pdfplumber.open(path) as pdf:
        return fold(" ".join(page.extract_text() or "" for page in pdf.pages))


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.django_db
def test_list_prints_one_session_a_line_with_its_id_first():
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    # 20:00 UTC on 19/11 is already 20/11 in Asia/Ho_Chi_Minh.
    late = datetime.datetime(2019, 11, 19, 20, 0, tzinfo=datetime.UTC)
    first = SessionFactory(campaign=campaign, title="Phiên họp xét Bằng khen", meets_at=late,
                           status=SessionStatus.CLOSED)
    second = SessionFactory(campaign=campaign, title="Phiên họp xét Cờ thi đua",
                            meets_at=datetime.datetime(2019, 12, 2, 1, 30, tzinfo=datetime.UTC))
    assert run("--list").splitlines() == [
        f"{first.pk}\t20/11/2019\tĐã kết thúc bỏ phiếu\tPhiên họp xét Bằng khen\tPhong trào thi đua đặc biệt năm 2019",
        f"{second.pk}\t02/12/2019\tĐang chuẩn bị\tPhiên họp xét Cờ thi đua\tPhong trào thi đua đặc biệt năm 2019",
    ]


@pytest.mark.django_db
def test_list_prints_nothing_without_sessions():
    assert run("--list") == ""


@compiles
def test_session_dossier_written_to_the_file(tmp_path):
    session = closed_session(nominees=2)
    output = tmp_path / "ho-so.pdf"
    printed = run("--session", str(session.pk), "--output", str(output))
    dossier = Dossier.objects.get(session=session)
    assert dossier.status == DossierStatus.READY
    assert printed == f"Đã ghi {output}: {dossier.pages} trang, SHA-256 {dossier.sha256}.\n"
    assert output.read_bytes()[:5] == b"%PDF-"
    assert sha256_of(output) == dossier.sha256
    text = pdf_text(output)
    names = [str(item.nomination.recipient) for item in session.items.select_related("nomination__person")]
    assert len(names) == 2
    assert [name for name in names if fold(name) not in text] == []


@compiles
def test_batch_dossier_written_to_the_file(tmp_path):
    batch = BatchFactory(status="submitted", submitted_at=timezone.now(), letter_number="27/TTr-UBND")
    for name in ("Hoàng Văn Đạt", "Nông Thị Ánh Tuyết"):
        NominationFactory(batch=batch, person=PersonFactory(unit=batch.unit, full_name=name))
    output = tmp_path / "to-trinh.pdf"
    printed = run("--batch", str(batch.pk), "--output", str(output))
    dossier = Dossier.objects.get(batch=batch)
    assert (dossier.status, dossier.session) == (DossierStatus.READY, None)
    assert printed == f"Đã ghi {output}: {dossier.pages} trang, SHA-256 {dossier.sha256}.\n"
    assert sha256_of(output) == dossier.sha256
    text = pdf_text(output)
    assert (fold("Hoàng Văn Đạt") in text, fold("Nông Thị Ánh Tuyết") in text, "27/TTr-UBND" in text) == (
        True, True, True)


@pytest.mark.django_db
def test_unknown_session_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        run("--session", "987654", "--output", str(tmp_path / "x.pdf"))
    assert str(refused.value) == "Không có phiên họp Hội đồng mã 987654."
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.django_db
def test_session_id_zero_is_looked_up_among_sessions(tmp_path):
    with pytest.raises(CommandError) as refused:
        run("--session", "0", "--output", str(tmp_path / "x.pdf"))
    assert str(refused.value) == "Không có phiên họp Hội đồng mã 0."


@pytest.mark.django_db
def test_unknown_batch_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        run("--batch", "987654", "--output", str(tmp_path / "x.pdf"))
    assert str(refused.value) == "Không có tờ trình đề nghị khen thưởng mã 987654."


@pytest.mark.django_db
def test_session_not_closed_is_refused(tmp_path):
    session = closed_session(nominees=1)
    session.status = SessionStatus.OPEN
    session.save()
    with pytest.raises(CommandError) as refused:
        run("--session", str(session.pk), "--output", str(tmp_path / "x.pdf"))
    assert str(refused.value) == "Chỉ lập được hồ sơ khi phiên họp đã kết thúc bỏ phiếu."
    assert (Dossier.objects.count(), (tmp_path / "x.pdf").exists()) == (0, False)


@pytest.mark.django_db
def test_compiling_without_an_output_file_is_refused():
    session = closed_session(nominees=1)
    with pytest.raises(CommandError) as refused:
        run("--session", str(session.pk))
    assert str(refused.value) == "Cần cho biết tệp ghi ra: --output TỆP."
    assert Dossier.objects.count() == 0
