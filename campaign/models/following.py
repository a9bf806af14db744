"""Following a campaign (issue 8): reminders of phase deadlines sent to units, and the exemplary models (gương điển
hình) staff publish on the public pages, as the launch document's task 10 asks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit

from .campaigns import Campaign, Task


class Phase(models.TextChoices):
    """The phases whose deadlines units are reminded of; each has its deadline field on the campaign (self-scoring:
    on the campaign's scoring table)."""

    REGISTRATION = "registration", _("Đăng ký thi đua")
    WORKS = "works", _("Đăng ký công trình, phần việc")
    SCORING = "scoring", _("Tự chấm điểm")
    NOMINATIONS = "nominations", _("Gửi hồ sơ đề nghị khen thưởng")


class Reminder(models.Model):
    """That a unit was reminded of a phase on a day: one per unit, phase and day (a database constraint), however
    often the reminder job runs."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="reminders")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(_("giai đoạn"), max_length=12, choices=Phase.choices)
    day = models.DateField(_("ngày nhắc"))
    deadline = models.DateField(_("hạn"))
    late = models.BooleanField(_("đã quá hạn"), default=False)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lời nhắc hạn")
        verbose_name_plural = _("lời nhắc hạn")
        ordering = ["-day", "unit"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit", "phase", "day"],
                                               name="reminder_once_per_unit_phase_day")]

    def __str__(self):
        return f"{self.unit} – {self.get_phase_display()} ({self.day:%d/%m/%Y})"


def exemplary_photo_upload_to(instance, filename):
    return f"exemplary/{instance.campaign_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1].lower()}"


class ExemplaryStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")


class ExemplaryModel(models.Model):
    """An exemplary model (gương điển hình tiên tiến): a person or collective with a photo and their story, which
    staff write and publish on the campaign's public page."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="exemplary_models")
    task = models.ForeignKey(Task, verbose_name=_("nội dung thi đua"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=255)
    summary = models.CharField(_("tóm tắt"), max_length=500)
    story = models.TextField(_("câu chuyện"))
    photo = models.FileField(_("ảnh"), upload_to=exemplary_photo_upload_to, max_length=255, blank=True)
    photo_caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=ExemplaryStatus.choices,
                              default=ExemplaryStatus.DRAFT)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gương điển hình")
        verbose_name_plural = _("gương điển hình")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["campaign", "status", "-published_at"], name="exemplary_public")]

    def __str__(self):
        return self.title
