"""The award catalogue: award forms and titles per legal regime, the documents each dossier needs, and the
eligibility rules as rows (a kind the code knows, its parameters, the legal citation)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaign.models import LegalRegime


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")


# The field of a Nomination or an AwardRecord that names the recipient of each kind.
RECIPIENT_FIELDS = {RecipientKind.COLLECTIVE: "unit", RecipientKind.INDIVIDUAL: "person",
                    RecipientKind.HOUSEHOLD: "household"}


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class AwardLevel(models.TextChoices):
    UNIT = "unit", _("Cấp cơ sở, đơn vị")
    PROVINCE = "province", _("Cấp tỉnh")
    STATE = "state", _("Cấp Nhà nước")


class DecidedBy(models.TextChoices):
    UNIT = "unit", _("Thủ trưởng đơn vị tự quyết định")
    CHAIRMAN = "chairman", _("Chủ tịch UBND tỉnh quyết định")
    HIGHER = "higher", _("Cấp trên quyết định theo đề nghị của tỉnh")


class ReportTemplate(models.TextChoices):
    CAMPAIGN = "campaign", _("Báo cáo thành tích theo phong trào, chuyên đề")
    COLLECTIVE = "collective", _("Báo cáo thành tích của tập thể")
    INDIVIDUAL = "individual", _("Báo cáo thành tích của cá nhân")
    SIMPLIFIED = "simplified", _("Tóm tắt thành tích (thủ tục đơn giản)")


class QuotaKind(models.TextChoices):
    NONE = "none", _("Không giới hạn")
    PER_UNIT = "per_unit", _("Tối đa số đề nghị mỗi đơn vị trong phong trào")
    PER_CLUSTER = "per_cluster", _("Tối đa số đề nghị mỗi cụm, khối trong phong trào")
    SHARE_OF_BASE = "share_of_base", _("Tối đa tỷ lệ % số đề nghị của hình thức làm căn cứ")


class AwardForm(models.Model):
    """An award form or title under one legal regime (../shared/docs/domain.md §4). ``code`` is the same for the same
    award across regimes, so the register and the rules name awards by it."""

    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ pháp lý"), on_delete=models.PROTECT,
                               related_name="award_forms")
    code = models.SlugField(_("mã"), max_length=50)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=8, choices=AwardKind.choices)
    for_collective = models.BooleanField(_("khen tập thể"), default=False)
    for_individual = models.BooleanField(_("khen cá nhân"), default=False)
    for_household = models.BooleanField(_("khen hộ gia đình"), default=False)
    level = models.CharField(_("cấp khen"), max_length=10, choices=AwardLevel.choices)
    decided_by = models.CharField(_("thẩm quyền quyết định"), max_length=10, choices=DecidedBy.choices)
    council_threshold = models.DecimalField(
        _("ngưỡng đồng ý của Hội đồng (% tổng số thành viên)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Để trống khi hình thức không qua Hội đồng."),
    )
    secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=True)
    report_template = models.CharField(_("mẫu báo cáo thành tích"), max_length=12, choices=ReportTemplate.choices)
    report_template_name = models.CharField(_("tên mẫu báo cáo"), max_length=255, blank=True,
                                            help_text=_("Ví dụ: Mẫu số 07, Nghị định 91/2017/NĐ-CP."))
    quota_kind = models.CharField(_("hạn mức"), max_length=16, choices=QuotaKind.choices, default=QuotaKind.NONE)
    quota_value = models.DecimalField(_("giá trị hạn mức"), max_digits=6, decimal_places=2, null=True, blank=True)
    quota_base = models.ForeignKey(
        "self", verbose_name=_("hình thức làm căn cứ hạn mức"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    cash_coefficient = models.DecimalField(_("tiền thưởng (hệ số lương cơ sở)"), max_digits=5, decimal_places=2,
                                           null=True, blank=True)
    lower_form = models.ForeignKey(
        "self", verbose_name=_("hình thức thấp hơn liền kề"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    conditions = models.TextField(_("tiêu chuẩn (tóm tắt)"), blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["regime__effective_from", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "code"], name="award_form_code_per_regime"),
            models.CheckConstraint(
                condition=Q(for_collective=True) | Q(for_individual=True) | Q(for_household=True),
                name="award_form_has_recipient",
            ),
            models.CheckConstraint(
                condition=Q(council_threshold__isnull=True)
                | Q(council_threshold__gt=0, council_threshold__lte=100),
                name="award_form_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(quota_kind="none") | Q(quota_value__isnull=False, quota_value__gt=0),
                name="award_form_quota_has_value",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:form_detail", kwargs={"pk": self.pk})

    @property
    def needs_council(self):
        return self.decided_by != DecidedBy.UNIT

    def recipient_kinds(self):
        flags = {RecipientKind.COLLECTIVE: self.for_collective, RecipientKind.INDIVIDUAL: self.for_individual,
                 RecipientKind.HOUSEHOLD: self.for_household}
        return [kind for kind, allowed in flags.items() if allowed]

    def admits(self, recipient_kind):
        return recipient_kind in self.recipient_kinds()


class AppliesTo(models.TextChoices):
    ALL = "all", _("Mọi đối tượng")
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")


class RequiredDocument(models.Model):
    """A document the dossier of a nomination for this form must hold (the checklist shows what is missing)."""

    form = models.ForeignKey(AwardForm, verbose_name=_("hình thức"), on_delete=models.CASCADE,
                             related_name="required_documents")
    name = models.CharField(_("tên tài liệu"), max_length=255)
    applies_to = models.CharField(_("áp dụng cho"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.ALL)
    is_required = models.BooleanField(_("bắt buộc"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu trong hồ sơ")
        verbose_name_plural = _("tài liệu trong hồ sơ")
        ordering = ["form", "order", "id"]

    def __str__(self):
        return self.name

    def applies(self, recipient_kind):
        return self.applies_to in (AppliesTo.ALL, recipient_kind)


class RuleKind(models.TextChoices):
    """What a rule checks; ``awards.eligibility`` holds the check of each kind, reading ``params``."""

    CONSECUTIVE_AWARDS = "consecutive_awards", _("Đạt danh hiệu, hình thức nhiều năm liên tục")
    CONSECUTIVE_RATINGS = "consecutive_ratings", _("Xếp loại nhiều năm liên tục")
    INITIATIVES = "initiatives", _("Có sáng kiến")
    HOLDS_AWARD = "holds_award", _("Đã được khen trước đó")
    CLUSTER_RANK = "cluster_rank", _("Thứ hạng trong cụm, khối của phong trào")
    ROSTER_SHARES = "roster_shares", _("Tỷ lệ thành viên của tập thể")
    CAMPAIGN_RESULTS = "campaign_results", _("Có kết quả trong phong trào")


class EligibilityRule(models.Model):
    """One condition of an award form. Rules with the same ``route`` must all pass; the form is met when every rule
    of at least one route passes (e.g. regime B's Bằng khen for individuals: two routes)."""

    form = models.ForeignKey(AwardForm, verbose_name=_("hình thức"), on_delete=models.CASCADE, related_name="rules")
    route = models.PositiveSmallIntegerField(_("phương án"), default=1)
    kind = models.CharField(_("loại điều kiện"), max_length=20, choices=RuleKind.choices)
    applies_to = models.CharField(_("áp dụng cho"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.ALL)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    citation = models.CharField(_("căn cứ"), max_length=255, help_text=_("Ví dụ: Khoản 1 Điều 24 Luật TĐKT 2003."))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điều kiện")
        verbose_name_plural = _("điều kiện")
        ordering = ["form", "route", "order", "id"]
        constraints = [models.CheckConstraint(condition=Q(route__gte=1), name="rule_route_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.citation})"

    def applies(self, recipient_kind):
        return self.applies_to in (AppliesTo.ALL, recipient_kind)
