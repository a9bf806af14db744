"""A unit's scorecard (bảng tự chấm điểm): self-scoring, cross-checking, the unit's answer, the lock, reopening.

    draft ──submit──▶ submitted ──propose──▶ proposed ──answer──▶ answered
                          │   ▲                 │  (propose again)  │
                          └───┼─────lock────────┴───────────────────┴──▶ locked ──reopen (staff, reason)──▶ submitted

Every write locks the scorecard's row (``common.lock``), reads its state afresh, guards it, saves with
``update_fields`` and writes history rows naming who and why (the scorecard's and each changed score's, including
the links of a score to works, achievements and evidence). After the lock nothing changes but through ``reopen``.

Evidence rule (``submit_scorecard``): a criterion that requires evidence is proven by a linked evidence file that is
not removed, or by a linked work or achievement that has such a file (a work's files are its progress reports').

Totals (``compute_totals``): regular points + bonus (capped) − penalty (capped). A cap of 0 means "no cap beyond the
criteria's own maxima" (the default of a new table, before staff set one).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Achievement, Evidence, PledgedWork
from ..models.scoring import (
    CriterionKind,
    Score,
    Scorecard,
    ScorecardStatus,
    ScoringTable,
)
from ..selectors.scope import participates
from ..selectors.scorecards import effective_points
from .common import (
    changed_fields,
    guard_open,
    guard_state,
    lock,
    mark_first_submission,
    record,
    save,
    switch,
)
from . import notices
from .scoring import points_text, recompute_later

S = ScorecardStatus
TOTAL_FIELDS = ["self_total", "bonus_total", "penalty_total", "total"]
LINKS = ("works", "achievements", "evidence")
ZERO = Decimal(0)


# --- Totals -------------------------------------------------------------------------------------------------------


def _capped(amount, cap):
    return min(amount, cap) if cap else amount


def _sums(rows, table, pick):
    sums = {kind: ZERO for kind in CriterionKind.values}
    for kind, score in rows:
        sums[kind] += pick(score) or ZERO
    bonus = _capped(sums[CriterionKind.BONUS], table.bonus_cap)
    penalty = _capped(sums[CriterionKind.PENALTY], table.penalty_cap)
    return sums[CriterionKind.REGULAR] + bonus - penalty, bonus, penalty


def compute_totals(scorecard, scores=None):
    """Sets the scorecard's ``self_total`` (the unit's own points), ``bonus_total``, ``penalty_total`` and ``total``
    (the points that count, see ``effective_points``) from its scores (read when not given); saves nothing.
    Returns the names of the fields it sets (``TOTAL_FIELDS``)."""
    if scores is None:
        scores = Score.objects.filter(scorecard=scorecard).select_related("criterion")
    table = ScoringTable.objects.get(campaign_id=scorecard.campaign_id)
    rows = [(score.criterion.kind, score) for score in scores]
    scorecard.self_total = _sums(rows, table, lambda score: score.points)[0]
    status = scorecard.status
    scorecard.total, scorecard.bonus_total, scorecard.penalty_total = _sums(
        rows, table, lambda score: effective_points(score, status)
    )
    return list(TOTAL_FIELDS)


def _save_totals(scorecard, *, by, reason):
    fields = compute_totals(scorecard)
    save(scorecard, by=by, reason=reason, update_fields=fields)


# --- Opening ------------------------------------------------------------------------------------------------------


def _guard_openable(campaign, unit):
    guard_open(campaign)
    table = ScoringTable.objects.filter(campaign=campaign).first()
    if table is None or not table.criteria.exists():
        raise ValidationError(_("Phong trào chưa có bảng chấm điểm với tiêu chí: chưa tự chấm được."))
    if not participates(unit, campaign):
        raise ValidationError(_("Đơn vị không tham gia phong trào này."))
    return table


@transaction.atomic
def open_scorecard(*, campaign, unit, by):
    """The unit's scorecard in the campaign: the existing one, or a new draft with one score per criterion of the
    table (its maximum copied, so the database checks the points). Writes the history of what it creates."""
    existing = Scorecard.objects.filter(campaign=campaign, unit=unit).first()
    if existing is not None:
        return existing
    table = _guard_openable(campaign, unit)
    scorecard = save(Scorecard(campaign=campaign, unit=unit), by=by, reason=_("Mở bảng tự chấm điểm"))
    for criterion in table.criteria.order_by("position", "id"):
        score = Score(scorecard=scorecard, criterion=criterion, max_points=criterion.max_points)
        save(score, by=by, reason=_("Mở bảng tự chấm điểm"))
    return scorecard


# --- Self-scoring -------------------------------------------------------------------------------------------------


def _own_links(scorecard):
    """Ids of what the unit may link to a score: its own works, achievements and evidence files (not removed) in
    the scorecard's campaign."""
    unit_id, campaign_id = scorecard.unit_id, scorecard.campaign_id
    evidence = Evidence.objects.filter(campaign_id=campaign_id, removed_at__isnull=True).filter(
        Q(registration__unit_id=unit_id) | Q(achievement__unit_id=unit_id) | Q(report__work__unit_id=unit_id)
    )
    return {
        "works": set(PledgedWork.objects.filter(campaign_id=campaign_id, unit_id=unit_id).values_list("pk", flat=True)),
        "achievements": set(
            Achievement.objects.filter(campaign_id=campaign_id, unit_id=unit_id).values_list("pk", flat=True)
        ),
        "evidence": set(evidence.values_list("pk", flat=True)),
    }


def _guard_points(score, points, field="points"):
    if points is not None and not ZERO <= points <= score.max_points:
        raise ValidationError({field: _("Tiêu chí %(code)s: điểm phải từ 0 đến %(max)s.")
                               % {"code": score.criterion.code, "max": points_text(score.max_points)}})


def _guard_links(score, row, allowed):
    for name in LINKS:
        if name in row and not set(row[name]) <= allowed[name]:
            raise ValidationError({name: _("Tiêu chí %(code)s: chỉ liên kết được công trình, thành tích, minh chứng "
                                           "của chính đơn vị trong phong trào này.") % {"code": score.criterion.code}})


def _rows_by_score(scorecard, rows):
    scores = Score.objects.filter(scorecard=scorecard).select_related("criterion").in_bulk()
    unknown = [row["score_id"] for row in rows if row["score_id"] not in scores]
    if unknown:
        raise ValidationError(_("Bảng điểm đã thay đổi: hãy tải lại trang."))
    return [(scores[row["score_id"]], row) for row in rows]


def _save_score(score, row, *, by):
    """Writes the row's fields and links onto ``score``; one history row per change (fields, then each link)."""
    changed = [name for name in ("points", "comment") if name in row and getattr(score, name) != row[name]]
    for name in changed:
        setattr(score, name, row[name])
    if changed:
        save(score, by=by, reason=_("Tự chấm điểm"), update_fields=changed)
    for name in LINKS:
        if name in row and set(row[name]) != set(getattr(score, name).values_list("pk", flat=True)):
            record(score, by=by, reason=_("Tự chấm điểm"))
            getattr(score, name).set(row[name])
            changed.append(name)
    return bool(changed)


@transaction.atomic
def save_scores(scorecard, *, rows, by):
    """Saves a draft's self-scores. ``rows``: dicts with ``score_id`` and any of ``points``, ``comment``, ``works``,
    ``achievements``, ``evidence`` (lists of ids of the unit's own, in this campaign). Refused unless the scorecard
    is a draft and the campaign open. Writes a history row per changed score and recomputes the totals."""
    lock(scorecard, "status")
    guard_state(scorecard, S.editable(), _("Chỉ sửa được bảng tự chấm khi đang soạn."))
    guard_open(scorecard.campaign)
    pairs = _rows_by_score(scorecard, rows)
    allowed = _own_links(scorecard)
    for score, row in pairs:
        _guard_points(score, row.get("points"))
        _guard_links(score, row, allowed)
    changed = [_save_score(score, row, by=by) for score, row in pairs]  # every row, not up to the first change
    if any(changed):
        _save_totals(scorecard, by=by, reason=_("Tự chấm điểm"))
    return scorecard


# --- Submitting ---------------------------------------------------------------------------------------------------


def _proven(score):
    if any(item.removed_at is None for item in score.evidence.all()):
        return True
    files = Evidence.objects.filter(removed_at__isnull=True).filter(
        Q(achievement__in=score.achievements.all()) | Q(report__work__in=score.works.all())
    )
    return files.exists()


def _guard_complete(scorecard):
    scores = Score.objects.filter(scorecard=scorecard).select_related("criterion").prefetch_related("evidence")
    missing = [s.criterion.code for s in scores if s.criterion.kind == CriterionKind.REGULAR and s.points is None]
    unproven = [s.criterion.code for s in scores if s.criterion.requires_evidence and not _proven(s)]
    errors = []
    if missing:
        errors.append(_("Chưa chấm điểm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)})
    if unproven:
        errors.append(_("Các tiêu chí bắt buộc có minh chứng nhưng chưa liên kết minh chứng: %(codes)s.")
                      % {"codes": ", ".join(unproven)})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_scorecard(scorecard, *, by):
    """Draft → submitted, once every regular criterion has points and every criterion that requires evidence is
    proven (see the module). The first submission after the table's deadline is marked late."""
    lock(scorecard, "status", "submitted_at", "is_late")
    guard_state(scorecard, S.editable(), _("Chỉ gửi được bảng tự chấm đang soạn."))
    guard_open(scorecard.campaign)
    _guard_complete(scorecard)
    deadline = ScoringTable.objects.values_list("deadline", flat=True).get(campaign_id=scorecard.campaign_id)
    fields = mark_first_submission(scorecard, deadline) + compute_totals(scorecard)
    return switch(scorecard, S.SUBMITTED, by=by, reason=_("Gửi bảng tự chấm điểm"), fields=fields)


# --- Cross-checking -----------------------------------------------------------------------------------------------


def _guard_permission(user, perm, scorecard, message):
    if not user.has_perm(perm, scorecard):
        raise ValidationError(message)


def _proposal(score, row):
    """(proposed points, reason) of a row: a proposal equal to the unit's points is no proposal."""
    points = row.get("proposed_points")
    reason = (row.get("proposal_reason") or "").strip()
    if points is None or points == score.points:
        return None, ""
    _guard_points(score, points, "proposed_points")
    if not reason:
        raise ValidationError({"proposal_reason": _("Tiêu chí %(code)s: hãy ghi lý do đề xuất điều chỉnh.")
                               % {"code": score.criterion.code}})
    return points, reason


@transaction.atomic
def propose(scorecard, *, rows, by):
    """The cross-checker's adjusted points, each with its reason (``rows``: dicts of ``score_id``,
    ``proposed_points``, ``proposal_reason``; None or the unit's own points withdraws a proposal). Submitted or
    proposed → proposed. Staff may always; the leader of a provincial cluster for its other members. Writes a
    history row per changed score, recomputes the totals and tells the unit's officers (notice and e-mail)."""
    _guard_permission(by, "campaign.crosscheck_scorecards", scorecard,
                      _("Anh/chị không có quyền đề xuất điều chỉnh điểm của đơn vị này."))
    lock(scorecard, "status")
    guard_state(scorecard, S.checkable(),
                _("Chỉ đề xuất điều chỉnh được khi đơn vị đã gửi và chưa trả lời, chưa chốt."))
    for score, row in _rows_by_score(scorecard, rows):
        points, reason = _proposal(score, row)
        proposer = by if points is not None else None
        values = {"proposed_points": points, "proposal_reason": reason, "proposed_by": proposer}
        if changed_fields(score, values):
            save(score, by=by, reason=reason or _("Bỏ đề xuất điều chỉnh"), update_fields=list(values))
    if not Score.objects.filter(scorecard=scorecard, proposed_points__isnull=False).exists():
        raise ValidationError(_("Chưa có đề xuất điều chỉnh nào: nếu thống nhất với điểm tự chấm, hãy chốt điểm."))
    compute_totals(scorecard)
    switch(scorecard, S.PROPOSED, by=by, reason=_("Đề xuất điều chỉnh điểm"), fields=TOTAL_FIELDS)
    notices.scorecard_proposed(scorecard, by=by)
    return scorecard


@transaction.atomic
def answer(scorecard, *, text, by):
    """The unit's one answer to the proposals: proposed → answered (a new round of proposals, after a reopening,
    may be answered again). The text is kept on the scorecard and in its history."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy ghi ý kiến của đơn vị về đề xuất điều chỉnh.")})
    lock(scorecard, "status")
    guard_state(scorecard, [S.PROPOSED], _("Chỉ trả lời được một lần, khi có đề xuất điều chỉnh chưa trả lời."))
    scorecard.answer, scorecard.answered_at = text, timezone.now()
    return switch(scorecard, S.ANSWERED, by=by, reason=_("Đơn vị trả lời đề xuất"), fields=["answer", "answered_at"])


# --- Lock and reopening -------------------------------------------------------------------------------------------


@transaction.atomic
def lock_scorecard(scorecard, *, by):
    """Staff confirm: submitted, proposed or answered → locked. Each score's final points are the proposal, else the
    unit's points; totals recomputed; the campaign's ranking recomputed after the commit (Celery); the unit's
    officers told (notice and e-mail)."""
    _guard_permission(by, "campaign.lock_scorecards", scorecard, _("Chỉ Sở Nội vụ chốt được bảng điểm."))
    lock(scorecard, "status")
    guard_state(scorecard, S.lockable(), _("Chỉ chốt được bảng điểm đã gửi và chưa chốt."))
    scores = list(Score.objects.filter(scorecard=scorecard).select_related("criterion"))
    for score in scores:
        score.final_points = score.proposed_points if score.proposed_points is not None else score.points
        save(score, by=by, reason=_("Chốt điểm"), update_fields=["final_points"])
    scorecard.status = S.LOCKED
    scorecard.locked_by, scorecard.locked_at = by, timezone.now()
    fields = ["locked_by", "locked_at", *compute_totals(scorecard, scores)]
    switch(scorecard, S.LOCKED, by=by, reason=_("Chốt điểm"), fields=fields)
    notices.scorecard_locked(scorecard, by=by)
    recompute_later(scorecard.campaign_id)
    return scorecard


@transaction.atomic
def reopen_scorecard(scorecard, *, by, reason):
    """Staff reopen a locked scorecard with a reason: locked → submitted; the final points are cleared (the
    history keeps them), totals recomputed, the campaign's ranking recomputed after the commit, the unit's
    officers told with the reason (notice and e-mail)."""
    _guard_permission(by, "campaign.lock_scorecards", scorecard, _("Chỉ Sở Nội vụ mở lại được bảng điểm đã chốt."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do mở lại bảng điểm.")})
    lock(scorecard, "status")
    guard_state(scorecard, [S.LOCKED], _("Chỉ mở lại được bảng điểm đã chốt."))
    why = _("Mở lại: %(reason)s") % {"reason": reason}
    scores = list(Score.objects.filter(scorecard=scorecard, final_points__isnull=False).select_related("criterion"))
    for score in scores:
        score.final_points = None
        save(score, by=by, reason=why, update_fields=["final_points"])
    scorecard.status = S.SUBMITTED
    scorecard.locked_by = scorecard.locked_at = None
    fields = ["locked_by", "locked_at", *compute_totals(scorecard)]
    switch(scorecard, S.SUBMITTED, by=by, reason=why, fields=fields)
    notices.scorecard_reopened(scorecard, by=by, reason=reason)
    recompute_later(scorecard.campaign_id)
    return scorecard
