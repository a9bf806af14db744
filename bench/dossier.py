"""Compiles the dossier of a council session of 300 nominees on generated data and prints its figures.

    .venv/bin/python bench/dossier.py            # a fresh SQLite database in a temporary folder
    DATABASE_URL=postgres://… .venv/bin/python bench/dossier.py   # an empty PostgreSQL database

1. The dossier compiled as `manage.py compile_dossier` does on the embedded default (one process, the jobs run
   in-process): pages, seconds from the request to the stored file, pages per second, peak memory (the process's
   maximum resident set).
2. The floor: WeasyPrint alone rendering the same HTML (every document laid out, all pages written as one PDF), in a
   process of its own, with its seconds and peak memory.
3. With Redis on 127.0.0.1:6379 (database 15, emptied first): the same compile through Celery workers started with
   one and then two worker processes, and the speed-up.

Targets on a 2-core machine: at least 15 pages a second; no more than 25 % above the floor; peak memory under 1 GB;
two worker processes at least 1.6 times faster than one.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="thidua-bench-dossier-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.pop("CELERY_BROKER_URL", None)

import django  # noqa: E402

django.setup()

NOMINEES = 300
BROKER = "redis://127.0.0.1:6379/15"
TASK_LINE = ("Chủ động tham mưu, tổ chức thực hiện có hiệu quả các nội dung của phong trào thi đua; hoàn thành "
             "vượt mức chỉ tiêu được giao, được cấp trên ghi nhận và nhân dân đồng tình, ủng hộ. ")


def build_session():
    """A closed session of NOMINEES nominees (a third collectives), each report one to two pages of text."""
    import datetime

    from django.utils import timezone

    from awards.models import AgendaItem, CouncilRole, NominationTask, Outcome, SessionStatus
    from campaign.models import CampaignStatus
    from portal.tests.factories import (
        AgendaItemFactory,
        CampaignFactory,
        CouncilMemberFactory,
        NominationFactory,
        PersonFactory,
        SessionFactory,
        SessionMemberFactory,
        TaskFactory,
        UnitFactory,
    )

    campaign = CampaignFactory(status=CampaignStatus.EVALUATING)
    tasks = [TaskFactory(campaign=campaign) for _ in range(3)]
    session = SessionFactory(campaign=campaign, chair=CouncilMemberFactory(role=CouncilRole.CHAIR))
    SessionMemberFactory(session=session, member=session.chair)
    SessionMemberFactory(session=session, member=session.secretary)
    for _ in range(7):
        SessionMemberFactory(session=session)
    units = [UnitFactory() for _ in range(30)]
    for i in range(NOMINEES):
        unit = units[i % len(units)]
        item = AgendaItemFactory(session=session, position=i)
        nomination = item.nomination
        if i % 3 == 0:
            NominationFactory._meta.model.objects.filter(pk=nomination.pk).update(
                recipient_kind="collective", unit=unit, person=None)
        else:
            person = PersonFactory(unit=unit, full_name=f"Hoàng Văn Nghiệm {i + 1}")
            NominationFactory._meta.model.objects.filter(pk=nomination.pk).update(person=person)
        paragraphs = 1 + 2 * (i % 2)  # a report of one page or of two
        for task in tasks:
            NominationTask.objects.create(nomination=nomination, task=task, text=TASK_LINE * paragraphs)
        agree = 7 + i % 3
        AgendaItem.objects.filter(pk=item.pk).update(agree=agree, disagree=9 - agree, lower=0, invalid=0,
                                                     not_voted=0, outcome=Outcome.PASSED if agree >= 8
                                                     else Outcome.FAILED,
                                                     awarded_form=nomination.award_form if agree >= 8 else None)
    session.status = SessionStatus.CLOSED
    session.member_count = 9
    session.opened_at = timezone.now() - datetime.timedelta(hours=1)
    session.closed_at = timezone.now()
    session.save()
    return session


def floor(session_id):
    """WeasyPrint alone on the same HTML the compile lays out (each part's document or run of reports), every page
    written as one PDF; prints JSON {pages, seconds, peak_mb}."""
    from weasyprint import HTML

    from awards.models import CouncilSession
    from awards.selectors.dossier import session_documents
    from awards.services.dossiers import html_of, plan_parts
    from campaign.pdf import FONT_CONFIG

    html = [html_of(docs) for _, docs in plan_parts(session_documents(CouncilSession.objects.get(pk=session_id)))]
    HTML(string=html[0]).render(font_config=FONT_CONFIG)  # the fonts are scanned once, as in a running worker
    start = time.perf_counter()
    rendered = [HTML(string=text).render(font_config=FONT_CONFIG) for text in html]
    pages = [page for document in rendered for page in document.pages]
    rendered[0].copy(pages).write_pdf()
    seconds = time.perf_counter() - start
    print(json.dumps({"pages": len(pages), "seconds": seconds,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def child(args, env=None):
    """Run a child Python process; returns (stdout, its peak RSS in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return result.stdout, max(after, before) / 1024


def compile_seconds(session_id, env=None):
    """Compile through `manage.py compile_dossier`; returns (dossier, seconds from request to file, peak MB)."""
    from awards.models import Dossier

    with tempfile.NamedTemporaryFile(suffix=".pdf") as output:
        _, peak = child(["manage.py", "compile_dossier", "--session", str(session_id), "--output", output.name],
                        env)
    dossier = Dossier.objects.filter(session_id=session_id).order_by("-pk").first()
    return dossier, (dossier.finished_at - dossier.requested_at).total_seconds(), peak


def redis_up():
    import redis

    try:
        client = redis.Redis.from_url(BROKER)
        client.flushdb()
        return True
    except redis.exceptions.ConnectionError:
        return False


def with_workers(session_id, processes):
    """Seconds of a compile served by a Celery worker of ``processes`` processes."""
    env = {**os.environ, "CELERY_BROKER_URL": BROKER}
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "portal", "worker", "-P", "prefork", "-c",
                               str(processes), "--without-gossip", "--without-mingle", "--without-heartbeat",
                               "-l", "WARNING"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        time.sleep(5)  # the worker's processes import Django and scan the fonts
        _, seconds, _ = compile_seconds(session_id, {"CELERY_BROKER_URL": BROKER})
        return seconds
    finally:
        worker.terminate()
        worker.wait(30)


def main():
    from django.core.management import call_command

    if len(sys.argv) == 3 and sys.argv[1] == "--floor":
        floor(int(sys.argv[2]))
        return
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    session = build_session()
    print(f"Dữ liệu: phiên họp {session.pk} với {NOMINEES} người, tập thể được đề nghị "
          f"({time.perf_counter() - start:.1f} s để tạo)")
    # The compile first: the peak of the children so far is then its own.
    dossier, seconds, peak = compile_seconds(session.pk)
    print(f"Hồ sơ (một tiến trình): {dossier.pages} trang, {seconds:.1f} s, {dossier.pages / seconds:.1f} trang/s, "
          f"bộ nhớ đỉnh {peak:.0f} MB, {dossier.size / 1024 / 1024:.1f} MB", flush=True)
    from awards.selectors.dossiers import is_out_of_date

    start = time.perf_counter()
    stale = is_out_of_date(dossier)
    print(f"Kiểm tra hồ sơ còn khớp dữ liệu (trang hồ sơ): {1000 * (time.perf_counter() - start):.0f} ms"
          f"{' – đã cũ' if stale else ''}", flush=True)
    base = json.loads(child([__file__, "--floor", str(session.pk)])[0])
    print(f"Mức sàn (chỉ WeasyPrint, cùng HTML): {base['pages']} trang, {base['seconds']:.1f} s, "
          f"{base['pages'] / base['seconds']:.1f} trang/s, bộ nhớ đỉnh {base['peak_mb']:.0f} MB")
    print(f"Chênh so với mức sàn: {100 * (seconds / base['seconds'] - 1):+.0f} %")
    if not redis_up():
        print("Không có Redis ở 127.0.0.1:6379: bỏ qua phép đo với tiến trình Celery.")
        return
    one = with_workers(session.pk, 1)
    two = with_workers(session.pk, 2)
    print(f"Qua Celery: 1 tiến trình {one:.1f} s, 2 tiến trình {two:.1f} s, nhanh hơn {one / two:.2f} lần")


if __name__ == "__main__":
    main()
