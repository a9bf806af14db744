from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit
from units.vietnamese import fold, nfc

from .campaigns import Campaign, Task
from .registrations import ReviewStatus

AchievementStatus = ReviewStatus


class Achievement(models.Model):
    """What a unit achieved under a task (thành tích), with the figures that measure it and evidence."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="achievements"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="achievements")
    task = models.ForeignKey(Task, verbose_name=_("nội dung thi đua"), on_delete=models.PROTECT,
                             related_name="achievements")
    title = models.CharField(_("tên thành tích"), max_length=500)
    description = models.TextField(_("mô tả"))
    achieved_on = models.DateField(_("ngày đạt được"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    search_text = models.TextField(_("khóa tìm kiếm"), editable=False, default="")
    submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True, editable=False)
    is_late = models.BooleanField(_("gửi quá hạn"), default=False, editable=False)
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xét"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    reviewed_at = models.DateTimeField(_("xét lúc"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("thành tích")
        verbose_name_plural = _("thành tích")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["campaign", "status"], name="achievement_campaign_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""), name="achievement_returned_has_reason"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign:achievement_detail", kwargs={"pk": self.campaign_id, "achievement_pk": self.pk})

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.search_text = fold(f"{self.title} {self.description}")
        if kwargs.get("update_fields") is not None and {"title", "description"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class AchievementFigure(models.Model):
    """One measure of an achievement: 120 households out of poverty, 14.5 km of road, 3 initiatives adopted."""

    achievement = models.ForeignKey(
        Achievement, verbose_name=_("thành tích"), on_delete=models.CASCADE, related_name="figures"
    )
    label = models.CharField(_("chỉ số"), max_length=255)
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2)
    measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu thành tích")
        verbose_name_plural = _("số liệu thành tích")
        ordering = ["achievement", "id"]

    def __str__(self):
        return f"{self.label}: {self.value} {self.measure}".strip()
