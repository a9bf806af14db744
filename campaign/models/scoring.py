"""Evaluation (đánh giá): a campaign's scoring table (bảng chấm điểm), each unit's scorecard with its scores, the
computed ranking inside each cluster, and the cluster's own ranking by acclaim (suy tôn).

Points are Decimals with two places. A score can never leave its criterion's range: the maximum is copied onto the
score row (kept equal by the services when staff change a maximum) so that the database itself refuses a point above
it or below zero.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Cluster, Unit

from .achievements import Achievement
from .campaigns import Campaign, Task
from .evidence import Evidence
from .works import PledgedWork

POINTS = {"max_digits": 7, "decimal_places": 2}


class CriterionKind(models.TextChoices):
    REGULAR = "regular", _("Tiêu chí")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class TieBreak(models.TextChoices):
    """What decides between equal totals, in the order staff set per campaign."""

    MORE_BONUS = "more_bonus", _("Nhiều điểm thưởng hơn")
    FEWER_PENALTIES = "fewer_penalties", _("Ít điểm trừ hơn")
    EARLIER_SUBMISSION = "earlier_submission", _("Gửi bảng tự chấm sớm hơn")


class ScoringTable(models.Model):
    """The scoring table of one campaign: its criteria, the caps of bonus and penalty points, the deadline of
    self-scoring, the tie-breaks and the classification bands."""

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="scoring_table"
    )
    note = models.TextField(_("ghi chú, hướng dẫn chung"), blank=True)
    bonus_cap = models.DecimalField(_("tối đa điểm thưởng được tính"), default=0, **POINTS)
    penalty_cap = models.DecimalField(_("tối đa điểm trừ"), default=0, **POINTS)
    deadline = models.DateField(_("hạn gửi bảng tự chấm"), null=True, blank=True)
    # Ordered TieBreak values.
    tie_breaks = models.JSONField(_("thứ tự xét khi bằng điểm"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")
        constraints = [
            models.CheckConstraint(condition=Q(bonus_cap__gte=0, penalty_cap__gte=0), name="table_caps_not_negative"),
        ]

    def __str__(self):
        return _("Bảng chấm điểm – %(campaign)s") % {"campaign": self.campaign}

    def get_absolute_url(self):
        return reverse("campaign:scoring_table", kwargs={"pk": self.campaign_id})


class Criterion(models.Model):
    """One line of the scoring table: under a task (or a section of staff's choosing), with its maximum and
    guidance; bonus and penalty items are criteria of their kind."""

    table = models.ForeignKey(ScoringTable, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE,
                              related_name="criteria")
    task = models.ForeignKey(Task, verbose_name=_("nội dung thi đua"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="criteria")
    section = models.CharField(_("mục"), max_length=255, blank=True)
    code = models.CharField(_("số hiệu"), max_length=20)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu chí"), max_length=500)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    kind = models.CharField(_("loại"), max_length=8, choices=CriterionKind.choices, default=CriterionKind.REGULAR)
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    requires_evidence = models.BooleanField(_("bắt buộc có minh chứng"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["table", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.UniqueConstraint(fields=["table", "code"], name="criterion_unique_code"),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Band(models.Model):
    """A classification band (xếp loại): a total at or above ``min_total`` earns it (the highest band reached)."""

    table = models.ForeignKey(ScoringTable, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE,
                              related_name="bands")
    name = models.CharField(_("xếp loại"), max_length=100)
    min_total = models.DecimalField(_("tổng điểm từ"), **POINTS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["table", "-min_total"]
        constraints = [
            models.UniqueConstraint(fields=["table", "name"], name="band_unique_name"),
            models.UniqueConstraint(fields=["table", "min_total"], name="band_unique_threshold"),
            models.CheckConstraint(condition=Q(min_total__gte=0), name="band_threshold_not_negative"),
        ]

    def __str__(self):
        return self.name


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã gửi")
    PROPOSED = "proposed", _("Có đề xuất điều chỉnh")
    ANSWERED = "answered", _("Đơn vị đã trả lời")
    LOCKED = "locked", _("Đã chốt")

    @classmethod
    def editable(cls):
        return [cls.DRAFT]

    @classmethod
    def checkable(cls):
        """The cross-checker may propose adjusted points."""
        return [cls.SUBMITTED, cls.PROPOSED]

    @classmethod
    def lockable(cls):
        return [cls.SUBMITTED, cls.PROPOSED, cls.ANSWERED]


class Scorecard(models.Model):
    """A unit's scorecard in a campaign: its self-scores, the cross-checker's proposals, the unit's one answer, the
    confirmed points and totals once staff lock it."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="scorecards")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(_("trạng thái"), max_length=10, choices=ScorecardStatus.choices,
                              default=ScorecardStatus.DRAFT)
    submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True, editable=False)
    is_late = models.BooleanField(_("gửi quá hạn"), default=False, editable=False)
    answer = models.TextField(_("ý kiến của đơn vị về đề xuất"), blank=True, editable=False)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True, editable=False)
    # Totals: kept by the services and the recomputation job (regular points, then capped bonus and penalty).
    self_total = models.DecimalField(_("tổng điểm tự chấm"), default=0, editable=False, **POINTS)
    total = models.DecimalField(_("tổng điểm"), default=0, editable=False, **POINTS)
    bonus_total = models.DecimalField(_("điểm thưởng"), default=0, editable=False, **POINTS)
    penalty_total = models.DecimalField(_("điểm trừ"), default=0, editable=False, **POINTS)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chốt"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    locked_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bảng tự chấm điểm")
        verbose_name_plural = _("bảng tự chấm điểm")
        ordering = ["campaign", "unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="scorecard_once_per_unit"),
            models.CheckConstraint(
                condition=~Q(status="locked") | Q(locked_at__isnull=False), name="scorecard_locked_has_time"
            ),
        ]

    def __str__(self):
        return _("Bảng tự chấm điểm của %(unit)s") % {"unit": self.unit}

    def get_absolute_url(self):
        return reverse("campaign:scorecard_detail", kwargs={"pk": self.campaign_id, "scorecard_pk": self.pk})


def _in_range(name):
    return Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0, f"{name}__lte": F("max_points")})


class Score(models.Model):
    """The points of one criterion on one scorecard: the unit's own, the cross-checker's proposal with its reason,
    and the points confirmed at the lock."""

    scorecard = models.ForeignKey(Scorecard, verbose_name=_("bảng tự chấm"), on_delete=models.CASCADE,
                                  related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE,
                                  related_name="scores")
    # The criterion's maximum, copied so that the database can check the points against it.
    max_points = models.DecimalField(_("điểm tối đa"), editable=False, **POINTS)
    points = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **POINTS)
    comment = models.TextField(_("giải trình"), blank=True)
    works = models.ManyToManyField(PledgedWork, verbose_name=_("công trình, phần việc liên quan"), blank=True,
                                   related_name="+")
    achievements = models.ManyToManyField(Achievement, verbose_name=_("thành tích liên quan"), blank=True,
                                          related_name="+")
    evidence = models.ManyToManyField(Evidence, verbose_name=_("minh chứng"), blank=True, related_name="+")
    proposed_points = models.DecimalField(_("điểm đề xuất"), null=True, blank=True, **POINTS)
    proposal_reason = models.TextField(_("lý do đề xuất"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề xuất"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    final_points = models.DecimalField(_("điểm chốt"), null=True, blank=True, editable=False, **POINTS)
    history = HistoricalRecords(m2m_fields=[works, achievements, evidence])

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["scorecard", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="score_max_positive"),
            models.CheckConstraint(condition=_in_range("points"), name="score_points_in_range"),
            models.CheckConstraint(condition=_in_range("proposed_points"), name="score_proposal_in_range"),
            models.CheckConstraint(condition=_in_range("final_points"), name="score_final_in_range"),
            models.CheckConstraint(
                condition=Q(proposed_points__isnull=True) | ~Q(proposal_reason=""), name="score_proposal_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.points}"


class RankingEntry(models.Model):
    """A unit's place in its cluster for a campaign, as the last recomputation left it (rebuilt whole each time)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="ranking")
    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="+")
    scorecard = models.ForeignKey(Scorecard, verbose_name=_("bảng tự chấm"), on_delete=models.CASCADE,
                                  related_name="ranking_entries")
    total = models.DecimalField(_("tổng điểm"), **POINTS)
    rank = models.PositiveIntegerField(_("thứ hạng"))
    band = models.CharField(_("xếp loại"), max_length=100, blank=True)
    is_leading = models.BooleanField(_("dẫn đầu cụm, khối"), default=False)
    computed_at = models.DateTimeField(_("tính lúc"))

    class Meta:
        verbose_name = _("thứ hạng trong cụm, khối")
        verbose_name_plural = _("thứ hạng trong cụm, khối")
        ordering = ["campaign", "cluster", "rank", "scorecard__unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "cluster", "scorecard"], name="ranking_once_per_unit"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="ranking_rank_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.scorecard.unit}"


class Acclaim(models.Model):
    """The cluster's own ranking by acclaim (suy tôn) at its review meeting, with the minutes."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="acclaims")
    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày họp bình xét"))
    place = models.CharField(_("nơi họp"), max_length=255, blank=True)
    minutes = models.TextField(_("biên bản"), blank=True)
    first = models.ForeignKey(Unit, verbose_name=_("suy tôn thứ nhất"), on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Unit, verbose_name=_("suy tôn thứ hai"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    third = models.ForeignKey(Unit, verbose_name=_("suy tôn thứ ba"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả suy tôn")
        verbose_name_plural = _("kết quả suy tôn")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "cluster"], name="acclaim_once_per_cluster"),
            models.CheckConstraint(
                condition=~Q(first=F("second")) & ~Q(first=F("third")) & (Q(second__isnull=True) | ~Q(second=F("third"))),
                name="acclaim_places_distinct",
            ),
        ]

    def __str__(self):
        return _("Suy tôn của %(cluster)s") % {"cluster": self.cluster.name}
