from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Cluster, Unit

from .base import ReviewedModel
from .campaigns import Campaign, Task


class ReviewStatus(models.TextChoices):
    """The states of what a unit hands in and staff (or the cluster leader) review: registrations, achievements."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    RESUBMITTED = "resubmitted", _("Đã gửi lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")

    @classmethod
    def editable(cls):
        """The unit may change it."""
        return [cls.DRAFT, cls.RETURNED]

    @classmethod
    def pending(cls):
        """Waiting for a reviewer."""
        return [cls.SUBMITTED, cls.RESUBMITTED]


RegistrationStatus = ReviewStatus


class Registration(ReviewedModel):
    """A unit's registration for a campaign (đăng ký thi đua): its commitments per task, signed by its head."""

    Status = ReviewStatus

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="registrations"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(_("trạng thái"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    head_name = models.CharField(_("thủ trưởng đơn vị ký"), max_length=150, blank=True)
    head_position = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["campaign", "unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="registration_once_per_unit"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""), name="registration_returned_has_reason"
            ),
        ]

    def __str__(self):
        return _("Đăng ký thi đua của %(unit)s") % {"unit": self.unit}

    def get_absolute_url(self):
        return reverse("campaign:registration_detail", kwargs={"pk": self.campaign_id, "registration_pk": self.pk})


class Commitment(models.Model):
    """One target a unit commits to under a task, in words and, where it can be counted, in figures."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("đăng ký"), on_delete=models.CASCADE, related_name="commitments"
    )
    task = models.ForeignKey(Task, verbose_name=_("nội dung thi đua"), on_delete=models.PROTECT, related_name="+")
    target = models.TextField(_("chỉ tiêu, mục tiêu"))
    figure = models.DecimalField(_("số lượng"), max_digits=16, decimal_places=2, null=True, blank=True)
    measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu đăng ký")
        verbose_name_plural = _("chỉ tiêu đăng ký")
        ordering = ["registration", "task__number", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(figure__isnull=True) | Q(figure__gte=0), name="commitment_figure_not_negative"),
        ]

    def __str__(self):
        return self.target


class ClusterPact(models.Model):
    """A cluster's emulation pact for a campaign (giao ước thi đua): its text, who signed, the signed scan."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="pacts")
    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="pacts")
    text = models.TextField(_("nội dung giao ước"))
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    place = models.CharField(_("nơi ký"), max_length=255, blank=True)
    leader = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cụm (khối) trưởng"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cụm (khối) phó"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    signatories = models.ManyToManyField(Unit, verbose_name=_("đơn vị ký giao ước"), blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[signatories])

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["campaign", "cluster__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "cluster"], name="pact_once_per_cluster"),
            models.CheckConstraint(
                condition=Q(leader__isnull=True) | Q(deputy__isnull=True) | ~Q(leader=models.F("deputy")),
                name="pact_leader_is_not_deputy",
            ),
        ]

    def __str__(self):
        return _("Giao ước thi đua của %(cluster)s") % {"cluster": self.cluster.name}

    def get_absolute_url(self):
        return reverse("campaign:pact_detail", kwargs={"pk": self.campaign_id, "cluster_pk": self.cluster_id})
