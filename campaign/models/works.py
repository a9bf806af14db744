from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit

from .base import ReviewedModel, SearchTextMixin
from .campaigns import Campaign, Task


class WorkStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    VERIFIED = "verified", _("Đã xác nhận hoàn thành")

    @classmethod
    def editable(cls):
        """The unit may still change what it pledged (until a reviewer accepts it)."""
        return [cls.DRAFT, cls.SUBMITTED, cls.RETURNED]

    @classmethod
    def pending(cls):
        """Waiting for a reviewer (a resubmitted work is simply submitted again)."""
        return [cls.SUBMITTED]

    @classmethod
    def pledged(cls):
        """Accepted works: they count in the roll-up of progress."""
        return [cls.ACCEPTED, cls.IN_PROGRESS, cls.COMPLETED, cls.VERIFIED]

    @classmethod
    def reportable(cls):
        """The unit may report progress on it."""
        return [cls.ACCEPTED, cls.IN_PROGRESS, cls.COMPLETED]


class PledgedWork(SearchTextMixin, ReviewedModel):
    """A specific work a unit pledges to celebrate the campaign (công trình, phần việc), tied to one or more tasks."""

    Status = WorkStatus

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="works")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="works")
    tasks = models.ManyToManyField(Task, verbose_name=_("nội dung thi đua"), related_name="works")
    title = models.CharField(_("tên công trình, phần việc"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    district = models.ForeignKey(
        Unit, verbose_name=_("địa bàn (huyện, thành phố)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.CharField(_("xã, phường, thị trấn"), max_length=255, blank=True)
    value_vnd = models.BigIntegerField(_("giá trị (đồng)"), null=True, blank=True)
    start_date = models.DateField(_("ngày khởi công, bắt đầu"))
    target_date = models.DateField(_("ngày dự kiến hoàn thành"))
    responsible_name = models.CharField(_("người chịu trách nhiệm"), max_length=150)
    responsible_position = models.CharField(_("chức vụ người chịu trách nhiệm"), max_length=255, blank=True)
    responsible_phone = models.CharField(_("điện thoại liên hệ"), max_length=30, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=WorkStatus.choices, default=WorkStatus.DRAFT)
    percent = models.PositiveSmallIntegerField(_("phần trăm hoàn thành"), default=0, editable=False)
    # Title and description without marks or case: what searches match.
    search_text = models.TextField(_("khóa tìm kiếm"), editable=False, default="")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    verified_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], m2m_fields=[tasks])

    class Meta:
        verbose_name = _("công trình, phần việc")
        verbose_name_plural = _("công trình, phần việc")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["campaign", "status"], name="work_campaign_status")]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="work_percent_range"),
            models.CheckConstraint(condition=Q(value_vnd__isnull=True) | Q(value_vnd__gte=0), name="work_value_not_negative"),
            models.CheckConstraint(condition=Q(target_date__gte=F("start_date")), name="work_dates_ordered"),
            models.CheckConstraint(condition=~Q(status="returned") | ~Q(return_reason=""), name="work_returned_has_reason"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign:work_detail", kwargs={"pk": self.campaign_id, "work_pk": self.pk})

    @property
    def target_after_anniversary(self):
        """Flagged, not refused: the work is meant to be ready for the anniversary."""
        anniversary = self.campaign.anniversary_date
        return bool(anniversary and self.target_date and self.target_date > anniversary)


class ProgressReport(models.Model):
    """A dated report on a work: how far it is, what was done, with evidence."""

    work = models.ForeignKey(PledgedWork, verbose_name=_("công trình, phần việc"), on_delete=models.CASCADE,
                             related_name="reports")
    report_date = models.DateField(_("ngày báo cáo"))
    percent = models.PositiveSmallIntegerField(_("phần trăm hoàn thành"))
    narrative = models.TextField(_("nội dung báo cáo"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người báo cáo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-report_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="report_percent_range"),
        ]

    def __str__(self):
        return _("Báo cáo ngày %(date)s") % {"date": self.report_date.strftime("%d/%m/%Y")}

    def get_absolute_url(self):
        return f"{self.work.get_absolute_url()}#bao-cao-{self.pk}"
