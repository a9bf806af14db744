"""Demo evaluation of the 2019 campaign: a scoring table with criteria under all 12 tasks, bonus and penalty items,
bands and tie-breaks; scorecards of the participating districts and some departments in every state, the two district
clusters' scorecards locked and ranked, and one cluster's acclaim. Through the services, as people would do it; loaded
once (nothing is added when the campaign already has a scoring table)."""

import datetime
from decimal import Decimal

from units.models import ClusterMembership, MemberRole, Unit

from .models import Evidence, Score, ScoringTable, TieBreak
from .services import ranking as ranking_services
from .services import scorecards as scorecard_services
from .services import scoring as scoring_services

D = datetime.date

# (task number, [(title, max points, evidence required)])
CRITERIA = {
    1: [("Tổ chức phát động, quán triệt phong trào đến cơ sở", 6, False), ("Tuyên truyền, học tập truyền thống", 4, False)],
    2: [("Thực hiện kỷ luật, kỷ cương hành chính", 6, False), ("Giải quyết thủ tục hành chính đúng hạn", 6, True)],
    3: [("Kết quả giảm nghèo, xây dựng nông thôn mới", 10, True), ("Huy động nguồn lực xã hội", 5, False)],
    4: [("Tăng trưởng sản xuất, kinh doanh, thu ngân sách", 8, True)],
    5: [("Sáng kiến, mô hình mới được công nhận", 6, True)],
    6: [("Giáo dục, y tế, văn hóa – xã hội", 8, False)],
    7: [("Quốc phòng, an ninh, trật tự an toàn xã hội", 6, False)],
    8: [("Học tập và làm theo Bác; xây dựng Đảng", 5, False)],
    9: [("Công trình, phần việc chào mừng hoàn thành đúng tiến độ", 10, True)],
    10: [("Phối hợp tuyên truyền, quảng bá", 4, False)],
    11: [("Vận động đoàn viên, hội viên, Nhân dân hưởng ứng", 4, False)],
    12: [("Sơ kết, tổng kết, bình xét khen thưởng đúng quy định", 4, False)],
}
BONUS = [("Có điển hình tiên tiến được tỉnh biểu dương", 3), ("Có sáng kiến được áp dụng toàn tỉnh", 2)]
PENALTY = [("Gửi báo cáo chậm so với quy định", 2), ("Có cán bộ bị kỷ luật trong năm", 5)]
BANDS = [("Xuất sắc", 90), ("Tốt", 80), ("Hoàn thành", 65), ("Chưa hoàn thành", 0)]


def build_table(campaign, *, by):
    table = scoring_services.ensure_table(campaign, by=by)
    tasks = {task.number: task for task in campaign.tasks.all()}
    position = 0
    for number, items in CRITERIA.items():
        for index, (title, maximum, evidence) in enumerate(items, start=1):
            position += 1
            scoring_services.add_criterion(table, by=by, data={
                "task": tasks[number], "section": "", "code": f"{number}.{index}", "position": position,
                "title": title, "guidance": "Chấm theo kết quả thực tế, có số liệu đối chiếu.",
                "kind": "regular", "max_points": Decimal(maximum), "requires_evidence": evidence,
            })
    for kind, items, prefix in (("bonus", BONUS, "T"), ("penalty", PENALTY, "Đ")):
        for index, (title, maximum) in enumerate(items, start=1):
            position += 1
            scoring_services.add_criterion(table, by=by, data={
                "task": None, "section": "", "code": f"{prefix}{index}", "position": position, "title": title,
                "guidance": "", "kind": kind, "max_points": Decimal(maximum), "requires_evidence": False,
            })
    scoring_services.update_table(
        table, by=by,
        data={"note": "Tổng điểm tối đa 100 điểm, cộng tối đa 5 điểm thưởng.", "bonus_cap": Decimal(5),
              "penalty_cap": Decimal(7), "deadline": D(2019, 10, 10),
              "tie_breaks": [TieBreak.MORE_BONUS, TieBreak.FEWER_PENALTIES, TieBreak.EARLIER_SUBMISSION]},
        bands=[{"name": name, "min_total": Decimal(threshold)} for name, threshold in BANDS],
    )
    return table


def _evidence_of(unit, campaign):
    """One of the unit's own evidence files (an achievement's, else a progress report's), as the proof it links."""
    return list(Evidence.objects.filter(campaign=campaign, removed_at__isnull=True).filter(
        achievement__unit=unit).values_list("pk", flat=True)[:1]) or list(
        Evidence.objects.filter(campaign=campaign, removed_at__isnull=True, report__work__unit=unit)
        .values_list("pk", flat=True)[:1])


def fill(scorecard, seed, *, by):
    """Self-scores between 70 % and 100 % of each maximum, with the unit's own evidence where required."""
    evidence = _evidence_of(scorecard.unit, scorecard.campaign)
    rows = []
    for index, score in enumerate(Score.objects.filter(scorecard=scorecard).select_related("criterion")):
        criterion = score.criterion
        if criterion.kind == "regular":
            share = Decimal(70 + (seed * 7 + index * 11) % 31) / 100
            points = (criterion.max_points * share).quantize(Decimal("0.5"))
        elif criterion.kind == "bonus":
            points = Decimal((seed + index) % 2 * 2)
        else:
            points = Decimal((seed + index) % 3 == 0)
        rows.append({"score_id": score.pk, "points": min(points, criterion.max_points), "comment": "",
                     "works": [], "achievements": [], "evidence": evidence if criterion.requires_evidence else []})
    scorecard_services.save_scores(scorecard, rows=rows, by=by)


def load_scoring(campaign, users):
    if ScoringTable.objects.filter(campaign=campaign).exists():
        return None
    staff = users["snv.tdkt"]
    build_table(campaign, by=staff)
    district_clusters = list(campaign.clusters.filter(scope="provincial", kind="cum").order_by("name_sort"))
    locked = 0
    for cluster in district_clusters:
        for seed, membership in enumerate(ClusterMembership.objects.filter(cluster=cluster).select_related("unit")):
            unit = membership.unit
            if not _evidence_of(unit, campaign):
                continue
            by = unit.officers.filter(is_active=True).first() or staff
            scorecard = scorecard_services.open_scorecard(campaign=campaign, unit=unit, by=by)
            fill(scorecard, seed, by=by)
            scorecard_services.submit_scorecard(scorecard, by=by)
            first = Score.objects.filter(scorecard=scorecard, criterion__kind="regular").order_by("criterion__position").first()
            if seed % 3 == 1 and first.points:
                scorecard_services.propose(scorecard, by=staff, rows=[{
                    "score_id": first.pk, "proposed_points": max(first.points - 1, Decimal(0)),
                    "proposal_reason": "Hồ sơ minh chứng chưa đủ cho toàn bộ số điểm tự chấm.",
                }])
                scorecard_services.answer(scorecard, by=by, text="Đơn vị thống nhất với đề xuất của Ban Thi đua.")
            scorecard_services.lock_scorecard(scorecard, by=staff)
            locked += 1
    # Departments with evidence of their own: one scorecard in each state before the lock.
    departments = Unit.objects.filter(memberships__cluster__campaigns=campaign, kind="department").distinct()
    with_evidence = [unit for unit in departments.order_by("code") if _evidence_of(unit, campaign)]
    for seed, unit in enumerate(with_evidence[:4]):
        by = unit.officers.filter(is_active=True).first() or staff
        scorecard = scorecard_services.open_scorecard(campaign=campaign, unit=unit, by=by)
        fill(scorecard, seed, by=by)
        if seed == 0:
            continue  # still being filled in
        scorecard_services.submit_scorecard(scorecard, by=by)
        if seed >= 2:
            first = Score.objects.filter(scorecard=scorecard, criterion__kind="regular").order_by("criterion__position").first()
            scorecard_services.propose(scorecard, by=staff, rows=[{
                "score_id": first.pk, "proposed_points": Decimal(0),
                "proposal_reason": "Không có văn bản phát động phong trào tại đơn vị.",
            }])
        if seed == 3:
            scorecard_services.answer(scorecard, by=by, text="Đơn vị đã phát động ngày 15/3/2019, gửi kèm văn bản.")
    ranking_services.recompute_campaign(campaign.pk)
    inland = district_clusters[-1] if district_clusters else None
    if inland is not None:
        members = [m.unit for m in ClusterMembership.objects.filter(cluster=inland).order_by("role", "unit__name_sort")]
        leader = next(m.unit for m in ClusterMembership.objects.filter(cluster=inland, role=MemberRole.LEADER))
        others = [unit for unit in members if unit != leader]
        ranking_services.record_acclaim(campaign=campaign, cluster=inland, by=staff, data={
            "held_on": D(2019, 10, 20), "place": "Thành phố Lạng Sơn",
            "minutes": "Hội nghị bình xét, suy tôn của cụm thi đua; các đơn vị thống nhất bỏ phiếu suy tôn.",
            "first": leader, "second": others[0], "third": others[1],
        })
    return {"locked": locked, "scorecards": campaign.scorecards.count()}
