"""Times the list pages at province scale and prints the figures.

    .venv/bin/python bench/bench_pages.py            # a fresh SQLite database in a temporary folder
    DATABASE_URL=postgres://… .venv/bin/python bench/bench_pages.py   # an empty PostgreSQL database

Province scale: 2,000 units (11 districts' worth of communes, departments…), 60 clusters of about 30 members,
1,000 officer accounts and a campaign of 12 tasks. Each page is fetched 30 times after 3 warm-up fetches; the figure
is the median and the 90th percentile, in milliseconds, with the number of queries of one fetch.
Target: a list page of 50 rows answers in well under 100 ms with a flat number of queries.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DATABASE_URL"):
    os.environ["PORTAL_VAR_DIR"] = tempfile.mkdtemp(prefix="thidua-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

UNITS = 2000
CLUSTERS = 60
OFFICERS = 1000
RUNS = 30


def populate():
    import datetime

    from campaign.models import Campaign, LegalRegime, Task
    from units.models import Cluster, ClusterMembership, Role, Unit, UnitKind, User

    kinds = [UnitKind.COMMUNE] * 6 + [UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.ORGANISATION]
    units = Unit.objects.bulk_create(
        Unit(code=f"U{i:05d}", name=f"Đơn vị số {i}", name_sort=f"{i:05d}", name_search=f"don vi so {i}",
             kind=kinds[i % len(kinds)])
        for i in range(UNITS)
    )
    clusters = Cluster.objects.bulk_create(
        Cluster(name=f"Cụm thi đua {i}", name_sort=f"{i:03d}", name_search=f"cum thi dua {i}", kind="cum",
                scope="provincial", year=2019)
        for i in range(CLUSTERS)
    )
    ClusterMembership.objects.bulk_create(
        ClusterMembership(cluster=clusters[i % CLUSTERS], unit=unit, role="leader" if i < CLUSTERS else "member")
        for i, unit in enumerate(units)
    )
    officers = User.objects.bulk_create(
        User(username=f"canbo{i}", full_name=f"Cán bộ {i}", name_search=f"can bo {i}", role=Role.OFFICER)
        for i in range(OFFICERS)
    )
    User.units.through.objects.bulk_create(
        User.units.through(user=user, unit=units[i * 2]) for i, user in enumerate(officers)
    )
    campaign = Campaign.objects.create(
        title="Phong trào thi đua đặc biệt năm 2019", kind="special", issuing_bodies="UBND tỉnh",
        start_date=datetime.date(2019, 3, 1), end_date=datetime.date(2019, 10, 4),
        regime=LegalRegime.objects.get(code="A"), status="launched",
    )
    Task.objects.bulk_create(Task(campaign=campaign, number=n, short_title=f"Nội dung {n}", text="…") for n in range(1, 13))
    campaign.clusters.set(clusters)
    staff = User.objects.create_user("bench.staff", password="x", role=Role.STAFF, is_staff=True)
    return staff, campaign, units[0], clusters[0]


def measure(client, url, runs=RUNS):
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[max(int(runs * 0.9) - 1, 0)], len(queries)


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from units.models import Unit

    if Unit.objects.exists():
        sys.exit("Benchmark cần một cơ sở dữ liệu trống.")
    staff, campaign, unit, cluster = populate()
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    pages = [
        ("danh sách đơn vị (50 dòng)", reverse("units:unit_list")),
        ("danh sách đơn vị, trang 20", reverse("units:unit_list") + "?page=20"),
        ("tìm đơn vị", reverse("units:unit_list") + "?q=s%E1%BB%91+1"),
        ("danh sách cụm, khối", reverse("units:cluster_list")),
        ("trang cụm (34 thành viên)", reverse("units:cluster_detail", args=[cluster.pk])),
        ("trang đơn vị", reverse("units:unit_detail", args=[unit.pk])),
        ("danh sách tài khoản", reverse("units:user_list")),
        ("danh sách phong trào", reverse("campaign:list")),
        ("trang phong trào (60 cụm)", reverse("campaign:detail", args=[campaign.pk])),
    ]
    print(f"{connection.vendor}: {UNITS} đơn vị, {CLUSTERS} cụm, {OFFICERS} cán bộ; {RUNS} lần mỗi trang")
    print(f"{'trang':34} {'trung vị ms':>12} {'p90 ms':>8} {'truy vấn':>9}")
    for label, url in pages:
        median, p90, queries = measure(client, url)
        print(f"{label:34} {median:12.1f} {p90:8.1f} {queries:9d}")
    bench_progress(client, campaign, cluster)
    bench_following(client, campaign, cluster)


WORKS = 20_000


def populate_works(campaign, units):
    """20,000 works (10 a unit) serving one or two of the 12 tasks; most accepted, half with a value; a report on
    every fourth."""
    import datetime

    from campaign.models import PledgedWork, ProgressReport, WorkStatus

    states = [WorkStatus.IN_PROGRESS] * 5 + [WorkStatus.ACCEPTED, WorkStatus.COMPLETED, WorkStatus.VERIFIED,
                                             WorkStatus.DRAFT, WorkStatus.SUBMITTED]
    works = PledgedWork.objects.bulk_create(
        PledgedWork(
            campaign=campaign, unit=units[i % len(units)], title=f"Công trình số {i}", search_text=f"cong trinh so {i}",
            start_date=datetime.date(2019, 4, 1), target_date=datetime.date(2019, 9, 30), responsible_name="Nông Văn Dũng",
            # i // len(units) varies a unit's works: every unit gets every state, some values, some without.
            status=states[(i + i // len(units)) % len(states)], percent=(i * 7) % 101,
            value_vnd=(i % 5) * 250_000_000 if (i + i // len(units)) % 2 else None,
        )
        for i in range(WORKS)
    )
    tasks = list(campaign.tasks.order_by("number"))
    links = [PledgedWork.tasks.through(pledgedwork=work, task=tasks[i % 12]) for i, work in enumerate(works)]
    links += [PledgedWork.tasks.through(pledgedwork=work, task=tasks[(i + 5) % 12]) for i, work in enumerate(works)
              if i % 3 == 0]
    PledgedWork.tasks.through.objects.bulk_create(links)
    ProgressReport.objects.bulk_create(
        ProgressReport(work=work, report_date=datetime.date(2019, 6, 1), percent=work.percent, narrative="…")
        for work in works[::4]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load: the planner's row estimates
    return tasks[0]


def bench_progress(client, campaign, cluster):
    """The pages that show the roll-up of progress, with 20,000 works: the campaign, a cluster, a unit, a unit's page
    in the campaign, a task, for staff and for the officer of a cluster leader."""
    from units.models import Unit, User

    units = list(Unit.objects.order_by("code"))
    task = populate_works(campaign, units)
    unit = units[0]
    officer = Client()
    officer.force_login(User.objects.get(username="canbo0"), backend="django.contrib.auth.backends.ModelBackend")
    task_url = reverse("campaign:task_detail", args=[campaign.pk, task.pk])
    pages = [
        ("trang phong trào + tiến độ", reverse("campaign:detail", args=[campaign.pk])),
        ("trang cụm + tiến độ", reverse("units:cluster_detail", args=[cluster.pk])),
        ("trang đơn vị + tiến độ", reverse("units:unit_detail", args=[unit.pk])),
        ("đơn vị trong phong trào", reverse("campaign:unit_progress", args=[campaign.pk, unit.pk])),
        ("nội dung thi đua (50 đơn vị)", task_url),
        ("nội dung, lọc theo cụm", f"{task_url}?cluster={cluster.pk}"),
    ]
    print(f"\n{WORKS} công trình, phần việc")
    print(f"{'trang':34} {'trung vị ms':>12} {'p90 ms':>8} {'truy vấn':>9}")
    for who, user_client in (("BTĐKT", client), ("cụm trưởng", officer)):
        for label, url in pages:
            median, p90, queries = measure(user_client, url)
            print(f"{label + ' – ' + who:34} {median:12.1f} {p90:8.1f} {queries:9d}")


REGISTRATIONS_AND_ACHIEVEMENTS = 2000, 5000
EXPORT_RUNS = 5


def populate_following(campaign, units):
    """A registration per unit (2,000, 3 commitments each) and 5,000 achievements, in every state, some late."""
    import datetime

    from campaign.models import Achievement, Commitment, Registration, ReviewStatus

    sent = datetime.datetime(2019, 3, 20, 9, 0, tzinfo=datetime.timezone.utc)
    states = list(ReviewStatus)
    registrations = Registration.objects.bulk_create(
        Registration(campaign=campaign, unit=unit, status=states[i % 5], is_late=i % 7 == 0, head_name="Hoàng Văn Thủ",
                     submitted_at=sent if states[i % 5] != ReviewStatus.DRAFT else None,
                     return_reason="Thiếu chữ ký" if states[i % 5] == ReviewStatus.RETURNED else "")
        for i, unit in enumerate(units[:REGISTRATIONS_AND_ACHIEVEMENTS[0]])
    )
    tasks = list(campaign.tasks.order_by("number"))
    Commitment.objects.bulk_create(
        Commitment(registration=registration, task=tasks[(i + k) % 12], target="Giảm 3% tỷ lệ hộ nghèo")
        for i, registration in enumerate(registrations) for k in range(3)
    )
    Achievement.objects.bulk_create(
        Achievement(campaign=campaign, unit=units[i % len(units)], task=tasks[i % 12], title=f"Thành tích số {i}",
                    description="Giúp 120 hộ thoát nghèo.", search_text=f"thanh tich so {i} giup 120 ho thoat ngheo",
                    status=states[i % 5], is_late=i % 9 == 0, achieved_on=datetime.date(2019, 9, 2),
                    return_reason="Thiếu số liệu" if states[i % 5] == ReviewStatus.RETURNED else "")
        for i in range(REGISTRATIONS_AND_ACHIEVEMENTS[1])
    )
    return tasks[0]


def bench_following(client, campaign, cluster):
    """The following lists (50 rows a page) and their exports (the whole filtered set) for staff and for the
    officer of a cluster leader (34 units), with 20,000 works, 2,000 registrations and 5,000 achievements."""
    from campaign.models import PledgedWork
    from units.models import Unit, User

    units = list(Unit.objects.order_by("code"))
    if not PledgedWork.objects.exists():
        populate_works(campaign, units)
    task = populate_following(campaign, units)
    officer = Client()
    officer.force_login(User.objects.get(username="canbo0"), backend="django.contrib.auth.backends.ModelBackend")

    def page(name, query=""):
        return reverse(f"campaign:{name}", args=[campaign.pk]) + query

    lists = [
        ("đăng ký (50 dòng)", page("registration_list")),
        ("đăng ký chờ xét, tìm", page("registration_list", "?status=pending&q=so+1")),
        ("công trình (50 dòng)", page("work_list")),
        ("công trình, trang 100", page("work_list", "?page=100")),
        ("công trình, tìm chữ", page("work_list", "?q=s%E1%BB%91+12")),
        ("công trình, cụm + nội dung", page("work_list", f"?cluster={cluster.pk}&task={task.pk}")),
        ("công trình quá hạn, chờ xét", page("work_list", "?status=pending&late=yes")),
        ("thành tích (50 dòng)", page("achievement_list")),
        ("thành tích, tìm + trạng thái", page("achievement_list", "?q=thanh+tich+so+4&status=accepted")),
    ]
    exports = [
        ("xuất Excel đăng ký", page("registration_export")),
        ("xuất Excel công trình", page("work_export")),
        ("xuất Excel thành tích", page("achievement_export")),
    ]
    print(f"\nTheo dõi: {WORKS} công trình, {REGISTRATIONS_AND_ACHIEVEMENTS[0]} đăng ký, "
          f"{REGISTRATIONS_AND_ACHIEVEMENTS[1]} thành tích; xuất Excel {EXPORT_RUNS} lần mỗi tệp")
    print(f"{'trang':40} {'trung vị ms':>12} {'p90 ms':>8} {'truy vấn':>9}")
    for who, user_client in (("BTĐKT", client), ("cụm trưởng", officer)):
        for (label, url), runs in [*((item, RUNS) for item in lists), *((item, EXPORT_RUNS) for item in exports)]:
            median, p90, queries = measure(user_client, url, runs)
            print(f"{label + ' – ' + who:40} {median:12.1f} {p90:8.1f} {queries:9d}")


if __name__ == "__main__":
    main()
