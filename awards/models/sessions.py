"""The council's sessions (phiên họp Hội đồng TĐKT): the agenda of forwarded nominees, who sits and who attends, the
secret ballot, the result fixed at closing, and the base salary the cash awards of a decision are counted from.

The secret ballot is stored in two places that nothing links: ``Ballot`` says that a member has voted (never what),
and ``VoteCount`` holds only running totals per agenda item and choice. There are no per-vote rows, no times on
either, and no history tables on them, so the stored data cannot say how any member voted. Each cast writes every
``VoteCount`` row of the session in one statement, so no row version ties a ballot to its choices.

Outside the portal's reach remain the database's old row versions until VACUUM removes them, and the backups and WAL
taken during voting; keep django.db.backends logging below DEBUG in production (it would log each UPDATE's values).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaign.models import Campaign

from .catalogue import AwardForm
from .council import CouncilMember
from .nominations import Nomination
from .register import Decision


class SessionStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")


class CouncilSession(models.Model):
    """A session of the council on one campaign's forwarded nominees. ``member_count`` (every member sitting) is
    fixed when the ballot opens: every share is counted on it, not on those present."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.PROTECT,
                                 related_name="council_sessions")
    title = models.CharField(_("tên phiên họp"), max_length=255)
    meets_at = models.DateTimeField(_("thời gian họp"))
    place = models.CharField(_("địa điểm"), max_length=255)
    chair = models.ForeignKey(CouncilMember, verbose_name=_("chủ trì"), on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(CouncilMember, verbose_name=_("thư ký"), on_delete=models.PROTECT,
                                  related_name="+")
    status = models.CharField(_("trạng thái"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.PREPARING)
    member_count = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"), null=True, blank=True,
                                                    editable=False)
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người kết thúc bỏ phiếu"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-meets_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status="preparing") | Q(member_count__gte=1),
                                   name="session_open_has_members"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("awards:session_detail", kwargs={"pk": self.pk})


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Chưa điểm danh")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class SessionMember(models.Model):
    """A council member sitting in the session (every member serving on its date), and whether they attended."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("phiên họp"), on_delete=models.CASCADE,
                                related_name="members")
    member = models.ForeignKey(CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="sittings")
    attendance = models.CharField(_("điểm danh"), max_length=8, choices=Attendance.choices,
                                  default=Attendance.UNKNOWN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên dự họp")
        verbose_name_plural = _("thành viên dự họp")
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="session_member_once")]

    def __str__(self):
        return f"{self.member} ({self.get_attendance_display()})"


class Outcome(models.TextChoices):
    PASSED = "passed", _("Đạt")
    PASSED_LOWER = "passed_lower", _("Đạt ở hình thức thấp hơn")
    FAILED = "failed", _("Không đạt")


class AgendaItem(models.Model):
    """One forwarded nominee before the session. The tally is empty until the ballot closes, then fixed."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("phiên họp"), on_delete=models.CASCADE,
                                related_name="items")
    nomination = models.OneToOneField(Nomination, verbose_name=_("đề nghị"), on_delete=models.PROTECT,
                                      related_name="agenda_item")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    agree = models.PositiveSmallIntegerField(_("đồng ý"), null=True, blank=True, editable=False)
    disagree = models.PositiveSmallIntegerField(_("không đồng ý"), null=True, blank=True, editable=False)
    lower = models.PositiveSmallIntegerField(_("đồng ý ở hình thức thấp hơn"), null=True, blank=True,
                                             editable=False)
    invalid = models.PositiveSmallIntegerField(_("phiếu không hợp lệ"), null=True, blank=True, editable=False)
    not_voted = models.PositiveSmallIntegerField(_("không bỏ phiếu"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices, blank=True, editable=False)
    awarded_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức được đề nghị tặng"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+", editable=False)
    decision = models.ForeignKey(Decision, verbose_name=_("quyết định khen thưởng"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="items", editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["session", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome="") | Q(agree__isnull=False), name="agenda_outcome_has_tally"),
            models.CheckConstraint(condition=Q(decision__isnull=True) | Q(outcome__in=["passed", "passed_lower"]),
                                   name="agenda_decided_only_when_passed"),
        ]

    def __str__(self):
        return str(self.nomination)


class BallotKind(models.TextChoices):
    ONLINE = "online", _("Bỏ phiếu trên cổng")
    PAPER = "paper", _("Phiếu giấy")
    WRITTEN = "written", _("Ý kiến bằng văn bản của thành viên vắng mặt")


class Ballot(models.Model):
    """That a member has voted in a session, and how the ballot came in — never what it said, never when. One per
    member and session (a database constraint: a second vote is refused, even from two requests at once)."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("phiên họp"), on_delete=models.PROTECT,
                                related_name="ballots")
    member = models.ForeignKey(CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="+")
    kind = models.CharField(_("hình thức"), max_length=8, choices=BallotKind.choices)

    class Meta:
        verbose_name = _("phiếu đã bỏ")
        verbose_name_plural = _("phiếu đã bỏ")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="ballot_once_per_member")]

    def __str__(self):
        return f"{self.member} – {self.get_kind_display()}"


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    LOWER = "lower", _("Đồng ý ở hình thức thấp hơn")
    INVALID = "invalid", _("Không hợp lệ")


class VoteCount(models.Model):
    """The running total of one choice on one agenda item (for LOWER, per lower form named). Only totals are kept."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("nội dung biểu quyết"), on_delete=models.PROTECT,
                             related_name="counts")
    choice = models.CharField(_("lựa chọn"), max_length=8, choices=Choice.choices)
    lower_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức thấp hơn"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField(_("số phiếu"), default=0)

    class Meta:
        verbose_name = _("số phiếu")
        verbose_name_plural = _("số phiếu")
        constraints = [
            models.UniqueConstraint(fields=["item", "choice"], condition=Q(lower_form__isnull=True),
                                    name="vote_count_once"),
            models.UniqueConstraint(fields=["item", "lower_form"], condition=Q(lower_form__isnull=False),
                                    name="vote_count_once_per_lower_form"),
            models.CheckConstraint(condition=Q(choice="lower", lower_form__isnull=False)
                                   | (~Q(choice="lower") & Q(lower_form__isnull=True)),
                                   name="vote_count_lower_names_form"),
        ]

    def __str__(self):
        return f"{self.item}: {self.get_choice_display()} {self.count}"


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) from a date: cash awards are multiples of the one in force on the decision's
    date. Seeded by a data migration; staff keep it in the admin."""

    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lương cơ sở")
        verbose_name_plural = _("lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,} đồng ({self.effective_from:%d/%m/%Y})".replace(",", ".")
