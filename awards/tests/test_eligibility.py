"""The pure eligibility checks (awards.eligibility) against hand-made Facts: no database."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from awards.eligibility import (
    DisciplineFact,
    Facts,
    InitiativeFact,
    MemberFact,
    Outcome,
    RankingFact,
    check_discipline,
    check_documents,
    check_report,
    check_rule,
    check_rules,
    combine,
    describe_rule,
    validate_params,
    window,
)
from awards.models import EligibilityRule

NAMES = {"cstd_co_so": "Chiến sĩ thi đua cơ sở", "lao_dong_tien_tien": "Lao động tiên tiến",
         "bang_khen_tinh": "Bằng khen của Chủ tịch UBND tỉnh"}
CITATION = "Khoản 1 Điều 13 Nghị định 91/2017/NĐ-CP"
TODAY = datetime.date(2019, 10, 20)


def facts(**kwargs):
    return Facts(**{"recipient_kind": "individual", "year": 2019, "today": TODAY, "award_names": NAMES, **kwargs})


def rule(kind, params=None, citation=CITATION, route=1, applies_to="all"):
    return EligibilityRule(pk=7, kind=kind, params=params or {}, citation=citation, route=route,
                           applies_to=applies_to)


def test_window_ends_with_the_year_before_by_default():
    assert window({"years": 3}, 2019) == [2016, 2017, 2018]
    assert window({"years": 2, "until": "current"}, 2019) == [2018, 2019]


def test_consecutive_awards_pass_names_the_run():
    outcome = check_rule(rule("consecutive_awards", {"awards": ["cstd_co_so"], "years": 3}),
                         facts(awards={2016: {"cstd_co_so"}, 2017: {"cstd_co_so"}, 2018: {"cstd_co_so"}}))
    assert outcome.result == "pass"
    assert outcome.explanation == ("Đã đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (2016–2018) theo "
                                   "Khoản 1 Điều 13 Nghị định 91/2017/NĐ-CP.")
    assert (outcome.code, outcome.route, outcome.citation) == ("rule:7", 1, CITATION)


def test_consecutive_awards_fail_names_the_missing_year():
    outcome = check_rule(rule("consecutive_awards", {"awards": ["cstd_co_so"], "years": 3}),
                         facts(awards={2016: {"cstd_co_so"}, 2018: {"cstd_co_so", "bang_khen_tinh"}}))
    assert outcome.result == "fail"
    assert outcome.explanation == ("Cần danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục (2016–2018) theo Khoản 1 "
                                   "Điều 13 Nghị định 91/2017/NĐ-CP; còn thiếu năm 2017.")


def test_consecutive_awards_fail_names_every_missing_year():
    outcome = check_rule(rule("consecutive_awards", {"awards": ["cstd_co_so"], "years": 3}), facts())
    assert outcome.explanation.endswith("còn thiếu các năm 2016, 2017, 2018.")


def test_consecutive_ratings_at_least_as_good_pass():
    outcome = check_rule(rule("consecutive_ratings", {"rating": "good", "years": 2}),
                         facts(ratings={2017: "excellent", 2018: "good"}))
    assert outcome.result == "pass"


def test_consecutive_ratings_worse_year_fails():
    outcome = check_rule(rule("consecutive_ratings", {"rating": "excellent", "years": 2}),
                         facts(ratings={2017: "excellent", 2018: "good"}))
    assert outcome.result == "fail"
    assert outcome.explanation == ("Cần xếp loại “Hoàn thành xuất sắc nhiệm vụ” trở lên 2 năm liên tục (2017–2018) "
                                   f"theo {CITATION}; không đạt năm 2018: Hoàn thành tốt nhiệm vụ.")


def test_consecutive_ratings_unrated_year_is_unknown():
    outcome = check_rule(rule("consecutive_ratings", {"rating": "excellent", "years": 2}),
                         facts(ratings={2018: "excellent"}))
    assert outcome.result == "unknown"
    assert outcome.explanation.endswith("chưa có kết quả xếp loại năm 2017.")


AFTER_BK = {"rating": "good", "years": 5, "after_award": "bang_khen_tinh"}
GOOD_RUN = {year: "good" for year in range(2014, 2019)}


def test_consecutive_ratings_after_an_award_passes_when_the_run_follows_it():
    outcome = check_rule(rule("consecutive_ratings", AFTER_BK),
                         facts(ratings=GOOD_RUN, awards={2010: {"bang_khen_tinh"}, 2013: {"bang_khen_tinh"}}))
    assert (outcome.result, outcome.explanation) == ("pass", (
        "Đã được xếp loại “Hoàn thành tốt nhiệm vụ” trở lên 5 năm liên tục (2014–2018), sau năm được tặng Bằng khen "
        f"của Chủ tịch UBND tỉnh (2013) theo {CITATION}."))


def test_consecutive_ratings_after_an_award_fails_when_the_run_starts_before_the_latest_one():
    outcome = check_rule(rule("consecutive_ratings", AFTER_BK),
                         facts(ratings=GOOD_RUN, awards={2010: {"bang_khen_tinh"}, 2015: {"bang_khen_tinh"}}))
    assert (outcome.result, outcome.explanation) == ("fail", (
        "Cần xếp loại “Hoàn thành tốt nhiệm vụ” trở lên 5 năm liên tục (2014–2018), sau năm được tặng Bằng khen của "
        f"Chủ tịch UBND tỉnh gần nhất theo {CITATION}; được tặng Bằng khen của Chủ tịch UBND tỉnh năm 2015 nên "
        "thời gian xét phải bắt đầu từ năm 2016."))


def test_consecutive_ratings_after_an_award_never_held_is_unknown():
    outcome = check_rule(rule("consecutive_ratings", AFTER_BK), facts(ratings=GOOD_RUN))
    assert (outcome.result, outcome.explanation) == ("unknown", (
        "Cần xếp loại “Hoàn thành tốt nhiệm vụ” trở lên 5 năm liên tục (2014–2018), sau năm được tặng Bằng khen của "
        f"Chủ tịch UBND tỉnh gần nhất theo {CITATION}; sổ khen thưởng chưa ghi nhận Bằng khen của Chủ tịch UBND tỉnh "
        "để tính thời gian từ sau đó."))


def test_consecutive_ratings_after_an_award_still_fails_on_a_low_rating():
    ratings = {**GOOD_RUN, 2016: "completed"}
    outcome = check_rule(rule("consecutive_ratings", AFTER_BK), facts(ratings=ratings))
    assert outcome.result == "fail"
    assert outcome.explanation.endswith("; không đạt năm 2016: Hoàn thành nhiệm vụ.")


def test_initiatives_counts_scope_at_least_within_window():
    items = [InitiativeFact(2016, "province"), InitiativeFact(2018, "national"), InitiativeFact(2018, "base"),
             InitiativeFact(2019, "province")]
    assert check_rule(rule("initiatives", {"count": 2, "years": 3, "scope": "province"}),
                      facts(initiatives=items)).result == "pass"
    outcome = check_rule(rule("initiatives", {"count": 2, "years": 2, "scope": "province"}), facts(initiatives=items))
    assert outcome.result == "fail"
    assert outcome.explanation == (f"Cần 2 sáng kiến phạm vi “Phạm vi toàn tỉnh” trở lên trong 2017–2018 theo "
                                   f"{CITATION}; chỉ có 1.")


def test_holds_award_pass_and_fail():
    held = rule("holds_award", {"awards": ["bang_khen_tinh"]})
    assert check_rule(held, facts(awards={2012: {"bang_khen_tinh"}})).result == "pass"
    outcome = check_rule(held, facts(awards={2019: {"bang_khen_tinh"}}))
    assert outcome.result == "fail"
    assert outcome.explanation == (f"Cần đã được tặng Bằng khen của Chủ tịch UBND tỉnh đến năm 2018 theo {CITATION}; "
                                   "sổ khen thưởng chưa ghi nhận.")


def test_cluster_rank_pass_fail_unknown():
    first = rule("cluster_rank", {"rank": 1})
    collective = {"recipient_kind": "collective"}
    assert check_rule(first, facts(ranking=RankingFact("Cụm nội địa", 1, 6), **collective)).explanation == (
        f"Xếp thứ 1/6 trong Cụm nội địa (cần thứ 1 trở lên) theo {CITATION}.")
    outcome = check_rule(first, facts(ranking=RankingFact("Cụm nội địa", 2, 6), **collective))
    assert outcome.result == "fail"
    assert outcome.explanation == f"Cần xếp thứ 1 trở lên trong Cụm nội địa theo {CITATION}; tập thể xếp thứ 2/6."
    assert check_rule(first, facts(ranking=RankingFact("Cụm nội địa", None, 0), **collective)).result == "unknown"
    assert check_rule(first, facts(ranking=RankingFact(None), **collective)).result == "unknown"


def member(rating="excellent", awards=("lao_dong_tien_tien",), disciplines=()):
    return MemberFact(name="Lý Thị Mai", rating=rating, awards={2018: set(awards)}, disciplines=list(disciplines))


SHARES = {"completed_pct": 100, "advanced_pct": 70, "advanced_award": "lao_dong_tien_tien", "cstd_count": 1,
          "cstd_award": "cstd_co_so"}


def test_roster_shares_pass():
    roster = {2018: [member(awards=("lao_dong_tien_tien", "cstd_co_so")), member(), member(), member("good", ())]}
    outcome = check_rule(rule("roster_shares", SHARES), facts(recipient_kind="collective", roster=roster))
    assert outcome.result == "pass"


def test_roster_shares_fail_names_each_problem():
    punished = DisciplineFact("Khiển trách", datetime.date(2018, 5, 1), datetime.date(2019, 4, 30))
    roster = {2018: [member(), member("failed", ()), member(disciplines=[punished])]}
    outcome = check_rule(rule("roster_shares", SHARES), facts(recipient_kind="collective", roster=roster))
    assert outcome.result == "fail"
    assert outcome.explanation == (
        f"Không đạt tỷ lệ thành viên theo {CITATION}: tỷ lệ hoàn thành nhiệm vụ dưới 100%; tỷ lệ đạt Lao động tiên "
        "tiến dưới 70%; cần ít nhất 1 Chiến sĩ thi đua cơ sở; có thành viên bị kỷ luật: Lý Thị Mai (năm 2018 có 3 "
        "thành viên: 2 hoàn thành nhiệm vụ, 2 đạt Lao động tiên tiến, 0 đạt Chiến sĩ thi đua cơ sở).")


def test_roster_shares_without_roster_is_unknown():
    outcome = check_rule(rule("roster_shares", SHARES), facts(recipient_kind="collective"))
    assert outcome.result == "unknown"


def test_campaign_results_pass_fail_unknown():
    results = rule("campaign_results", {"min_items": 2})
    assert check_rule(results, facts(campaign_results=2)).result == "pass"
    outcome = check_rule(results, facts(campaign_results=1))
    assert outcome.result == "fail"
    assert outcome.explanation == f"Cần ít nhất 2 kết quả, thành tích trong phong trào theo {CITATION}; mới có 1."
    assert check_rule(results, facts()).result == "unknown"


def test_check_rules_leaves_out_rules_of_other_recipients():
    rules = [rule("campaign_results"), rule("consecutive_ratings", {"rating": "good", "years": 1}, route=2,
                                            applies_to="individual")]
    assert [o.route for o in check_rules(rules, facts(recipient_kind="household", campaign_results=1))] == [1]


def test_discipline_in_force_blocks_and_names_dates():
    discipline = DisciplineFact("Cảnh cáo", datetime.date(2019, 3, 1), None, decision="15/QĐ-UBND")
    outcome = check_discipline(facts(disciplines=[discipline]))
    assert (outcome.result, outcome.blocking) == ("fail", True)
    assert outcome.explanation == ("Đang bị kỷ luật ngày 20/10/2019: Cảnh cáo từ 01/03/2019 đến nay (15/QĐ-UBND). "
                                   "Không được khen thưởng trong thời gian này.")


def test_discipline_ended_passes():
    discipline = DisciplineFact("Khiển trách", datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))
    assert check_discipline(facts(disciplines=[discipline])).result == "pass"


def test_documents_names_what_is_missing():
    report = SimpleNamespace(pk=1, name="Báo cáo thành tích")
    decision = SimpleNamespace(pk=2, name="Quyết định công nhận sáng kiến")
    outcome = check_documents([report, decision], {1})
    assert (outcome.result, outcome.explanation) == ("fail", "Còn thiếu: Quyết định công nhận sáng kiến.")
    assert check_documents([report, decision], {1, 2}).result == "pass"


def test_report_needs_situation_and_task_results_for_campaign_template():
    assert check_report(situation="Sinh năm 1980", task_results=1, campaign_template=True).result == "pass"
    outcome = check_report(situation=" ", task_results=0, campaign_template=True)
    assert outcome.explanation == ("Báo cáo thành tích chưa đủ: chưa có phần sơ lược lý lịch, đặc điểm tình hình; "
                                   "chưa có thành tích theo nội dung thi đua nào.")
    assert check_report(situation="Sinh năm 1980", task_results=0, campaign_template=False).result == "pass"


def outcome(code, result, route=None, blocking=False):
    return Outcome(code=code, title=code, result=result, explanation="", route=route, blocking=blocking)


def test_combine_routes_are_ored_and_rules_anded():
    checks = [outcome("discipline", "pass", blocking=True), outcome("rule:1", "fail", 1),
              outcome("rule:2", "pass", 2), outcome("rule:3", "fail", 2), outcome("rule:4", "pass", 3)]
    assert combine(checks) == "pass"
    assert combine(checks[:4]) == "fail"
    assert combine(checks[:4], {"rule:3"}) == "pass"


def test_combine_unknown_when_no_route_passes_but_one_may():
    assert combine([outcome("rule:1", "fail", 1), outcome("rule:2", "unknown", 2)]) == "unknown"
    assert combine([outcome("documents", "unknown"), outcome("rule:1", "pass", 1)]) == "unknown"


def test_combine_blocking_fail_cannot_be_overridden():
    assert combine([outcome("discipline", "fail", blocking=True)], {"discipline"}) == "fail"
    assert combine([outcome("documents", "fail")], {"documents"}) == "pass"


def test_describe_rule_reads_params():
    assert describe_rule(rule("consecutive_awards", {"awards": ["cstd_co_so"], "years": 3}), NAMES) == (
        "Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục, tính đến năm trước năm của phong trào.")
    assert describe_rule(rule("campaign_results", {"min_items": 1}, applies_to="household")) == (
        "Có ít nhất 1 kết quả, thành tích trong phong trào. (Chỉ áp dụng cho: Hộ gia đình.)")


def test_describe_rule_names_the_award_a_run_follows():
    assert describe_rule(rule("consecutive_ratings", AFTER_BK), NAMES) == (
        "Được xếp loại “Hoàn thành tốt nhiệm vụ” trở lên 5 năm liên tục, tính đến năm trước năm của phong trào, sau "
        "năm được tặng Bằng khen của Chủ tịch UBND tỉnh gần nhất.")


def test_validate_params_accepts_the_editor_keys():
    assert validate_params("initiatives", {"count": 2, "years": 2, "scope": "base", "until": "previous"}) is None
    assert validate_params("consecutive_ratings", {"rating": "good", "years": 5, "until": "previous"}) is None
    assert validate_params("consecutive_ratings", {**AFTER_BK, "until": "previous"}) is None


def test_validate_params_refuses_an_after_award_that_is_not_a_code():
    with pytest.raises(ValidationError) as refused:
        validate_params("consecutive_ratings", {"rating": "good", "years": 5, "after_award": 3})
    assert refused.value.message_dict == {"after_award": ["“after_award” phải là mã một hình thức, hoặc để trống."]}


def test_validate_params_refuses_wrong_and_unknown_keys():
    with pytest.raises(ValidationError) as refused:
        validate_params("consecutive_awards", {"awards": [], "years": 0, "until": "next", "colour": 1})
    assert refused.value.message_dict == {
        "colour": ["Tham số “colour” không dùng cho loại điều kiện này."],
        "until": ["“until” phải là một trong: previous, current."],
        "years": ["“years” phải là số nguyên từ 1 đến 30."],
        "awards": ["“awards” phải là danh sách mã hình thức, không để trống."],
    }
