"""Eligibility checks as pure functions: the facts of a nominee (``Facts``, gathered by ``awards.selectors.facts``)
in, one ``Outcome`` per check out, with a Vietnamese explanation that cites the rule and names the facts. No queries
here: the services gather, check, store.

Rule params: ``DEFAULTS`` is their schema, the one source of the keys of each kind of rule and of their defaults
(the catalogue editor builds exactly these keys; ``validate_params`` checks them; ``params_of`` fills what a stored
rule leaves out). Keys in ``OPTIONAL`` may be left out of a rule (their default None: not used). ``until`` =
"previous" ends a window with the year before the campaign's year (the 2019 campaign: 2016–2018 for 3 years),
"current" with the campaign's year.

Missing facts are read differently by source. The award register is the record of the awards received: a year
without a record there means the award was not received, so rules on the register (``consecutive_awards``,
``holds_award``) FAIL on a missing year. The roster's ratings are entered by the units and may simply not have been
entered yet: a year without a rating cannot tell good from bad, so ``consecutive_ratings`` is UNKNOWN on it (a
clerk checks the paper record), and FAILS only on a rating that is entered and too low.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models.catalogue import AppliesTo, RecipientKind, RuleKind
from .models.nominations import CheckResult
from .models.people import InitiativeScope, Rating

RATING_ORDER = [Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.FAILED]
UNTIL = ("previous", "current")


# --- Facts ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DisciplineFact:
    kind: str
    starts_on: date
    ends_on: date | None = None
    decision: str = ""
    subject: str = ""

    def in_force_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    def in_force_in(self, year):
        return self.starts_on <= date(year, 12, 31) and (self.ends_on is None or self.ends_on >= date(year, 1, 1))


@dataclass(frozen=True)
class InitiativeFact:
    year: int
    scope: str
    title: str = ""


@dataclass(frozen=True)
class RankingFact:
    """The collective's place in its cluster for the campaign. ``cluster`` None: not in any cluster of the campaign;
    ``total`` 0: the cluster has no ranking yet; ``rank`` None: ranked cluster, but not this collective."""

    cluster: str | None
    rank: int | None = None
    total: int = 0


@dataclass
class MemberFact:
    """One member of the collective's roster in a year, with their own register and discipline."""

    name: str
    rating: str
    awards: dict = field(default_factory=dict)  # year -> set of codes
    disciplines: list = field(default_factory=list)  # DisciplineFact


@dataclass
class Facts:
    recipient_kind: str
    year: int  # the campaign's year
    today: date
    name: str = ""
    awards: dict = field(default_factory=dict)  # year -> set of award codes (register in force)
    ratings: dict = field(default_factory=dict)  # year -> best rating of the person that year
    initiatives: list = field(default_factory=list)  # InitiativeFact
    disciplines: list = field(default_factory=list)  # DisciplineFact
    ranking: RankingFact | None = None
    campaign_results: int | None = None  # None: cannot be known (no nomination yet)
    roster: dict = field(default_factory=dict)  # year -> [MemberFact]
    award_names: dict = field(default_factory=dict)  # code -> name in the regime's catalogue

    def name_of(self, code):
        return self.award_names.get(code, code)


@dataclass(frozen=True)
class Outcome:
    code: str
    title: str
    result: str
    explanation: str
    citation: str = ""
    route: int | None = None
    blocking: bool = False


# --- Params ---------------------------------------------------------------------------------------------------------

DEFAULTS = {
    RuleKind.CONSECUTIVE_AWARDS: {"awards": [], "years": 1, "until": "previous"},
    # ``after_award``: an award code; the run of ratings must start after the latest year the nominee held it.
    RuleKind.CONSECUTIVE_RATINGS: {"rating": "excellent", "years": 1, "until": "previous", "after_award": None},
    RuleKind.INITIATIVES: {"count": 1, "years": 1, "scope": "base", "until": "previous"},
    RuleKind.HOLDS_AWARD: {"awards": []},
    RuleKind.CLUSTER_RANK: {"rank": 1},
    RuleKind.ROSTER_SHARES: {"completed_pct": 100, "advanced_pct": 70, "advanced_award": "lao_dong_tien_tien",
                             "cstd_count": 1, "cstd_award": "cstd_co_so", "until": "previous"},
    RuleKind.CAMPAIGN_RESULTS: {"min_items": 1},
}


# Keys a rule may leave out (or leave None): the check then does without them.
OPTIONAL = frozenset({"after_award"})


def required_keys(kind):
    """The keys every rule of ``kind`` holds (those of ``DEFAULTS`` not in ``OPTIONAL``)."""
    return [key for key in DEFAULTS.get(kind, {}) if key not in OPTIONAL]


def params_of(rule):
    return {**DEFAULTS.get(rule.kind, {}), **(rule.params or {})}


def _int_param(params, key, errors, low, high):
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[key] = _("“%(key)s” phải là số nguyên từ %(low)s đến %(high)s.") % {"key": key, "low": low,
                                                                                   "high": high}


def _codes_param(params, key, errors):
    value = params.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(code, str) and code for code in value):
        errors[key] = _("“%(key)s” phải là danh sách mã hình thức, không để trống.") % {"key": key}


def _choice_param(params, key, choices, errors):
    if params.get(key) not in choices:
        errors[key] = _("“%(key)s” phải là một trong: %(choices)s.") % {"key": key, "choices": ", ".join(choices)}


def validate_params(kind, params):
    """Checks the params of a rule of ``kind`` (missing keys take their defaults); returns None. ValidationError
    (Vietnamese, a dict param → message) names every key that is wrong or unknown."""
    if kind not in DEFAULTS:
        raise ValidationError(_("Loại điều kiện không hợp lệ."))
    if not isinstance(params, dict):
        raise ValidationError(_("Tham số phải là một đối tượng JSON."))
    errors = {key: _("Tham số “%(key)s” không dùng cho loại điều kiện này.") % {"key": key}
              for key in params if key not in DEFAULTS[kind]}
    full = {**DEFAULTS[kind], **params}
    if "until" in full:
        _choice_param(full, "until", UNTIL, errors)
    if "years" in full:
        _int_param(full, "years", errors, 1, 30)
    if kind in (RuleKind.CONSECUTIVE_AWARDS, RuleKind.HOLDS_AWARD):
        _codes_param(full, "awards", errors)
    elif kind == RuleKind.CONSECUTIVE_RATINGS:
        _choice_param(full, "rating", [Rating.EXCELLENT.value, Rating.GOOD.value], errors)
        after = full.get("after_award")
        if after is not None and (not isinstance(after, str) or not after):
            errors["after_award"] = _("“%(key)s” phải là mã một hình thức, hoặc để trống.") % {"key": "after_award"}
    elif kind == RuleKind.INITIATIVES:
        _int_param(full, "count", errors, 1, 100)
        _choice_param(full, "scope", list(InitiativeScope.values), errors)
    elif kind == RuleKind.CLUSTER_RANK:
        _int_param(full, "rank", errors, 1, 100)
    elif kind == RuleKind.ROSTER_SHARES:
        _int_param(full, "completed_pct", errors, 0, 100)
        _int_param(full, "advanced_pct", errors, 0, 100)
        _int_param(full, "cstd_count", errors, 0, 1000)
        for key in ("advanced_award", "cstd_award"):
            if not isinstance(full.get(key), str) or not full.get(key):
                errors[key] = _("“%(key)s” phải là mã một hình thức.") % {"key": key}
    elif kind == RuleKind.CAMPAIGN_RESULTS:
        _int_param(full, "min_items", errors, 1, 1000)
    if errors:
        raise ValidationError(errors)


# --- Windows and wording ----------------------------------------------------------------------------------------------

def window(params, year):
    """The years a rule looks at: ``years`` years ending with the campaign's year or the one before."""
    end = year if params.get("until") == "current" else year - 1
    return list(range(end - int(params.get("years", 1)) + 1, end + 1))


def years_text(years):
    if len(years) == 1:
        return _("năm %(year)s") % {"year": years[0]}
    return _("%(count)s năm liên tục (%(first)s–%(last)s)") % {"count": len(years), "first": years[0],
                                                               "last": years[-1]}


def year_list(years):
    text = ", ".join(str(year) for year in years)
    return (_("năm %(years)s") if len(years) == 1 else _("các năm %(years)s")) % {"years": text}


def names_text(codes, names):
    return _(" hoặc ").join(names.get(code, code) for code in codes)


def dmy(day):
    return day.strftime("%d/%m/%Y") if day else ""


def rating_label(rating):
    return str(Rating(rating).label)


def at_least(rating, wanted):
    return rating in RATING_ORDER and RATING_ORDER.index(rating) <= RATING_ORDER.index(wanted)


def until_text(params):
    if params.get("until") == "current":
        return _("tính đến năm của phong trào")
    return _("tính đến năm trước năm của phong trào")


def after_text(params, names):
    """", sau lần được tặng … gần nhất" when the rule counts from an award, else ""."""
    if not params.get("after_award"):
        return ""
    return _(", sau năm được tặng %(award)s gần nhất") % {"award": names.get(params["after_award"],
                                                                               params["after_award"])}


def describe_rule(rule, names=None):
    """A Vietnamese sentence describing ``rule`` from its params (the catalogue screens show it)."""
    names = names or {}
    p = params_of(rule)
    kind = rule.kind
    if kind == RuleKind.CONSECUTIVE_AWARDS:
        text = _("Đạt %(awards)s %(years)s năm liên tục, %(until)s.") % {
            "awards": names_text(p["awards"], names), "years": p["years"], "until": until_text(p)}
    elif kind == RuleKind.CONSECUTIVE_RATINGS:
        text = _("Được xếp loại “%(rating)s” trở lên %(years)s năm liên tục, %(until)s%(after)s.") % {
            "rating": rating_label(p["rating"]), "years": p["years"], "until": until_text(p),
            "after": after_text(p, names)}
    elif kind == RuleKind.INITIATIVES:
        text = _("Có ít nhất %(count)s sáng kiến phạm vi “%(scope)s” trở lên được công nhận trong %(years)s năm, "
                 "%(until)s.") % {"count": p["count"], "scope": InitiativeScope(p["scope"]).label,
                                  "years": p["years"], "until": until_text(p)}
    elif kind == RuleKind.HOLDS_AWARD:
        text = _("Đã được tặng %(awards)s trước đó.") % {"awards": names_text(p["awards"], names)}
    elif kind == RuleKind.CLUSTER_RANK:
        text = _("Xếp thứ %(rank)s trở lên trong cụm, khối thi đua của phong trào.") % {"rank": p["rank"]}
    elif kind == RuleKind.ROSTER_SHARES:
        text = _("Trong năm xét: %(completed)s%% thành viên hoàn thành nhiệm vụ trở lên, ít nhất %(advanced)s%% đạt "
                 "%(advanced_award)s, ít nhất %(cstd)s thành viên đạt %(cstd_award)s, không có thành viên bị kỷ luật "
                 "(%(until)s).") % {
            "completed": p["completed_pct"], "advanced": p["advanced_pct"],
            "advanced_award": names.get(p["advanced_award"], p["advanced_award"]), "cstd": p["cstd_count"],
            "cstd_award": names.get(p["cstd_award"], p["cstd_award"]), "until": until_text(p)}
    elif kind == RuleKind.CAMPAIGN_RESULTS:
        text = _("Có ít nhất %(count)s kết quả, thành tích trong phong trào.") % {"count": p["min_items"]}
    else:
        text = str(rule)
    if rule.applies_to != AppliesTo.ALL:
        text = _("%(text)s (Chỉ áp dụng cho: %(who)s.)") % {"text": text, "who": AppliesTo(rule.applies_to).label}
    return text


def _cite(citation):
    return _(" theo %(citation)s") % {"citation": citation} if citation else ""


# --- Rule checks ------------------------------------------------------------------------------------------------------

def check_consecutive_awards(p, facts, citation):
    """FAIL names the years of the window without the award in the register: the register is the record of the
    awards received, so no record means not received (not unknown)."""
    years = window(p, facts.year)
    wanted = set(p["awards"])
    missing = [year for year in years if not facts.awards.get(year, set()) & wanted]
    awards = names_text(p["awards"], facts.award_names)
    if not missing:
        return CheckResult.PASS, _("Đã đạt %(awards)s %(years)s%(cite)s.") % {
            "awards": awards, "years": years_text(years), "cite": _cite(citation)}
    return CheckResult.FAIL, _("Cần danh hiệu %(awards)s %(years)s%(cite)s; còn thiếu %(missing)s.") % {
        "awards": awards, "years": years_text(years), "cite": _cite(citation), "missing": year_list(missing)}


def latest_award_year(facts, code):
    """The latest year the register holds ``code`` for the nominee, or None."""
    return max((year for year, codes in facts.awards.items() if code in codes), default=None)


def check_consecutive_ratings(p, facts, citation):
    """FAIL on a year rated below ``rating``; UNKNOWN on a year without a rating (the roster's ratings may simply
    not be entered: a missing rating says nothing either way, unlike a missing register record).

    With ``after_award`` the run must start after the latest year the nominee held that award (the Prime
    Minister's Bằng khen: 5 years after the provincial one): FAIL when the window starts in or before that year,
    UNKNOWN when the register never shows the award (the run cannot be placed; whether the award is needed at all
    is the form's ``holds_award`` rule, which fails on it)."""
    years = window(p, facts.year)
    wanted = p["rating"]
    after = p.get("after_award")
    worse = [year for year in years if year in facts.ratings and not at_least(facts.ratings[year], wanted)]
    unrated = [year for year in years if year not in facts.ratings]
    values = {"rating": rating_label(wanted), "years": years_text(years), "cite": _cite(citation),
              "after": after_text(p, facts.award_names)}
    need = _("Cần xếp loại “%(rating)s” trở lên %(years)s%(after)s%(cite)s") % values
    problems = []
    if worse:
        problems.append(_("không đạt %(details)s") % {"details": "; ".join(
            _("năm %(year)s: %(rating)s") % {"year": year, "rating": rating_label(facts.ratings[year])}
            for year in worse)})
    held = latest_award_year(facts, after) if after else None
    if held is not None and years[0] <= held:
        problems.append(_("được tặng %(award)s năm %(held)s nên thời gian xét phải bắt đầu từ năm %(start)s") % {
            "award": facts.name_of(after), "held": held, "start": held + 1})
    if problems:
        return CheckResult.FAIL, _("%(need)s; %(problems)s.") % {"need": need, "problems": "; ".join(problems)}
    if after and held is None:
        return CheckResult.UNKNOWN, _("%(need)s; sổ khen thưởng chưa ghi nhận %(award)s để tính thời gian từ sau "
                                      "đó.") % {"need": need, "award": facts.name_of(after)}
    if unrated:
        return CheckResult.UNKNOWN, _("%(need)s; chưa có kết quả xếp loại %(missing)s.") % {
            "need": need, "missing": year_list(unrated)}
    if after:
        return CheckResult.PASS, _("Đã được xếp loại “%(rating)s” trở lên %(years)s, sau năm được tặng %(award)s "
                                   "(%(held)s)%(cite)s.") % {**values, "award": facts.name_of(after), "held": held}
    return CheckResult.PASS, _("Đã được xếp loại “%(rating)s” trở lên %(years)s%(cite)s.") % values


def check_initiatives(p, facts, citation):
    years = window(p, facts.year)
    scopes = InitiativeScope.at_least(p["scope"])
    found = [item for item in facts.initiatives if item.year in years and item.scope in scopes]
    values = {"count": p["count"], "scope": InitiativeScope(p["scope"]).label, "found": len(found),
              "years": years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}", "cite": _cite(citation)}
    if len(found) >= p["count"]:
        return CheckResult.PASS, _("Có %(found)s sáng kiến phạm vi “%(scope)s” trở lên trong %(years)s (cần "
                                   "%(count)s)%(cite)s.") % values
    return CheckResult.FAIL, _("Cần %(count)s sáng kiến phạm vi “%(scope)s” trở lên trong %(years)s%(cite)s; chỉ "
                               "có %(found)s.") % values


def check_holds_award(p, facts, citation):
    """FAIL when the register holds none of the awards up to the year before the campaign's: no record in the
    register means not received."""
    end = window({"until": "previous", "years": 1}, facts.year)[-1]
    wanted = set(p["awards"])
    held = sorted(year for year, codes in facts.awards.items() if year <= end and codes & wanted)
    awards = names_text(p["awards"], facts.award_names)
    if held:
        return CheckResult.PASS, _("Đã được tặng %(awards)s (%(years)s)%(cite)s.") % {
            "awards": awards, "years": year_list(held), "cite": _cite(citation)}
    return CheckResult.FAIL, _("Cần đã được tặng %(awards)s đến năm %(end)s%(cite)s; sổ khen thưởng chưa ghi nhận.") % {
        "awards": awards, "end": end, "cite": _cite(citation)}


def check_cluster_rank(p, facts, citation):
    ranking = facts.ranking
    cite = _cite(citation)
    if ranking is None or ranking.cluster is None:
        return CheckResult.UNKNOWN, _("Cần xếp thứ %(rank)s trở lên trong cụm, khối%(cite)s; tập thể chưa thuộc cụm, "
                                      "khối nào của phong trào.") % {"rank": p["rank"], "cite": cite}
    values = {"rank": p["rank"], "cluster": ranking.cluster, "place": ranking.rank, "total": ranking.total,
              "cite": cite}
    if not ranking.total:
        return CheckResult.UNKNOWN, _("Cần xếp thứ %(rank)s trở lên trong %(cluster)s%(cite)s; cụm, khối chưa có "
                                      "bảng xếp hạng.") % values
    if ranking.rank is None:
        return CheckResult.UNKNOWN, _("Cần xếp thứ %(rank)s trở lên trong %(cluster)s%(cite)s; tập thể chưa có thứ "
                                      "hạng (bảng điểm chưa được chốt), cụm đã xếp hạng %(total)s đơn vị.") % values
    if ranking.rank <= p["rank"]:
        return CheckResult.PASS, _("Xếp thứ %(place)s/%(total)s trong %(cluster)s (cần thứ %(rank)s trở lên)"
                                   "%(cite)s.") % values
    return CheckResult.FAIL, _("Cần xếp thứ %(rank)s trở lên trong %(cluster)s%(cite)s; tập thể xếp thứ "
                               "%(place)s/%(total)s.") % values


def check_roster_shares(p, facts, citation):
    year = window({**p, "years": 1}, facts.year)[-1]
    members = facts.roster.get(year) or []
    cite = _cite(citation)
    if not members:
        return CheckResult.UNKNOWN, _("Chưa có danh sách thành viên của tập thể năm %(year)s để xét tỷ lệ%(cite)s.") % {
            "year": year, "cite": cite}
    total = len(members)
    completing = sum(member.rating in Rating.completing() for member in members)
    advanced = sum(p["advanced_award"] in member.awards.get(year, set()) for member in members)
    cstd = sum(p["cstd_award"] in member.awards.get(year, set()) for member in members)
    disciplined = [member.name for member in members if any(d.in_force_in(year) for d in member.disciplines)]
    names = facts.award_names
    facts_text = _("năm %(year)s có %(total)s thành viên: %(completing)s hoàn thành nhiệm vụ, %(advanced)s đạt "
                   "%(advanced_award)s, %(cstd)s đạt %(cstd_award)s") % {
        "year": year, "total": total, "completing": completing, "advanced": advanced,
        "advanced_award": names.get(p["advanced_award"], p["advanced_award"]), "cstd": cstd,
        "cstd_award": names.get(p["cstd_award"], p["cstd_award"])}
    problems = []
    if completing * 100 < p["completed_pct"] * total:
        problems.append(_("tỷ lệ hoàn thành nhiệm vụ dưới %(pct)s%%") % {"pct": p["completed_pct"]})
    if advanced * 100 < p["advanced_pct"] * total:
        problems.append(_("tỷ lệ đạt %(award)s dưới %(pct)s%%") % {
            "award": names.get(p["advanced_award"], p["advanced_award"]), "pct": p["advanced_pct"]})
    if cstd < p["cstd_count"]:
        problems.append(_("cần ít nhất %(count)s %(award)s") % {
            "count": p["cstd_count"], "award": names.get(p["cstd_award"], p["cstd_award"])})
    if disciplined:
        problems.append(_("có thành viên bị kỷ luật: %(names)s") % {"names": ", ".join(disciplined)})
    if problems:
        return CheckResult.FAIL, _("Không đạt tỷ lệ thành viên%(cite)s: %(problems)s (%(facts)s).") % {
            "cite": cite, "problems": "; ".join(problems), "facts": facts_text}
    return CheckResult.PASS, _("Đạt tỷ lệ thành viên%(cite)s: %(facts)s, không ai bị kỷ luật.") % {
        "cite": cite, "facts": facts_text}


def check_campaign_results(p, facts, citation):
    cite = _cite(citation)
    if facts.campaign_results is None:
        return CheckResult.UNKNOWN, _("Cần có kết quả, thành tích trong phong trào%(cite)s; chưa có báo cáo thành tích "
                                      "để xét.") % {"cite": cite}
    values = {"count": p["min_items"], "found": facts.campaign_results, "cite": cite}
    if facts.campaign_results >= p["min_items"]:
        return CheckResult.PASS, _("Có %(found)s kết quả, thành tích trong phong trào (cần %(count)s)%(cite)s.") % values
    return CheckResult.FAIL, _("Cần ít nhất %(count)s kết quả, thành tích trong phong trào%(cite)s; mới có "
                               "%(found)s.") % values


RULE_CHECKS = {
    RuleKind.CONSECUTIVE_AWARDS: check_consecutive_awards,
    RuleKind.CONSECUTIVE_RATINGS: check_consecutive_ratings,
    RuleKind.INITIATIVES: check_initiatives,
    RuleKind.HOLDS_AWARD: check_holds_award,
    RuleKind.CLUSTER_RANK: check_cluster_rank,
    RuleKind.ROSTER_SHARES: check_roster_shares,
    RuleKind.CAMPAIGN_RESULTS: check_campaign_results,
}


def rule_code(rule):
    return f"rule:{rule.pk}"


def check_rule(rule, facts):
    """The outcome of one catalogue rule against the facts."""
    result, explanation = RULE_CHECKS[rule.kind](params_of(rule), facts, rule.citation)
    return Outcome(code=rule_code(rule), route=rule.route, title=describe_rule(rule, facts.award_names),
                   citation=rule.citation, result=result, explanation=explanation)


def check_rules(rules, facts):
    """Outcomes of the rules that concern the recipient kind of the facts, in route order."""
    return [check_rule(rule, facts) for rule in rules if rule.applies(facts.recipient_kind)]


# --- Built-in checks --------------------------------------------------------------------------------------------------

def check_recipient(form, recipient_kind):
    label = RecipientKind(recipient_kind).label
    ok = form.admits(recipient_kind)
    if ok:
        explanation = _("%(form)s được xét tặng cho đối tượng “%(kind)s”.")
    else:
        explanation = _("%(form)s không xét tặng cho đối tượng “%(kind)s”.")
    return Outcome(code="recipient", title=_("Đối tượng được đề nghị"), citation=form.legal_basis[:255],
                   result=CheckResult.PASS if ok else CheckResult.FAIL, blocking=True,
                   explanation=explanation % {"form": form.name, "kind": label})


def check_discipline(facts):
    """Blocking: a discipline or investigation in force on the check date."""
    current = [d for d in facts.disciplines if d.in_force_on(facts.today)]
    title = _("Không đang bị kỷ luật, điều tra")
    if not current:
        return Outcome(code="discipline", title=title, result=CheckResult.PASS, blocking=True,
                       explanation=_("Không có kỷ luật nào còn hiệu lực ngày %(day)s.") % {"day": dmy(facts.today)})
    parts = []
    for d in current:
        until = dmy(d.ends_on) if d.ends_on else _("nay")
        text = _("%(kind)s từ %(start)s đến %(end)s") % {"kind": d.kind, "start": dmy(d.starts_on), "end": until}
        if d.decision:
            text += _(" (%(decision)s)") % {"decision": d.decision}
        if d.subject:
            text = f"{d.subject}: {text}"
        parts.append(text)
    return Outcome(code="discipline", title=title, result=CheckResult.FAIL, blocking=True,
                   explanation=_("Đang bị kỷ luật ngày %(day)s: %(items)s. Không được khen thưởng trong thời gian "
                                 "này.") % {"day": dmy(facts.today), "items": "; ".join(parts)})


def check_documents(required, present_ids):
    """``required``: the required documents of the form that apply to the recipient; ``present_ids``: ids of the
    documents the nomination holds (files not removed)."""
    missing = [doc for doc in required if doc.pk not in present_ids]
    title = _("Tài liệu trong hồ sơ")
    if not required:
        return Outcome(code="documents", title=title, result=CheckResult.PASS,
                       explanation=_("Hình thức không yêu cầu tài liệu riêng cho từng đối tượng."))
    if missing:
        return Outcome(code="documents", title=title, result=CheckResult.FAIL,
                       explanation=_("Còn thiếu: %(names)s.") % {"names": "; ".join(doc.name for doc in missing)})
    return Outcome(code="documents", title=title, result=CheckResult.PASS,
                   explanation=_("Đủ %(count)s tài liệu theo yêu cầu.") % {"count": len(required)})


def check_report(*, situation, task_results, campaign_template, template_name=""):
    """The achievement report: the situation, and for the campaign template at least one task's results."""
    problems = []
    if not (situation or "").strip():
        problems.append(_("chưa có phần sơ lược lý lịch, đặc điểm tình hình"))
    if campaign_template and not task_results:
        problems.append(_("chưa có thành tích theo nội dung thi đua nào"))
    title = _("Báo cáo thành tích")
    if problems:
        return Outcome(code="report", title=title, citation=template_name[:255], result=CheckResult.FAIL,
                       explanation=_("Báo cáo thành tích chưa đủ: %(problems)s.") % {"problems": "; ".join(problems)})
    return Outcome(code="report", title=title, citation=template_name[:255], result=CheckResult.PASS,
                   explanation=_("Báo cáo thành tích có đủ các phần theo mẫu."))


# --- Verdict -----------------------------------------------------------------------------------------------------

def combine(checks, overridden=frozenset()):
    """The verdict of a list of outcomes or NominationCheck rows (anything with code, route, result, blocking).

    FAIL: a blocking check fails, or a built-in check (route None) fails and is not overridden, or every route has a
    rule that fails (not overridden). A route counts only with at least one rule. UNKNOWN: not failing, but a
    built-in is unknown, or no route passes whole while some route has only passed/unknown rules. PASS otherwise.
    """
    def passed(check):
        return check.result == CheckResult.PASS or (
            check.result == CheckResult.FAIL and not check.blocking and check.code in overridden)

    def failed(check):
        return check.result == CheckResult.FAIL and not passed(check)

    builtins = [check for check in checks if check.route is None]
    routes = {}
    for check in checks:
        if check.route is not None:
            routes.setdefault(check.route, []).append(check)
    if any(failed(check) for check in builtins):
        return CheckResult.FAIL
    unknown = any(check.result == CheckResult.UNKNOWN for check in builtins)
    if routes and not any(all(passed(check) for check in rules) for rules in routes.values()):
        if all(any(failed(check) for check in rules) for rules in routes.values()):
            return CheckResult.FAIL
        unknown = True
    return CheckResult.UNKNOWN if unknown else CheckResult.PASS
