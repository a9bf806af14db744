"""Compiling dossiers (hồ sơ khen thưởng) to PDF: asking for one, planning it into parts, rendering each part,
merging them with a bookmark per document and per nominee, the ZIP with the evidence, failing with a reason in
Vietnamese, restarting.

Each step is a job (awards/tasks.py) that claims its row with a conditional UPDATE, so retries, duplicated messages
and several workers never render a part twice nor store a second dossier file. A claim older than the task time
limit belongs to a worker that is gone (a live one has been stopped by then) and may be taken over. Files go through
the default storage; a step that loses its claim deletes what it stored.
"""

import hashlib
import io
import os
import secrets
import tempfile
import zipfile
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from campaign.pdf import FONT_CONFIG

from ..models import (
    ACTIVE_STATES,
    CouncilSession,
    Dossier,
    DossierPart,
    DossierStatus,
    NominationBatch,
    PartKind,
    PartStatus,
    SessionStatus,
)
from ..selectors import dossier as documents_of

REPORTS_LABEL = PartKind.REPORTS.label
ZIP_SPOOL_BYTES = 32 * 1024 * 1024


class DossierFailure(Exception):
    """A failure whose reason is already written for the user (Vietnamese)."""


def _subject_field(subject):
    return "session" if isinstance(subject, CouncilSession) else "batch"


def _lease():
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def _token():
    return secrets.token_hex(16)


def guard_subject(subject):
    """Refuse, in Vietnamese, a subject that cannot have a dossier yet."""
    if isinstance(subject, CouncilSession):
        if subject.status != SessionStatus.CLOSED:
            raise ValidationError(_("Chỉ lập được hồ sơ khi phiên họp đã kết thúc bỏ phiếu."))
        if not subject.items.exists():
            raise ValidationError(_("Phiên họp không có đề nghị nào để lập hồ sơ."))
    elif isinstance(subject, NominationBatch):
        if not subject.nominations.exists():
            raise ValidationError(_("Tờ trình chưa có đề nghị nào để lập hồ sơ."))
    else:
        raise TypeError(subject)


def documents(subject):
    """The documents of the subject's dossier, as plain values (selectors.dossier)."""
    if isinstance(subject, CouncilSession):
        return documents_of.session_documents(subject)
    return documents_of.batch_documents(subject)


def active_dossier(subject):
    return Dossier.objects.filter(**{_subject_field(subject): subject}, status__in=ACTIVE_STATES).first()


def request_dossier(subject, *, by):
    """Queue a compile of the subject's dossier (a new Dossier, its job sent after the commit) and return it; while
    one is queued or running, return that one instead (a database constraint keeps it to one)."""
    guard_subject(subject)
    from ..tasks import compile_dossier

    with transaction.atomic():
        current = active_dossier(subject)
        if current is not None:
            return current
        try:
            with transaction.atomic():
                dossier = Dossier.objects.create(**{_subject_field(subject): subject}, requested_by=by)
        except IntegrityError:
            return active_dossier(subject)
        transaction.on_commit(partial(compile_dossier.delay, dossier.pk))
    return dossier


def restart_dossier(dossier, *, by):
    """A failed compile, or one whose worker is gone (stalled), is kept with its reason; a new one is queued for the
    same subject."""
    if is_stalled(dossier):
        fail_dossier(dossier.pk, _("Tiến trình nền đã dừng giữa chừng; hồ sơ được lập lại."))
        dossier.refresh_from_db()
    if dossier.status != DossierStatus.FAILED:
        raise ValidationError(_("Chỉ lập lại được hồ sơ đã lập không thành công hoặc đã dừng giữa chừng."))
    return request_dossier(dossier.subject, by=by)


# --- Planning ------------------------------------------------------------------------------------------------------


def _chunks(items, size):
    return [items[start:start + size] for start in range(0, len(items), size)]


def plan_parts(docs):
    """(kind, documents) per part, in dossier order: each document a part, the nominees' reports in runs."""
    parts = []
    reports = [doc for doc in docs if doc["kind"] == PartKind.REPORTS]
    for doc in docs:
        if doc["kind"] != PartKind.REPORTS:
            parts.append((doc["kind"], [doc]))
        elif doc is reports[0]:
            parts.extend((PartKind.REPORTS, run) for run in _chunks(reports, settings.PORTAL_DOSSIER_REPORTS_PER_PART))
    return parts


def plan_dossier(dossier_id):
    """Claim a queued dossier and write its parts, with the data version of the documents they hold. Returns the
    ids of the parts still to render (all of them after planning; the unfinished ones when already planned)."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Dossier.objects.filter(pk=dossier_id, status=DossierStatus.QUEUED).update(
            status=DossierStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1)
        if claimed:
            dossier = Dossier.objects.select_related("session", "batch").get(pk=dossier_id)
            docs = documents(dossier.subject)
            planned = plan_parts(docs)
            DossierPart.objects.bulk_create(
                DossierPart(dossier=dossier, position=position, kind=kind, documents=run)
                for position, (kind, run) in enumerate(planned, start=1))
            Dossier.objects.filter(pk=dossier_id).update(parts_total=len(planned),
                                                         data_version=documents_of.data_version(docs))
    return unfinished_parts(dossier_id)


def unfinished_parts(dossier_id):
    """Parts nobody works on: pending, or claimed longer ago than a live job can run."""
    stale = timezone.now() - _lease()
    return list(DossierPart.objects.filter(dossier_id=dossier_id, dossier__status=DossierStatus.RUNNING)
                .filter(Q(status=PartStatus.PENDING) | Q(status=PartStatus.RUNNING, heartbeat_at__lt=stale))
                .values_list("pk", flat=True))


def merge_due(dossier_id):
    return Dossier.objects.filter(pk=dossier_id, status=DossierStatus.RUNNING, parts_total__gt=0,
                                  parts_done__gte=F("parts_total")).exists()


# --- Rendering a part ----------------------------------------------------------------------------------------------


SECTION = '<section class="document">'


def bundle(pages_html):
    """One HTML of several documents rendered from the same template: the first one's head (its stylesheet), then
    each one's body as a section anchored ``document-N``. The stylesheet is parsed and cascaded once for the run,
    which costs more than laying a short report out; page groups restart the numbering per section."""
    head = pages_html[0][:pages_html[0].index("<body>")]
    bodies = [text[text.index("<body>") + len("<body>"):text.rindex("</body>")]
              .replace(SECTION, f'<section class="document" id="document-{number}">', 1)
              for number, text in enumerate(pages_html)]
    return f"{head}<body>{''.join(bodies)}</body></html>"


def html_of(docs):
    """The HTML WeasyPrint lays out for a part: the document itself, or the bundle of a run of reports."""
    pages_html = [render_to_string(doc["template"], doc["context"]) for doc in docs]
    return pages_html[0] if len(pages_html) == 1 else bundle(pages_html)


def render_documents(docs):
    """One PDF of the documents (page numbers restart with each, none on its first page). Returns (bytes, entries
    [{"label", "pages"}], page count)."""
    document = HTML(string=html_of(docs)).render(font_config=FONT_CONFIG)
    if len(docs) == 1:
        starts = [0]
    else:
        anchors = {name: index for index, page in reversed(list(enumerate(document.pages))) for name in page.anchors}
        starts = [anchors[f"document-{number}"] for number in range(len(docs))]
    ends = [*starts[1:], len(document.pages)]
    entries = [{"label": doc["label"], "pages": end - start} for doc, start, end in zip(docs, starts, ends)]
    return document.write_pdf(), entries, len(document.pages)


def _claim(queryset, **values):
    token = _token()
    claimed = queryset.update(claim_token=token, heartbeat_at=timezone.now(), **values)
    return token if claimed else None


class ClaimHeld(Exception):
    """Another job holds the claim and may still be alive: try again once its lease has run out."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = max(1, int(seconds))


def _held_for(heartbeat_at):
    return (heartbeat_at + _lease() - timezone.now()).total_seconds() if heartbeat_at else 1


def render_part(part_id):
    """Claim the part, render it, store its PDF and count it done. Returns True when it was the dossier's last
    part (the caller queues the merge). Raises ClaimHeld while another job's claim is alive. Any error after the
    claim deletes what was stored and releases the claim; a lost claim deletes the stored file."""
    stale = timezone.now() - _lease()
    token = _claim(DossierPart.objects.filter(pk=part_id, dossier__status=DossierStatus.RUNNING).filter(
        Q(status=PartStatus.PENDING) | Q(status=PartStatus.RUNNING, heartbeat_at__lt=stale)),
        status=PartStatus.RUNNING)
    if token is None:
        held = DossierPart.objects.filter(pk=part_id, status=PartStatus.RUNNING,
                                          dossier__status=DossierStatus.RUNNING).values_list("heartbeat_at", flat=True)
        if held:
            raise ClaimHeld(_held_for(held[0]))
        return False
    part = DossierPart.objects.get(pk=part_id)
    name = None
    try:
        data, entries, pages = render_documents(part.documents)
        name = default_storage.save(f"dossiers/{part.dossier_id}/parts/{part.position:03d}-{token}.pdf",
                                    ContentFile(data))
        with transaction.atomic():
            done = DossierPart.objects.filter(pk=part_id, claim_token=token, status=PartStatus.RUNNING).update(
                status=PartStatus.DONE, file=name, pages=pages, entries=entries)
            if done:
                Dossier.objects.filter(pk=part.dossier_id).update(parts_done=F("parts_done") + 1,
                                                                  heartbeat_at=timezone.now())
    except BaseException:
        if name:
            default_storage.delete(name)
        DossierPart.objects.filter(pk=part_id, claim_token=token).update(status=PartStatus.PENDING, claim_token="")
        raise
    if not done:
        default_storage.delete(name)
        return False
    return merge_due(part.dossier_id)


# --- Merging -------------------------------------------------------------------------------------------------------


def _outline(parts):
    """Bookmarks of the merged PDF: one per document, one per nominee under the reports; pages are 0-based."""
    outline, page, reports_open = [], 0, False
    for part in parts:
        for entry in part.entries:
            if part.kind == PartKind.REPORTS:
                if not reports_open:
                    outline.append({"kind": PartKind.REPORTS, "level": 1, "label": str(REPORTS_LABEL),
                                    "page": page, "pages": 0})
                    reports_open = True
                outline.append({"kind": PartKind.REPORTS, "level": 2, "label": entry["label"], "page": page,
                                "pages": entry["pages"]})
            else:
                outline.append({"kind": part.kind, "level": 1, "label": entry["label"], "page": page,
                                "pages": entry["pages"]})
            page += entry["pages"]
    for item in outline:
        if item["kind"] == PartKind.REPORTS and item["level"] == 1:
            item["pages"] = sum(entry["pages"] for entry in outline if entry["level"] == 2)
    return outline


def merged_pdf(parts, outline):
    """The parts' PDFs one after another, with the outline as bookmarks. Returns the bytes."""
    writer = PdfWriter()
    for part in parts:
        with part.file.open("rb") as stream:
            writer.append(PdfReader(io.BytesIO(stream.read())), import_outline=False)
    parent = None
    for item in outline:
        if item["level"] == 1:
            parent = writer.add_outline_item(title=item["label"], page_number=item["page"])
        else:
            writer.add_outline_item(title=item["label"], page_number=item["page"], parent=parent)
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DOCUMENT_SLUGS = {PartKind.LETTER: "to-trinh", PartKind.MINUTES: "bien-ban", PartKind.LIST: "danh-sach",
                  PartKind.REPORTS: "bao-cao", PartKind.DECISION: "du-thao-quyet-dinh",
                  PartKind.EVIDENCE: "danh-muc-minh-chung"}


def file_stem(dossier):
    """The dossier's file names: "ho-so-phien-hop-12", "ho-so-to-trinh-34"."""
    what = "phien-hop" if dossier.session_id else "to-trinh"
    return f"ho-so-{what}-{dossier.subject.pk}"


def _zip(dossier, pdf, parts):
    """The ZIP of the dossier: the merged PDF, each document on its own, and the evidence files by nominee. Built in
    a spooled temporary file (evidence can be large) and stored. Returns (name, sha256, size)."""
    digest = hashlib.sha256()
    with tempfile.SpooledTemporaryFile(max_size=ZIP_SPOOL_BYTES) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{file_stem(dossier)}.pdf", pdf)
            for part in parts:
                if part.kind != PartKind.REPORTS:
                    with part.file.open("rb") as stream:
                        archive.writestr(f"van-ban/{part.position:02d}-{DOCUMENT_SLUGS[part.kind]}.pdf", stream.read())
            for item in documents_of.evidence_files(dossier.subject):
                with default_storage.open(item["storage_name"], "rb") as stream, \
                        archive.open(f"minh-chung/{item['folder']}/{item['name']}", "w") as target:
                    while chunk := stream.read(1024 * 1024):
                        target.write(chunk)
        size = spool.tell()
        spool.seek(0)
        while chunk := spool.read(1024 * 1024):
            digest.update(chunk)
        spool.seek(0)
        name = default_storage.save(f"dossiers/{dossier.pk}/{_token()}/{file_stem(dossier)}.zip", File(spool))
    return name, digest.hexdigest(), size


def merge_dossier(dossier_id):
    """Claim the finished parts' merge, store the dossier PDF and its ZIP, and mark it ready with their SHA-256.
    Raises ClaimHeld while another merge's claim is alive. Any error, or a lost claim (another worker finished it),
    deletes what this one stored. Returns True when this call made it."""
    stale = timezone.now() - _lease()
    due = Dossier.objects.filter(pk=dossier_id, status=DossierStatus.RUNNING, parts_total__gt=0,
                                 parts_done__gte=F("parts_total"))
    token = _claim(due.filter(Q(claim_token="") | Q(heartbeat_at__lt=stale)))
    if token is None:
        held = due.values_list("heartbeat_at", flat=True)
        if held:
            raise ClaimHeld(_held_for(held[0]))
        return False
    dossier = Dossier.objects.select_related("session", "batch").get(pk=dossier_id)
    parts = list(dossier.parts.order_by("position"))
    stored = []
    try:
        outline = _outline(parts)
        pdf = merged_pdf(parts, outline)
        stored.append(default_storage.save(f"dossiers/{dossier_id}/{token}/{file_stem(dossier)}.pdf",
                                           ContentFile(pdf)))
        zip_name, zip_sha, zip_size = _zip(dossier, pdf, parts)
        stored.append(zip_name)
        made = Dossier.objects.filter(pk=dossier_id, claim_token=token, status=DossierStatus.RUNNING).update(
            status=DossierStatus.READY, file=stored[0], sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf),
            pages=sum(part.pages for part in parts), outline=outline, zip_file=zip_name, zip_sha256=zip_sha,
            zip_size=zip_size, finished_at=timezone.now(), error="")
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        Dossier.objects.filter(pk=dossier_id, claim_token=token).update(claim_token="")
        raise
    if not made:
        for name in stored:
            default_storage.delete(name)
    return bool(made)


def sweep():
    """What the periodic sweep sends again: the compiles still queued after a lease (their job was lost before a
    worker took it), the parts nobody works on, and the merges due. Returns (queued ids, part ids, merge ids)."""
    stale = timezone.now() - _lease()
    queued = list(Dossier.objects.filter(status=DossierStatus.QUEUED, requested_at__lt=stale)
                  .values_list("pk", flat=True))
    running = Dossier.objects.filter(status=DossierStatus.RUNNING)
    parts = list(DossierPart.objects.filter(dossier__in=running).filter(
        Q(status=PartStatus.PENDING, dossier__heartbeat_at__lt=stale)
        | Q(status=PartStatus.RUNNING, heartbeat_at__lt=stale)).values_list("pk", "dossier_id"))
    merges = list(running.filter(parts_total__gt=0, parts_done__gte=F("parts_total"))
                  .filter(Q(claim_token="") | Q(heartbeat_at__lt=stale)).values_list("pk", flat=True))
    return queued, parts, merges


def fail_dossier(dossier_id, reason):
    """Mark a queued or running compile failed with ``reason`` (Vietnamese, shown to staff) and delete the parts it
    stored (a restart compiles anew)."""
    failed = Dossier.objects.filter(pk=dossier_id, status__in=ACTIVE_STATES).update(
        status=DossierStatus.FAILED, error=reason, finished_at=timezone.now(), claim_token="")
    if failed:
        for part in DossierPart.objects.filter(dossier_id=dossier_id).exclude(file=""):
            default_storage.delete(part.file.name)
    return failed


def is_stalled(dossier):
    """A queued or running compile no job has touched for longer than a job may run: its worker is gone."""
    last = dossier.heartbeat_at or dossier.requested_at
    return dossier.is_active and last is not None and last < timezone.now() - _lease()


def failure_reason(exc):
    """What went wrong, for the user."""
    if isinstance(exc, DossierFailure):
        return str(exc)
    if isinstance(exc, TemplateDoesNotExist):
        return _("Không tìm thấy mẫu văn bản “%(name)s”.") % {"name": exc}
    if isinstance(exc, TemplateSyntaxError):
        return _("Mẫu văn bản có lỗi: %(error)s.") % {"error": exc}
    if isinstance(exc, FileNotFoundError):
        return _("Không tìm thấy tệp “%(name)s” trong kho lưu trữ: có thể tệp đã bị xóa; hãy kiểm tra các tài liệu "
                 "kèm theo rồi lập lại.") % {"name": os.path.basename(str(exc.filename or ""))}
    if isinstance(exc, OSError):
        return _("Không đọc hoặc ghi được kho lưu trữ tệp (lỗi %(code)s); hãy lập lại sau ít phút.") % {
            "code": exc.errno or exc.__class__.__name__}
    if exc.__class__.__name__ in ("SoftTimeLimitExceeded", "TimeLimitExceeded"):
        return _("Lập hồ sơ quá thời gian cho phép (%(seconds)s giây).") % {
            "seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT}
    return _("Lỗi khi lập hồ sơ: %(error)s.") % {"error": exc.__class__.__name__}


# --- Reading back ---------------------------------------------------------------------------------------------------


def document_files(dossier):
    """The documents stored on their own (every part but the reports, which are cut per nominee on demand)."""
    return [{"kind": part.kind, "label": part.entries[0]["label"] if part.entries else part.get_kind_display(),
             "part": part}
            for part in dossier.parts.filter(status=PartStatus.DONE).exclude(kind=PartKind.REPORTS)]


def nominee_reports(dossier):
    return [item for item in dossier.outline if item["kind"] == PartKind.REPORTS and item["level"] == 2]


def nominee_report_pdf(dossier, index):
    """The pages of the index-th nominee's report, cut from the run of reports it was rendered in. IndexError when
    there is none."""
    if index < 0:
        raise IndexError(index)
    for part in dossier.parts.filter(kind=PartKind.REPORTS).order_by("position"):
        if index >= len(part.entries):
            index -= len(part.entries)
            continue
        first = sum(entry["pages"] for entry in part.entries[:index])
        with part.file.open("rb") as stream:
            reader = PdfReader(io.BytesIO(stream.read()))
        writer = PdfWriter()
        for number in range(first, first + part.entries[index]["pages"]):
            writer.add_page(reader.pages[number])
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()
    raise IndexError(index)
