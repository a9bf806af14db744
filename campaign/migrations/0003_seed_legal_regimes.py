import datetime

from django.db import migrations

REGIMES = [
    (
        "A",
        "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)",
        "Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013; Nghị định số 91/2017/NĐ-CP; "
        "Thông tư số 12/2019/TT-BNV.",
        datetime.date(2017, 10, 1),
    ),
    (
        "B",
        "Luật Thi đua, khen thưởng 2022",
        "Luật Thi đua, khen thưởng năm 2022 (có hiệu lực từ 01/01/2024); Nghị định số 98/2023/NĐ-CP.",
        datetime.date(2024, 1, 1),
    ),
    (
        "C",
        "Nghị định 152/2025/NĐ-CP",
        "Luật Thi đua, khen thưởng năm 2022; Nghị định số 152/2025/NĐ-CP (áp dụng từ 01/07/2025).",
        datetime.date(2025, 7, 1),
    ),
]


def seed(apps, schema_editor):
    LegalRegime = apps.get_model("campaign", "LegalRegime")
    for code, name, basis, effective_from in REGIMES:
        LegalRegime.objects.update_or_create(
            code=code, defaults={"name": name, "legal_basis": basis, "effective_from": effective_from}
        )


class Migration(migrations.Migration):
    dependencies = [("campaign", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
