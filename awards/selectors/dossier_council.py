"""The council's own documents of a dossier (issue 7), as plain values for the templates under awards/dossier/:
the minutes (biên bản) of a closed session, one achievement report (báo cáo thành tích) per nominee in the structure
of its award form's template, and the chairman's decision (draft, or the one recorded) with its list and cash.

Each document is ``{"kind", "template", "label", "context"}`` holding only str/int/bool/list/dict (dates already
formatted), so rendering touches no model and runs no query."""

from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Achievement, PledgedWork
from campaign.pdf import vietnamese_date_line
from units.vietnamese import fold

from ..models import (
    AwardKind,
    AwardRecord,
    CouncilRole,
    DecidedBy,
    NominationTask,
    Outcome,
    PartKind,
    RecipientKind,
    ReportTemplate,
)
from ..services.decisions import base_salary_on, cash_amount
from .ballots import minutes_context, nominee_unit

KINDS = (RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD)
PASSED = (Outcome.PASSED, Outcome.PASSED_LOWER)
ROMAN = ("I", "II", "III", "IV")
# How many of a nominee's earlier awards the report lists (the latest).
EARLIER_AWARDS = 5


def _document(kind, template, label, context):
    return {"kind": str(kind), "template": f"awards/dossier/{template}", "label": str(label), "context": context}


def _province():
    return settings.PORTAL_PROVINCE


def _day(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _blank_date_line(year=""):
    """A date line left for the signer to fill: "Lạng Sơn, ngày      tháng      năm 2019"."""
    return _("%(place)s, ngày      tháng      năm %(year)s") % {"place": _province(), "year": year}


def _paragraphs(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _kind_label(kind):
    return str(RecipientKind(kind).label)


def _join(parts):
    """"a", "a và b", "a, b và c"."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s và %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


# --- Minutes -------------------------------------------------------------------------------------------------------


def minutes_document(session):
    """The council's minutes: time, place, who chaired and kept them, who sat (absent members' written opinions
    marked), the ballot, and a table per award form and recipient kind with each nominee's votes and share of all
    members (selectors.ballots.minutes_context, extended)."""
    minutes = minutes_context(session)
    meets_at = timezone.localtime(session.meets_at)
    context = {
        "header": {"parent_body": _("UBND TỈNH %(province)s") % {"province": _province().upper()},
                   "issuer": _("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"), "number": _("Số:      /BB-HĐTĐKT"),
                   "date_line": vietnamese_date_line(_province(), meets_at.date())},
        "draft": False,
        "doc_type": _("BIÊN BẢN"),
        "summary": _("Họp Hội đồng Thi đua – Khen thưởng tỉnh xét đề nghị khen thưởng trong %(campaign)s")
        % {"campaign": minutes["campaign"]},
        "opening": _("Hồi %(hour)s giờ %(minute)s ngày %(date)s, tại %(place)s, Hội đồng Thi đua – Khen thưởng tỉnh "
                     "%(province)s họp xét đề nghị khen thưởng trong %(campaign)s (%(session)s).")
        % {"hour": f"{meets_at.hour:02d}", "minute": f"{meets_at.minute:02d}", "date": minutes["date"],
           "place": minutes["place"], "province": _province(), "campaign": minutes["campaign"],
           "session": minutes["session"]},
        "minutes": minutes,
        "written_count": sum(1 for person in minutes["absent"] if person["written_opinion"]),
        "closed_at": _moment(session.closed_at),
        "groups": _nominee_groups(minutes["nominees"]),
        "signatures": [
            {"position": _("THƯ KÝ"), "name": minutes["secretary"]["name"]},
            {"position": _("CHỦ TỊCH") if session.chair.role == CouncilRole.CHAIR else _("CHỦ TRÌ"),
             "name": minutes["chair"]["name"]},
        ],
        "recipients": [],
    }
    return _document(PartKind.MINUTES, "minutes.html", _("Biên bản họp Hội đồng Thi đua – Khen thưởng"), context)


def _moment(value):
    if value is None:
        return ""
    local = timezone.localtime(value)
    return _("%(hour)s giờ %(minute)s ngày %(date)s") % {
        "hour": f"{local.hour:02d}", "minute": f"{local.minute:02d}", "date": _day(local)}


def _nominee_groups(nominees):
    """The minutes' nominees (already in form order) grouped by award form and recipient kind."""
    groups = []
    for nominee in nominees:
        if not groups or (groups[-1]["form"], groups[-1]["kind"]) != (nominee["form"], nominee["kind"]):
            groups.append({"form": nominee["form"], "kind": nominee["kind"], "nominees": []})
        groups[-1]["nominees"].append(nominee)
    return groups


# --- Achievement reports -------------------------------------------------------------------------------------------


def report_documents(nominations):
    """One achievement report per nomination, in the order given (label: the nominee's full name). Queries do not
    grow with the number of nominations: what the given instances have not loaded yet is prefetched at once."""
    nominations = list(nominations)
    if not nominations:
        return []
    _prefetch(nominations)
    awards = _earlier_awards(nominations)
    return [_report_document(nomination, awards) for nomination in nominations]


def _prefetch(nominations):
    works = PledgedWork.objects.only("pk", "title").order_by("title", "pk")
    achievements = Achievement.objects.only("pk", "title").order_by("title", "pk")
    tasks = (NominationTask.objects.select_related("task").order_by("task__number", "pk")
             .prefetch_related(Prefetch("works", queryset=works), Prefetch("achievements", queryset=achievements)))
    prefetch_related_objects(
        nominations, "award_form", "batch__unit", "batch__campaign", "unit__parent", "person__unit__parent",
        "household__unit__parent", Prefetch("task_results", queryset=tasks, to_attr="dossier_tasks"))


def _earlier_awards(nominations):
    """{(recipient kind, id): [record lines]}: each nominee's latest awards in force in the register, not counting
    those the nominations themselves brought (one query)."""
    ids = {kind: {getattr(n, f"{field}_id") for n in nominations if n.recipient_kind == kind}
           for kind, field in (("collective", "unit"), ("individual", "person"), ("household", "household"))}
    records = (AwardRecord.objects.in_force()
               .filter(Q(recipient_kind=RecipientKind.COLLECTIVE, unit_id__in=ids["collective"])
                       | Q(recipient_kind=RecipientKind.INDIVIDUAL, person_id__in=ids["individual"])
                       | Q(recipient_kind=RecipientKind.HOUSEHOLD, household_id__in=ids["household"]))
               .exclude(nomination_id__in=[n.pk for n in nominations])
               .order_by("-year", "-decision_date", "-pk"))
    awards = {}
    for record in records:
        key = (record.recipient_kind, record.unit_id or record.person_id or record.household_id)
        lines = awards.setdefault(key, [])
        if len(lines) < EARLIER_AWARDS:
            lines.append({"year": record.year, "name": record.award_name,
                          "decision": _("Quyết định số %(number)s ngày %(date)s của %(issuer)s") % {
                              "number": record.decision_number, "date": _day(record.decision_date),
                              "issuer": record.issuer}})
    return awards


def _report_document(nomination, awards):
    form = nomination.award_form
    unit = nominee_unit(nomination)
    recipient_id = nomination.unit_id or nomination.person_id or nomination.household_id
    earlier = awards.get((nomination.recipient_kind, recipient_id), [])
    template = form.report_template
    context = {
        "header": {"parent_body": unit.parent.name if unit.parent_id else "", "issuer": unit.name, "number": "",
                   "date_line": _report_date_line(nomination.batch)},
        "draft": False,
        "doc_type": _("BÁO CÁO THÀNH TÍCH"),
        "summary": _report_summary(nomination),
        "report": {
            "template": template,
            "template_title": str(ReportTemplate(template).label) if template else "",
            "template_name": form.report_template_name,
            "recipient_kind": str(nomination.recipient_kind),
            "kind": _kind_label(nomination.recipient_kind),
            "name": str(nomination.recipient),
            "facts": _facts(nomination),
            "situation": _paragraphs(nomination.situation),
            "tasks": [_task(result) for result in nomination.dossier_tasks],
            "summary": _paragraphs(nomination.summary),
            "earlier_awards": earlier,
            "sections": _sections(template, nomination.recipient_kind, bool(earlier)),
        },
        "certifier": {"title": _("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"), "unit": nomination.batch.unit.name,
                      "position": nomination.batch.signer_position, "name": nomination.batch.signer},
        "signature": _report_signature(nomination, unit),
        "recipients": [],
    }
    return _document(PartKind.REPORTS, "report.html", str(nomination.recipient), context)


def _report_date_line(batch):
    if batch.letter_date:
        return vietnamese_date_line(_province(), batch.letter_date)
    return _blank_date_line()


def _report_summary(nomination):
    values = {"form": nomination.award_form.name, "campaign": nomination.batch.campaign.title}
    if nomination.award_form.report_template == ReportTemplate.CAMPAIGN:
        return _("Đề nghị tặng %(form)s về thành tích trong %(campaign)s") % values
    return _("Đề nghị tặng %(form)s") % values


def _facts(nomination):
    """The nominee's particulars as label/value pairs (empty values left out)."""
    if nomination.recipient_kind == RecipientKind.INDIVIDUAL:
        person = nomination.person
        pairs = [(_("Họ và tên"), person.full_name), (_("Giới tính"), person.get_gender_display()),
                 (_("Năm sinh"), str(person.birth_year)), (_("Dân tộc"), person.ethnicity),
                 (_("Chức vụ"), person.position), (_("Phòng, ban, bộ phận"), person.department),
                 (_("Đơn vị công tác"), person.unit.name)]
    elif nomination.recipient_kind == RecipientKind.HOUSEHOLD:
        household = nomination.household
        pairs = [(_("Chủ hộ"), household.head_name), (_("Địa chỉ"), household.address),
                 (_("Xã, phường, thị trấn"), household.commune), (_("Đơn vị quản lý"), household.unit.name)]
    else:
        unit = nomination.unit
        pairs = [(_("Tên tập thể"), unit.name), (_("Địa chỉ"), unit.address),
                 (_("Đơn vị cấp trên"), unit.parent.name if unit.parent_id else "")]
    return [{"label": str(label), "value": value} for label, value in pairs if value]


def _task(result):
    return {"number": result.task.number, "title": result.task.short_title, "paragraphs": _paragraphs(result.text),
            "works": [work.title for work in result.works.all()],
            "achievements": [achievement.title for achievement in result.achievements.all()]}


def _sections(template, kind, has_awards):
    """The report's numbered parts: the particulars (headed by the kind of nominee, whatever the template), the
    achievements (per campaign task), the summary, and, but for the simplified procedure, the earlier awards."""
    situation = {RecipientKind.INDIVIDUAL: _("Sơ lược lý lịch"),
                 RecipientKind.COLLECTIVE: _("Sơ lược đặc điểm, tình hình"),
                 RecipientKind.HOUSEHOLD: _("Sơ lược về hộ gia đình")}[kind]
    if template == ReportTemplate.CAMPAIGN:
        achievements = _("Thành tích đạt được trong phong trào thi đua")
    else:
        achievements = _("Thành tích đạt được")
    parts = [("situation", situation), ("achievements", achievements), ("summary", _("Tóm tắt thành tích"))]
    if has_awards and template != ReportTemplate.SIMPLIFIED:
        parts.append(("awards", _("Các hình thức khen thưởng đã được nhận")))
    return [{"key": key, "title": f"{ROMAN[index]}. {title.upper()}"} for index, (key, title) in enumerate(parts)]


def _report_signature(nomination, unit):
    """Who signs the report: the person, the head of the household, or the head of the collective (the batch's
    signer when the collective proposes itself)."""
    if nomination.recipient_kind == RecipientKind.INDIVIDUAL:
        return {"prefix": "", "position": _("NGƯỜI BÁO CÁO THÀNH TÍCH"), "name": nomination.person.full_name}
    if nomination.recipient_kind == RecipientKind.HOUSEHOLD:
        return {"prefix": "", "position": _("CHỦ HỘ"), "name": nomination.household.head_name}
    signer = nomination.batch.signer if nomination.batch.unit_id == unit.pk else ""
    return {"prefix": "", "position": _("THỦ TRƯỞNG ĐƠN VỊ"), "name": signer}


# --- Decision ------------------------------------------------------------------------------------------------------


def decision_document(session):
    """The chairman's decision on the session's passed nominees whose awarded form the chairman decides: a draft
    (number and day left blank) for those no decision has decided yet; when every one is decided, the latest decision
    recorded, with its number, date and signer. Article 1 counts per form and recipient kind, article 2 the cash
    (form coefficient × base salary in force on the decision's date, or on the session's date for a draft); after the
    closing, the list."""
    items = _chairman_items(session)
    undecided = [item for item in items if not _in_force(item.decision)]
    decision = None
    if items and not undecided:
        decision = max((item.decision for item in items), key=lambda d: (d.date, d.pk))
        items = [item for item in items if item.decision_id == decision.pk]
    else:
        items = undecided
    day = decision.date if decision else timezone.localdate(session.meets_at)
    salary = base_salary_on(day)
    rows = [_decision_row(item, salary) for item in items]
    campaign = session.campaign
    context = {
        "header": _decision_header(decision, day),
        "draft": decision is None,
        "doc_type": _("QUYẾT ĐỊNH"),
        "summary": (decision.summary if decision and decision.summary else _decision_summary(rows, campaign.title)),
        "authority": _("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"),
        "grounds": _decision_grounds(campaign.regime.legal_basis, session),
        "article_1": _article_1(rows, campaign.title),
        "article_2": _article_2(rows, salary),
        "article_3": [_("Quyết định này có hiệu lực kể từ ngày ký."),
                      _("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính, Thủ trưởng các cơ "
                        "quan, đơn vị có liên quan và các tập thể, cá nhân, hộ gia đình có tên tại Điều 1 chịu trách "
                        "nhiệm thi hành Quyết định này./.")],
        "signature": _decision_signature(decision),
        "recipients": [_("Như Điều 3"), _("Chủ tịch, các Phó Chủ tịch UBND tỉnh"), _("Sở Nội vụ"),
                       _("Sở Tài chính"), _("Lưu: VT, SNV")],
        "list": _decision_list(rows, decision, day),
    }
    label = (_("Quyết định khen thưởng số %(number)s") % {"number": decision.number} if decision
             else _("Dự thảo Quyết định khen thưởng"))
    return _document(PartKind.DECISION, "decision.html", label, context)


def _in_force(decision):
    return decision is not None and decision.cancelled_at is None


def _chairman_items(session):
    """The session's passed items whose awarded form the chairman decides, by form, recipient kind, agenda place."""
    items = (session.items.filter(outcome__in=PASSED, awarded_form__decided_by=DecidedBy.CHAIRMAN)
             .select_related("awarded_form", "decision", "nomination__unit", "nomination__person__unit",
                             "nomination__household__unit"))

    def key(item):
        form = item.awarded_form
        return (form.order, form.name, form.pk, KINDS.index(item.nomination.recipient_kind), item.position, item.pk)

    return sorted(items, key=key)


def _decision_row(item, salary):
    form = item.awarded_form
    return {"form_id": form.pk, "form": form.name, "form_kind": form.kind, "kind": item.nomination.recipient_kind,
            "name": str(item.nomination.recipient), "unit": nominee_unit(item.nomination).name,
            "coefficient": _coefficient(form.cash_coefficient),
            "amount": cash_amount(form.cash_coefficient, salary.amount if salary else None)}


def _coefficient(value):
    """"3", "1,5", "0,3": a cash coefficient without trailing zeros, a decimal comma; "" when none."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


def _decision_header(decision, day):
    if decision is None:
        number, date_line = _("Số:      /QĐ-UBND"), _blank_date_line(day.year)
    else:
        number, date_line = _("Số: %(number)s") % {"number": decision.number}, vietnamese_date_line(
            _province(), decision.date)
    return {"parent_body": "", "issuer": _("ỦY BAN NHÂN DÂN TỈNH %(province)s") % {"province": _province().upper()},
            "number": number, "date_line": date_line}


def _form_phrase(name, form_kind):
    return _("danh hiệu “%(name)s”") % {"name": name} if form_kind == AwardKind.TITLE else name


def _by_form(rows):
    """Rows (in form order) grouped by award form: [{"form", "form_kind", "rows"}]."""
    groups = []
    for row in rows:
        if not groups or groups[-1]["form_id"] != row["form_id"]:
            groups.append({"form_id": row["form_id"], "form": row["form"], "form_kind": row["form_kind"], "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def _counts(rows):
    return {kind.value: sum(1 for row in rows if row["kind"] == kind) for kind in KINDS}


def _who(counts):
    """"1 tập thể, 2 cá nhân và 1 hộ gia đình"."""
    return _join(f"{count} {_kind_label(kind).lower()}" for kind, count in counts.items() if count)


def _decision_summary(rows, campaign):
    forms = [_form_phrase(group["form"], group["form_kind"]) for group in _by_form(rows)]
    kinds = [_kind_label(kind).lower() for kind, count in _counts(rows).items() if count]
    if not forms:
        return _("Về việc khen thưởng trong %(campaign)s") % {"campaign": campaign}
    return _("Về việc tặng %(forms)s cho các %(kinds)s đã có thành tích xuất sắc trong %(campaign)s") % {
        "forms": _join(forms), "kinds": ", ".join(kinds), "campaign": campaign}


def _decision_grounds(legal_basis, session):
    lines = [_("Căn cứ Luật Tổ chức chính quyền địa phương;")]
    lines += [_("Căn cứ %(basis)s;") % {"basis": part.strip()}
              for part in legal_basis.rstrip(" .").split(";") if part.strip()]
    lines.append(_("Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng tỉnh ngày %(date)s;")
                 % {"date": _day(timezone.localtime(session.meets_at))})
    lines.append(_("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số      /TTr-SNV."))
    return lines


def _article_1(rows, campaign):
    """The opening sentence and a line per form: whom it is given to, counted per recipient kind."""
    lines = []
    for group in _by_form(rows):
        counts = _counts(group["rows"])
        lines.append({"form": group["form"], "counts": counts, "total": len(group["rows"]),
                      "text": _("Tặng %(form)s cho %(who)s.") % {
                          "form": _form_phrase(group["form"], group["form_kind"]), "who": _who(counts)}})
    kinds = [_kind_label(kind).lower() for kind, count in _counts(rows).items() if count]
    intro = _("Khen thưởng các %(kinds)s đã có thành tích xuất sắc trong %(campaign)s (có danh sách kèm theo), "
              "cụ thể:") % {"kinds": ", ".join(kinds), "campaign": campaign}
    return {"intro": intro if lines else "", "lines": lines}


def _article_2(rows, salary):
    """The cash per form (each recipient's amount, how many, the sum) and the total, on the base salary."""
    forms = []
    for group in _by_form(rows):
        first = group["rows"][0]
        kinds = [_kind_label(kind).lower() for kind, count in _counts(group["rows"]).items() if count]
        forms.append({"form": group["form"], "coefficient": first["coefficient"], "amount": first["amount"],
                      "count": len(group["rows"]), "each": ", ".join(kinds),
                      "subtotal": sum(row["amount"] for row in group["rows"])})
    return {"base_salary": salary.amount if salary else 0, "base_salary_basis": salary.legal_basis if salary else "",
            "forms": forms, "total": sum(row["amount"] for row in rows)}


def _decision_signature(decision):
    if decision is not None and fold(decision.signer_position).startswith("pho chu tich"):
        return {"prefix": _("KT. CHỦ TỊCH"), "position": _("PHÓ CHỦ TỊCH"), "name": decision.signer}
    return {"prefix": _("TM. ỦY BAN NHÂN DÂN"), "position": _("CHỦ TỊCH"),
            "name": decision.signer if decision is not None else ""}


def _decision_list(rows, decision, day):
    """The list after the decision: groups by form and recipient kind, numbered within each group."""
    kinds = [_kind_label(kind).upper() for kind, count in _counts(rows).items() if count]
    if decision is None:
        reference = _("(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm %(year)s của Chủ tịch UBND "
                      "tỉnh %(province)s)") % {"year": day.year, "province": _province()}
    else:
        reference = _("(Kèm theo Quyết định số %(number)s ngày %(date)s của Chủ tịch UBND tỉnh %(province)s)") % {
            "number": decision.number, "date": _day(decision.date), "province": _province()}
    groups = []
    for row in rows:
        if not groups or (groups[-1]["form"], groups[-1]["key"]) != (row["form"], row["kind"]):
            groups.append({"form": row["form"], "key": row["kind"], "kind": _kind_label(row["kind"]), "rows": []})
        group = groups[-1]["rows"]
        group.append({"number": len(group) + 1, "name": row["name"], "unit": row["unit"], "form": row["form"],
                      "amount": row["amount"]})
    return {"title": _("DANH SÁCH %(kinds)s ĐƯỢC KHEN THƯỞNG") % {"kinds": ", ".join(kinds) or _("TẬP THỂ, CÁ NHÂN")},
            "reference": reference, "groups": groups, "total": sum(row["amount"] for row in rows)}
