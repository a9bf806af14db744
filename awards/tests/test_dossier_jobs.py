"""Compiling dossiers as jobs: in-process on the embedded default, through a real worker, with duplicated and retried
jobs, a dead worker's claim taken over, failures with their reason, and a worker process killed in the middle."""

import datetime
import hashlib
import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from celery.signals import task_postrun
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from awards import tasks
from awards.models import (
    AgendaItem,
    CouncilRole,
    Dossier,
    DossierPart,
    DossierStatus,
    NominationTask,
    Outcome,
    PartStatus,
    SessionStatus,
)
from awards.selectors.dossiers import is_out_of_date
from awards.services import dossiers
from campaign.models import CampaignStatus
from portal.celery import app
from portal.tests.factories import (
    AgendaItemFactory,
    CampaignFactory,
    CouncilMemberFactory,
    NominationFileFactory,
    SessionFactory,
    SessionMemberFactory,
    TaskFactory,
)

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = connection.vendor == "postgresql" or settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
REDIS = settings.CELERY_TEST_BROKER_URL.startswith("redis://")


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """A storage folder of the test's own: dossier ids repeat across tests, their files must not."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def closed_session(nominees=3, members=9, agree=8):
    """A closed session whose ``nominees`` individuals each got ``agree`` of ``members`` votes (passed at 80 %)."""
    campaign = CampaignFactory(status=CampaignStatus.EVALUATING)
    task = TaskFactory(campaign=campaign)
    session = SessionFactory(campaign=campaign, chair=CouncilMemberFactory(role=CouncilRole.CHAIR))
    SessionMemberFactory(session=session, member=session.chair)
    SessionMemberFactory(session=session, member=session.secretary)
    for _ in range(members - 2):
        SessionMemberFactory(session=session)
    for position in range(nominees):
        item = AgendaItemFactory(session=session, position=position)
        NominationTask.objects.create(nomination=item.nomination, task=task,
                                      text="Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2019.")
        AgendaItem.objects.filter(pk=item.pk).update(
            agree=agree, disagree=members - agree, lower=0, invalid=0, not_voted=0, outcome=Outcome.PASSED,
            awarded_form=item.nomination.award_form)
    session.status, session.member_count = SessionStatus.CLOSED, members
    session.opened_at = session.closed_at = timezone.now()
    session.save()
    return session


def stored_names(dossier_id):
    """Every file under the dossier's folder in the storage (parts included)."""
    def walk(path):
        folders, files = default_storage.listdir(path)
        return [f"{path}/{name}" for name in files] + [name for folder in folders for name in walk(f"{path}/{folder}")]

    root = f"dossiers/{dossier_id}"
    return sorted(walk(root)) if default_storage.exists(root) else []


def merged_names(dossier_id):
    """The merged PDFs and ZIPs stored for the dossier (not its parts)."""
    return [name for name in stored_names(dossier_id) if "/parts/" not in name]


def compile_now(subject, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossiers.request_dossier(subject, by=by)
    return Dossier.objects.get(pk=dossier.pk)


@pytest.mark.django_db
@override_settings(PORTAL_DOSSIER_REPORTS_PER_PART=2)
def test_compile_in_process_stores_one_dossier_with_its_sha256(alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=3)
    item = session.items.first()
    NominationFileFactory(batch=item.nomination.batch, nomination=item.nomination, original_name="Bằng tốt nghiệp.pdf")
    dossier = compile_now(session, alice, django_capture_on_commit_callbacks)
    assert dossier.status == DossierStatus.READY
    assert (dossier.parts_total, dossier.parts_done) == (7, 7)  # letter, minutes, list, 2 runs of reports, …
    with dossier.file.open("rb") as stream:
        data = stream.read()
    assert hashlib.sha256(data).hexdigest() == dossier.sha256
    assert len(PdfReader(io.BytesIO(data)).pages) == dossier.pages == sum(p.pages for p in dossier.parts.all())
    assert dossier.data_version == dossiers.documents_of.data_version(dossiers.documents(session))
    assert merged_names(dossier.pk) == sorted([dossier.file.name, dossier.zip_file.name])
    with dossier.zip_file.open("rb") as stream:
        names = zipfile.ZipFile(io.BytesIO(stream.read())).namelist()
    assert f"ho-so-phien-hop-{session.pk}.pdf" in names
    assert [name for name in names if name.startswith("minh-chung/")] == [
        f"minh-chung/{dossiers.documents_of.evidence_files(session)[0]['folder']}/Bằng tốt nghiệp.pdf"]


@pytest.mark.django_db
def test_dossier_bookmarks_one_per_document_and_nominee(alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=2)
    dossier = compile_now(session, alice, django_capture_on_commit_callbacks)
    with dossier.file.open("rb") as stream:
        reader = PdfReader(io.BytesIO(stream.read()))
    top = [item for item in reader.outline if not isinstance(item, list)]
    nested = next(item for item in reader.outline if isinstance(item, list))
    names = sorted(str(i.nomination.recipient) for i in session.items.select_related("nomination__person"))
    assert [item.title for item in top] == [entry["label"] for entry in dossier.outline if entry["level"] == 1]
    assert sorted(item.title for item in nested) == names
    assert [reader.get_destination_page_number(item) for item in top] == [
        entry["page"] for entry in dossier.outline if entry["level"] == 1]


@pytest.mark.django_db
def test_duplicate_and_retried_jobs_store_no_second_file(alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=2)
    dossier = compile_now(session, alice, django_capture_on_commit_callbacks)
    before = stored_names(dossier.pk)
    tasks.compile_dossier.delay(dossier.pk)
    for part in dossier.parts.all():
        tasks.render_dossier_part.delay(part.pk, dossier.pk)
    tasks.merge_dossier.delay(dossier.pk)
    assert stored_names(dossier.pk) == before
    assert Dossier.objects.get(pk=dossier.pk).sha256 == dossier.sha256


@pytest.mark.django_db
def test_second_request_while_running_returns_the_same_dossier(alice):
    session = closed_session(nominees=1)
    first = dossiers.request_dossier(session, by=alice)
    assert dossiers.request_dossier(session, by=alice) == first
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_a_dead_workers_claim_is_taken_over_and_a_live_one_is_not(alice):
    session = closed_session(nominees=1)
    dossier = dossiers.request_dossier(session, by=alice)  # not compiled: no commit in this test
    part_ids = dossiers.plan_dossier(dossier.pk)
    live, dead = part_ids[0], part_ids[1]
    now = timezone.now()
    DossierPart.objects.filter(pk=live).update(status=PartStatus.RUNNING, claim_token="a" * 32, heartbeat_at=now)
    gone = now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    DossierPart.objects.filter(pk=dead).update(status=PartStatus.RUNNING, claim_token="b" * 32, heartbeat_at=gone)
    assert sorted(dossiers.unfinished_parts(dossier.pk)) == sorted(part_ids[1:])
    with pytest.raises(dossiers.ClaimHeld) as held:
        dossiers.render_part(live)
    assert settings.CELERY_TASK_TIME_LIMIT - 5 <= held.value.seconds <= settings.CELERY_TASK_TIME_LIMIT
    dossiers.render_part(dead)
    assert DossierPart.objects.get(pk=live).status == PartStatus.RUNNING
    assert DossierPart.objects.get(pk=dead).status == PartStatus.DONE
    # Once the live claim's lease has run out too, the rest is rendered and merged into one dossier.
    DossierPart.objects.filter(pk=live).update(heartbeat_at=gone)
    for part_id in dossiers.unfinished_parts(dossier.pk):
        dossiers.render_part(part_id)
    assert dossiers.merge_dossier(dossier.pk) is True
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.READY


@pytest.mark.django_db
def test_sweep_sends_again_what_lost_jobs_left(alice):
    session = closed_session(nominees=1)
    lost = dossiers.request_dossier(session, by=alice)  # its job never ran: no commit in this test
    assert dossiers.sweep() == ([], [], [])
    gone = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    Dossier.objects.filter(pk=lost.pk).update(requested_at=gone)
    assert dossiers.sweep() == ([lost.pk], [], [])
    part_ids = dossiers.plan_dossier(lost.pk)
    DossierPart.objects.filter(pk=part_ids[0]).update(status=PartStatus.RUNNING, heartbeat_at=gone)
    assert dossiers.sweep() == ([], [(part_ids[0], lost.pk)], [])
    Dossier.objects.filter(pk=lost.pk).update(heartbeat_at=gone)  # nothing moved on for a lease: all are resent
    assert sorted(dossiers.sweep()[1]) == sorted((pk, lost.pk) for pk in part_ids)
    tasks.sweep_dossiers.delay()
    assert Dossier.objects.get(pk=lost.pk).status == DossierStatus.READY


@pytest.mark.django_db
def test_stalled_compile_can_be_restarted(alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=1)
    stalled = dossiers.request_dossier(session, by=alice)
    with pytest.raises(dossiers.ValidationError):
        dossiers.restart_dossier(stalled, by=alice)
    gone = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    Dossier.objects.filter(pk=stalled.pk).update(requested_at=gone)
    stalled.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        again = dossiers.restart_dossier(stalled, by=alice)
    stalled.refresh_from_db()
    assert (stalled.status, stalled.error) == (DossierStatus.FAILED,
                                               "Tiến trình nền đã dừng giữa chừng; hồ sơ được lập lại.")
    assert Dossier.objects.get(pk=again.pk).status == DossierStatus.READY


def test_job_time_limit_check_refuses_limits_above_the_visibility_timeout(settings):
    from awards.checks import job_time_limits

    assert job_time_limits(None) == []
    settings.CELERY_TASK_TIME_LIMIT = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert [error.id for error in job_time_limits(None)] == ["awards.E001"]


@pytest.mark.django_db
def test_failure_shows_its_reason_and_restart_compiles_anew(alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=1)
    dossier = dossiers.request_dossier(session, by=alice)
    dossiers.plan_dossier(dossier.pk)
    part = dossier.parts.get(position=1)
    part.documents = [{**part.documents[0], "template": "awards/dossier/khong-co.html"}]
    part.save()
    tasks.compile_dossier.delay(dossier.pk)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.error) == (DossierStatus.FAILED,
                                               "Không tìm thấy mẫu văn bản “awards/dossier/khong-co.html”.")
    with django_capture_on_commit_callbacks(execute=True):
        again = dossiers.restart_dossier(dossier, by=alice)
    again.refresh_from_db()
    assert again.pk != dossier.pk and again.status == DossierStatus.READY


@pytest.mark.django_db
def test_request_refused_before_the_ballot_closes(alice):
    session = closed_session(nominees=1)
    session.status = SessionStatus.OPEN
    session.save()
    with pytest.raises(dossiers.ValidationError) as refused:
        dossiers.request_dossier(session, by=alice)
    assert refused.value.messages == ["Chỉ lập được hồ sơ khi phiên họp đã kết thúc bỏ phiếu."]


@pytest.mark.django_db
def test_dossier_out_of_date_when_a_nominee_changes(alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=2)
    dossier = compile_now(session, alice, django_capture_on_commit_callbacks)
    assert is_out_of_date(dossier) is False
    nomination = session.items.first().nomination
    nomination.summary = "Tóm tắt mới sau khi lập hồ sơ."
    nomination.save()
    assert is_out_of_date(dossier) is True


def test_job_time_limits_stay_below_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT < visibility
    for task in (tasks.compile_dossier, tasks.render_dossier_part, tasks.merge_dossier):
        assert (task.acks_late, task.reject_on_worker_lost, task.max_retries) == (True, True, 5)
    assert [tasks._backoff(n) for n in range(3)] == [settings.PORTAL_DOSSIER_RETRY_SECONDS * k for k in (1, 2, 4)]


def wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def merged():
    """Waits until the worker has run a merge job (SQLite's shared in-memory database is not polled meanwhile: its
    table locks would fail the worker's writes)."""
    condition, names = threading.Condition(), []

    def record(sender=None, **kwargs):
        with condition:
            names.append(sender.name)
            condition.notify_all()

    def wait(timeout=60):
        with condition:
            return condition.wait_for(lambda: tasks.merge_dossier.name in names, timeout=timeout)

    task_postrun.connect(record, weak=False)
    yield wait
    task_postrun.disconnect(record)


def dossier_state(pk):
    return Dossier.objects.filter(pk=pk).values_list("status", flat=True).first()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(PORTAL_DOSSIER_REPORTS_PER_PART=1)
def test_compile_through_a_real_worker(alice, real_worker, merged):
    session = closed_session(nominees=3)
    dossier = dossiers.request_dossier(session, by=alice)
    assert merged()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.READY
    assert (dossier.parts_total, dossier.parts_done) == (8, 8)
    assert merged_names(dossier.pk) == sorted([dossier.file.name, dossier.zip_file.name])


class FlakyStorage(FileSystemStorage):
    """The file store failing its first save (a network store's hiccup): the outside world."""

    failures = 1

    def _save(self, name, content):
        if FlakyStorage.failures:
            FlakyStorage.failures -= 1
            raise ConnectionError("kho lưu trữ tạm thời không trả lời")
        return super()._save(name, content)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_transient_error_is_retried_by_the_worker(alice, real_worker, merged):
    session = closed_session(nominees=1)
    FlakyStorage.failures = 1
    storages = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FlakyStorage"}}
    with override_settings(STORAGES=storages, PORTAL_DOSSIER_RETRY_SECONDS=0):
        dossier = dossiers.request_dossier(session, by=alice)
        assert merged()
    assert FlakyStorage.failures == 0
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.READY


def start_worker_process(env):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-P", "solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.mark.worker
@pytest.mark.skipif(not (POSTGRES and REDIS), reason="needs PostgreSQL and Redis: a worker process shares both")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_killed_in_the_middle_then_retried_leaves_exactly_one_dossier(alice):
    import redis

    broker = settings.CELERY_TEST_BROKER_URL.rsplit("/", 1)[0] + "/9"
    redis.Redis.from_url(broker).flushdb()
    database = settings.DATABASES["default"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "CELERY_BROKER_URL": broker,
           "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
                           f"{database['PORT'] or 5432}/{database['NAME']}",
           "MEDIA_ROOT": str(settings.MEDIA_ROOT), "CELERY_VISIBILITY_TIMEOUT": "6",
           "CELERY_TASK_SOFT_TIME_LIMIT": "4", "CELERY_TASK_TIME_LIMIT": "5",
           "PORTAL_DOSSIER_REPORTS_PER_PART": "2", "PORTAL_DOSSIER_RETRY_SECONDS": "1"}
    session = closed_session(nominees=24)
    dossier = Dossier.objects.create(session=session, requested_by=alice)
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False

    def send(task, *args):
        # Celery reads CELERY_BROKER_URL from the environment before its settings: name the connection outright.
        with app.connection_for_write(broker) as connection:
            task.apply_async(args, connection=connection)

    workers = [start_worker_process(env)]
    try:
        send(tasks.compile_dossier, dossier.pk)
        assert wait_for(lambda: Dossier.objects.get(pk=dossier.pk).parts_done >= 3)
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(10)
        killed = Dossier.objects.get(pk=dossier.pk)
        assert killed.status == DossierStatus.RUNNING and killed.parts_done < killed.parts_total
        time.sleep(7)  # past the visibility timeout: the killed worker's message is handed out again
        workers.append(start_worker_process(env))
        assert wait_for(lambda: dossier_state(dossier.pk) == DossierStatus.READY, timeout=120), (
            Dossier.objects.filter(pk=dossier.pk).values("status", "error", "parts_done", "parts_total").get())
        ready = Dossier.objects.get(pk=dossier.pk)
        files = merged_names(dossier.pk)
        send(tasks.compile_dossier, dossier.pk)  # a job retried after the dossier is done
        send(tasks.merge_dossier, dossier.pk)
        time.sleep(3)
    finally:
        app.conf.task_always_eager = saved
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(30)
    assert files == merged_names(dossier.pk) == sorted([ready.file.name, ready.zip_file.name])
    assert Dossier.objects.filter(session=session).count() == 1
    assert Dossier.objects.get(pk=dossier.pk).sha256 == ready.sha256
    with ready.file.open("rb") as stream:
        assert hashlib.sha256(stream.read()).hexdigest() == ready.sha256
    assert ready.parts_done == ready.parts_total == DossierPart.objects.filter(dossier=ready).count()
