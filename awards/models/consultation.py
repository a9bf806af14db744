"""The nominee list open for public comment (lấy ý kiến nhân dân) before nominations for state-level awards go up
(domain.md §6): Sở Nội vụ publishes a province proposal's nominees for a period; anyone may comment on a nominee;
comments are held until staff moderate them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .nominations import Nomination, NominationBatch


class Consultation(models.Model):
    """A province proposal's nominee list, open for comment from ``opens_on`` to ``closes_on`` once published."""

    batch = models.ForeignKey(NominationBatch, verbose_name=_("tờ trình của tỉnh"), on_delete=models.CASCADE,
                              related_name="consultations")
    title = models.CharField(_("tiêu đề"), max_length=255)
    notice = models.TextField(_("thông báo"), blank=True)
    opens_on = models.DateField(_("nhận ý kiến từ ngày"))
    closes_on = models.DateField(_("đến hết ngày"))
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lấy ý kiến nhân dân")
        verbose_name_plural = _("lấy ý kiến nhân dân")
        ordering = ["-opens_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")),
                                              name="consultation_dates_ordered")]

    def __str__(self):
        return self.title


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kiểm duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không duyệt")


class PublicComment(models.Model):
    """A comment of the public on one nominee of a consultation, held for moderation."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("đợt lấy ý kiến"), on_delete=models.CASCADE,
                                     related_name="comments")
    nomination = models.ForeignKey(Nomination, verbose_name=_("người, tập thể được góp ý"), on_delete=models.CASCADE,
                                   related_name="public_comments")
    author_name = models.CharField(_("họ và tên người góp ý"), max_length=150)
    contact = models.CharField(_("địa chỉ, điện thoại hoặc thư điện tử"), max_length=255)
    text = models.TextField(_("nội dung góp ý"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=CommentStatus.choices,
                              default=CommentStatus.PENDING)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người kiểm duyệt"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField(_("kiểm duyệt lúc"), null=True, blank=True)
    moderation_note = models.TextField(_("ghi chú kiểm duyệt"), blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["contact"])

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["consultation", "status", "-created_at"], name="comment_moderation")]

    def __str__(self):
        return f"{self.author_name}: {self.text[:60]}"
