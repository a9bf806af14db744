"""The plain context of the summary report's PDF (báo cáo tổng kết, domain.md §7) and of a cluster's report.

Every number comes from the dashboard's figures as they are (``selectors.dashboard``); the rows below only pick and
add up states (what was sent, accepted, locked). The sentences of part III are written from those numbers and say
nothing the numbers do not.

Row of a table (a cluster, a unit, or the whole campaign): ``figure_row``; row of a task: ``task_row``; the phases
and the units late in each: ``phase_rows``.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from ..pdf import vietnamese_date_line

# What a unit has handed in and that does not wait on it: registrations, achievements (ReviewStatus), scorecards.
SENT = ("submitted", "resubmitted", "accepted")
SCORECARDS_SENT = ("submitted", "proposed", "answered", "locked")
LEADER = "leader"


# --- Facts of the campaign (the only reads besides the figures) -------------------------------------------------------


def campaign_facts(campaign):
    """What part I says of the campaign that its figures do not carry: the launch document, the theme, the
    period."""
    return {
        "title": campaign.title, "theme": campaign.theme, "doc_number": campaign.doc_number,
        "doc_date": _day(campaign.doc_date), "bodies": campaign.issuing_body_list,
        "start": _day(campaign.start_date), "end": _day(campaign.end_date),
    }


def head_of_board():
    """The name of the head of the Ban Thi đua – Khen thưởng (who signs for the director), or ""."""
    # Awards knows campaign, never the other way round: its model is looked up by name, not imported.
    post = (apps.get_model("awards", "StaffPost").objects.filter(function="head", user__is_active=True)
            .select_related("user").order_by("user__name_sort", "pk").first())
    return str(post.user) if post else ""


# --- Numbers ----------------------------------------------------------------------------------------------------------


def _day(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _sum(by_state, states):
    return sum(by_state.get(state, 0) for state in states)


def percent_text(value):
    """45.5 → "45,5"; None → "—" (no counted work)."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _share(part, whole):
    """``part`` of ``whole`` in percent, one decimal, as text ("" when ``whole`` is 0)."""
    if not whole:
        return ""
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return percent_text(float(value))


def figure_row(name, figures):
    """The numbers of one row of the tables: a cluster, a unit (``MEMBER``) or the whole campaign (``FIGURES``)."""
    registrations, works = figures["registrations"], figures["works"]
    achievements, scorecards = figures["achievements"], figures["scorecards"]
    return {
        "name": name,
        "units": figures["units"],
        "registered": _sum(registrations["by_state"], SENT),
        "registrations_accepted": registrations["by_state"]["accepted"],
        "not_registered": registrations["not_registered"],
        "not_sent": figures["behind"]["registration"],
        "registrations_late": registrations["submitted_late"],
        "works_total": works["total"],
        "works_pledged": works["pledged"],
        "works_done": works["done"],
        "progress": works["progress"],
        "progress_text": percent_text(works["progress"]),
        "achievements": achievements["total"],
        "achievements_accepted": achievements["by_state"]["accepted"],
        "evidence": figures["evidence"]["total"],
        "scorecards_sent": _sum(scorecards["by_state"], SCORECARDS_SENT),
        "scorecards_locked": scorecards["by_state"]["locked"],
        "scorecards_not_started": scorecards["not_started"],
        "nominations": figures["nominations"]["total"],
        "late": dict(figures["late"]),
    }


def task_row(task):
    works = task["works"]
    return {
        "number": task["number"],
        "title": task["title"],
        "registered": _sum(task["registrations"]["by_state"], SENT),
        "works_pledged": works["pledged"],
        "works_done": works["done"],
        "progress": works["progress"],
        "progress_text": percent_text(works["progress"]),
        "achievements": task["achievements"]["total"],
        "achievements_accepted": task["achievements"]["by_state"]["accepted"],
        "evidence": task["evidence"]["total"],
        "nominations": task["nominations"]["total"],
    }


def phase_rows(phases):
    """A row per phase: its deadline, how many units are behind and late, and the late units' names."""
    rows = []
    for phase in phases:
        late = phase["behind"] if phase["passed"] else []
        if not phase["deadline"]:
            state = _("Chưa đặt thời hạn")
        elif not phase["passed"]:
            state = _("Chưa đến hạn")
        elif not late:
            state = _("Các đơn vị đã thực hiện đúng hạn")
        else:
            state = ", ".join(unit["name"] for unit in late)
        rows.append({
            "key": phase["key"], "label": phase["label"], "deadline": phase["deadline"] or "",
            "passed": phase["passed"], "behind": phase["behind_count"], "late": phase["late_count"],
            "units": late, "state": state,
        })
    return rows


# --- Part I: the situation --------------------------------------------------------------------------------------------


def _movement(title):
    """The campaign's name inside a sentence: "phong trào thi đua đặc biệt …" (its title lower-cased at the start
    when it is one), else the title quoted."""
    if title.lower().startswith("phong trào"):
        return title[:1].lower() + title[1:]
    return _("phong trào thi đua “%(title)s”") % {"title": title}


def _launch(facts):
    values = {"number": facts["doc_number"], "date": facts["doc_date"], "bodies": ", ".join(facts["bodies"]),
              "movement": _movement(facts["title"]), "start": facts["start"], "end": facts["end"]}
    if facts["doc_number"] and facts["doc_date"]:
        text = _("Thực hiện văn bản số %(number)s ngày %(date)s của %(bodies)s về việc phát động %(movement)s, "
                 "thời gian thực hiện từ ngày %(start)s đến ngày %(end)s.")
    elif facts["doc_number"]:
        text = _("Thực hiện văn bản số %(number)s của %(bodies)s về việc phát động %(movement)s, "
                 "thời gian thực hiện từ ngày %(start)s đến ngày %(end)s.")
    else:
        text = _("Thực hiện %(movement)s, thời gian thực hiện từ ngày %(start)s đến ngày %(end)s.")
    return text % values


def _situation(facts, tasks, participants):
    paragraphs = [_launch(facts)]
    if facts["theme"]:
        paragraphs.append(_("Chủ đề của phong trào: “%(theme)s”.") % {"theme": facts["theme"]})
    paragraphs.append(participants)
    if tasks:
        paragraphs.append(_("Phong trào có %(count)s nội dung thi đua:") % {"count": len(tasks)})
    return paragraphs


def _member_names(units):
    """"Huyện Văn Quan (Cụm trưởng), Huyện Bình Gia": the members, their role when they lead or deputise."""
    return ", ".join(unit["name"] if unit["role"] == "member" else f"{unit['name']} ({unit['role_label']})"
                     for unit in units)


# --- Part III: the assessment -----------------------------------------------------------------------------------------


def _assessment(total, *, today):
    """Sentences written from ``total`` (a ``figure_row``): registrations, works, achievements, scoring,
    nominations."""
    lines = [_("Đến ngày %(today)s, có %(registered)s/%(units)s đơn vị đã gửi đăng ký thi đua%(share)s, "
               "trong đó %(accepted)s bản đăng ký đã được chấp nhận; %(missing)s đơn vị chưa gửi đăng ký.") % {
        "today": today, "registered": total["registered"], "units": total["units"],
        "share": f" ({_share(total['registered'], total['units'])}%)" if total["units"] else "",
        "accepted": total["registrations_accepted"], "missing": total["not_sent"]}]
    if total["works_pledged"]:
        lines.append(_("Các đơn vị có %(pledged)s công trình, phần việc được chấp nhận, trong đó %(done)s công "
                       "trình, phần việc đã hoàn thành; tiến độ chung đạt %(progress)s%%.") % {
            "pledged": total["works_pledged"], "done": total["works_done"], "progress": total["progress_text"]})
    else:
        lines.append(_("Chưa có công trình, phần việc nào được chấp nhận."))
    lines.append(_("Đã báo cáo %(achievements)s thành tích, trong đó %(accepted)s thành tích đã được công nhận; "
                   "tổng số tệp minh chứng là %(evidence)s.") % {
        "achievements": total["achievements"], "accepted": total["achievements_accepted"],
        "evidence": total["evidence"]})
    lines.append(_("Có %(sent)s bảng tự chấm điểm đã gửi, trong đó %(locked)s bảng điểm đã được chốt; %(missing)s "
                   "đơn vị chưa mở bảng tự chấm điểm.") % {
        "sent": total["scorecards_sent"], "locked": total["scorecards_locked"],
        "missing": total["scorecards_not_started"]})
    if total["nominations"]:
        lines.append(_("Các đơn vị đã gửi đề nghị khen thưởng %(count)s trường hợp.") % {"count": total["nominations"]})
    else:
        lines.append(_("Chưa có đơn vị nào gửi hồ sơ đề nghị khen thưởng."))
    return lines


def _extremes(rows, *, what):
    """"Cụm, khối có tiến độ cao nhất: … (62,5%); thấp nhất: … (10,0%)." among ``rows`` with a progress (two or
    more), ``what`` naming them ("Cụm, khối", "Đơn vị")."""
    ranked = sorted((row for row in rows if row["progress"] is not None), key=lambda row: row["progress"])
    if len(ranked) < 2 or ranked[0]["progress"] == ranked[-1]["progress"]:
        return []
    return [_("%(what)s có tiến độ cao nhất: %(high)s (%(high_value)s%%); thấp nhất: %(low)s (%(low_value)s%%).") % {
        "what": what, "high": ranked[-1]["name"], "high_value": ranked[-1]["progress_text"],
        "low": ranked[0]["name"], "low_value": ranked[0]["progress_text"]}]


def _proposals(phases):
    """A proposal per phase with late units: they should catch up; none when nobody is late."""
    return [_("Đề nghị %(count)s đơn vị chưa hoàn thành việc %(phase)s (hạn %(deadline)s) khẩn trương thực hiện.") % {
        "count": phase["late"], "phase": phase["label"][:1].lower() + phase["label"][1:],
        "deadline": phase["deadline"]} for phase in phases if phase["late"]]


# --- The documents ----------------------------------------------------------------------------------------------------


def _province():
    return settings.PORTAL_PROVINCE


def _snv_header(today):
    return {"parent_body": _("UBND TỈNH %(province)s") % {"province": _province().upper()},
            "issuer": _("SỞ NỘI VỤ"), "number": _("Số:      /BC-SNV"),
            "date_line": vietnamese_date_line(_province(), today)}


def _document(figures, *, facts, header, summary, participants, rows, total, extremes, signature, recipients):
    """What both reports hold: ``rows`` (``figure_row``s) and their ``total`` for part II's tables."""
    tasks = [task_row(task) for task in figures["tasks"]]
    phases = phase_rows(figures["phases"])
    return {
        "header": header, "draft": False, "doc_type": _("BÁO CÁO"), "summary": summary, "title": facts["title"],
        "situation": _situation(facts, tasks, participants), "rows": rows, "total": total, "tasks": tasks,
        "phases": phases, "late_count": sum(phase["late"] for phase in phases),
        "assessment": _assessment(total, today=figures["today"]) + extremes, "proposals": _proposals(phases),
        "signature": signature, "recipients": recipients, "today": figures["today"],
    }


def summary_context(figures, *, facts, today, signer=""):
    """The context of the campaign's summary report: ``figures`` from ``campaign_figures``, ``facts`` from
    ``campaign_facts``, ``today`` the report's date, ``signer`` who signs for the director."""
    clusters = [figure_row(cluster["name"], cluster) for cluster in figures["clusters"]]
    total = figure_row(_("Toàn phong trào"), figures["totals"])
    participants = _("Tham gia phong trào có %(clusters)s cụm, khối thi đua với %(units)s đơn vị.") % {
        "clusters": len(clusters), "units": total["units"]}
    context = _document(
        figures, facts=facts, header=_snv_header(today),
        summary=_("Tổng kết %(movement)s") % {"movement": _movement(facts["title"])}, participants=participants,
        rows=clusters, total=total, extremes=_extremes(clusters, what=_("Cụm, khối")),
        signature={"prefix": _("KT. GIÁM ĐỐC"), "position": _("PHÓ GIÁM ĐỐC"), "name": signer},
        recipients=[_("UBND tỉnh (b/c)"), _("Hội đồng Thi đua – Khen thưởng tỉnh"), _("Các cụm, khối thi đua"),
                    _("Lưu: VT, TĐKT")],
    )
    return {**context, "rows_label": _("Cụm, khối thi đua"), "rows_heading": _("Kết quả theo cụm, khối thi đua")}


def _leader(units):
    return next((unit for unit in units if unit["role"] == LEADER), None)


def cluster_context(figures, *, facts, today, signer=""):
    """The context of a cluster's report, issued by its leader unit (the Sở Nội vụ when it has none):
    ``figures`` from ``cluster_figures``."""
    cluster, units = figures["cluster"], figures["units"]
    leader = _leader(units)
    if leader is None:
        header = _snv_header(today)
        signature = {"prefix": _("KT. GIÁM ĐỐC"), "position": _("PHÓ GIÁM ĐỐC"), "name": signer}
    else:
        header = {"parent_body": cluster["name"], "issuer": leader["name"], "number": _("Số:      /BC"),
                  "date_line": vietnamese_date_line(_province(), today)}
        # The leader's head signs; the portal does not know their name.
        signature = {"prefix": _("TM. %(kind)s") % {"kind": cluster["kind_label"]},
                     "position": leader["role_label"], "name": ""}
    rows = [figure_row(unit["name"], unit) for unit in units]
    participants = _("%(cluster)s (năm %(year)s) có %(count)s đơn vị thành viên: %(names)s.") % {
        "cluster": cluster["name"], "year": cluster["year"], "count": len(units), "names": _member_names(units)}
    context = _document(
        figures, facts=facts, header=header,
        summary=_("Tổng kết %(movement)s – %(cluster)s") % {"movement": _movement(facts["title"]),
                                                           "cluster": cluster["name"]},
        participants=participants, rows=rows, total=figure_row(_("Cả cụm, khối"), cluster),
        extremes=_extremes(rows, what=_("Đơn vị")), signature=signature,
        recipients=[_("Sở Nội vụ (Ban Thi đua – Khen thưởng)"), _("Các đơn vị thành viên"), _("Lưu: VT")],
    )
    return {**context, "cluster": cluster["name"], "per_unit": True, "rows_label": _("Đơn vị"),
            "rows_heading": _("Kết quả của các đơn vị thành viên")}
