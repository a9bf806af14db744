"""Writes of a campaign's scoring table (bảng chấm điểm): the table's settings and bands, its criteria, an import from
a checked file, a copy from another campaign.

A table in use is never changed silently. A criterion's maximum is copied onto every score row (the database checks
the points against it), so a change of a maximum rewrites those rows in the same transaction, is refused while some
scorecard holds more points than the new maximum, and queues the recomputation of the campaign's totals once the
change has committed. Every write leaves a history row naming who made it and why.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Band, Criterion, CriterionKind, Score, Scorecard, ScoringTable, TieBreak
from .common import changed_fields, lock, record, save

TABLE_FIELDS = ("note", "bonus_cap", "penalty_cap", "deadline", "tie_breaks")
CRITERION_FIELDS = (
    "task", "section", "code", "position", "title", "guidance", "kind", "max_points", "requires_evidence",
)
# Fields whose change alters computed totals or ranks.
TOTAL_FIELDS = {"bonus_cap", "penalty_cap", "tie_breaks"}
CRITERION_TOTAL_FIELDS = {"kind", "max_points"}
# A score "has points" once anybody put a number on it: the unit, the cross-checker or the lock.
HAS_POINTS = Q(points__isnull=False) | Q(proposed_points__isnull=False) | Q(final_points__isnull=False)


def points_text(value):
    """Points as a person writes them: ``2,5``, ``10`` (no trailing zeros, the locale's decimal comma)."""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    return number_format(Decimal(text.rstrip("0").rstrip(".") if "." in text else text))


# --- Reading ------------------------------------------------------------------------------------------------------


def table_maximum(table, criteria=None):
    """The highest total a unit can reach: the regular criteria's maxima plus the bonus cap (penalties only ever
    subtract). ``criteria``: the table's criteria already loaded, to spare a query."""
    if criteria is None:
        regular = table.criteria.filter(kind=CriterionKind.REGULAR).aggregate(total=Sum("max_points"))["total"]
    else:
        regular = sum((c.max_points for c in criteria if c.kind == CriterionKind.REGULAR), Decimal(0))
    return (regular or Decimal(0)) + table.bonus_cap


def scored_scorecards(criteria):
    """The scorecards holding points for any of ``criteria`` (a queryset of criteria)."""
    scored = Score.objects.filter(HAS_POINTS, criterion__in=criteria)
    return Scorecard.objects.filter(pk__in=scored.values("scorecard_id"))


def table_in_use(table):
    """Some scorecard of the campaign holds points: totals and ranks depend on the table."""
    return Score.objects.filter(HAS_POINTS, scorecard__campaign_id=table.campaign_id).exists()


def recompute_later(campaign_id):
    """Queues the recomputation of the campaign's totals and ranks once the current transaction commits."""
    from ..tasks_scoring import recompute_campaign  # imported late: the job's module imports the services

    transaction.on_commit(lambda: recompute_campaign.delay(campaign_id))


# --- The table ----------------------------------------------------------------------------------------------------


@transaction.atomic
def ensure_table(campaign, *, by):
    """The campaign's scoring table, created empty (with a history row) when it has none yet."""
    table = ScoringTable.objects.filter(campaign=campaign).first()
    if table is not None:
        return table
    table = ScoringTable(campaign=campaign, created_by=by)
    return save(table, by=by, reason=_("Lập bảng chấm điểm"))


def _clean_tie_breaks(values):
    values = [str(value) for value in values or []]
    if any(value not in TieBreak.values for value in values):
        raise ValidationError({"tie_breaks": _("Tiêu chí xét khi bằng điểm không hợp lệ.")})
    if len(set(values)) != len(values):
        raise ValidationError({"tie_breaks": _("Mỗi tiêu chí xét khi bằng điểm chỉ chọn một lần.")})
    return values


def _clean_bands(bands):
    cleaned = [{"name": band["name"].strip(), "min_total": Decimal(band["min_total"])} for band in bands]
    names = [band["name"].casefold() for band in cleaned]
    thresholds = [band["min_total"] for band in cleaned]
    if not all(names):
        raise ValidationError({"bands": _("Mức xếp loại phải có tên.")})
    if len(set(names)) != len(names):
        raise ValidationError({"bands": _("Hai mức xếp loại trùng tên.")})
    if len(set(thresholds)) != len(thresholds):
        raise ValidationError({"bands": _("Hai mức xếp loại có cùng mức điểm.")})
    if any(threshold < 0 for threshold in thresholds):
        raise ValidationError({"bands": _("Mức điểm của xếp loại không được âm.")})
    return cleaned


def _replace_bands(table, bands, *, by, reason):
    """Makes ``bands`` the table's bands: unchanged ones stay, others are deleted and created (so two bands may swap
    thresholds without meeting the uniqueness constraints midway). Returns whether anything changed."""
    wanted = {(band["name"], band["min_total"]) for band in bands}
    current = list(table.bands.all())
    kept = {(band.name, band.min_total) for band in current}
    gone = [band for band in current if (band.name, band.min_total) not in wanted]
    for band in gone:
        record(band, by=by, reason=reason or _("Xóa mức xếp loại"))
        band.delete()
    for name, min_total in sorted(wanted - kept, key=lambda item: item[1], reverse=True):
        save(Band(table=table, name=name, min_total=min_total), by=by, reason=reason or _("Thêm mức xếp loại"))
    return bool(gone) or bool(wanted - kept)


@transaction.atomic
def update_table(table, *, data, bands, by, reason=""):
    """Sets the table's note, caps, self-scoring deadline and ordered tie-breaks (``data``) and its bands (a list of
    {name, min_total}). Side effects: history rows of the table and of each band added or removed; when the table is
    in use and a cap, the tie-breaks or the bands changed, the campaign's recomputation is queued.
    Returns whether totals will be recomputed."""
    lock(table, *TABLE_FIELDS)
    values = {name: data[name] for name in TABLE_FIELDS if name in data}
    if "tie_breaks" in values:
        values["tie_breaks"] = _clean_tie_breaks(values["tie_breaks"])
    for cap in ("bonus_cap", "penalty_cap"):
        if cap in values and values[cap] < 0:
            raise ValidationError({cap: _("Không được âm.")})
    cleaned_bands = _clean_bands(bands)
    changed = changed_fields(table, values)
    if changed:
        save(table, by=by, reason=reason or _("Sửa cài đặt bảng chấm điểm"), update_fields=changed)
    bands_changed = _replace_bands(table, cleaned_bands, by=by, reason=reason)
    recompute = (bands_changed or TOTAL_FIELDS & set(changed)) and table_in_use(table)
    if recompute:
        recompute_later(table.campaign_id)
    return bool(recompute)


# --- Criteria -----------------------------------------------------------------------------------------------------


def _guard_criterion(table, values, *, exclude=None):
    task = values.get("task")
    if task is not None and task.campaign_id != table.campaign_id:
        raise ValidationError({"task": _("Nội dung thi đua này không thuộc phong trào.")})
    if "max_points" in values and not values["max_points"] > 0:
        raise ValidationError({"max_points": _("Điểm tối đa phải lớn hơn 0.")})
    if "code" in values:
        values["code"] = values["code"].strip()
        if not values["code"]:
            raise ValidationError({"code": _("Tiêu chí phải có số hiệu.")})
        clash = table.criteria.filter(code=values["code"]).exclude(pk=exclude)
        if clash.exists():
            raise ValidationError({"code": _("Số hiệu “%(code)s” đã có trong bảng.") % {"code": values["code"]}})


def _add_missing_scores(criterion):
    """Gives every existing scorecard of the campaign an empty score row for a new criterion (the maximum copied)."""
    scorecards = Scorecard.objects.filter(campaign_id=criterion.table.campaign_id).values_list("pk", flat=True)
    Score.objects.bulk_create(
        [Score(scorecard_id=pk, criterion=criterion, max_points=criterion.max_points) for pk in scorecards],
        ignore_conflicts=True,
    )


@transaction.atomic
def add_criterion(table, *, data, by, reason=""):
    """Adds a criterion (``data``: the CRITERION_FIELDS; ``position`` defaults to after the last). Side effects: a
    history row; an empty score row on each existing scorecard; a recomputation queued when the table is in use."""
    lock(table, "campaign")
    values = {name: data[name] for name in CRITERION_FIELDS if name in data}
    _guard_criterion(table, values)
    if values.get("position") is None:
        values["position"] = (table.criteria.aggregate(last=Max("position"))["last"] or 0) + 1
    criterion = save(Criterion(table=table, **values), by=by, reason=reason or _("Thêm tiêu chí"))
    _add_missing_scores(criterion)
    if table_in_use(table):
        recompute_later(table.campaign_id)
    return criterion


def _guard_new_maximum(criterion, maximum):
    over = Score.objects.filter(criterion=criterion).filter(
        Q(points__gt=maximum) | Q(proposed_points__gt=maximum) | Q(final_points__gt=maximum)
    ).values("scorecard").distinct().count()
    if over:
        raise ValidationError({"max_points": _(
            "Không đổi được: %(count)s bảng điểm đang có điểm cao hơn %(max)s ở tiêu chí này. "
            "Hãy điều chỉnh điểm của các bảng đó trước."
        ) % {"count": over, "max": points_text(maximum)}})


@transaction.atomic
def update_criterion(criterion, *, data, by, reason=""):
    """Changes the criterion's fields present in ``data``. A new maximum is copied onto every score row of the
    criterion; it is refused (beside ``max_points``) while some scorecard holds more points than it.

    Returns how many scorecards' totals will be recomputed (0 when none): side effects are a history row and, when
    the maximum or the kind changed on a table in use, the campaign's recomputation queued after the commit."""
    lock(criterion, *CRITERION_FIELDS)
    table = criterion.table
    values = {name: data[name] for name in CRITERION_FIELDS if name in data}
    _guard_criterion(table, values, exclude=criterion.pk)
    changed = changed_fields(criterion, values)
    if not changed:
        return 0
    if "max_points" in changed:
        _guard_new_maximum(criterion, criterion.max_points)
        Score.objects.filter(criterion=criterion).update(max_points=criterion.max_points)
    save(criterion, by=by, reason=reason or _("Sửa tiêu chí"), update_fields=changed)
    if not CRITERION_TOTAL_FIELDS & set(changed):
        return 0
    affected = scored_scorecards(Criterion.objects.filter(pk=criterion.pk)).count()
    if affected:
        recompute_later(table.campaign_id)
    return affected


@transaction.atomic
def delete_criterion(criterion, *, by, reason=""):
    """Deletes the criterion and its empty score rows; refused once any scorecard holds points for it. Side effect:
    a history row keeps the deleted criterion with who deleted it."""
    lock(criterion, "code")
    if Score.objects.filter(HAS_POINTS, criterion=criterion).exists():
        raise ValidationError(_("Không xóa được tiêu chí “%(code)s”: đã có đơn vị chấm điểm tiêu chí này.")
                              % {"code": criterion.code})
    record(criterion, by=by, reason=reason or _("Xóa tiêu chí"))
    criterion.delete()


def _differs(criterion, data):
    return any(getattr(criterion, criterion._meta.get_field(name).attname) != getattr(value, "pk", value)
               for name, value in data.items())


@transaction.atomic
def import_criteria(table, *, rows, by):
    """Adds or updates (by code) the criteria of ``rows`` (dicts of CRITERION_FIELDS and ``row``, the file's row
    number, as ``scoring_excel.parse`` returns them, already checked). All or nothing: a refusal names the row.
    Returns (added, updated) counts; side effects are those of add_criterion and update_criterion."""
    existing = {criterion.code: criterion for criterion in table.criteria.all()}
    added = updated = 0
    reason = _("Nhập từ tệp Excel")
    for row in rows:
        data = {name: row[name] for name in CRITERION_FIELDS if name in row}
        try:
            criterion = existing.get(row["code"])
            if criterion is not None:
                updated += _differs(criterion, data)
                update_criterion(criterion, data=data, by=by, reason=reason)
            else:
                add_criterion(table, data=data, by=by, reason=reason)
                added += 1
        except ValidationError as error:
            raise ValidationError([_("Dòng %(row)s: %(reason)s") % {"row": row["row"], "reason": message}
                                   for message in error.messages]) from None
    return added, updated


@transaction.atomic
def copy_table(*, source, target, by):
    """Makes ``target``'s table (created if needed) a copy of ``source`` (a ScoringTable of another campaign): its
    settings, bands and criteria, each criterion under the target's task of the same number. Refused when the target
    campaign has scorecards with points, or lacks a task number the source uses. The target's own criteria are
    replaced. Side effects: history rows of everything deleted and created."""
    table = ensure_table(target, by=by)
    lock(table, "campaign")
    if table_in_use(table):
        raise ValidationError(_("Không sao chép được: đã có đơn vị chấm điểm theo bảng hiện tại của phong trào."))
    tasks = {task.number: task for task in target.tasks.all()}
    criteria = list(source.criteria.select_related("task"))
    missing = sorted({c.task.number for c in criteria if c.task_id and c.task.number not in tasks})
    if missing:
        raise ValidationError(_("Phong trào này không có nội dung thi đua số %(numbers)s như bảng nguồn.")
                              % {"numbers": ", ".join(map(str, missing))})
    reason = _("Sao chép từ bảng chấm điểm của “%(title)s”") % {"title": source.campaign.title}
    for old in table.criteria.all():
        delete_criterion(old, by=by, reason=reason)
    for criterion in criteria:
        data = {name: getattr(criterion, name) for name in CRITERION_FIELDS}
        data["task"] = tasks[criterion.task.number] if criterion.task_id else None
        add_criterion(table, data=data, by=by, reason=reason)
    update_table(
        table, data={name: getattr(source, name) for name in TABLE_FIELDS},
        bands=[{"name": band.name, "min_total": band.min_total} for band in source.bands.all()], by=by, reason=reason,
    )
    return table
