"""The documents of a dossier as plain values (issue 7): a closed council session's (the tờ trình of Sở Nội vụ, the
minutes, the list of nominees, each nominee's report, the draft decision, the list of evidence) or a unit batch's
(the unit's tờ trình, its list, its reports, its evidence), and the evidence files that travel beside it in the ZIP.

A document is ``{"kind", "template", "label", "context"}`` with only str/int/bool/list/dict inside (dates already
formatted): the compile job snapshots it into a DossierPart and renders it without touching the database. Nominees
come in the order of the list: award form, recipient kind, name (the agenda's order for a session). Queries do not
grow with the number of nominees."""

import hashlib
import json

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaign.pdf import vietnamese_date_line
from units.models import Unit
from units.vietnamese import fold

from ..models import (
    AwardKind,
    Ballot,
    CouncilSession,
    DecidedBy,
    NominationFile,
    Outcome,
    PartKind,
    RecipientKind,
    StaffFunction,
    StaffPost,
)
from .ballots import nominee_unit, result_groups
from .dossier_council import decision_document, minutes_document, report_documents
from .sessions import order_nominees

# Columns of the count tables, in the order of the brief: tập thể, cá nhân, hộ gia đình.
KINDS = (RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD)
ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
BATCH_FOLDER = "00-to-trinh"
SLUG_MAX = 60


# --- Public API ------------------------------------------------------------------------------------------------------


def session_documents(session):
    """A closed session's documents: letter, minutes, list, one report per nominee, decision, evidence."""
    items = _session_items(session)
    nominations = [item.nomination for item in items]
    header = _snv_header(session)
    return [
        _snv_letter(session, items, header),
        minutes_document(session),
        _list_document(_list_frame(session.campaign, header, _snv_attachment(header)), nominations, items),
        *report_documents(nominations),
        decision_document(session),
        _evidence_document(session.campaign, header, _evidence_sections(nominations, batches=[])),
    ]


def batch_documents(batch):
    """A unit batch's documents: the unit's letter, its list, one report per nominee, its evidence."""
    nominations = _batch_nominations(batch)
    header = _unit_header(batch)
    return [
        _unit_letter(batch, nominations, header),
        _list_document(_list_frame(batch.campaign, header, _unit_attachment(batch)), nominations),
        *report_documents(nominations),
        _evidence_document(batch.campaign, header, _evidence_sections(nominations, batches=[batch])),
    ]


def evidence_files(subject):
    """The active evidence files of a session or a batch for the ZIP: ``{"folder", "name", "storage_name", "size",
    "sha256"}``, the batch letters' files under ``00-to-trinh``, each nominee's under ``<NN>-<slug of the name>``
    (NN in list order). Names are made unique within a folder (a second ``a.pdf`` becomes ``a-2.pdf``)."""
    if isinstance(subject, CouncilSession):
        nominations = [item.nomination for item in _session_items(subject)]
        # The batches' own letters stay out of a session's dossier: the council members who may read it may not
        # read those (rules.file_on_sitting_agenda); the unit's batch dossier carries them.
        sections = _evidence_sections(nominations, batches=[])
    else:
        sections = _evidence_sections(_batch_nominations(subject), batches=[subject])
    entries = []
    for section in sections:
        taken = set()
        for file in section["objects"]:
            entries.append({"folder": section["folder"], "name": _unique_name(file.original_name, taken),
                            "storage_name": file.file.name, "size": file.size, "sha256": file.sha256})
    return entries


def data_version(documents):
    """SHA-256 (hex) of the canonical JSON of the documents: equal documents, equal version."""
    canonical = json.dumps(documents, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- Nominees --------------------------------------------------------------------------------------------------------


def _session_items(session):
    """The session's agenda items in the result's order, each with ``share``/``lower_share`` (selectors.ballots)."""
    return [item for group in result_groups(session) for item in group["items"]]


def _batch_nominations(batch):
    return order_nominees(batch.nominations.select_related(
        "batch__unit", "award_form", "unit", "person__unit", "household__unit"))


def _document(kind, template, label, context):
    return {"kind": str(kind), "template": f"awards/dossier/{template}", "label": str(label), "context": context}


def _name(nomination):
    return str(nomination.recipient)


def _kind_label(kind):
    return str(RecipientKind(kind).label)


def _day(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _roman(number):
    text = ""
    for value, numeral in ROMAN:
        while number >= value:
            text, number = text + numeral, number - value
    return text


# --- Headers and grounds ---------------------------------------------------------------------------------------------


def _province():
    return settings.PORTAL_PROVINCE


def _snv_header(session):
    day = timezone.localdate(session.closed_at or session.meets_at)
    return {"parent_body": _("UBND TỈNH %(province)s") % {"province": _province().upper()},
            "issuer": _("SỞ NỘI VỤ"), "number": _("Số:      /TTr-SNV"),
            "date_line": vietnamese_date_line(_province(), day), "date": _day(day)}


def _unit_header(batch):
    unit = batch.unit
    parent = Unit.objects.filter(pk=unit.parent_id).values_list("name", flat=True).first() if unit.parent_id else ""
    number = batch.letter_number or "     /TTr"
    if batch.letter_date:
        date_line = vietnamese_date_line(_province(), batch.letter_date)
    else:
        date_line = _("%(place)s, ngày     tháng     năm     ") % {"place": _province()}
    return {"parent_body": parent or "", "issuer": unit.name, "number": _("Số: %(number)s") % {"number": number},
            "date_line": date_line, "date": _day(batch.letter_date)}


def _grounds(campaign):
    """The "Căn cứ …;" lines: the campaign's launch document when recorded, then the law of its regime."""
    lines = []
    if campaign.doc_number:
        values = {"number": campaign.doc_number, "date": _day(campaign.doc_date),
                  "bodies": ", ".join(campaign.issuing_body_list), "title": campaign.title}
        if campaign.doc_date:
            lines.append(_("Căn cứ văn bản số %(number)s ngày %(date)s của %(bodies)s phát động %(title)s;") % values)
        else:
            lines.append(_("Căn cứ văn bản số %(number)s của %(bodies)s phát động %(title)s;") % values)
    for part in campaign.regime.legal_basis.rstrip(" .").split(";"):
        if part.strip():
            lines.append(_("Căn cứ %(basis)s;") % {"basis": part.strip()})
    return lines


def _summary(campaign):
    return _("Về việc đề nghị khen thưởng trong %(campaign)s") % {"campaign": campaign.title}


# --- Counts by award form and recipient kind -------------------------------------------------------------------------


def _counts(pairs):
    """A table of counts from ``(award form, recipient kind)`` pairs: a row per form (catalogue order), a column per
    recipient kind, a total column and a total row."""
    forms = {}
    for form, kind in pairs:
        forms.setdefault(form, dict.fromkeys(KINDS, 0))[kind] += 1
    rows = [{"form": form.name, "award_kind": form.kind, "decided_by": form.decided_by, "cells": [cells[kind] for kind in KINDS],
             "total": sum(cells.values())}
            for form, cells in sorted(forms.items(), key=lambda pair: (pair[0].order, pair[0].name, pair[0].pk))]
    return {"columns": [_kind_label(kind) for kind in KINDS], "rows": rows,
            "totals": [sum(row["cells"][index] for row in rows) for index in range(len(KINDS))],
            "total": sum(row["total"] for row in rows)}


def _who(cells):
    """"2 tập thể, 3 cá nhân": the non-zero cells of a count row."""
    return ", ".join(f"{count} {_kind_label(kind).lower()}" for kind, count in zip(KINDS, cells) if count)


def _proposal(row, *, unit):
    """One line of the proposal: "Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho 1 cá nhân." (a form decided above the
    province is proposed upward)."""
    values = {"form": row["form"], "who": _who(row["cells"])}
    upward = not unit and row["decided_by"] == DecidedBy.HIGHER
    if row["award_kind"] == AwardKind.TITLE:
        if upward:
            return _("Đề nghị cấp có thẩm quyền tặng danh hiệu %(form)s cho %(who)s.") % values
        return _("Tặng danh hiệu %(form)s cho %(who)s.") % values
    if upward:
        return _("Đề nghị cấp có thẩm quyền tặng %(form)s cho %(who)s.") % values
    return _("Tặng %(form)s cho %(who)s.") % values


def _proposals(counts, *, unit):
    return [_proposal(row, unit=unit) for row in counts["rows"]]


# --- Letters ---------------------------------------------------------------------------------------------------------


def _head_of_board():
    post = (StaffPost.objects.filter(function=StaffFunction.HEAD, user__is_active=True).select_related("user")
            .order_by("user__name_sort", "pk").first())
    return str(post.user) if post else ""


def _snv_letter(session, items, header):
    campaign = session.campaign
    passed = [item for item in items if item.outcome in (Outcome.PASSED, Outcome.PASSED_LOWER)]
    failed = [item for item in items if item.outcome not in (Outcome.PASSED, Outcome.PASSED_LOWER)]
    passed_counts = _counts((item.awarded_form, item.nomination.recipient_kind) for item in passed)
    council = {
        "title": session.title, "date": _day(timezone.localtime(session.meets_at)), "place": session.place,
        "member_count": session.member_count or 0,
        "ballot_count": Ballot.objects.filter(session=session).count(),
        "considered": len(items), "passed": len(passed), "failed": len(failed),
        "passed_lower": sum(1 for item in passed if item.outcome == Outcome.PASSED_LOWER),
    }
    context = {
        "header": header, "draft": False, "doc_type": _("TỜ TRÌNH"), "summary": _summary(campaign),
        "addressees": [_("Ủy ban nhân dân tỉnh %(province)s") % {"province": _province()}],
        "grounds": _grounds(campaign), "campaign": campaign.title, "council": council,
        "passed_counts": passed_counts,
        "failed_counts": _counts((item.nomination.award_form, item.nomination.recipient_kind) for item in failed),
        "proposals": _proposals(passed_counts, unit=False),
        "signature": {"prefix": _("KT. GIÁM ĐỐC"), "position": _("PHÓ GIÁM ĐỐC"), "name": _head_of_board()},
        "recipients": [_("Như trên"), _("Hội đồng TĐKT tỉnh"), _("Lưu: VT, TĐKT")],
    }
    return _document(PartKind.LETTER, "letter.html", _("Tờ trình của Sở Nội vụ"), context)


def _unit_letter(batch, nominations, header):
    campaign = batch.campaign
    counts = _counts((nomination.award_form, nomination.recipient_kind) for nomination in nominations)
    context = {
        "header": header, "draft": False, "doc_type": _("TỜ TRÌNH"),
        "summary": batch.summary or _summary(campaign),
        "addressees": [_("Ủy ban nhân dân tỉnh %(province)s (qua Sở Nội vụ)") % {"province": _province()}],
        "grounds": _grounds(campaign), "campaign": campaign.title, "unit": batch.unit.name,
        "counts": counts, "proposals": _proposals(counts, unit=True),
        "signature": {"prefix": "", "position": batch.signer_position, "name": batch.signer},
        "recipients": [_("Như trên"), _("Lưu: VT")],
    }
    return _document(PartKind.LETTER, "unit_letter.html", str(batch), context)


# --- List of nominees ------------------------------------------------------------------------------------------------


def _snv_attachment(header):
    return _("(Kèm theo Tờ trình số      /TTr-SNV ngày %(date)s của Sở Nội vụ)") % {"date": header["date"]}


def _unit_attachment(batch):
    values = {"number": batch.letter_number or "     /TTr", "date": _day(batch.letter_date), "unit": batch.unit.name}
    if batch.letter_date:
        return _("(Kèm theo Tờ trình số %(number)s ngày %(date)s của %(unit)s)") % values
    return _("(Kèm theo Tờ trình số %(number)s của %(unit)s)") % values


def _appendix_header(header):
    """An appendix (the list, the evidence) names its issuer and date but has no number of its own: it refers to
    the tờ trình instead."""
    return {**header, "number": ""}


def _list_frame(campaign, header, attachment):
    return {"header": _appendix_header(header), "draft": False, "doc_type": _("DANH SÁCH"),
            "summary": _("Đề nghị khen thưởng trong %(campaign)s") % {"campaign": campaign.title},
            "attachment": attachment}


def _parent_names(nominations):
    """The names of the parent units of the collectives nominated (one query)."""
    ids = {n.unit.parent_id for n in nominations if n.recipient_kind == RecipientKind.COLLECTIVE and n.unit.parent_id}
    return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _position_unit(nomination, parents):
    """What the list's "Chức vụ, đơn vị" column says of a nominee."""
    if nomination.recipient_kind == RecipientKind.COLLECTIVE:
        return parents.get(nomination.unit.parent_id, "")
    if nomination.recipient_kind == RecipientKind.HOUSEHOLD:
        household = nomination.household
        return ", ".join(part for part in (household.address, household.commune) if part)
    person = nomination.person
    return ", ".join(part for part in (person.position, nominee_unit(nomination).name) if part)


def _result(item):
    return {"share": item.share, "outcome": item.get_outcome_display(), "lower_share": item.lower_share,
            "awarded_form": item.awarded_form.name if item.outcome == Outcome.PASSED_LOWER else ""}


def _list_document(frame, nominations, items=None):
    """The list of nominees grouped by award form then recipient kind; with ``items`` (a session's agenda, in the
    same order) each row carries the ballot's result."""
    parents = _parent_names(nominations)
    forms = []
    for number, nomination in enumerate(nominations, start=1):
        form = nomination.award_form
        if not forms or forms[-1]["key"] != form.pk:
            forms.append({"key": form.pk, "numeral": _roman(len(forms) + 1), "form": form.name, "kinds": []})
        kinds = forms[-1]["kinds"]
        if not kinds or kinds[-1]["key"] != nomination.recipient_kind:
            kinds.append({"key": nomination.recipient_kind, "kind": _kind_label(nomination.recipient_kind),
                          "rows": []})
        row = {"number": number, "name": _name(nomination), "position_unit": _position_unit(nomination, parents),
               "summary": nomination.summary}
        if items is not None:
            row.update(_result(items[number - 1]))
        kinds[-1]["rows"].append(row)
    context = {**frame, "with_result": items is not None, "forms": forms, "total": len(nominations)}
    return _document(PartKind.LIST, "list.html", _("Danh sách đề nghị khen thưởng"), context)


# --- Evidence --------------------------------------------------------------------------------------------------------


def _size_text(size):
    """"12,3 KB", "1,5 MB": one decimal, a decimal comma."""
    if size < 1024 * 1024:
        value, unit = size / 1024, "KB"
    else:
        value, unit = size / (1024 * 1024), "MB"
    return f"{value:.1f} {unit}".replace(".", ",")


def _folder(number, name, width):
    slug = slugify(fold(name))[:SLUG_MAX].strip("-")
    return f"{number:0{width}d}-{slug}"


def _unique_name(name, taken):
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, counter = name, 1
    while candidate in taken:
        counter += 1
        candidate = f"{stem}-{counter}{dot}{extension}"
    taken.add(candidate)
    return candidate


def _active_files(nominations, batches):
    """The active files of the nominations and of the batches' letters (one query)."""
    nomination_ids = [nomination.pk for nomination in nominations]
    batch_ids = [batch.pk for batch in batches]
    return list(NominationFile.objects.filter(removed_at__isnull=True)
                .filter(Q(nomination_id__in=nomination_ids) | Q(batch_id__in=batch_ids, nomination__isnull=True))
                .select_related("uploaded_by", "document").order_by("uploaded_at", "id"))


def _batches_of(nominations):
    """The batches of the nominations, in the order they first appear."""
    batches = {}
    for nomination in nominations:
        batches.setdefault(nomination.batch_id, nomination.batch)
    return list(batches.values())


def _evidence_sections(nominations, batches=None):
    """A section per batch (its letter's files, folder 00-to-trinh) then per nominee (folder NN-slug), each with
    ``objects`` (the NominationFiles). Without ``batches`` (a session), the nominees' batches that have files."""
    derived = batches is None
    batches = _batches_of(nominations) if derived else batches
    files = _active_files(nominations, batches)
    by_nomination, by_batch = {}, {}
    for file in files:
        if file.nomination_id:
            by_nomination.setdefault(file.nomination_id, []).append(file)
        else:
            by_batch.setdefault(file.batch_id, []).append(file)
    width = max(2, len(str(len(nominations))))
    sections = [{"folder": BATCH_FOLDER, "title": f"{0:0{width}d}. {batch}", "objects": by_batch.get(batch.pk, [])}
                for batch in batches if not derived or batch.pk in by_batch]
    for number, nomination in enumerate(nominations, start=1):
        sections.append({"folder": _folder(number, _name(nomination), width),
                         "title": f"{number:0{width}d}. {_name(nomination)} – {nomination.award_form.name}",
                         "objects": by_nomination.get(nomination.pk, [])})
    return sections


def _file_row(number, file):
    uploaded_at = timezone.localtime(file.uploaded_at).strftime("%d/%m/%Y %H:%M") if file.uploaded_at else ""
    role = file.get_batch_role_display() if file.batch_role else (file.document.name if file.document else "")
    return {"number": number, "name": file.original_name, "document": str(role), "kind": file.kind.upper(),
            "size": _size_text(file.size), "sha256": file.sha256[:12],
            "uploaded_by": str(file.uploaded_by) if file.uploaded_by else "", "uploaded_at": uploaded_at}


def _evidence_document(campaign, header, sections):
    plain = [{"folder": section["folder"], "title": section["title"],
              "files": [_file_row(number, file) for number, file in enumerate(section["objects"], start=1)]}
             for section in sections]
    context = {"header": _appendix_header(header), "draft": False, "doc_type": _("DANH MỤC TÀI LIỆU, MINH CHỨNG"),
               "summary": _("Kèm theo hồ sơ đề nghị khen thưởng trong %(campaign)s") % {"campaign": campaign.title},
               "sections": plain, "file_count": sum(len(section["files"]) for section in plain)}
    return _document(PartKind.EVIDENCE, "evidence.html", _("Danh mục tài liệu, minh chứng"), context)
