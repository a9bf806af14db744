"""The dossier screens: asking for a compile (the job goes after the commit), the progress partial that polls until
the compile ends, a failure with its reason and the restart, the downloads, the out-of-date warning, who sees which
subject's dossier, and the page's query count."""

import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.models import Dossier, DossierStatus
from awards.selectors.dossiers import current_data_version
from portal.tests.factories import (
    AgendaItemFactory,
    BatchFactory,
    DossierFactory,
    NominationFactory,
    SessionFactory,
    SessionMemberFactory,
)
from portal.tests.helpers import query_count

POLLING = 'hx-trigger="every 2s"'


@pytest.fixture
def seat(dora):
    return dora.council_seats.get()


def closed_session(seat):
    """A closed session dora chairs and sits in, with one nominee passed (1 of 1 votes)."""
    session = SessionFactory(chair=seat, secretary=seat, status="closed", member_count=1)
    SessionMemberFactory(session=session, member=seat)
    item = AgendaItemFactory(session=session, agree=1, disagree=0, lower=0, invalid=0, not_voted=0, outcome="passed")
    item.awarded_form = item.nomination.award_form
    item.save()
    return session


@pytest.fixture
def session(seat):
    return closed_session(seat)


@pytest.fixture
def batch(unit_a):
    """unit_a's submitted batch (bob's unit) with one nominee."""
    batch = BatchFactory(unit=unit_a, status="submitted", submitted_at=timezone.now())
    NominationFactory(batch=batch)
    return batch


def page_url(session):
    return reverse("awards:session_dossier", args=[session.pk])


def batch_url(batch, name="batch_dossier", **kwargs):
    return reverse(f"awards:{name}", kwargs={"pk": batch.campaign_id, "batch_pk": batch.pk, **kwargs})


def url(name, session, **kwargs):
    return reverse(f"awards:{name}", kwargs={"pk": session.pk, **kwargs})


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- Asking for a compile ----------------------------------------------------------------------------------------


def test_start_queues_a_dossier_and_sends_the_job_after_the_commit(role_clients, alice, session,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = role_clients["staff"].post(url("session_dossier_start", session))
    dossier = Dossier.objects.get()
    assert (response.status_code, response.url) == (302, page_url(session))
    assert (dossier.session_id, dossier.status, dossier.requested_by, dossier.parts.count()) == (
        session.pk, DossierStatus.QUEUED, alice, 0)
    assert len(callbacks) == 1
    assert flashed(response) == ["Đã yêu cầu lập hồ sơ; trang tự cập nhật khi lập xong."]


def test_start_job_run_after_the_commit_makes_the_dossier_ready(role_clients, session,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        role_clients["staff"].post(url("session_dossier_start", session))
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.error) == (DossierStatus.READY, ""), dossier.error
    response = role_clients["staff"].get(page_url(session))
    assert response.content.decode().count(url("session_dossier_pdf", session, dossier_pk=dossier.pk)) == 1
    check = role_clients["staff"].get(url("session_dossier_progress", session) + "?kiem-tra=1")
    assert (check.context["out_of_date"], "Hồ sơ khớp với dữ liệu hiện tại." in check.content.decode()) == (False, True)


def test_start_while_a_compile_runs_adds_none(role_clients, session, django_capture_on_commit_callbacks):
    running = DossierFactory(session=session, status="running")
    with django_capture_on_commit_callbacks() as callbacks:
        response = role_clients["staff"].post(url("session_dossier_start", session))
    assert (list(Dossier.objects.all()), callbacks) == ([running], [])
    assert flashed(response) == ["Hồ sơ đang được lập; trang tự cập nhật khi lập xong."]


def test_start_refused_for_a_session_without_nominees(role_clients, seat):
    empty = SessionFactory(chair=seat, status="closed", member_count=1)
    response = role_clients["staff"].post(url("session_dossier_start", empty))
    assert (response.status_code, Dossier.objects.count()) == (302, 0)
    assert flashed(response) == ["Phiên họp không có đề nghị nào để lập hồ sơ."]


def test_start_refused_while_the_ballot_is_open(role_clients, seat):
    session = SessionFactory(chair=seat, status="open", member_count=1)
    SessionMemberFactory(session=session, member=seat)
    assert role_clients["staff"].post(url("session_dossier_start", session)).status_code == 403
    assert role_clients["staff"].get(page_url(session)).status_code == 403
    assert role_clients["council"].get(page_url(session)).status_code == 403


def test_member_reads_the_dossier_but_may_not_compile(role_clients, session):
    DossierFactory(session=session)
    response = role_clients["council"].get(page_url(session))
    assert (response.status_code, response.context["can_compile"]) == (200, False)
    assert "Lập hồ sơ</button>" not in response.content.decode()
    assert role_clients["council"].post(url("session_dossier_start", session)).status_code == 403


def test_start_button_confirms_only_over_a_ready_dossier(role_clients, session):
    response = role_clients["staff"].get(page_url(session))
    assert (response.context["dossier"], response.content.decode().count("data-confirm")) == (None, 0)
    DossierFactory(session=session)
    content = role_clients["staff"].get(page_url(session)).content.decode()
    assert content.count('data-confirm="Hồ sơ đã được lập.') == 1


def test_officer_compiles_own_batch(role_clients, bob, batch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = role_clients["officer"].post(batch_url(batch, "batch_dossier_start"))
    dossier = Dossier.objects.get()
    assert (response.url, dossier.batch_id, dossier.session_id, dossier.requested_by, len(callbacks)) == (
        batch_url(batch), batch.pk, None, bob, 1)


# --- The progress partial ----------------------------------------------------------------------------------------


def test_progress_polls_while_the_compile_runs(role_clients, session):
    DossierFactory(session=session, status="running", parts_total=3, parts_done=1)
    progress = url("session_dossier_progress", session)
    content = role_clients["staff"].get(progress).content.decode()
    assert content.count(POLLING) == 1
    assert content.count(f'hx-get="{progress}"') == 1
    assert content.count('<progress class="portal-progress" value="30" max="100"') == 1
    assert "Đã lập 1/3 phần." in content
    assert role_clients["staff"].get(page_url(session)).content.decode().count(POLLING) == 1


def test_progress_stops_polling_once_ready(role_clients, session):
    dossier = DossierFactory(session=session)
    response = role_clients["staff"].get(url("session_dossier_progress", session))
    content = response.content.decode()
    # Ready: no polling, no progress bar; one request afterwards asks whether the data changed since.
    assert (content.count(POLLING), content.count("hx-get"), content.count("<progress")) == (0, 1, 0)
    assert content.count('hx-trigger="load"') == 1
    assert content.count(dossier.sha256) == 1
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_progress_of_a_subject_without_dossier(role_clients, session):
    content = role_clients["staff"].get(url("session_dossier_progress", session)).content.decode()
    assert (content.count(POLLING), content.count("Hồ sơ chưa được lập lần nào.")) == (0, 1)


# --- A failure and the restart -----------------------------------------------------------------------------------


def test_failed_compile_shows_its_reason_and_restarts(role_clients, alice, session,
                                                      django_capture_on_commit_callbacks):
    failed = DossierFactory(session=session, status="failed",
                            error="Không đọc hoặc ghi được kho lưu trữ tệp (đầy ổ đĩa).")
    content = role_clients["staff"].get(page_url(session)).content.decode()
    restart = url("session_dossier_restart", session, dossier_pk=failed.pk)
    assert content.count("Không đọc hoặc ghi được kho lưu trữ tệp (đầy ổ đĩa).") == 1
    assert (content.count(f'action="{restart}"'), content.count(POLLING)) == (1, 0)
    with django_capture_on_commit_callbacks() as callbacks:
        response = role_clients["staff"].post(restart)
    queued = Dossier.objects.exclude(pk=failed.pk).get()
    failed.refresh_from_db()
    assert (response.url, queued.status, queued.requested_by, failed.status, len(callbacks)) == (
        page_url(session), DossierStatus.QUEUED, alice, DossierStatus.FAILED, 1)
    assert flashed(response) == ["Đã yêu cầu lập lại hồ sơ; trang tự cập nhật khi lập xong."]
    page = role_clients["staff"].get(page_url(session))
    assert (page.context["dossier"], page.context["earlier"]) == (queued, [failed])


def test_restart_of_a_ready_dossier_is_refused(role_clients, session):
    ready = DossierFactory(session=session)
    response = role_clients["staff"].post(url("session_dossier_restart", session, dossier_pk=ready.pk))
    assert (list(Dossier.objects.all()), flashed(response)) == (
        [ready], ["Chỉ lập lại được hồ sơ đã lập không thành công hoặc đã dừng giữa chừng."])


def test_restart_of_another_sessions_dossier_is_404(role_clients, seat, session):
    other = DossierFactory(session=closed_session(seat), status="failed", error="Lỗi khi lập hồ sơ: KeyError.")
    assert role_clients["staff"].post(url("session_dossier_restart", session, dossier_pk=other.pk)).status_code == 404


# --- Downloads -----------------------------------------------------------------------------------------------------


def test_pdf_download_is_the_stored_file(role_clients, session):
    dossier = DossierFactory(session=session)
    response = role_clients["council"].get(url("session_dossier_pdf", session, dossier_pk=dossier.pk))
    with dossier.file.open("rb") as stored:
        assert body(response) == stored.read()
    assert (response.headers["Content-Type"], response.headers["Content-Disposition"]) == (
        "application/pdf", f'attachment; filename="ho-so-phien-hop-{session.pk}.pdf"')


def test_zip_download_is_the_stored_file(role_clients, session):
    dossier = DossierFactory(session=session)
    response = role_clients["staff"].get(url("session_dossier_zip", session, dossier_pk=dossier.pk))
    with dossier.zip_file.open("rb") as stored:
        assert body(response) == stored.read()
    assert (response.headers["Content-Type"], response.headers["Content-Disposition"]) == (
        "application/zip", f'attachment; filename="ho-so-phien-hop-{session.pk}.zip"')


def test_document_download_is_the_parts_file(role_clients, session):
    dossier = DossierFactory(session=session)
    letter = dossier.parts.get(kind="letter")
    response = role_clients["staff"].get(url("session_dossier_document", session, dossier_pk=dossier.pk,
                                             part_pk=letter.pk))
    with letter.file.open("rb") as stored:
        assert body(response) == stored.read()
    assert (response.headers["Content-Type"], response.headers["Content-Disposition"]) == (
        "application/pdf", f'attachment; filename="ho-so-phien-hop-{session.pk}-01-to-trinh.pdf"')


def test_document_download_refuses_the_reports_part_and_another_dossiers_part(role_clients, seat, session):
    dossier = DossierFactory(session=session)
    reports = dossier.parts.get(kind="reports")
    other = DossierFactory(session=closed_session(seat)).parts.get(kind="letter")
    for part in (reports, other):
        response = role_clients["staff"].get(url("session_dossier_document", session, dossier_pk=dossier.pk,
                                                 part_pk=part.pk))
        assert response.status_code == 404


def test_report_download_is_the_nominees_pages(role_clients, session):
    dossier = DossierFactory(session=session)
    response = role_clients["staff"].get(url("session_dossier_report", session, dossier_pk=dossier.pk, number=1))
    assert len(PdfReader(io.BytesIO(body(response))).pages) == 2
    assert (response.headers["Content-Type"], response.headers["Content-Disposition"]) == (
        "application/pdf", f'attachment; filename="ho-so-phien-hop-{session.pk}-bao-cao-001-nguyen-van-duc.pdf"')
    missing = url("session_dossier_report", session, dossier_pk=dossier.pk, number=2)
    assert role_clients["staff"].get(missing).status_code == 404


def test_page_lists_each_document_and_each_nominees_report(role_clients, session):
    dossier = DossierFactory(session=session)
    response = role_clients["staff"].get(page_url(session))
    assert [(item["label"], item["url"]) for item in response.context["documents"]] == [
        ("Tờ trình", url("session_dossier_document", session, dossier_pk=dossier.pk,
                         part_pk=dossier.parts.get(kind="letter").pk))]
    assert [(item["number"], item["label"], item["url"]) for item in response.context["reports"]] == [
        (1, "Nguyễn Văn Đức", url("session_dossier_report", session, dossier_pk=dossier.pk, number=1))]


def test_downloads_of_a_compile_not_ready_or_of_another_session_are_404(role_clients, seat, session):
    running = DossierFactory(session=session, status="running")
    elsewhere = DossierFactory(session=closed_session(seat))
    for dossier in (running, elsewhere):
        for name in ("session_dossier_pdf", "session_dossier_zip"):
            assert role_clients["staff"].get(url(name, session, dossier_pk=dossier.pk)).status_code == 404


def test_batch_downloads_are_named_after_the_batch(role_clients, batch):
    dossier = DossierFactory(session=None, batch=batch)
    response = role_clients["officer"].get(batch_url(batch, "batch_dossier_pdf", dossier_pk=dossier.pk))
    with dossier.file.open("rb") as stored:
        assert body(response) == stored.read()
    assert response.headers["Content-Disposition"] == f'attachment; filename="ho-so-to-trinh-{batch.pk}.pdf"'


# --- Out of date --------------------------------------------------------------------------------------------------


def test_out_of_date_warning_shows_after_a_nominees_summary_changes(role_clients, session):
    DossierFactory(session=session, data_version=current_data_version(session))
    warning = "Dữ liệu đã thay đổi sau khi lập hồ sơ này"
    check = url("session_dossier_progress", session) + "?kiem-tra=1"
    page = role_clients["staff"].get(page_url(session)).content.decode()
    assert f'hx-get="{check}" hx-trigger="load"' in page  # the page asks afterwards, without delaying itself
    response = role_clients["staff"].get(check)
    assert (response.context["out_of_date"], response.content.decode().count(warning)) == (False, 0)
    nomination = session.items.get().nomination
    nomination.summary = "Hoàn thành xuất sắc nhiệm vụ năm 2019, có hai sáng kiến được công nhận."
    nomination.save()
    response = role_clients["staff"].get(check)
    assert (response.context["out_of_date"], response.content.decode().count(warning)) == (True, 1)


# --- Who sees which dossier ---------------------------------------------------------------------------------------


def test_another_units_batch_dossier_is_404(role_clients, batch):
    dossier = DossierFactory(session=None, batch=batch)
    client = role_clients["other_officer"]
    assert client.get(batch_url(batch)).status_code == 404
    assert client.get(batch_url(batch, "batch_dossier_progress")).status_code == 404
    assert client.post(batch_url(batch, "batch_dossier_start")).status_code == 404
    assert client.get(batch_url(batch, "batch_dossier_pdf", dossier_pk=dossier.pk)).status_code == 404
    assert Dossier.objects.count() == 1


def test_session_the_member_does_not_sit_in_is_404(role_clients, session):
    elsewhere = SessionFactory(status="closed", member_count=1)
    SessionMemberFactory(session=elsewhere)
    dossier = DossierFactory(session=elsewhere)
    client = role_clients["council"]
    assert client.get(page_url(elsewhere)).status_code == 404
    assert client.get(url("session_dossier_pdf", elsewhere, dossier_pk=dossier.pk)).status_code == 404


def test_batch_dossier_of_another_batch_is_404(role_clients, unit_a, batch):
    sibling = BatchFactory(unit=unit_a, campaign=batch.campaign, status="submitted", submitted_at=timezone.now())
    dossier = DossierFactory(session=None, batch=sibling)
    response = role_clients["officer"].get(batch_url(batch, "batch_dossier_pdf", dossier_pk=dossier.pk))
    assert response.status_code == 404


def test_detail_pages_link_to_the_dossier(role_clients, seat, session, batch):
    link = "Hồ sơ khen thưởng</a>"
    detail = reverse("awards:session_detail", args=[session.pk])
    assert role_clients["staff"].get(detail).content.decode().count(page_url(session)) == 1
    assert role_clients["council"].get(detail).content.decode().count(link) == 1
    open_session = SessionFactory(chair=seat, status="open", member_count=1)
    content = role_clients["staff"].get(reverse("awards:session_detail", args=[open_session.pk])).content.decode()
    assert content.count(link) == 0
    content = role_clients["officer"].get(batch.get_absolute_url()).content.decode()
    assert content.count(f'href="{batch_url(batch)}"') == 1


# --- Query counts ---------------------------------------------------------------------------------------------------


def test_session_dossier_page_query_count_does_not_grow(role_clients, session, django_assert_num_queries):
    DossierFactory(session=session, status="failed", error="Lỗi khi lập hồ sơ: KeyError.")
    DossierFactory(session=session)
    client, page = role_clients["staff"], page_url(session)
    with_one = query_count(client, page)
    for _ in range(4):
        DossierFactory(session=session, status="failed", error="Lỗi khi lập hồ sơ: KeyError.")
        DossierFactory(session=session)
    assert len(client.get(page).context["earlier"]) == 9
    with django_assert_num_queries(with_one):
        client.get(page)


def test_batch_dossier_page_query_count_does_not_grow(role_clients, batch, django_assert_num_queries):
    DossierFactory(session=None, batch=batch)
    client, page = role_clients["officer"], batch_url(batch)
    with_one = query_count(client, page)
    for _ in range(5):
        DossierFactory(session=None, batch=batch)
    assert len(client.get(page).context["earlier"]) == 5
    with django_assert_num_queries(with_one):
        client.get(page)
