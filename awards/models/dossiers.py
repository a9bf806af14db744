"""Dossiers (hồ sơ khen thưởng) compiled to PDF by background jobs: a council session's (tờ trình of Sở Nội vụ,
minutes, list of nominees, each nominee's report, draft decision, list of evidence) or a unit batch's (the unit's
letter, its list, its reports, its evidence).

A compile is planned into ``DossierPart`` rows, each holding the plain contexts of the documents it renders (a
snapshot: every part renders the data as it was when the compile was asked for). Parts are Celery jobs of their own,
so several workers render one dossier at once; whoever finishes the last part queues the merge. Every step claims
its row with a conditional UPDATE (a claim token and a heartbeat), so a retried or duplicated job, or a second
worker, never renders a part twice nor stores a second dossier; a claim whose heartbeat is older than
``PORTAL_DOSSIER_LEASE_SECONDS`` belongs to a dead worker and may be taken over.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .nominations import NominationBatch
from .sessions import CouncilSession


class DossierStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ lập")
    RUNNING = "running", _("Đang lập")
    READY = "ready", _("Đã lập xong")
    FAILED = "failed", _("Lập không thành công")


ACTIVE_STATES = (DossierStatus.QUEUED, DossierStatus.RUNNING)


def dossier_upload_to(instance, filename):
    return f"dossiers/{instance.pk}/{uuid.uuid4().hex}/{filename}"


class Dossier(models.Model):
    """One compile of a session's or a batch's dossier. Older compiles stay as the subject's history; at most one
    compile of a subject is queued or running at a time (a database constraint)."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("phiên họp"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="dossiers")
    batch = models.ForeignKey(NominationBatch, verbose_name=_("tờ trình"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="dossiers")
    status = models.CharField(_("trạng thái"), max_length=8, choices=DossierStatus.choices,
                              default=DossierStatus.QUEUED)
    parts_total = models.PositiveIntegerField(_("số phần"), default=0)
    parts_done = models.PositiveIntegerField(_("số phần đã lập"), default=0)
    attempts = models.PositiveIntegerField(_("số lần chạy"), default=0)
    claim_token = models.CharField(_("mã nhận việc"), max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("lần cuối tiến trình nền báo còn chạy"), null=True, blank=True,
                                        editable=False)
    error = models.TextField(_("lý do không thành công"), blank=True)
    data_version = models.CharField(_("phiên bản dữ liệu"), max_length=64, blank=True)
    file = models.FileField(_("hồ sơ PDF"), upload_to=dossier_upload_to, max_length=255, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256 của hồ sơ"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    pages = models.PositiveIntegerField(_("số trang"), default=0)
    outline = models.JSONField(_("mục lục"), default=list, blank=True)
    zip_file = models.FileField(_("hồ sơ kèm minh chứng (ZIP)"), upload_to=dossier_upload_to, max_length=255,
                                blank=True)
    zip_sha256 = models.CharField(_("mã băm SHA-256 của tệp ZIP"), max_length=64, blank=True)
    zip_size = models.PositiveBigIntegerField(_("dung lượng tệp ZIP (byte)"), default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ khen thưởng")
        verbose_name_plural = _("hồ sơ khen thưởng")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(session__isnull=True) ^ Q(batch__isnull=True),
                                   name="dossier_one_subject"),
            models.UniqueConstraint(fields=["session"], condition=Q(status__in=["queued", "running"]),
                                    name="dossier_one_active_per_session"),
            models.UniqueConstraint(fields=["batch"], condition=Q(status__in=["queued", "running"]),
                                    name="dossier_one_active_per_batch"),
            models.CheckConstraint(condition=~Q(status="ready") | ~Q(file="") & ~Q(sha256=""),
                                   name="dossier_ready_has_file"),
            models.CheckConstraint(condition=~Q(status="failed") | ~Q(error=""), name="dossier_failure_has_reason"),
        ]
        indexes = [models.Index(fields=["session", "-requested_at"]), models.Index(fields=["batch", "-requested_at"])]

    def __str__(self):
        return str(_("Hồ sơ %(subject)s") % {"subject": self.subject})

    @property
    def subject(self):
        return self.session or self.batch

    @property
    def is_active(self):
        return self.status in ACTIVE_STATES

    @property
    def percent(self):
        if self.status == DossierStatus.READY:
            return 100
        # The merge is the last step: parts fill 90 % of the bar.
        return int(90 * self.parts_done / self.parts_total) if self.parts_total else 0


class PartKind(models.TextChoices):
    LETTER = "letter", _("Tờ trình")
    MINUTES = "minutes", _("Biên bản họp Hội đồng")
    LIST = "list", _("Danh sách đề nghị khen thưởng")
    REPORTS = "reports", _("Báo cáo thành tích")
    DECISION = "decision", _("Dự thảo quyết định")
    EVIDENCE = "evidence", _("Danh mục tài liệu, minh chứng")


class PartStatus(models.TextChoices):
    PENDING = "pending", _("Chưa lập")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã lập")


class DossierPart(models.Model):
    """A slice of a dossier rendered by one job: one document, or a run of nominees' reports. ``documents`` holds
    what it renders: ``[{"template", "label", "context"}]`` (plain values). Once done, ``entries`` gives each
    document's label and page count, in order, and ``file`` is the part's own PDF."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=10, choices=PartKind.choices)
    documents = models.JSONField(_("nội dung"), default=list)
    status = models.CharField(_("trạng thái"), max_length=8, choices=PartStatus.choices,
                              default=PartStatus.PENDING)
    claim_token = models.CharField(_("mã nhận việc"), max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("lần cuối tiến trình nền báo còn chạy"), null=True, blank=True,
                                        editable=False)
    file = models.FileField(_("tệp PDF"), upload_to="dossier-parts/", max_length=255, blank=True)
    pages = models.PositiveIntegerField(_("số trang"), default=0)
    entries = models.JSONField(_("tài liệu"), default=list, blank=True)

    class Meta:
        verbose_name = _("phần hồ sơ")
        verbose_name_plural = _("phần hồ sơ")
        ordering = ["dossier", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_part_position_once"),
            models.CheckConstraint(condition=~Q(status="done") | ~Q(file=""), name="dossier_part_done_has_file"),
        ]

    def __str__(self):
        return f"{self.dossier_id}/{self.position} {self.get_kind_display()}"
