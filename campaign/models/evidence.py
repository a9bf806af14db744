import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .achievements import Achievement
from .campaigns import Campaign
from .registrations import ClusterPact, Registration
from .works import ProgressReport


class EvidenceKind(models.TextChoices):
    """What a file is, by its content (never by its name)."""

    PDF = "pdf", _("PDF")
    JPEG = "jpeg", _("Ảnh JPEG")
    PNG = "png", _("Ảnh PNG")
    DOCX = "docx", _("Văn bản Word (DOCX)")
    XLSX = "xlsx", _("Bảng tính Excel (XLSX)")

    @classmethod
    def images(cls):
        return [cls.JPEG, cls.PNG]


EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "docx": "docx", "xlsx": "xlsx"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OWNER_FIELDS = ("registration", "pact", "report", "achievement")


def evidence_upload_to(instance, filename):
    # Never the uploader's name: a random name with the extension of what the content is.
    return f"evidence/{instance.campaign_id}/{uuid.uuid4().hex}.{EXTENSIONS[instance.kind]}"


def thumbnail_upload_to(instance, filename):
    return f"evidence/{instance.campaign_id}/thumbnails/{uuid.uuid4().hex}.jpg"


def _exactly_one_owner():
    options = [Q(**{f"{name}__isnull": name != owner for name in OWNER_FIELDS}) for owner in OWNER_FIELDS]
    condition = options[0]
    for option in options[1:]:
        condition |= option
    return condition


class Evidence(models.Model):
    """A file that proves something (minh chứng): the signed scan of a registration or pact, a photo or document
    of a progress report or an achievement. Stored through the storage API, never under the web root, and served
    as a download only to those who may see what it belongs to. A removed file is kept, only hidden."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(
        Registration, verbose_name=_("đăng ký thi đua"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="evidence",
    )
    pact = models.ForeignKey(
        ClusterPact, verbose_name=_("giao ước thi đua"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="evidence",
    )
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("báo cáo tiến độ"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="evidence",
    )
    achievement = models.ForeignKey(
        Achievement, verbose_name=_("thành tích"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to, max_length=255)
    thumbnail = models.FileField(_("ảnh thu nhỏ"), upload_to=thumbnail_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=EvidenceKind.choices)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, editable=False)
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    removed_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gỡ"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["sha256", "thumbnail"])

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_owner(), name="evidence_has_exactly_one_owner"),
            models.CheckConstraint(condition=Q(size__lte=20 * 1024 * 1024), name="evidence_at_most_20_mb"),
        ]

    def __str__(self):
        return self.original_name

    @property
    def owner(self):
        return next(getattr(self, name) for name in OWNER_FIELDS if getattr(self, f"{name}_id"))

    @property
    def is_image(self):
        return self.kind in EvidenceKind.images()

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]

    def get_absolute_url(self):
        return reverse("campaign:evidence_download", kwargs={"evidence_pk": self.pk})
