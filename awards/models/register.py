"""The award register (sổ khen thưởng): who received what, when and by which decision; and the decisions recorded in
the portal (a unit's own Giấy khen now, the chairman's decisions after the council)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaign.models import Campaign
from units.models import Unit
from units.vietnamese import fold, nfc

from .catalogue import AwardForm, RecipientKind
from .people import Household, Person


class DecisionKind(models.TextChoices):
    UNIT = "unit", _("Quyết định của đơn vị (Giấy khen)")
    PROVINCE = "province", _("Quyết định của Chủ tịch UBND tỉnh")


class Decision(models.Model):
    """An award decision (quyết định khen thưởng) recorded in the portal. Cancelling it (with a reason) takes its
    awards out of the register: the register never counts a cancelled decision's records."""

    kind = models.CharField(_("loại quyết định"), max_length=10, choices=DecisionKind.choices)
    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    issuer_unit = models.ForeignKey(Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                                    related_name="+")
    number = models.CharField(_("số, ký hiệu"), max_length=50)
    date = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255)
    summary = models.CharField(_("trích yếu"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người hủy"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""), name="decision_cancel_has_reason"
            ),
        ]

    def __str__(self):
        return _("Quyết định số %(number)s ngày %(date)s") % {"number": self.number,
                                                              "date": self.date.strftime("%d/%m/%Y")}

    def get_absolute_url(self):
        return reverse("awards:decision_detail", kwargs={"pk": self.pk})


class RecordSource(models.TextChoices):
    IMPORT = "import", _("Nhập từ Excel")
    MANUAL = "manual", _("Ghi trực tiếp")
    DECISION = "decision", _("Quyết định ghi trên cổng")


class AwardRecordQuerySet(models.QuerySet):
    def in_force(self):
        """Records that count: not from a cancelled decision."""
        return self.filter(Q(decision__isnull=True) | Q(decision__cancelled_at__isnull=True))


class AwardRecord(models.Model):
    """One award or title received by a collective, an individual or a household in a year."""

    recipient_kind = models.CharField(_("đối tượng"), max_length=10, choices=RecipientKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="award_records")
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="award_records")
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="award_records")
    award_code = models.SlugField(_("mã hình thức"), max_length=50)
    award_name = models.CharField(_("hình thức, danh hiệu"), max_length=255)
    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức trong danh mục"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cấp quyết định"), max_length=255)
    decision = models.ForeignKey(Decision, verbose_name=_("quyết định trên cổng"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="records")
    nomination = models.ForeignKey("awards.Nomination", verbose_name=_("đề nghị"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="award_records")
    source = models.CharField(_("nguồn"), max_length=10, choices=RecordSource.choices)
    recipient_search = models.CharField(_("khóa tìm kiếm"), max_length=400, editable=False, default="")
    recipient_sort = models.CharField(_("khóa sắp xếp"), max_length=255, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["recipient_search", "recipient_sort"])

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["-year", "recipient_sort", "id"]
        # The lookup lists newest year first, then recipients in Vietnamese order: an index in that order lets a
        # page of 50 be read without sorting the whole register.
        indexes = [models.Index(fields=["award_code", "year"]),
                   models.Index(fields=["-year", "recipient_sort", "id"], name="award_record_lookup_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_kind="collective", unit__isnull=False, person__isnull=True,
                            household__isnull=True)
                | Q(recipient_kind="individual", unit__isnull=True, person__isnull=False, household__isnull=True)
                | Q(recipient_kind="household", unit__isnull=True, person__isnull=True, household__isnull=False),
                name="award_record_one_recipient",
            ),
            models.CheckConstraint(condition=Q(year__gte=1945, year__lte=2100), name="award_record_year_range"),
        ]

    def __str__(self):
        return f"{self.award_name} ({self.year}): {self.recipient}"

    @property
    def recipient(self):
        return self.unit or self.person or self.household

    def save(self, *args, **kwargs):
        self.award_name = nfc(self.award_name)
        recipient = self.recipient
        self.recipient_search, self.recipient_sort = recipient_keys(recipient)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "recipient_search", "recipient_sort"}
        super().save(*args, **kwargs)


def recipient_keys(recipient):
    """(search key, Vietnamese sort key) of a recipient: a unit by its name, a person or household by the name the
    model sorts them by."""
    if recipient is None:
        return "", ""
    sort = recipient.name_sort if hasattr(recipient, "name_sort") else ""
    return fold(str(recipient))[:400], sort
