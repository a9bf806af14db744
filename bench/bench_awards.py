"""Times the pages of nominations, screening, the register and people at province scale and prints the figures.

    .venv/bin/python bench/bench_awards.py            # a fresh SQLite database in a temporary folder
    DATABASE_URL=postgres://… .venv/bin/python bench/bench_awards.py   # an empty PostgreSQL database

On the province of bench_pages.py (2,000 units, 60 clusters, 1,000 officers, a campaign of 12 tasks): 10,000 people,
2,000 households, 20,000 register records over five years, and 5,000 nominations in 1,000 batches spread over every
state of screening. Each page is fetched 30 times after 3 warm-up fetches; the figure is the median and the 90th
percentile in milliseconds, with the number of queries of one fetch. Target: a list page of 50 rows answers in well
under 100 ms with a flat number of queries.
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import RUNS, measure, populate  # noqa: E402  (sets Django up)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

PEOPLE, HOUSEHOLDS, RECORDS, BATCHES, NOMINEES_PER_BATCH = 10_000, 2_000, 20_000, 1_000, 5
GIVEN = ["An", "Bình", "Cường", "Dung", "Đức", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nga", "Phương", "Quân", "Sơn"]
FAMILY = ["Hoàng", "Lương", "Nông", "Vi", "Lý", "Hà", "Chu", "Đinh", "Nguyễn", "Trần"]


def people(units):
    from awards.models import Household, Person
    from units.vietnamese import fold, person_sort_key

    def name(i):
        return f"{FAMILY[i % len(FAMILY)]} Văn {GIVEN[i % len(GIVEN)]} {i}"

    persons = Person.objects.bulk_create(
        Person(unit=units[i % len(units)], full_name=name(i), name_sort=person_sort_key(name(i)),
               name_search=fold(name(i)), gender="male" if i % 2 else "female", birth_year=1960 + i % 40,
               ethnicity="Tày", position="Chuyên viên", category="worker")
        for i in range(PEOPLE)
    )
    households = Household.objects.bulk_create(
        Household(unit=units[i % len(units)], head_name=name(i), name_sort=person_sort_key(name(i)),
                  name_search=fold(name(i)), address="Thôn Nà Pàn", commune="Xã Yên Phúc")
        for i in range(HOUSEHOLDS)
    )
    return persons, households


def register(persons):
    from awards.models import AwardRecord
    from units.vietnamese import fold

    codes = [("cstd_co_so", "Chiến sĩ thi đua cơ sở"), ("lao_dong_tien_tien", "Lao động tiên tiến"),
             ("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh")]
    AwardRecord.objects.bulk_create(
        AwardRecord(recipient_kind="individual", person=persons[i % len(persons)], award_code=codes[i % 3][0],
                    award_name=codes[i % 3][1], year=2014 + i % 5, decision_number=f"{i % 900 + 1}/QĐ-UBND",
                    decision_date=datetime.date(2014 + i % 5, 12, 20), issuer="UBND huyện", source="import",
                    recipient_search=fold(persons[i % len(persons)].full_name))
        for i in range(RECORDS)
    )


def nominations(campaign, units, persons):
    """1,000 batches of 5 nominees each, every state of screening, half assigned to the bench specialist."""
    from awards.models import AwardForm, BatchStatus, Nomination, NominationBatch, StaffPost
    from units.models import Role, User
    from units.vietnamese import fold

    specialist = User.objects.create_user("bench.chuyenvien", password="x", role=Role.STAFF)
    StaffPost.objects.create(user=specialist, function="specialist")
    form = AwardForm.objects.get(regime__code="A", code="bang_khen_tinh")
    states = [s for s in BatchStatus]
    now = timezone.now()
    batches = NominationBatch.objects.bulk_create(
        NominationBatch(campaign=campaign, unit=units[i * 2], letter_number=f"{i + 1}/TTr-UBND",
                        status=states[i % len(states)], submitted_at=None if i % len(states) == 0 else now,
                        held_since=now, assigned_to=specialist if i % 2 else None)
        for i in range(BATCHES)
    )
    Nomination.objects.bulk_create(
        Nomination(batch=batch, award_form=form, recipient_kind="individual", person=persons[b * 10 + k],
                   recipient_search=fold(persons[b * 10 + k].full_name), situation="…")
        for b, batch in enumerate(batches) for k in range(NOMINEES_PER_BATCH)
    )
    return specialist, batches


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from units.models import Unit

    if Unit.objects.exists():
        sys.exit("Benchmark cần một cơ sở dữ liệu trống.")
    staff, campaign, _unit, _cluster = populate()
    units = list(Unit.objects.order_by("code"))
    persons, _households = people(units)
    register(persons)
    specialist, batches = nominations(campaign, units, persons)
    from awards.models import StaffPost

    StaffPost.objects.create(user=staff, function="head")
    # Fresh planner statistics, as autovacuum would have gathered after such loads: without them PostgreSQL
    # believes the register holds a thousand rows and joins all of it before sorting.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    clients = {}
    for who, user in (("lãnh đạo Ban", staff), ("chuyên viên", specialist)):
        clients[who] = Client()
        clients[who].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    detail = next(batch for batch in batches if batch.submitted_at)
    pages = [
        ("lãnh đạo Ban", "tờ trình (50 dòng)", reverse("awards:batch_list", args=[campaign.pk])),
        ("lãnh đạo Ban", "tờ trình, trang 15", reverse("awards:batch_list", args=[campaign.pk]) + "?page=15"),
        ("lãnh đạo Ban", "tờ trình, tìm + trạng thái",
         reverse("awards:batch_list", args=[campaign.pk]) + "?q=12&status=assigned"),
        ("lãnh đạo Ban", "trang một tờ trình (5 người)",
         reverse("awards:batch_detail", args=[campaign.pk, detail.pk])),
        ("lãnh đạo Ban", "hộp thẩm định", reverse("awards:screening_inbox")),
        ("chuyên viên", "hộp thẩm định", reverse("awards:screening_inbox")),
        ("lãnh đạo Ban", "sổ khen thưởng (50 dòng)", reverse("awards:register_lookup")),
        ("lãnh đạo Ban", "sổ khen thưởng, tìm tên", reverse("awards:register_lookup") + "?q=hoang+van+an"),
        ("lãnh đạo Ban", "sổ khen thưởng, năm + hình thức",
         reverse("awards:register_lookup") + "?award=cstd_co_so&year_from=2016&year_to=2017"),
        ("lãnh đạo Ban", "cá nhân (50 dòng)", reverse("awards:person_list")),
        ("lãnh đạo Ban", "cá nhân, tìm tên", reverse("awards:person_list") + "?q=nong+van"),
        ("lãnh đạo Ban", "danh mục khen thưởng", reverse("awards:catalogue")),
    ]
    print(f"{connection.vendor}: {len(units)} đơn vị, {PEOPLE} cá nhân, {RECORDS} bản ghi sổ khen thưởng, "
          f"{BATCHES} tờ trình với {BATCHES * NOMINEES_PER_BATCH} đề nghị; {RUNS} lần mỗi trang")
    print(f"{'trang':46} {'trung vị ms':>12} {'p90 ms':>8} {'truy vấn':>9}")
    for who, label, url in pages:
        median, p90, queries = measure(clients[who], url)
        print(f"{label + ' – ' + who:46} {median:12.1f} {p90:8.1f} {queries:9d}")


if __name__ == "__main__":
    main()
