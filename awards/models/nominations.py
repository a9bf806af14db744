"""Nominations (đề nghị khen thưởng): batches a unit submits with its letter, each nominee's report and attachments,
the eligibility checks, and the route of the batch through Sở Nội vụ's screening (clerk, specialist, head)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaign.models import Achievement, Campaign, PledgedWork, Task
from units.models import Unit
from units.vietnamese import fold

from .catalogue import AwardForm, RecipientKind, RequiredDocument
from .people import Household, Person


class Board(models.Model):
    """A team of Ban Thi đua – Khen thưởng that screens batches (e.g. Phòng Khen thưởng)."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ phận thẩm định")
        verbose_name_plural = _("bộ phận thẩm định")
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffFunction(models.TextChoices):
    CLERK = "clerk", _("Văn thư tiếp nhận")
    SPECIALIST = "specialist", _("Chuyên viên thẩm định")
    HEAD = "head", _("Lãnh đạo Ban")


class StaffPost(models.Model):
    """What a Sở Nội vụ staff account does in screening. Staff without a post read batches but act on none."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE,
                                related_name="staff_post")
    function = models.CharField(_("nhiệm vụ"), max_length=10, choices=StaffFunction.choices)
    board = models.ForeignKey(Board, verbose_name=_("bộ phận"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="posts")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ thẩm định")
        verbose_name_plural = _("nhiệm vụ thẩm định")

    def __str__(self):
        return f"{self.user} – {self.get_function_display()}"


class BatchKind(models.TextChoices):
    UNIT = "unit", _("Đề nghị của đơn vị")
    PROVINCE = "province", _("Tờ trình của tỉnh đề nghị cấp trên")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận, chờ phân công")
    ASSIGNED = "assigned", _("Đang thẩm định")
    CHECKED = "checked", _("Đã thẩm định, chờ lãnh đạo Ban")
    FORWARDED = "forwarded", _("Đã chuyển Hội đồng")
    RETURNED = "returned", _("Trả lại đơn vị")

    @classmethod
    def with_unit(cls):
        return [cls.DRAFT, cls.RETURNED]

    @classmethod
    def in_screening(cls):
        return [cls.SUBMITTED, cls.RECEIVED, cls.ASSIGNED, cls.CHECKED]


class NominationBatch(models.Model):
    """A batch of nominations a unit sends with its submission letter (tờ trình), or the province's own proposal
    upward. ``holder`` is who must act now (None while it is with the unit or waits for the clerks); ``version``
    grows with every change, so a form posted over a stale copy is refused."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.PROTECT,
                                 related_name="nomination_batches")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                             related_name="nomination_batches")
    kind = models.CharField(_("loại"), max_length=10, choices=BatchKind.choices, default=BatchKind.UNIT)
    letter_number = models.CharField(_("số tờ trình"), max_length=50, blank=True)
    letter_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    signer = models.CharField(_("người ký tờ trình"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đang giữ"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+", editable=False)
    held_since = models.DateTimeField(_("giữ từ lúc"), null=True, blank=True, editable=False)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("văn thư tiếp nhận"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chuyên viên thẩm định"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    assigned_board = models.ForeignKey(Board, verbose_name=_("bộ phận thẩm định"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="batches", editable=False)
    submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True, editable=False)
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        if self.letter_number:
            return _("Tờ trình số %(number)s của %(unit)s") % {"number": self.letter_number, "unit": self.unit}
        return _("Tờ trình của %(unit)s") % {"unit": self.unit}

    def get_absolute_url(self):
        return reverse("awards:batch_detail", kwargs={"pk": self.campaign_id, "batch_pk": self.pk})


class StepAction(models.TextChoices):
    SUBMIT = "submit", _("Gửi")
    WITHDRAW = "withdraw", _("Rút về")
    RECEIVE = "receive", _("Tiếp nhận")
    ASSIGN = "assign", _("Phân công thẩm định")
    COMPLETE = "complete", _("Hoàn thành thẩm định")
    FORWARD = "forward", _("Chuyển Hội đồng")
    RETURN = "return", _("Trả lại")


class BatchStep(models.Model):
    """One move of a batch along its route: who moved it, from which state to which, to whom, when and why."""

    batch = models.ForeignKey(NominationBatch, verbose_name=_("tờ trình"), on_delete=models.CASCADE,
                              related_name="steps")
    action = models.CharField(_("thao tác"), max_length=10, choices=StepAction.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=10, choices=BatchStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=BatchStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True,
                           on_delete=models.SET_NULL, related_name="+")
    to_holder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chuyển cho"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quá trình xử lý")
        ordering = ["batch", "at", "id"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ScreeningStatus(models.TextChoices):
    PENDING = "pending", _("Chưa thẩm định")
    MEETS = "meets", _("Đủ điều kiện")
    FAILS = "fails", _("Không đủ điều kiện")
    FORWARDED = "forwarded", _("Đã chuyển Hội đồng")
    REJECTED = "rejected", _("Không được đề nghị")
    CONSOLIDATED = "consolidated", _("Đã đưa vào tờ trình của tỉnh")


class Nomination(models.Model):
    """One nominee of a batch for one award form, with the achievement report in the structure of the form's
    template: the nominee's situation, then the achievements per campaign task (``NominationTask``)."""

    batch = models.ForeignKey(NominationBatch, verbose_name=_("tờ trình"), on_delete=models.CASCADE,
                              related_name="nominations")
    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức đề nghị"), on_delete=models.PROTECT,
                                   related_name="nominations")
    recipient_kind = models.CharField(_("đối tượng"), max_length=10, choices=RecipientKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="nominations")
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations")
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="nominations")
    situation = models.TextField(_("sơ lược lý lịch, đặc điểm tình hình"), blank=True)
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    status = models.CharField(_("kết quả thẩm định"), max_length=12, choices=ScreeningStatus.choices,
                              default=ScreeningStatus.PENDING)
    screening_reason = models.TextField(_("nhận xét thẩm định"), blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thẩm định"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    screened_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True, editable=False)
    source = models.ForeignKey("self", verbose_name=_("đề nghị gốc"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="consolidations")
    checked_at = models.DateTimeField(_("kiểm tra điều kiện lúc"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    recipient_search = models.CharField(_("khóa tìm kiếm"), max_length=400, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at", "recipient_search", "checked_at"])

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["batch", "award_form__order", "recipient_search", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_kind="collective", unit__isnull=False, person__isnull=True,
                            household__isnull=True)
                | Q(recipient_kind="individual", unit__isnull=True, person__isnull=False, household__isnull=True)
                | Q(recipient_kind="household", unit__isnull=True, person__isnull=True, household__isnull=False),
                name="nomination_one_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["fails", "rejected"]) | ~Q(screening_reason=""),
                name="nomination_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.award_form}"

    @property
    def recipient(self):
        return self.unit or self.person or self.household

    def save(self, *args, **kwargs):
        recipient = self.recipient
        self.recipient_search = fold(str(recipient) if recipient else "")[:400]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "recipient_search"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("awards:nomination_detail", kwargs={"pk": self.batch.campaign_id, "nomination_pk": self.pk})


class NominationTask(models.Model):
    """The nominee's achievements under one campaign task, with links to the unit's works and achievements."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("đề nghị"), on_delete=models.CASCADE,
                                   related_name="task_results")
    task = models.ForeignKey(Task, verbose_name=_("nội dung thi đua"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("thành tích"))
    works = models.ManyToManyField(PledgedWork, verbose_name=_("công trình, phần việc"), blank=True,
                                   related_name="+")
    achievements = models.ManyToManyField(Achievement, verbose_name=_("thành tích đã báo cáo"), blank=True,
                                          related_name="+")
    history = HistoricalRecords(m2m_fields=[works, achievements])

    class Meta:
        verbose_name = _("thành tích theo nội dung thi đua")
        verbose_name_plural = _("thành tích theo nội dung thi đua")
        ordering = ["nomination", "task__number"]
        constraints = [models.UniqueConstraint(fields=["nomination", "task"], name="nomination_task_once")]

    def __str__(self):
        return f"{self.task}: {self.text[:60]}"


class BatchDocumentRole(models.TextChoices):
    LETTER = "letter", _("Tờ trình của đơn vị (bản ký, đóng dấu)")
    MINUTES = "minutes", _("Biên bản họp xét khen thưởng của đơn vị")


def attachment_upload_to(instance, filename):
    from campaign.models.evidence import EXTENSIONS

    return f"nominations/{instance.batch_id}/{uuid.uuid4().hex}.{EXTENSIONS[instance.kind]}"


class NominationFile(models.Model):
    """An attachment: of the batch (its signed letter, the minutes of the unit's review) or of one nomination (a
    document its award form requires). Content-checked like evidence; stored through the storage API under a random
    name; a removed file is kept, only hidden."""

    batch = models.ForeignKey(NominationBatch, verbose_name=_("tờ trình"), on_delete=models.CASCADE,
                              related_name="files")
    nomination = models.ForeignKey(Nomination, verbose_name=_("đề nghị"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="files")
    batch_role = models.CharField(_("tài liệu của tờ trình"), max_length=10, choices=BatchDocumentRole.choices,
                                  blank=True)
    document = models.ForeignKey(RequiredDocument, verbose_name=_("tài liệu theo yêu cầu"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    file = models.FileField(_("tệp"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=8)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    removed_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gỡ"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["sha256"])

    class Meta:
        verbose_name = _("tài liệu đề nghị")
        verbose_name_plural = _("tài liệu đề nghị")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nomination__isnull=True) & ~Q(batch_role="") | Q(nomination__isnull=False, batch_role=""),
                name="nomination_file_one_owner",
            ),
            models.CheckConstraint(condition=Q(size__lte=20 * 1024 * 1024), name="nomination_file_at_most_20_mb"),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("awards:file_download", kwargs={"file_pk": self.pk})


class CheckResult(models.TextChoices):
    PASS = "pass", _("Đạt")
    FAIL = "fail", _("Không đạt")
    UNKNOWN = "unknown", _("Chưa xác định")


class NominationCheck(models.Model):
    """One eligibility or completeness check of a nomination as last run (rebuilt whole at each run). ``code`` names
    the check (``rule:<id>``, ``documents``, ``quota``, ``discipline``…) so an override survives a rerun."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("đề nghị"), on_delete=models.CASCADE,
                                   related_name="checks")
    code = models.CharField(_("mã kiểm tra"), max_length=40)
    route = models.PositiveSmallIntegerField(_("phương án"), null=True, blank=True)
    title = models.CharField(_("nội dung kiểm tra"), max_length=255)
    citation = models.CharField(_("căn cứ"), max_length=255, blank=True)
    result = models.CharField(_("kết quả"), max_length=8, choices=CheckResult.choices)
    explanation = models.TextField(_("giải thích"))
    blocking = models.BooleanField(_("không được bỏ qua"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    checked_at = models.DateTimeField(_("kiểm tra lúc"))

    class Meta:
        verbose_name = _("kết quả kiểm tra điều kiện")
        verbose_name_plural = _("kết quả kiểm tra điều kiện")
        ordering = ["nomination", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["nomination", "code"], name="nomination_check_once")]

    def __str__(self):
        return f"{self.title}: {self.get_result_display()}"


class CheckOverride(models.Model):
    """Staff's decision to pass a failed check anyway, with the reason (never for a blocking check)."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("đề nghị"), on_delete=models.CASCADE,
                                   related_name="overrides")
    code = models.CharField(_("mã kiểm tra"), max_length=40)
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bỏ qua kết quả kiểm tra")
        verbose_name_plural = _("bỏ qua kết quả kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "code"], name="check_override_once"),
            models.CheckConstraint(condition=~Q(reason=""), name="check_override_has_reason"),
        ]

    def __str__(self):
        return f"{self.code}: {self.reason[:60]}"
