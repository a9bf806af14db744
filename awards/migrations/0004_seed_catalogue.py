"""Seeds the award catalogue of ../shared/docs/domain.md §4 for the legal regimes A, B and C: the award forms (codes
stable across regimes), the documents each nominee's dossier needs and the eligibility rules with their citations.

A rerun (the function is idempotent) keys forms by (regime, code) with ``update_or_create``: an existing form gets
every seeded field set again (its staff edits to those fields are overwritten), and its ``lower_form`` and
``quota_base`` are linked again; a missing form is created. A form's documents and rules are created only while it
has none: existing ones, edited or not, are left as they are (a rerun neither adds nor restores any)."""

from decimal import Decimal

from django.db import migrations

LAW_A = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
DECREE_A = "Nghị định 91/2017/NĐ-CP"
LAW_B = "Luật Thi đua, khen thưởng 2022"
DECREE_B = "Nghị định 98/2023/NĐ-CP"
DECREE_C = "Nghị định 152/2025/NĐ-CP"

REPORT = "Báo cáo thành tích có xác nhận của cấp trình"
INITIATIVE_DECISION = "Quyết định công nhận sáng kiến (hoặc văn bản công nhận phạm vi ảnh hưởng của sáng kiến)"
CLUSTER_MINUTES = "Biên bản bình xét, suy tôn của cụm, khối thi đua"
ROSTER_LIST = "Danh sách thành viên và kết quả xếp loại mức độ hoàn thành nhiệm vụ trong năm của tập thể"
COMMUNE_CONFIRMATION = "Xác nhận của UBND cấp xã nơi hộ gia đình cư trú"
BK_COPY = "Bản sao quyết định tặng Bằng khen của Chủ tịch UBND tỉnh đã được nhận"


def templates(regime):
    """{template kind: its name under the regime} (only names we can justify; no invented numbers)."""
    if regime == "A":
        return {
            "campaign": "Mẫu số 07, Nghị định 91/2017/NĐ-CP (báo cáo thành tích khen thưởng theo đợt, chuyên đề)",
            "collective": "Mẫu số 01, Nghị định 91/2017/NĐ-CP (báo cáo thành tích của tập thể)",
            "individual": "Mẫu số 02, Nghị định 91/2017/NĐ-CP (báo cáo thành tích của cá nhân)",
            "both": "Mẫu số 01 (tập thể), Mẫu số 02 (cá nhân), Nghị định 91/2017/NĐ-CP",
        }
    if regime == "B":
        return {
            "campaign": "Báo cáo thành tích theo phong trào thi đua (mẫu kèm Nghị định 98/2023/NĐ-CP)",
            "collective": "Mẫu số 02, Nghị định 98/2023/NĐ-CP (báo cáo thành tích của tập thể)",
            "individual": "Mẫu số 03, Nghị định 98/2023/NĐ-CP (báo cáo thành tích của cá nhân)",
            "both": "Mẫu số 02 (tập thể), Mẫu số 03 (cá nhân), Nghị định 98/2023/NĐ-CP",
        }
    return {
        "campaign": "Mẫu báo cáo thành tích khen thưởng theo chuyên đề, Nghị định 152/2025/NĐ-CP",
        "collective": "Mẫu báo cáo thành tích của tập thể, Nghị định 152/2025/NĐ-CP",
        "individual": "Mẫu báo cáo thành tích của cá nhân, Nghị định 152/2025/NĐ-CP",
        "both": "Mẫu báo cáo thành tích của tập thể, của cá nhân, Nghị định 152/2025/NĐ-CP",
    }


def basis(regime, article_a=None):
    if regime == "A":
        law = f"{article_a} {LAW_A}" if article_a else LAW_A
        return f"{law}; {DECREE_A}; Thông tư 12/2019/TT-BNV"
    if regime == "B":
        return f"{LAW_B}; {DECREE_B}"
    return f"{LAW_B}; {DECREE_C}"


def cite(regime, article_a=None, decree_a=False):
    """The citation of a rule: Luật 2003 with its article under A (or the decree), the law/decree otherwise."""
    if regime == "A":
        if decree_a:
            return DECREE_A
        return f"{article_a} Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)" if article_a else LAW_A
    if regime == "B":
        return f"{LAW_B}; {DECREE_B}"
    return DECREE_C


def forms(regime):
    """The seeded forms of one regime: (code, fields, documents, rules); lower/quota bases by code. Regimes B and C
    both apply the 2022 law (C's decree 152/2025 implements it): its conditions and routes hold for both."""
    tpl = templates(regime)
    a = regime == "A"
    law_2022 = regime in ("B", "C")
    return [
        (
            "co_thi_dua_tinh",
            dict(
                name="Cờ thi đua của UBND tỉnh", kind="title", for_collective=True, level="province",
                decided_by="chairman", council_threshold=Decimal("80"), secret_ballot=True,
                report_template="collective", report_template_name=tpl["collective"],
                quota_kind="per_cluster", quota_value=Decimal("1"), cash_coefficient=Decimal("8.0"),
                lower="bang_khen_tinh", order=10, legal_basis=basis(regime, "Điều 26"),
                conditions=(
                    "Tặng tập thể dẫn đầu cụm, khối thi đua của tỉnh sau bình xét, so sánh; mỗi cụm, khối chỉ đề nghị "
                    "01 tập thể."
                    + (" Theo Luật 2022 còn xét tặng tập thể dẫn đầu phong trào thi đua theo chuyên đề của tỉnh có "
                       "thời gian từ 03 năm trở lên (cán bộ thẩm định kiểm tra)." if law_2022 else "")
                    + " Tiền thưởng: 8,0 lần mức lương cơ sở."
                ),
            ),
            [(REPORT, "all"), (CLUSTER_MINUTES, "all")],
            [dict(kind="cluster_rank", params={"rank": 1}, citation=cite(regime, "Điều 26"))],
        ),
        (
            "bang_khen_tinh",
            dict(
                name="Bằng khen của Chủ tịch UBND tỉnh", kind="form", for_collective=True, for_individual=True,
                for_household=True, level="province", decided_by="chairman", council_threshold=Decimal("80"),
                secret_ballot=True, report_template="campaign", report_template_name=tpl["campaign"],
                cash_coefficient=Decimal("1.0"), lower="giay_khen", order=20, legal_basis=basis(regime, "Điều 72"),
                conditions=(
                    "Khen thưởng theo phong trào: có thành tích xuất sắc trong phong trào thi đua."
                    + (" Đối với cá nhân còn có thể xét theo một trong hai phương án: 02 năm liên tục hoàn thành xuất "
                       "sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến được công nhận; hoặc 02 lần liên tục đạt "
                       "danh hiệu Chiến sĩ thi đua cơ sở." if law_2022 else "")
                    + " Tiền thưởng: 1,0 lần mức lương cơ sở đối với cá nhân, hộ gia đình (tập thể gấp đôi, "
                    "danh mục chỉ lưu một hệ số: của cá nhân)."
                ),
            ),
            [(REPORT, "all"), (COMMUNE_CONFIRMATION, "household")],
            [
                dict(kind="campaign_results", params={"min_items": 1}, citation=cite(regime, "Điều 72")),
                *(
                    [
                        dict(route=2, kind="consecutive_ratings", applies_to="individual",
                             params={"rating": "excellent", "years": 2, "until": "previous"},
                             citation=cite(regime)),
                        dict(route=2, kind="initiatives", applies_to="individual",
                             params={"count": 2, "years": 2, "scope": "base", "until": "previous"},
                             citation=cite(regime), order=1),
                        dict(route=3, kind="consecutive_awards", applies_to="individual",
                             params={"awards": ["cstd_co_so"], "years": 2, "until": "previous"},
                             citation=cite(regime)),
                    ] if law_2022 else []
                ),
            ],
        ),
        (
            "giay_khen",
            dict(
                name="Giấy khen của Thủ trưởng cơ quan, Chủ tịch UBND cấp huyện", kind="form", for_collective=True,
                for_individual=True, for_household=True, level="unit", decided_by="unit", council_threshold=None,
                secret_ballot=False, report_template="campaign", report_template_name=tpl["campaign"],
                cash_coefficient=Decimal("0.3"), lower=None, order=30, legal_basis=basis(regime),
                conditions=(
                    "Khen thưởng cấp đơn vị: có thành tích trong phong trào thi đua; do thủ trưởng đơn vị, Chủ tịch UBND "
                    "cấp huyện quyết định, không qua Hội đồng Thi đua – Khen thưởng tỉnh. Tiền thưởng: 0,3 lần mức "
                    "lương cơ sở đối với cá nhân (tập thể gấp đôi)."
                ),
            ),
            [(REPORT, "all")],
            [dict(kind="campaign_results", params={"min_items": 1}, citation=cite(regime))],
        ),
        (
            "tap_the_lao_dong_xuat_sac",
            dict(
                name="Tập thể lao động xuất sắc", kind="title", for_collective=True, level="province",
                decided_by="chairman", council_threshold=Decimal("80"), secret_ballot=True,
                report_template="collective", report_template_name=tpl["collective"],
                cash_coefficient=Decimal("1.5"), lower="bang_khen_tinh", order=40,
                legal_basis=basis(regime, "Điều 27"),
                conditions=(
                    "Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; 100% thành viên hoàn thành nhiệm vụ, trong đó ít "
                    "nhất 70% đạt danh hiệu Lao động tiên tiến; có ít nhất 01 cá nhân đạt danh hiệu Chiến sĩ thi đua "
                    "cơ sở; không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên. Tiền thưởng: 1,5 lần mức lương "
                    "cơ sở."
                ),
            ),
            [(REPORT, "all"), (ROSTER_LIST, "all")],
            [dict(kind="roster_shares",
                  params={"completed_pct": 100, "advanced_pct": 70, "advanced_award": "lao_dong_tien_tien",
                          "cstd_count": 1, "cstd_award": "cstd_co_so", "until": "previous"},
                  citation=cite(regime, "Điều 27"))],
        ),
        (
            "cstd_tinh",
            dict(
                name="Chiến sĩ thi đua cấp tỉnh", kind="title", for_individual=True, level="province",
                decided_by="chairman", council_threshold=Decimal("90"), secret_ballot=True,
                report_template="individual", report_template_name=tpl["individual"],
                cash_coefficient=Decimal("3.0"), lower="bang_khen_tinh", order=50,
                legal_basis=basis(regime, "Điều 22"),
                conditions=(
                    "Có thành tích tiêu biểu xuất sắc trong số những cá nhân 03 lần liên tục đạt danh hiệu Chiến sĩ thi "
                    "đua cơ sở; có sáng kiến được công nhận, có phạm vi ảnh hưởng trong toàn tỉnh. Hội đồng bỏ phiếu "
                    "kín, cần ít nhất 90% tổng số thành viên đồng ý. Tiền thưởng: 3,0 lần mức lương cơ sở."
                ),
            ),
            [(REPORT, "all"), (INITIATIVE_DECISION, "all")],
            [
                dict(kind="consecutive_awards", params={"awards": ["cstd_co_so"], "years": 3, "until": "previous"},
                     citation=cite(regime, "Điều 22")),
                dict(kind="initiatives", params={"count": 1, "years": 3, "scope": "province", "until": "previous"},
                     citation=cite(regime, "Điều 22"), order=1),
            ],
        ),
        (
            "bang_khen_thu_tuong",
            dict(
                name="Bằng khen của Thủ tướng Chính phủ", kind="form", for_collective=True, for_individual=True,
                level="state", decided_by="higher", council_threshold=Decimal("90"), secret_ballot=True,
                report_template="individual", report_template_name=tpl["both"],
                cash_coefficient=Decimal("1.5"), lower="bang_khen_tinh", order=60,
                legal_basis=basis(regime, "Điều 71"),
                conditions=(
                    "Tỉnh đề nghị, Thủ tướng Chính phủ quyết định. Đã được tặng Bằng khen của Chủ tịch UBND tỉnh, sau "
                    "đó " + ("05 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 05 sáng kiến được "
                             "công nhận (cá nhân)." if a else
                             "05 năm liên tục hoàn thành tốt nhiệm vụ trở lên (cá nhân).")
                    + " Tiền thưởng: 1,5 lần mức lương cơ sở đối với cá nhân (tập thể gấp đôi)."
                ),
            ),
            [(REPORT, "all"), (INITIATIVE_DECISION, "individual"), (BK_COPY, "all")],
            [
                dict(kind="holds_award", params={"awards": ["bang_khen_tinh"]}, citation=cite(regime, "Điều 71")),
                # The 5-year run counts from the provincial Bằng khen (the latest, if several).
                dict(kind="consecutive_ratings", applies_to="individual",
                     params={"rating": "excellent" if a else "good", "years": 5, "until": "previous",
                             "after_award": "bang_khen_tinh"},
                     citation=cite(regime, "Điều 71"), order=1),
                *(
                    [dict(kind="initiatives", applies_to="individual",
                          params={"count": 5, "years": 5, "scope": "base", "until": "previous"},
                          citation=cite(regime, "Điều 71"), order=2)] if a else []
                ),
            ],
        ),
        (
            "co_thi_dua_chinh_phu",
            dict(
                name="Cờ thi đua của Chính phủ", kind="title", for_collective=True, level="state",
                decided_by="higher", council_threshold=Decimal("90"), secret_ballot=True,
                report_template="collective", report_template_name=tpl["collective"],
                quota_kind="share_of_base" if a else "none", quota_value=Decimal("20") if a else None,
                quota_base="co_thi_dua_tinh" if a else None, cash_coefficient=Decimal("12.0"),
                lower="co_thi_dua_tinh", order=70, legal_basis=basis(regime, "Điều 25"),
                conditions=(
                    "Tỉnh đề nghị, Chính phủ quyết định; lựa chọn trong số các tập thể dẫn đầu cụm, khối thi đua của "
                    "tỉnh." + (" Số lượng không quá 20% số tập thể đủ tiêu chuẩn Cờ thi đua của UBND tỉnh." if a else "")
                    + " Tiền thưởng: 12,0 lần mức lương cơ sở."
                ),
            ),
            [(REPORT, "all"), (CLUSTER_MINUTES, "all")],
            [dict(kind="cluster_rank", params={"rank": 1}, citation=cite(regime, "Điều 25"))],
        ),
        (
            "cstd_co_so",
            dict(
                name="Chiến sĩ thi đua cơ sở", kind="title", for_individual=True, level="unit", decided_by="unit",
                council_threshold=None, secret_ballot=False, report_template="individual",
                report_template_name=tpl["individual"], cash_coefficient=Decimal("1.0"),
                lower="lao_dong_tien_tien", order=80, legal_basis=basis(regime, "Điều 23"),
                conditions=(
                    "Đạt danh hiệu Lao động tiên tiến và có sáng kiến được cơ sở công nhận; do thủ trưởng đơn vị quyết "
                    "định. Tiền thưởng: 1,0 lần mức lương cơ sở."
                ),
            ),
            [(REPORT, "all"), (INITIATIVE_DECISION, "all")],
            [
                dict(kind="consecutive_awards", params={"awards": ["lao_dong_tien_tien"], "years": 1,
                                                        "until": "current"},
                     citation=cite(regime, "Điều 23")),
                dict(kind="initiatives", params={"count": 1, "years": 1, "scope": "base", "until": "current"},
                     citation=cite(regime, "Điều 23"), order=1),
            ],
        ),
        (
            "lao_dong_tien_tien",
            dict(
                name="Lao động tiên tiến", kind="title", for_individual=True, level="unit", decided_by="unit",
                council_threshold=None, secret_ballot=False, report_template="individual",
                report_template_name=tpl["individual"], cash_coefficient=Decimal("0.3"), lower=None, order=90,
                legal_basis=basis(regime, "Điều 24"),
                conditions=(
                    "Hoàn thành tốt nhiệm vụ trở lên, chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà "
                    "nước; do thủ trưởng đơn vị quyết định. Tiền thưởng: 0,3 lần mức lương cơ sở."
                ),
            ),
            [(REPORT, "all")],
            [dict(kind="consecutive_ratings", params={"rating": "good", "years": 1, "until": "current"},
                  citation=cite(regime, "Điều 24"))],
        ),
    ]


FLAG_FIELDS = ("for_collective", "for_individual", "for_household")


def seed(apps, schema_editor):
    LegalRegime = apps.get_model("campaign", "LegalRegime")
    AwardForm = apps.get_model("awards", "AwardForm")
    RequiredDocument = apps.get_model("awards", "RequiredDocument")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    for regime in LegalRegime.objects.filter(code__in=["A", "B", "C"]):
        seeded = forms(regime.code)
        by_code = {}
        links = {}
        for code, fields, documents, rules in seeded:
            fields = dict(fields)
            links[code] = (fields.pop("lower", None), fields.pop("quota_base", None))
            defaults = {flag: False for flag in FLAG_FIELDS}
            defaults.update({"quota_kind": "none", "quota_value": None, "is_active": True, **fields})
            form, _ = AwardForm.objects.update_or_create(regime=regime, code=code, defaults=defaults)
            by_code[code] = form
            if not RequiredDocument.objects.filter(form=form).exists():
                RequiredDocument.objects.bulk_create(
                    RequiredDocument(form=form, name=name, applies_to=applies_to, order=index)
                    for index, (name, applies_to) in enumerate(documents)
                )
            if not EligibilityRule.objects.filter(form=form).exists():
                EligibilityRule.objects.bulk_create(
                    EligibilityRule(form=form, route=rule.get("route", 1), kind=rule["kind"],
                                    applies_to=rule.get("applies_to", "all"), params=rule["params"],
                                    citation=rule["citation"], order=rule.get("order", 0))
                    for rule in rules
                )
        for code, (lower, base) in links.items():
            form = by_code[code]
            form.lower_form = by_code.get(lower)
            form.quota_base = by_code.get(base)
            form.save(update_fields=["lower_form", "quota_base"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_nominations"), ("campaign", "0003_seed_legal_regimes")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
