"""Seeds the base salary (lương cơ sở) from which cash awards are counted: each level keyed by the date it took
effect (``update_or_create``, so a rerun sets the seeded amount and basis again). Staff keep later levels in the
admin. The reverse leaves the rows (they may already be cited by recorded decisions' totals)."""

import datetime

from django.db import migrations

BASE_SALARIES = [
    (datetime.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    (datetime.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for effective_from, amount, legal_basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(effective_from=effective_from,
                                            defaults={"amount": amount, "legal_basis": legal_basis})


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_council_sessions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
