"""Achievements (thành tích): what a unit achieved under a task, the figures that measure it, and its review.

Every function guards (the state read afresh with the row locked: ``common.lock``), saves with ``update_fields``
and writes history rows naming who and why (the achievement's, and each figure's when figures change). A unit's
writes need a campaign open for units (``common.guard_open``).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.vietnamese import nfc

from ..models import Achievement, AchievementFigure, ReviewStatus
from ..selectors.scope import participates
from . import notices, reviews
from .common import changed_fields, guard_open, guard_state, lock, record, save
from .evidence import attach_evidence

DATA_FIELDS = ("title", "description", "achieved_on")
FIGURE_FIELDS = ("label", "value", "measure")
VALUE_MAX = Decimal("99999999999999.99")  # what the column holds (16 digits, 2 after the comma)


# --- Guards ----------------------------------------------------------------------------------------------------------


def _guard_task(task, campaign):
    if task is None or task.campaign_id != campaign.pk:
        raise ValidationError({"task": _("Hãy chọn một nội dung thi đua của phong trào này.")})


def _guard_editable(achievement, *fields):
    """Refused unless the campaign is open and the achievement, read afresh with its row locked (with ``fields``),
    is a draft or returned."""
    guard_open(achievement.campaign)
    lock(achievement, "status", *fields)
    guard_state(achievement, ReviewStatus.editable(), _("Chỉ sửa được thành tích đang soạn hoặc bị trả lại."))


def _clean_data(data):
    """The achievement's own fields from ``data``: title required, text NFC, the date not in the future."""
    unknown = set(data) - set(DATA_FIELDS)
    if unknown:
        raise ValueError(f"unknown achievement fields: {sorted(unknown)}")
    title = nfc(data.get("title") or "")
    if not title:
        raise ValidationError({"title": _("Hãy ghi tên thành tích.")})
    achieved_on = data.get("achieved_on")
    if achieved_on and achieved_on > timezone.localdate():
        raise ValidationError({"achieved_on": _("Ngày đạt được không thể sau hôm nay.")})
    return {"title": title, "description": (data.get("description") or "").strip(), "achieved_on": achieved_on}


def _clean_figure(label, value, measure):
    # The figures form checks these beside its fields; here they are the last guard, above the form.
    label = nfc(label or "")
    if not label:
        raise ValidationError(_("Mỗi số liệu cần có tên chỉ số."))
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0 or value > VALUE_MAX:
        raise ValidationError(_("Số liệu “%(label)s”: giá trị phải là một số không âm.") % {"label": label})
    return {"label": label, "value": value.quantize(Decimal("0.01")), "measure": nfc(measure or "")[:50]}


# --- Writing ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_achievement(*, campaign, unit, task, data, figures, by, files=()):
    """A draft achievement of ``unit`` under ``task``, with its figures (dicts of label, value, measure) and, if
    given, evidence files (``evidence_files.CheckedFile``). Writes a history row for each.

    Refused unless the campaign is launched or being evaluated, the unit takes part in it and the task is one of
    its tasks.
    """
    guard_open(campaign)
    if not participates(unit, campaign):
        raise ValidationError(_("Đơn vị %(unit)s không tham gia phong trào này.") % {"unit": unit.name})
    _guard_task(task, campaign)
    achievement = Achievement(campaign=campaign, unit=unit, task=task, created_by=by, **_clean_data(data))
    save(achievement, by=by, reason=_("Tạo thành tích"))
    for figure in figures:
        _add_figure(achievement, by=by, **figure)
    if files:
        attach_evidence(achievement, files=files, by=by)
    return achievement


@transaction.atomic
def update_achievement(achievement, *, data, task, by, reason="", figures=None):
    """Changes the title, description, date and task of a draft or returned achievement; with ``figures`` (see
    ``save_figures``) its figures too. Saves only what changed (compared with what is stored), with one history row
    per changed object."""
    _guard_editable(achievement, *DATA_FIELDS, "task")
    _guard_task(task, achievement.campaign)
    # A field left out of ``data`` keeps its value.
    current = {name: getattr(achievement, name) for name in DATA_FIELDS}
    changed = changed_fields(achievement, {**_clean_data({**current, **data}), "task": task})
    if changed:
        save(achievement, by=by, reason=reason or _("Sửa thành tích"), update_fields=[*changed, "updated_at"])
    if figures is not None:
        _save_figures(achievement, rows=figures, by=by, reason=reason)
    return achievement


def _add_figure(achievement, *, label, value, measure="", by, reason=""):
    figure = AchievementFigure(achievement=achievement, **_clean_figure(label, value, measure))
    return save(figure, by=by, reason=reason or _("Thêm số liệu"))


@transaction.atomic
def add_figure(achievement, *, label, value, measure="", by):
    """One more figure of a draft or returned achievement, with its history row."""
    _guard_editable(achievement)
    return _add_figure(achievement, label=label, value=value, measure=measure, by=by)


def _save_figure_row(achievement, existing, row, *, by, reason):
    figure = existing.get(row.get("id"))
    if row.get("id") is not None and figure is None:
        raise ValidationError(_("Số liệu này không còn: hãy tải lại trang."))
    if figure is None:
        if not row.get("delete"):
            _add_figure(achievement, label=row["label"], value=row["value"], measure=row.get("measure", ""), by=by,
                        reason=reason)
    elif row.get("delete"):
        record(figure, by=by, reason=reason or _("Xóa số liệu"))
        figure.delete()
    elif changed := changed_fields(figure, _clean_figure(row["label"], row["value"], row.get("measure", ""))):
        save(figure, by=by, reason=reason or _("Sửa số liệu"), update_fields=changed)


@transaction.atomic
def save_figures(achievement, *, rows, by, reason=""):
    """Applies the rows of a figures form to a draft or returned achievement: each row is a dict of ``id`` (None for
    a new figure), ``label``, ``value``, ``measure`` and ``delete``. Adds, changes and deletes figures, each with its
    history row; a row that changes nothing writes none."""
    _guard_editable(achievement)
    _save_figures(achievement, rows=rows, by=by, reason=reason)


def _save_figures(achievement, *, rows, by, reason):
    # Read under the achievement's lock: what is stored now, not what the page showed (nor a prefetched list).
    existing = {figure.pk: figure for figure in AchievementFigure.objects.filter(achievement=achievement)}
    for row in rows:
        _save_figure_row(achievement, existing, row, by=by, reason=reason)


# --- Review ----------------------------------------------------------------------------------------------------------


def _guard_complete(achievement):
    lock(achievement, "description")  # as stored: the copy may predate a colleague's edit
    errors = []
    if not achievement.description.strip() and not achievement.figures.exists():
        errors.append(_("Hãy ghi mô tả hoặc ít nhất một số liệu của thành tích trước khi gửi."))
    if not achievement.evidence.filter(removed_at__isnull=True).exists():
        errors.append(_("Hãy tải lên ít nhất một tệp minh chứng trước khi gửi."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_achievement(achievement, *, by):
    """Draft → submitted, returned → resubmitted, for review, while the campaign is open; the first submission after
    the campaign's report deadline is marked late. Refused without a description or a figure, or without
    evidence."""
    guard_open(achievement.campaign)
    return reviews.submit(achievement, by=by, deadline=achievement.campaign.report_deadline, check=_guard_complete)


@transaction.atomic
def withdraw_achievement(achievement, *, by, reason=""):
    """Submitted → draft, resubmitted → returned, while the campaign is open: the unit takes it back before anyone
    reviewed it."""
    guard_open(achievement.campaign)
    return reviews.withdraw(achievement, by=by, reason=reason)


@transaction.atomic
def accept_achievement(achievement, *, by, reason=""):
    """Submitted or resubmitted → accepted; stamps who reviewed it and when. Side effect: a notice and an e-mail to
    the unit's officers."""
    reviews.accept(achievement, by=by, reason=reason)
    notices.achievement_accepted(achievement, by=by, reason=reason)
    return achievement


@transaction.atomic
def return_achievement(achievement, *, by, reason):
    """Submitted or resubmitted → returned, with the reason the unit reads (required). Side effect: a notice and an
    e-mail with the reason to the unit's officers."""
    reviews.return_for_changes(achievement, by=by, reason=reason)
    notices.achievement_returned(achievement, by=by)
    return achievement
