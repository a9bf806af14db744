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


def measure(client, url):
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(RUNS * 0.9) - 1], len(queries)


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


if __name__ == "__main__":
    main()
