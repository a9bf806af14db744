from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit

from .base import ReviewedModel, SearchTextMixin
from .campaigns import Campaign, Task
from .registrations import ReviewStatus

AchievementStatus = ReviewStatus


class Achievement(SearchTextMixin, ReviewedModel):
    """What a unit achieved under a task (thành tích), with the figures that measure it and evidence."""

    Status = ReviewStatus

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
