from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Cluster
from units.vietnamese import nfc


class LegalRegime(models.Model):
    """A body of commendation law a campaign is judged under (../shared/docs/domain.md §4). Seeded as data."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chế độ pháp lý")
        verbose_name_plural = _("chế độ pháp lý")
        ordering = ["effective_from"]

    def __str__(self):
        return self.name


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")
    SPECIAL = "special", _("Đặc biệt, có thời hạn")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    EVALUATING = "evaluating", _("Đang đánh giá, bình xét")
    CLOSED = "closed", _("Đã kết thúc")

    @classmethod
    def visible_to_units(cls):
        return [cls.LAUNCHED, cls.EVALUATING, cls.CLOSED]


class Campaign(models.Model):
    title = models.CharField(_("tên phong trào"), max_length=500)
    kind = models.CharField(_("loại phong trào"), max_length=10, choices=CampaignKind.choices)
    theme = models.TextField(_("chủ đề"), blank=True)
    doc_number = models.CharField(_("số, ký hiệu văn bản phát động"), max_length=50, blank=True)
    doc_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    issuing_bodies = models.TextField(_("cơ quan phát động"), help_text=_("Mỗi cơ quan một dòng."))
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng."))
    source_text = models.TextField(_("toàn văn văn bản phát động"), blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    anniversary_date = models.DateField(_("ngày kỷ niệm"), null=True, blank=True)
    # Deadlines set by staff; a registration, pledge or report after its deadline is marked late, never refused.
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    pledge_deadline = models.DateField(_("hạn đăng ký công trình, phần việc"), null=True, blank=True)
    report_deadline = models.DateField(_("hạn báo cáo kết quả, thành tích"), null=True, blank=True)
    nomination_deadline = models.DateField(_("hạn gửi hồ sơ đề nghị khen thưởng"), null=True, blank=True)
    # Units are reminded this many days before a phase's deadline, and every day after it until they are done.
    reminder_days = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=3)
    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ pháp lý áp dụng"), on_delete=models.PROTECT)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    clusters = models.ManyToManyField(
        Cluster, verbose_name=_("cụm, khối tham gia"), blank=True, related_name="campaigns"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    # Set once, by the job that e-mails the officers about the launch: its claim, so nobody is told twice.
    launch_notified_at = models.DateTimeField(_("đã báo phát động lúc"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["source_text", "launch_notified_at"], m2m_fields=[clusters])

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="campaign_period_ordered"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign:detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        for field in ("title", "theme", "signer_name", "signer_position", "doc_number"):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)

    @property
    def issuing_body_list(self):
        return [line.strip() for line in self.issuing_bodies.splitlines() if line.strip()]

    @property
    def recipient_list(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class Task(models.Model):
    """A numbered content of the campaign (nội dung thi đua)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    short_title = models.CharField(_("tên ngắn"), max_length=255)
    text = models.TextField(_("toàn văn"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung thi đua")
        verbose_name_plural = _("nội dung thi đua")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="task_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="task_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_title}"


class CampaignLaunchNotice(models.Model):
    """One officer told by e-mail that the campaign was launched: the row is the claim, so nobody is told twice.

    ``sent_at`` is set once the message went out; a row without it was claimed by a job that stopped mid-send.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="launch_notices"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư báo phát động")
        verbose_name_plural = _("thư báo phát động")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="launch_notice_once_per_user"),
        ]

    def __str__(self):
        return f"{self.campaign} → {self.user}"
