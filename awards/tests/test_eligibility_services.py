"""Eligibility against the database and the seeded catalogue (migration 0004): facts, every rule kind of every
regime, built-in checks, overrides, quotas, routes, merged units, suggestions."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.eligibility import RankingFact, check_rule, window
from awards.models import (
    AwardForm,
    AwardRecord,
    CheckOverride,
    Discipline,
    EligibilityRule,
    Initiative,
    NominationCheck,
    RequiredDocument,
    RosterEntry,
)
from awards.selectors.facts import facts_for_recipient
from awards.services import eligibility
from campaign.models import LegalRegime, RankingEntry, Scorecard, WorkStatus
from portal.tests.factories import (
    AwardRecordFactory,
    BatchFactory,
    CampaignFactory,
    ClusterFactory,
    HouseholdFactory,
    MembershipFactory,
    NominationFactory,
    NominationFileFactory,
    PersonFactory,
    StaffFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db

SEEDED_CODES = {
    "co_thi_dua_tinh", "bang_khen_tinh", "giay_khen", "tap_the_lao_dong_xuat_sac", "cstd_tinh",
    "bang_khen_thu_tuong", "co_thi_dua_chinh_phu", "cstd_co_so", "lao_dong_tien_tien",
}
REGIMES = ["A", "B", "C"]
NOW = timezone.make_aware(datetime.datetime(2019, 10, 25, 9, 0))


def form(regime, code):
    return AwardForm.objects.get(regime__code=regime, code=code)


def campaign_of(regime):
    return CampaignFactory(regime=LegalRegime.objects.get(code=regime))


def record(year, code, **recipient):
    kind = "collective" if "unit" in recipient else "household" if "household" in recipient else "individual"
    values = {"person": None, **recipient} if kind != "individual" else recipient
    return AwardRecordFactory(recipient_kind=kind, award_code=code, award_name=code, year=year, **values)


def nominate(regime_or_campaign, code, *, kind="individual", campaign=None, batch=None, **recipient):
    campaign = campaign or (batch.campaign if batch else campaign_of(regime_or_campaign))
    batch = batch or BatchFactory(campaign=campaign)
    if kind == "individual":
        recipient.setdefault("person", PersonFactory(unit=batch.unit))
    else:
        recipient = {"person": None, **recipient}
    return NominationFactory(batch=batch, award_form=form(campaign.regime.code, code), recipient_kind=kind,
                             **recipient)


def attach_documents(nomination):
    for doc in eligibility.required_documents(nomination):
        NominationFileFactory(batch=nomination.batch, nomination=nomination, document=doc)


def checks_by_code(nomination):
    return {check.code: check for check in nomination.checks.all()}


# --- The seed ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("regime", REGIMES)
def test_seed_gives_each_regime_the_nine_codes(regime):
    assert set(AwardForm.objects.filter(regime__code=regime).values_list("code", flat=True)) == SEEDED_CODES


def test_seed_rerun_changes_nothing():
    seed = importlib.import_module("awards.migrations.0004_seed_catalogue").seed
    before = (AwardForm.objects.count(), RequiredDocument.objects.count(), EligibilityRule.objects.count())
    seed(django_apps, None)
    assert (AwardForm.objects.count(), RequiredDocument.objects.count(), EligibilityRule.objects.count()) == before
    assert before == (27, 51, 43)


def test_seed_rules_per_regime():
    counts = {regime: EligibilityRule.objects.filter(form__regime__code=regime).count() for regime in REGIMES}
    assert counts == {"A": 13, "B": 15, "C": 15}


def test_seed_links_lower_forms_and_quota_base():
    flag = form("A", "co_thi_dua_chinh_phu")
    assert (flag.lower_form.code, flag.quota_kind, flag.quota_value, flag.quota_base) == (
        "co_thi_dua_tinh", "share_of_base", 20, form("A", "co_thi_dua_tinh"))
    assert form("B", "co_thi_dua_chinh_phu").quota_kind == "none"
    assert (form("C", "cstd_tinh").lower_form.code, form("C", "cstd_tinh").council_threshold) == ("bang_khen_tinh", 90)
    assert form("A", "giay_khen").council_threshold is None
    assert form("A", "bang_khen_tinh").report_template_name.startswith("Mẫu số 07, Nghị định 91/2017/NĐ-CP")


@pytest.mark.parametrize("regime", ["B", "C"])
def test_seed_2022_law_bang_khen_has_three_routes(regime):
    routes = list(form(regime, "bang_khen_tinh").rules.values_list("route", "kind", "applies_to"))
    assert routes == [(1, "campaign_results", "all"), (2, "consecutive_ratings", "individual"),
                      (2, "initiatives", "individual"), (3, "consecutive_awards", "individual")]
    assert "02 năm liên tục hoàn thành xuất sắc nhiệm vụ" in form(regime, "bang_khen_tinh").conditions
    assert "phong trào thi đua theo chuyên đề" in form(regime, "co_thi_dua_tinh").conditions


def test_seed_regime_a_bang_khen_has_the_campaign_route_only():
    assert list(form("A", "bang_khen_tinh").rules.values_list("route", "kind")) == [(1, "campaign_results")]
    assert "chuyên đề" not in form("A", "co_thi_dua_tinh").conditions


@pytest.mark.parametrize(("regime", "rating"), [("A", "excellent"), ("B", "good"), ("C", "good")])
def test_seed_prime_minister_bang_khen_counts_the_run_after_the_provincial_one(regime, rating):
    rule = form(regime, "bang_khen_thu_tuong").rules.get(kind="consecutive_ratings")
    assert rule.params == {"rating": rating, "years": 5, "until": "previous", "after_award": "bang_khen_tinh"}
    if rating == "good":
        assert "05 năm liên tục hoàn thành tốt nhiệm vụ trở lên" in rule.form.conditions


# --- Every rule kind of every regime: a passing and a failing world ---------------------------------------------------

def _subject(rule):
    """A recipient kind the rule concerns, admitted by its form (campaign results of individuals come from a
    nomination: tested through run_checks below)."""
    kinds = ("collective", "individual") if rule.kind == "campaign_results" else ("individual", "collective")
    for kind in kinds:
        if rule.applies(kind) and rule.form.admits(kind):
            return kind
    raise AssertionError(rule)


def _world(rule, campaign, ok):
    """Builds the database facts that make ``rule`` pass (ok) or fail, and returns facts_for_recipient's Facts."""
    kind, p = _subject(rule), {**rule.params}
    year = 2019
    unit = UnitFactory()
    person = PersonFactory(unit=unit)
    recipient = {"unit": unit} if kind == "collective" else {"person": person}
    if rule.kind == "consecutive_awards":
        years = window(p, year)
        for index, held in enumerate(years):
            if ok or index != 1 % len(years):
                record(held, p["awards"][0], **recipient)
    elif rule.kind == "consecutive_ratings":
        if p.get("after_award"):
            record(window(p, year)[0] - 1, p["after_award"], **recipient)
        for held in window(p, year):
            RosterEntry.objects.create(unit=unit, year=held, person=person,
                                       rating=p["rating"] if ok else "completed")
    elif rule.kind == "initiatives":
        years = window(p, year)
        for index in range(p["count"] if ok else p["count"] - 1):
            Initiative.objects.create(person=person, year=years[index % len(years)], title="Sáng kiến",
                                      scope=p["scope"])
        Initiative.objects.create(person=person, year=years[0] - 1, title="Sáng kiến cũ", scope="national")
    elif rule.kind == "holds_award":
        record(2016 if ok else 2019, p["awards"][0], **recipient)
    elif rule.kind == "cluster_rank":
        cluster = ClusterFactory()
        campaign.clusters.add(cluster)
        other = UnitFactory()
        for place, member in enumerate([unit, other] if ok else [other, unit], start=1):
            MembershipFactory(cluster=cluster, unit=member)
            card = Scorecard.objects.create(campaign=campaign, unit=member, status="locked", locked_at=NOW)
            RankingEntry.objects.create(campaign=campaign, cluster=cluster, scorecard=card, total=90 - place,
                                        rank=place, computed_at=NOW)
    elif rule.kind == "roster_shares":
        end = window({**p, "years": 1}, year)[-1]
        for index in range(4):
            member = PersonFactory(unit=unit)
            rating = "failed" if not ok and index == 3 else "excellent"
            RosterEntry.objects.create(unit=unit, year=end, person=member, rating=rating)
            record(end, p["advanced_award"], person=member)
            if index == 0:
                record(end, p["cstd_award"], person=member)
    elif rule.kind == "campaign_results":
        WorkFactory(campaign=campaign, unit=unit, status=WorkStatus.ACCEPTED if ok else WorkStatus.DRAFT)
    return facts_for_recipient(campaign=campaign, recipient_kind=kind, today=datetime.date(2019, 10, 25),
                               **recipient)


@pytest.mark.parametrize("regime", REGIMES)
@pytest.mark.parametrize("kind", ["consecutive_awards", "consecutive_ratings", "initiatives", "holds_award",
                                  "cluster_rank", "roster_shares", "campaign_results"])
def test_seeded_rule_passes_and_fails(regime, kind):
    rules = list(EligibilityRule.objects.filter(form__regime__code=regime, kind=kind).select_related("form"))
    assert rules
    for rule in rules:
        passing = check_rule(rule, _world(rule, campaign_of(regime), ok=True))
        failing = check_rule(rule, _world(rule, campaign_of(regime), ok=False))
        assert (rule.form.code, passing.result, failing.result) == (rule.form.code, "pass", "fail")
        assert rule.citation in failing.explanation


# --- run_checks, built-ins, verdict ----------------------------------------------------------------------------------

def test_run_checks_explains_the_missing_year_exactly():
    person = PersonFactory()
    record(2016, "cstd_co_so", person=person)
    record(2018, "cstd_co_so", person=person)
    nomination = nominate("A", "cstd_tinh", person=person)
    eligibility.run_checks(nomination, now=NOW)
    rule = form("A", "cstd_tinh").rules.get(kind="consecutive_awards")
    check = checks_by_code(nomination)[f"rule:{rule.pk}"]
    assert (check.result, check.route, check.citation) == (
        "fail", 1, "Điều 22 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)")
    assert check.explanation == ("Cần danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục (2016–2018) theo Điều 22 Luật "
                                 "Thi đua, khen thưởng 2003 (sửa đổi 2013); còn thiếu năm 2017.")


def test_run_checks_rebuilds_rows_in_order_and_stamps_the_nomination():
    nomination = nominate("A", "bang_khen_tinh")
    eligibility.run_checks(nomination, now=NOW)
    eligibility.run_checks(nomination, now=NOW)
    rule = form("A", "bang_khen_tinh").rules.get()
    assert list(nomination.checks.values_list("code", "route")) == [
        ("recipient", None), ("discipline", None), (f"rule:{rule.pk}", 1), ("documents", None), ("report", None),
        ("quota", None)]
    nomination.refresh_from_db()
    assert nomination.checked_at == NOW


def test_complete_individual_nomination_passes():
    nomination = nominate("A", "bang_khen_tinh")
    nomination.task_results.create(task=TaskFactory(campaign=nomination.batch.campaign), text="Vận động 20 hộ")
    attach_documents(nomination)
    eligibility.run_checks(nomination, now=NOW)
    assert eligibility.verdict(nomination) == "pass"
    assert eligibility.missing_documents(nomination) == []


def test_documents_missing_are_named_and_removed_files_do_not_count():
    nomination = nominate("A", "cstd_tinh")
    report = form("A", "cstd_tinh").required_documents.get(order=0)
    NominationFileFactory(batch=nomination.batch, nomination=nomination, document=report)
    NominationFileFactory(batch=nomination.batch, nomination=nomination, document=report, removed_at=NOW)
    eligibility.run_checks(nomination, now=NOW)
    assert checks_by_code(nomination)["documents"].explanation == (
        "Còn thiếu: Quyết định công nhận sáng kiến (hoặc văn bản công nhận phạm vi ảnh hưởng của sáng kiến).")
    assert [doc.order for doc in eligibility.missing_documents(nomination)] == [1]
    assert [(doc.order, len(files)) for doc, files in eligibility.checklist(nomination)] == [(0, 1), (1, 0)]


def test_household_checklist_has_its_own_document():
    nomination = nominate("A", "bang_khen_tinh", kind="household", household=HouseholdFactory())
    assert [doc.applies_to for doc, _files in eligibility.checklist(nomination)] == ["all", "household"]


def test_discipline_blocks_and_cannot_be_overridden():
    person = PersonFactory()
    Discipline.objects.create(person=person, kind="Cảnh cáo", decision="15/QĐ-UBND",
                              starts_on=datetime.date(2019, 3, 1))
    nomination = nominate("A", "bang_khen_tinh", person=person)
    eligibility.run_checks(nomination, now=NOW)
    check = checks_by_code(nomination)["discipline"]
    assert (check.result, check.blocking) == ("fail", True)
    assert check.explanation == ("Đang bị kỷ luật ngày 25/10/2019: Cảnh cáo từ 01/03/2019 đến nay (15/QĐ-UBND). "
                                 "Không được khen thưởng trong thời gian này.")
    with pytest.raises(ValidationError) as refused:
        eligibility.override_check(nomination, code="discipline", reason="Đã hết hiệu lực", by=StaffFactory())
    assert refused.value.messages == ["Không được bỏ qua kết quả “Không đang bị kỷ luật, điều tra”."]
    assert eligibility.verdict(nomination) == "fail"


def test_discipline_ended_does_not_block():
    person = PersonFactory()
    Discipline.objects.create(person=person, kind="Khiển trách", starts_on=datetime.date(2015, 1, 1),
                              ends_on=datetime.date(2015, 12, 31))
    nomination = nominate("A", "bang_khen_tinh", person=person)
    eligibility.run_checks(nomination, now=NOW)
    assert checks_by_code(nomination)["discipline"].result == "pass"


def test_override_needs_a_reason():
    nomination = nominate("A", "bang_khen_tinh")
    eligibility.run_checks(nomination, now=NOW)
    with pytest.raises(ValidationError) as refused:
        eligibility.override_check(nomination, code="documents", reason="  ", by=StaffFactory())
    assert refused.value.message_dict == {"reason": ["Hãy ghi lý do bỏ qua kết quả kiểm tra."]}
    assert CheckOverride.objects.count() == 0


def test_override_refuses_a_check_that_did_not_fail():
    nomination = nominate("A", "bang_khen_tinh")
    eligibility.run_checks(nomination, now=NOW)
    with pytest.raises(ValidationError) as refused:
        eligibility.override_check(nomination, code="quota", reason="Không cần", by=StaffFactory())
    assert refused.value.messages == ["Chỉ bỏ qua được kết quả “Không đạt”."]


def test_override_is_kept_across_reruns_with_its_history():
    nomination = nominate("A", "bang_khen_tinh")
    nomination.task_results.create(task=TaskFactory(campaign=nomination.batch.campaign), text="Vận động 20 hộ")
    eligibility.run_checks(nomination, now=NOW)
    assert eligibility.verdict(nomination) == "fail"
    staff = StaffFactory()
    override = eligibility.override_check(nomination, code="documents", reason="Bản giấy đã nộp trực tiếp",
                                          by=staff)
    eligibility.run_checks(nomination, now=NOW)
    assert eligibility.verdict(nomination) == "pass"
    assert list(override.history.values_list("history_change_reason", "history_user")) == [
        ("Bản giấy đã nộp trực tiếp", staff.pk)]


# --- Quotas -----------------------------------------------------------------------------------------------------------

def test_quota_per_unit_counts_the_units_nominations_in_the_campaign():
    bang_khen = form("A", "bang_khen_tinh")
    bang_khen.quota_kind, bang_khen.quota_value = "per_unit", 1
    bang_khen.save()
    first = nominate("A", "bang_khen_tinh")
    batch = first.batch
    eligibility.run_checks(first, now=NOW)
    assert checks_by_code(first)["quota"].result == "pass"
    second = nominate(None, "bang_khen_tinh", batch=batch)
    rejected = nominate(None, "bang_khen_tinh", batch=batch)
    rejected.status, rejected.screening_reason = "rejected", "Trùng"
    rejected.save()
    BatchFactory(campaign=batch.campaign, unit=batch.unit)  # another draft of the unit: its nominations don't count
    nominate(None, "bang_khen_tinh", batch=BatchFactory(campaign=batch.campaign, unit=batch.unit))
    eligibility.run_checks(second, now=NOW)
    check = checks_by_code(second)["quota"]
    assert (check.result, check.explanation) == (
        "fail", f"{batch.unit.name} đã có 2 đề nghị Bằng khen của Chủ tịch UBND tỉnh, hạn mức 1.")


def test_quota_per_cluster_counts_the_cluster_members():
    campaign = campaign_of("A")
    cluster = ClusterFactory(name="Cụm nội địa")
    campaign.clusters.add(cluster)
    units = [UnitFactory(), UnitFactory()]
    for unit in units:
        MembershipFactory(cluster=cluster, unit=unit)
    first = nominate(None, "co_thi_dua_tinh", kind="collective", campaign=campaign, unit=units[0],
                     batch=BatchFactory(campaign=campaign, unit=units[0], status="submitted"))
    eligibility.run_checks(first, now=NOW)
    assert checks_by_code(first)["quota"].explanation == "Cụm nội địa đã có 1 đề nghị Cờ thi đua của UBND tỉnh, hạn mức 1."
    second = nominate(None, "co_thi_dua_tinh", kind="collective", unit=units[1],
                      batch=BatchFactory(campaign=campaign, unit=units[1]))
    eligibility.run_checks(second, now=NOW)
    check = checks_by_code(second)["quota"]
    assert (check.result, check.explanation) == (
        "fail", "Cụm nội địa đã có 2 đề nghị Cờ thi đua của UBND tỉnh, hạn mức 1.")


def test_quota_per_cluster_unknown_outside_the_campaigns_clusters():
    nomination = nominate("A", "co_thi_dua_tinh", kind="collective", unit=UnitFactory())
    eligibility.run_checks(nomination, now=NOW)
    assert checks_by_code(nomination)["quota"].result == "unknown"


def provincial_flag(batch, status, **extra):
    return nominate(None, "co_thi_dua_tinh", kind="collective", batch=batch, unit=UnitFactory(), status=status,
                    screening_reason="Lý do" if status in ("fails", "rejected") else "", **extra)


def test_quota_share_of_base_counts_the_base_nominees_that_meet_the_standard():
    campaign = campaign_of("A")
    province = BatchFactory(campaign=campaign, kind="province")
    government_flag = nominate(None, "co_thi_dua_chinh_phu", kind="collective", batch=province, unit=UnitFactory())
    screened = BatchFactory(campaign=campaign, status="checked")
    for status in ("pending", "fails", "rejected"):
        provincial_flag(screened, status)
    provincial_flag(BatchFactory(campaign=campaign), "pending")  # another unit's draft
    eligibility.run_checks(government_flag, now=NOW)
    check = checks_by_code(government_flag)["quota"]
    assert (check.result, check.explanation) == ("unknown", (
        "Chưa có đề nghị Cờ thi đua của UBND tỉnh nào trong phong trào đã được thẩm định đủ điều kiện để tính hạn mức "
        "20% cho Cờ thi đua của Chính phủ."))
    for status in ("meets", "forwarded", "meets", "forwarded"):
        provincial_flag(screened, status)
    eligibility.run_checks(government_flag, now=NOW)
    check = checks_by_code(government_flag)["quota"]
    assert (check.result, check.explanation) == ("fail", (
        "Phong trào có 1 đề nghị Cờ thi đua của Chính phủ trên 4 đề nghị Cờ thi đua của UBND tỉnh đã được thẩm định "
        "đủ điều kiện, hạn mức 20%."))
    # A nominee consolidated into the province's proposal counts once: its original and its copy are one nominee.
    original = provincial_flag(screened, "consolidated")
    nominate(None, "co_thi_dua_tinh", kind="collective", batch=province, unit=original.unit, status="meets",
             source=original)
    eligibility.run_checks(government_flag, now=NOW)
    check = checks_by_code(government_flag)["quota"]
    assert (check.result, check.explanation) == ("pass", (
        "Phong trào có 1 đề nghị Cờ thi đua của Chính phủ trên 5 đề nghị Cờ thi đua của UBND tỉnh đã được thẩm định "
        "đủ điều kiện, hạn mức 20%."))


def test_quota_share_of_base_counts_each_nominee_once_on_both_sides():
    campaign = campaign_of("A")
    screened = BatchFactory(campaign=campaign, status="checked")
    for _index in range(5):
        provincial_flag(screened, "meets")
    original = nominate(None, "co_thi_dua_chinh_phu", kind="collective", batch=screened, unit=UnitFactory(),
                        status="consolidated")
    province = BatchFactory(campaign=campaign, kind="province")
    copy = nominate(None, "co_thi_dua_chinh_phu", kind="collective", batch=province, unit=original.unit,
                    status="meets", source=original)
    eligibility.run_checks(copy, now=NOW)
    check = checks_by_code(copy)["quota"]
    assert (check.result, check.explanation) == ("pass", (
        "Phong trào có 1 đề nghị Cờ thi đua của Chính phủ trên 5 đề nghị Cờ thi đua của UBND tỉnh đã được thẩm định "
        "đủ điều kiện, hạn mức 20%."))


def test_quota_per_cluster_takes_the_cluster_the_unit_competes_in():
    campaign = campaign_of("A")
    provincial = ClusterFactory(name="Cụm nội địa", scope="provincial")
    inter = ClusterFactory(name="Cụm 7 tỉnh miền núi biên giới phía Bắc", scope="inter_provincial")
    outside = ClusterFactory(name="Cụm A không thuộc phong trào", scope="provincial")
    campaign.clusters.add(provincial, inter)
    unit, neighbour, inter_member = UnitFactory(), UnitFactory(), UnitFactory()
    for cluster, member in ((provincial, unit), (inter, unit), (outside, unit), (provincial, neighbour),
                            (inter, inter_member)):
        MembershipFactory(cluster=cluster, unit=member)
    nominate(None, "co_thi_dua_tinh", kind="collective", unit=inter_member,
             batch=BatchFactory(campaign=campaign, unit=inter_member, status="submitted"))
    nomination = nominate(None, "co_thi_dua_tinh", kind="collective", unit=unit,
                          batch=BatchFactory(campaign=campaign, unit=unit))
    eligibility.run_checks(nomination, now=NOW)
    assert checks_by_code(nomination)["quota"].explanation == (
        "Cụm nội địa đã có 1 đề nghị Cờ thi đua của UBND tỉnh, hạn mức 1.")
    card = Scorecard.objects.create(campaign=campaign, unit=unit, status="locked", locked_at=NOW)
    RankingEntry.objects.create(campaign=campaign, cluster=inter, scorecard=card, total=90, rank=1, computed_at=NOW)
    eligibility.run_checks(nomination, now=NOW)
    check = checks_by_code(nomination)["quota"]
    assert (check.result, check.explanation) == (
        "fail", "Cụm 7 tỉnh miền núi biên giới phía Bắc đã có 2 đề nghị Cờ thi đua của UBND tỉnh, hạn mức 1.")


def test_facts_of_a_unit_in_two_clusters_rank_it_in_the_cluster_it_competes_in():
    campaign = campaign_of("A")
    provincial = ClusterFactory(name="Cụm nội địa", scope="provincial")
    inter = ClusterFactory(name="Cụm 7 tỉnh miền núi biên giới phía Bắc", scope="inter_provincial")
    campaign.clusters.add(provincial, inter)
    unit = UnitFactory()
    MembershipFactory(cluster=provincial, unit=unit)
    MembershipFactory(cluster=inter, unit=unit)
    facts = facts_for_recipient(campaign=campaign, recipient_kind="collective", unit=unit)
    assert facts.ranking == RankingFact(cluster="Cụm nội địa", rank=None, total=0)
    card = Scorecard.objects.create(campaign=campaign, unit=unit, status="locked", locked_at=NOW)
    RankingEntry.objects.create(campaign=campaign, cluster=inter, scorecard=card, total=90, rank=2, computed_at=NOW)
    facts = facts_for_recipient(campaign=campaign, recipient_kind="collective", unit=unit)
    assert facts.ranking == RankingFact(cluster="Cụm 7 tỉnh miền núi biên giới phía Bắc", rank=2, total=1)


# --- Routes, merged units, suggestions ---------------------------------------------------------------------------

def test_regime_b_individual_bang_khen_passes_by_route_three_alone():
    person = PersonFactory()
    record(2017, "cstd_co_so", person=person)
    record(2018, "cstd_co_so", person=person)
    nomination = nominate("B", "bang_khen_tinh", person=person)
    attach_documents(nomination)
    eligibility.run_checks(nomination, now=NOW)
    routes = [(check.route, check.result) for check in nomination.checks.all() if check.route]
    assert routes == [(1, "fail"), (2, "unknown"), (2, "fail"), (3, "pass")]
    # The campaign report is incomplete (no task results): overridden, so only the routes decide.
    eligibility.override_check(nomination, code="report", reason="Thủ tục đơn giản", by=StaffFactory())
    assert eligibility.verdict(nomination) == "pass"


def test_regime_b_household_bang_khen_ignores_individual_routes():
    nomination = nominate("B", "bang_khen_tinh", kind="household", household=HouseholdFactory())
    eligibility.run_checks(nomination, now=NOW)
    assert [check.route for check in nomination.checks.all() if check.route] == [1]


def test_merged_units_award_counts_for_its_successor():
    successor = UnitFactory()
    predecessor = UnitFactory(merged_into=successor, merged_on=datetime.date(2019, 1, 1), is_active=False)
    record(2015, "bang_khen_tinh", unit=predecessor)
    rule = form("A", "bang_khen_thu_tuong").rules.get(kind="holds_award")
    facts = facts_for_recipient(campaign=campaign_of("A"), recipient_kind="collective", unit=successor)
    assert facts.awards == {2015: {"bang_khen_tinh"}}
    assert check_rule(rule, facts).result == "pass"


def test_cancelled_decision_does_not_count():
    from portal.tests.factories import DecisionFactory

    person = PersonFactory()
    decision = DecisionFactory(cancelled_at=NOW, cancel_reason="Sai đối tượng")
    AwardRecordFactory(person=person, award_code="bang_khen_tinh", year=2016, decision=decision)
    facts = facts_for_recipient(campaign=campaign_of("A"), recipient_kind="individual", person=person)
    assert facts.awards == {}


def test_suggestions_rank_passing_forms_first():
    person = PersonFactory()
    for year in (2016, 2017, 2018):
        record(year, "cstd_co_so", person=person)
    Initiative.objects.create(person=person, year=2017, title="Phần mềm một cửa", scope="province")
    suggestions = eligibility.suggest_forms(campaign=campaign_of("A"), recipient_kind="individual", person=person)
    assert [(found.code, result) for found, result, _outcomes in suggestions] == [
        ("cstd_tinh", "pass"), ("bang_khen_tinh", "unknown")]


def test_suggestions_leave_out_disciplined_nominees():
    person = PersonFactory()
    Discipline.objects.create(person=person, kind="Cảnh cáo", starts_on=datetime.date(2019, 1, 1))
    assert eligibility.suggest_forms(campaign=campaign_of("A"), recipient_kind="individual", person=person) == []


def test_suggestions_for_a_leading_collective():
    campaign = campaign_of("A")
    unit = UnitFactory()
    cluster = ClusterFactory()
    campaign.clusters.add(cluster)
    MembershipFactory(cluster=cluster, unit=unit)
    card = Scorecard.objects.create(campaign=campaign, unit=unit, status="locked", locked_at=NOW)
    RankingEntry.objects.create(campaign=campaign, cluster=cluster, scorecard=card, total=95, rank=1,
                                computed_at=NOW)
    WorkFactory(campaign=campaign, unit=unit, status=WorkStatus.COMPLETED)
    suggestions = eligibility.suggest_forms(campaign=campaign, recipient_kind="collective", unit=unit)
    assert [(found.code, result) for found, result, _outcomes in suggestions] == [
        ("co_thi_dua_tinh", "pass"), ("bang_khen_tinh", "pass"), ("co_thi_dua_chinh_phu", "pass"),
        ("tap_the_lao_dong_xuat_sac", "unknown")]


def test_facts_take_a_fixed_number_of_queries(django_assert_num_queries):
    campaign = campaign_of("A")
    unit = UnitFactory()
    for _index in range(3):
        member = PersonFactory(unit=unit)
        RosterEntry.objects.create(unit=unit, year=2018, person=member, rating="excellent")
        record(2018, "lao_dong_tien_tien", person=member)
    # names, predecessors, discipline, membership (no cluster: no ranking query), works, achievements, roster (3),
    # register
    with django_assert_num_queries(10):
        facts_for_recipient(campaign=campaign, recipient_kind="collective", unit=unit)


def test_check_rows_survive_only_for_their_nomination():
    first, second = nominate("A", "bang_khen_tinh"), nominate("A", "bang_khen_tinh")
    eligibility.run_checks(first, now=NOW)
    eligibility.run_checks(second, now=NOW)
    eligibility.run_checks(first, now=NOW)
    assert NominationCheck.objects.filter(nomination=second).count() == 6
    assert AwardRecord.objects.count() == 0


# --- Partials -------------------------------------------------------------------------------------------------------

def test_checks_partial_links_overridable_failures_and_shows_overrides():
    from django.template.loader import render_to_string

    nomination = nominate("A", "bang_khen_tinh")
    Discipline.objects.create(person=nomination.person, kind="Cảnh cáo", starts_on=datetime.date(2019, 3, 1))
    eligibility.run_checks(nomination, now=NOW)
    staff = StaffFactory(full_name="Trần Thị Hoa")
    eligibility.override_check(nomination, code="report", reason="Bổ sung sau", by=staff)
    html = render_to_string("awards/eligibility/_checks.html", {
        "checks": nomination.checks.all(), "overrides": eligibility.overrides_of(nomination), "can_override": True,
        "nomination": nomination})
    base = f"/phong-trao/{nomination.batch.campaign_id}/de-nghi/muc/{nomination.pk}/bo-qua/"
    assert html.count(base) == 2  # documents and the campaign rule; not discipline (blocking) nor report (done)
    assert f"{base}?code=documents" in html
    assert "?code=discipline" not in html
    assert "Bổ sung sau" in html and "Trần Thị Hoa" in html
    assert "Phương án 1" in html


def test_suggestions_partial_explains_what_is_unknown():
    from django.template.loader import render_to_string

    person = PersonFactory()
    suggestions = eligibility.suggest_forms(campaign=campaign_of("A"), recipient_kind="individual", person=person)
    html = render_to_string("awards/eligibility/_suggestions.html", {"suggestions": suggestions})
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html
    assert "chưa có báo cáo thành tích để xét" in html
    assert "Chiến sĩ thi đua cấp tỉnh" not in html


def test_verdict_of_a_nomination_never_checked_is_none():
    assert eligibility.verdict(nominate("A", "bang_khen_tinh")) is None
