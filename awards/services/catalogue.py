"""Writes of the award catalogue: an award form's settings, the documents its dossier needs, its eligibility rules.

Staff edit the catalogue with a reason; every write runs in one transaction and leaves history rows (who, when,
what, why) on the form, on each document and on each rule it adds, changes or deletes. The checks here are the same
the edit forms show beside their fields (``form_value_errors``), so a caller that skips the form is refused alike.
"""

import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from campaign.services.common import changed_fields, lock, record, save
from units.activity import record_bulk

from .. import eligibility
from ..models import AwardForm, EligibilityRule, QuotaKind, RequiredDocument

# What staff edit on an award form; its regime and code never change (the register and the rules name it by code).
FORM_FIELDS = (
    "name", "kind", "for_collective", "for_individual", "for_household", "level", "decided_by", "council_threshold",
    "secret_ballot", "report_template", "report_template_name", "quota_kind", "quota_value", "quota_base",
    "cash_coefficient", "lower_form", "conditions", "legal_basis", "order", "is_active",
)
DOCUMENT_FIELDS = ("name", "applies_to", "is_required", "order")
RULE_FIELDS = ("route", "kind", "applies_to", "params", "citation", "order")

def _text(value):
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value


def _would_change(obj, values):
    """Whether ``changed_fields(obj, values)`` would change anything (without changing it)."""
    for name, value in values.items():
        wanted = value.pk if isinstance(value, models.Model) else value
        if getattr(obj, obj._meta.get_field(name).attname) != wanted:
            return True
    return False


def _row_values(row, fields):
    return {name: _text(row[name]) for name in fields if name in row}


def _baseline(model, objs):
    """Rows seeded by a data migration have no history yet: each gets its first row (its state as found) before its
    first change, so the history shows what that change changed from. One query when every row has history."""
    if not objs:
        return
    recorded = set(model.history.filter(id__in=[obj.pk for obj in objs]).values_list("id", flat=True))
    missing = [obj for obj in objs if obj.pk not in recorded]
    if missing:
        rows = model.history.bulk_history_create(missing, default_change_reason=_("Dữ liệu ban đầu của danh mục"))
        record_bulk(rows)  # rows made in bulk send no signal: their lines of the activity log are written here


# --- Parameters of a rule ----------------------------------------------------------------------------------------


def _missing(value):
    return value is None or value == "" or value == [] or value == ()


def build_params(kind, values):
    """(params, missing): the parameters of a rule of ``kind`` (the keys of ``eligibility.DEFAULTS``) taken from
    ``values``, a dict that may hold more. A key ``values`` does not hold at all takes its default (the editor has
    no field for it: the roster's award codes); a key it holds without a value is left out when optional
    (``eligibility.OPTIONAL``), else named in ``missing``."""
    params, missing = {}, []
    for key, default in eligibility.DEFAULTS.get(kind, {}).items():
        if key not in values:
            if key not in eligibility.OPTIONAL:
                params[key] = default
            continue
        value = values[key]
        if _missing(value):
            if key not in eligibility.OPTIONAL:
                missing.append(key)
        elif key == "awards":
            params[key] = list(value)
        else:
            params[key] = value
    return params, missing


def param_errors(kind, params):
    """{parameter (or "__all__"): message} of what ``awards.eligibility.validate_params`` finds wrong."""
    try:
        eligibility.validate_params(kind, params)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            return {key: " ".join(ValidationError(errors).messages) for key, errors in error.error_dict.items()}
        return {"__all__": " ".join(error.messages)}
    return {}


# --- Award forms --------------------------------------------------------------------------------------------------


def _id(value):
    return value.pk if isinstance(value, AwardForm) else value


def form_value_errors(form, values):
    """{field: message} of what is wrong with ``values`` (FORM_FIELDS, foreign keys as AwardForm) for ``form``."""
    errors = {}
    threshold = values.get("council_threshold")
    if threshold is not None and not Decimal(0) < threshold <= Decimal(100):
        errors["council_threshold"] = _("Ngưỡng đồng ý phải lớn hơn 0 và không quá 100 (% tổng số thành viên).")
    if not any(values.get(name) for name in ("for_collective", "for_individual", "for_household")):
        errors["for_collective"] = _("Chọn ít nhất một đối tượng được khen: tập thể, cá nhân hoặc hộ gia đình.")
    errors.update(_quota_errors(form, values))
    lower = values.get("lower_form")
    if lower is not None and _id(lower) == form.pk:
        errors["lower_form"] = _("Hình thức thấp hơn không thể là chính hình thức này.")
    elif lower is not None and lower.regime_id != form.regime_id:
        errors["lower_form"] = _("Hình thức thấp hơn phải thuộc cùng chế độ pháp lý.")
    cash = values.get("cash_coefficient")
    if cash is not None and cash < 0:
        errors["cash_coefficient"] = _("Hệ số tiền thưởng không được âm.")
    return errors


def _quota_errors(form, values):
    kind, value, base = values.get("quota_kind"), values.get("quota_value"), values.get("quota_base")
    errors = {}
    if kind and kind != QuotaKind.NONE and (value is None or value <= 0):
        errors["quota_value"] = _("Hạn mức “%(kind)s” cần một giá trị lớn hơn 0.") % {"kind": QuotaKind(kind).label}
    if kind == QuotaKind.SHARE_OF_BASE:
        if value is not None and value > 100:
            errors["quota_value"] = _("Tỷ lệ % không được quá 100.")
        if base is None:
            errors["quota_base"] = _("Hạn mức theo tỷ lệ cần chọn hình thức làm căn cứ.")
        elif _id(base) == form.pk:
            errors["quota_base"] = _("Hình thức làm căn cứ không thể là chính hình thức này.")
        elif base.regime_id != form.regime_id:
            errors["quota_base"] = _("Hình thức làm căn cứ phải thuộc cùng chế độ pháp lý.")
    return errors


def _normalised(values):
    """The values to store: texts in NFC, no quota value or base where the quota kind does not use them."""
    values = {name: _text(value) for name, value in values.items() if name in FORM_FIELDS}
    if values.get("quota_kind") == QuotaKind.NONE:
        values["quota_value"] = None
    if "quota_kind" in values and values["quota_kind"] != QuotaKind.SHARE_OF_BASE:
        values["quota_base"] = None
    return values


@transaction.atomic
def update_form(form, *, values, by, reason):
    """Sets the award form's ``values`` (any of FORM_FIELDS). Refused (ValidationError by field) when they break
    the catalogue's rules. Side effect: one history row with ``reason`` when something changed.
    Returns the names of the fields that changed."""
    lock(form, *FORM_FIELDS)
    current = {name: getattr(form, name) for name in FORM_FIELDS}
    values = _normalised({**current, **values})
    errors = form_value_errors(form, values)
    if errors:
        raise ValidationError(errors)
    if _would_change(form, values):
        _baseline(AwardForm, [form])
    changed = changed_fields(form, values)
    if changed:
        save(form, by=by, reason=reason or _("Sửa hình thức khen thưởng"), update_fields=changed)
    return changed


# --- Rows of a form: documents and rules --------------------------------------------------------------------------


def _replace_rows(form, model, rows, fields, *, by, reason, labels):
    """Applies ``rows`` (dicts of ``fields`` with ``id`` (None for a new row) and ``delete``) to the form's rows of
    ``model``: deletes, then updates what changed, then creates. Each write leaves a history row with ``reason`` (or
    the label of the action). Returns {"added": n, "changed": n, "deleted": n}."""
    current = {row.pk: row for row in model.objects.select_for_update().filter(form=form)}
    unknown = {row["id"] for row in rows if row.get("id")} - set(current)
    if unknown:
        raise ValidationError(_("Có dòng không còn thuộc hình thức này (có thể vừa bị xóa): hãy tải lại trang."))
    _baseline(model, [
        current[row["id"]] for row in rows
        if row.get("id") and (row.get("delete") or _would_change(current[row["id"]], _row_values(row, fields)))
    ])
    counts = {"added": 0, "changed": 0, "deleted": 0}
    for row in rows:
        if row.get("id") and row.get("delete"):
            obj = current[row["id"]]
            record(obj, by=by, reason=reason or labels["deleted"])
            obj.delete()
            counts["deleted"] += 1
    for row in rows:
        if row.get("delete"):
            continue
        values = _row_values(row, fields)
        if row.get("id"):
            obj = current[row["id"]]
            changed = changed_fields(obj, values)
            if changed:
                save(obj, by=by, reason=reason or labels["changed"], update_fields=changed)
                counts["changed"] += 1
        else:
            save(model(form=form, **values), by=by, reason=reason or labels["added"])
            counts["added"] += 1
    return counts


@transaction.atomic
def save_documents(form, *, rows, by, reason):
    """Makes ``rows`` the documents of the award form's dossier: each a dict of DOCUMENT_FIELDS with ``id`` (None
    for a new document) and ``delete``. Side effects: a history row per document added, changed or deleted, with
    ``reason``. Returns the counts {"added", "changed", "deleted"}."""
    lock(form)
    for position, row in enumerate(rows, start=1):
        if not row.get("delete") and not _text(row.get("name") or ""):
            raise ValidationError(_("Tài liệu thứ %(n)d chưa có tên.") % {"n": position})
    labels = {"added": _("Thêm tài liệu"), "changed": _("Sửa tài liệu"), "deleted": _("Xóa tài liệu")}
    return _replace_rows(form, RequiredDocument, rows, DOCUMENT_FIELDS, by=by, reason=reason, labels=labels)


def _named_codes(params):
    """The award codes a rule's params name (``awards``, ``after_award``); values of another type are left to
    ``param_errors``."""
    awards = params.get("awards")
    codes = {code for code in awards if isinstance(code, str)} if isinstance(awards, list) else set()
    if isinstance(params.get("after_award"), str) and params["after_award"]:
        codes.add(params["after_award"])
    return codes


def _rule_errors(form, rows):
    codes = set(AwardForm.objects.filter(regime_id=form.regime_id).values_list("code", flat=True))
    messages = []
    for position, row in enumerate(rows, start=1):
        if row.get("delete"):
            continue
        problems = []
        if not row.get("route") or row["route"] < 1:
            problems.append(_("Phương án phải từ 1 trở lên."))
        if not _text(row.get("citation") or ""):
            problems.append(_("Chưa ghi căn cứ."))
        params = row.get("params") or {}
        unknown = sorted(_named_codes(params) - codes)
        if unknown:
            problems.append(_("Không có trong danh mục của chế độ này: %(codes)s.") % {"codes": ", ".join(unknown)})
        kind = row.get("kind")
        if not set(eligibility.required_keys(kind)) <= set(params) <= set(eligibility.DEFAULTS.get(kind, ())):
            problems.append(_("Tham số không đúng với loại điều kiện."))
        else:
            problems.extend(param_errors(kind, params).values())
        messages.extend(
            _("Điều kiện thứ %(n)d: %(problem)s") % {"n": position, "problem": problem} for problem in problems
        )
    return messages


@transaction.atomic
def save_rules(form, *, rows, by, reason):
    """Makes ``rows`` the eligibility rules of the award form: each a dict of RULE_FIELDS (``params`` already built
    for its ``kind``) with ``id`` (None for a new rule) and ``delete``. Refused (ValidationError) when a kept rule's
    parameters do not fit its kind or name awards outside the regime's catalogue. Side effects: a history row per
    rule added, changed or deleted, with ``reason``. Returns the counts {"added", "changed", "deleted"}."""
    lock(form, "regime")
    errors = _rule_errors(form, rows)
    if errors:
        raise ValidationError(errors)
    labels = {"added": _("Thêm điều kiện"), "changed": _("Sửa điều kiện"), "deleted": _("Xóa điều kiện")}
    return _replace_rows(form, EligibilityRule, rows, RULE_FIELDS, by=by, reason=reason, labels=labels)
