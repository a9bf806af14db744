"""What the models a unit hands in for review share: the review stamps, and a search key kept from the text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.vietnamese import fold, nfc


class ReviewedModel(models.Model):
    """Handed in by a unit, reviewed by staff or the cluster leader (registrations, works, achievements).

    Each model names the TextChoices of its ``status`` field as ``Status``: ``services.reviews`` reads the states of
    the cycle from it. The fields are those each model had before they were gathered here (no migration).
    """

    # The first submission decides lateness; a resubmission after a return does not make it late.
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

    class Meta:
        abstract = True


class SearchTextMixin:
    """Keeps ``search_text`` (the title and description without marks or case: what searches match) and the title
    in NFC on every save, also a save limited by ``update_fields``."""

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.search_text = fold(f"{self.title} {self.description}")
        if kwargs.get("update_fields") is not None and {"title", "description"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)
