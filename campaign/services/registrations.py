"""Writes of registrations (đăng ký thi đua) and their commitments, of a campaign's deadlines, of cluster pacts
(giao ước thi đua).

Every write guards its state (read afresh with the row locked: ``common.lock``), saves (``update_fields`` when it
changes a row) and writes one history row naming who and why (``common.save``/``record``). A unit's writes, and the
pact's, need a campaign open for units (``common.guard_open``). The review cycle itself (submit, withdraw, accept,
return) is ``reviews``'s.
"""

import unicodedata
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from units.vietnamese import nfc

from ..models import ClusterPact, Commitment, Registration, ReviewStatus
from ..selectors.scope import participates
from . import notices, reviews
from .common import changed_fields, guard_open, guard_state, lock, record, save

S = ReviewStatus
REGISTRATION_FIELDS = ("head_name", "head_position", "signed_on", "note")
DEADLINE_FIELDS = ("registration_deadline", "pledge_deadline", "report_deadline", "nomination_deadline")
# Units register and pledge while the campaign runs; reports and nominations often come after its end.
WITHIN_PERIOD = ("registration_deadline", "pledge_deadline")
REMINDER_DAYS_MAX = 30


def _text(value):
    """A text of several lines: NFC, trimmed, its line breaks kept."""
    return unicodedata.normalize("NFC", value or "").strip()


def _guard_editable(registration, *fields):
    """Refused unless the campaign is open and the registration, read afresh with its row locked (with ``fields``),
    is a draft or returned."""
    guard_open(registration.campaign)
    lock(registration, "status", *fields)
    guard_state(registration, S.editable(), _("Chỉ sửa được đăng ký khi đang soạn hoặc bị trả lại."))


# --- Registrations ----------------------------------------------------------------------------------------------------


def _registration_values(data):
    values = {name: data[name] for name in REGISTRATION_FIELDS if name in data}
    for name in ("head_name", "head_position"):
        if name in values:
            values[name] = nfc(values[name] or "")
    if "note" in values:
        values["note"] = _text(values["note"])
    return values


@transaction.atomic
def start_registration(*, campaign, unit, by, data=None):
    """A draft registration of ``unit`` for ``campaign`` (``data``: head_name, head_position, signed_on, note).

    Refused unless the campaign runs (launched or evaluating), the unit is in one of its clusters and has not
    registered yet. Side effect: the history row of its creation.
    """
    guard_open(campaign)
    if not participates(unit, campaign):
        raise ValidationError(_("%(unit)s không thuộc cụm, khối nào tham gia phong trào này.") % {"unit": unit.name})
    if Registration.objects.filter(campaign=campaign, unit=unit).exists():
        raise ValidationError(_("%(unit)s đã đăng ký thi đua trong phong trào này.") % {"unit": unit.name})
    registration = Registration(campaign=campaign, unit=unit, created_by=by, **_registration_values(data or {}))
    try:
        with transaction.atomic():
            return save(registration, by=by, reason=_("Lập đăng ký thi đua"))
    except IntegrityError:  # registered in the meantime, by a colleague
        raise ValidationError(_("%(unit)s đã đăng ký thi đua trong phong trào này.") % {"unit": unit.name}) from None


@transaction.atomic
def update_registration(registration, *, data, by, reason=""):
    """Changes the head's name and position, the signing date and the note of a draft or returned registration.

    Returns whether anything changed (compared with what is stored); only then is a history row written.
    """
    values = _registration_values(data)
    _guard_editable(registration, *values)
    return _update_registration(registration, values, by=by, reason=reason)


def _update_registration(registration, values, *, by, reason):
    changed = changed_fields(registration, values)
    if not changed:
        return False
    save(registration, by=by, reason=reason or _("Sửa đăng ký"), update_fields=[*changed, "updated_at"])
    return True


# --- Commitments ------------------------------------------------------------------------------------------------------


def _commitment_values(registration, *, task, target, figure, measure):
    errors = {}
    if task is None or task.campaign_id != registration.campaign_id:
        errors["task"] = _("Nội dung thi đua này không thuộc phong trào của đăng ký.")
    target = _text(target)
    if not target:
        errors["target"] = _("Hãy ghi chỉ tiêu, mục tiêu.")
    figure = None if figure is None or figure == "" else Decimal(str(figure))
    if figure is not None and figure < 0:
        errors["figure"] = _("Số lượng không được âm.")
    if errors:
        raise ValidationError(errors)
    return {"task": task, "target": target, "figure": figure, "measure": nfc(measure or "")}


def _add_commitment(registration, values, *, by, reason):
    values = _commitment_values(registration, **values)
    return save(Commitment(registration=registration, **values), by=by, reason=reason or _("Thêm chỉ tiêu"))


def _update_commitment(commitment, values, *, by, reason):
    changed = changed_fields(commitment, _commitment_values(commitment.registration, **values))
    if changed:
        save(commitment, by=by, reason=reason or _("Sửa chỉ tiêu"), update_fields=changed)
    return bool(changed)


def _delete_commitment(commitment, *, by, reason):
    record(commitment, by=by, reason=reason or _("Xóa chỉ tiêu"))
    commitment.delete()


@transaction.atomic
def add_commitment(registration, *, task, target, figure=None, measure="", by, reason=""):
    """A commitment under ``task`` (a task of the registration's campaign) of a draft or returned registration."""
    _guard_editable(registration)
    values = {"task": task, "target": target, "figure": figure, "measure": measure}
    return _add_commitment(registration, values, by=by, reason=reason)


@transaction.atomic
def update_commitment(commitment, *, task, target, figure=None, measure="", by, reason=""):
    """Changes a commitment of a draft or returned registration; returns whether anything changed (then one
    history row)."""
    _guard_editable(commitment.registration)
    lock(commitment, "task", "target", "figure", "measure")
    values = {"task": task, "target": target, "figure": figure, "measure": measure}
    return _update_commitment(commitment, values, by=by, reason=reason)


@transaction.atomic
def delete_commitment(commitment, *, by, reason=""):
    """Deletes a commitment of a draft or returned registration; its history keeps a deletion row."""
    _guard_editable(commitment.registration)
    _delete_commitment(commitment, by=by, reason=reason)


@transaction.atomic
def save_commitments(registration, *, add=(), change=(), delete=(), by, reason=""):
    """Applies a commitments form: ``add`` (dicts of task, target, figure, measure), ``change`` ((commitment, dict)
    pairs), ``delete`` (commitments), all of ``registration`` (a draft or returned one). One history row per row
    changed; returns their count. Any refusal undoes all of it."""
    _guard_editable(registration)
    return _save_commitments(registration, add=add, change=change, delete=delete, by=by, reason=reason)


def _save_commitments(registration, *, add, change, delete, by, reason):
    count = 0
    for commitment in delete:
        _delete_commitment(_own(registration, commitment), by=by, reason=reason)
        count += 1
    for commitment, values in change:
        commitment = lock(_own(registration, commitment), "task", "target", "figure", "measure")
        count += _update_commitment(commitment, values, by=by, reason=reason)
    for values in add:
        _add_commitment(registration, values, by=by, reason=reason)
        count += 1
    return count


def _own(registration, commitment):
    if commitment.registration_id != registration.pk:
        raise ValidationError(_("Chỉ tiêu này không thuộc đăng ký đang sửa."))
    commitment.registration = registration  # the caller's copy, whose state was checked
    return commitment


@transaction.atomic
def create_registration(*, campaign, unit, data, commitments=(), by):
    """``start_registration`` with the head's signature and the first commitments (dicts), all or nothing."""
    registration = start_registration(campaign=campaign, unit=unit, by=by, data=data)
    _save_commitments(registration, add=commitments, change=(), delete=(), by=by, reason="")
    return registration


@transaction.atomic
def edit_registration(registration, *, data, add=(), change=(), delete=(), by, reason=""):
    """``update_registration`` and ``save_commitments`` together, all or nothing; returns whether anything
    changed."""
    values = _registration_values(data)
    _guard_editable(registration, *values)
    changed = _update_registration(registration, values, by=by, reason=reason)
    count = _save_commitments(registration, add=add, change=change, delete=delete, by=by, reason=reason)
    return changed or count > 0


# --- The review cycle -------------------------------------------------------------------------------------------------


def _check_complete(registration):
    lock(registration, "head_name", "head_position")  # as stored: the copy may predate a colleague's edit
    errors = {}
    if not registration.head_name.strip():
        errors["head_name"] = _("Chưa ghi họ tên thủ trưởng đơn vị ký đăng ký.")
    if not registration.head_position.strip():
        errors["head_position"] = _("Chưa ghi chức vụ người ký.")
    missing = []
    if not registration.commitments.exists():
        missing.append(_("Chưa có chỉ tiêu nào: hãy thêm ít nhất một chỉ tiêu."))
    if not registration.evidence.filter(removed_at__isnull=True).exists():
        missing.append(_("Chưa có bản ký (bản chụp, quét có chữ ký, đóng dấu): hãy tải lên trước khi gửi."))
    if missing:
        errors[NON_FIELD_ERRORS] = missing
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_registration(registration, *, by):
    """Draft → submitted, returned → resubmitted, once it is signed (head's name and position), has a commitment
    and a signed scan, while the campaign is open. The first submission after the campaign's registration deadline
    is marked late, never refused; a resubmission does not change that mark. Side effect: one history row."""
    guard_open(registration.campaign)
    return reviews.submit(registration, by=by, deadline=registration.campaign.registration_deadline,
                          check=_check_complete)


@transaction.atomic
def withdraw_registration(registration, *, by):
    """Submitted → draft, resubmitted → returned, before anyone reviewed it, while the campaign is open. Side
    effect: one history row."""
    guard_open(registration.campaign)
    return reviews.withdraw(registration, by=by)


@transaction.atomic
def accept_registration(registration, *, by, reason=""):
    """Submitted or resubmitted → accepted, stamping the reviewer. Side effects: one history row; a notice and an
    e-mail to the unit's officers."""
    reviews.accept(registration, by=by, reason=reason)
    notices.registration_accepted(registration, by=by, reason=reason)
    return registration


@transaction.atomic
def return_registration(registration, *, by, reason):
    """Submitted or resubmitted → returned with ``reason`` (required) for the unit. Side effects: one history row
    naming the reason; a notice and an e-mail with the reason to the unit's officers."""
    reviews.return_for_changes(registration, by=by, reason=reason)
    notices.registration_returned(registration, by=by)
    return registration


# --- Deadlines --------------------------------------------------------------------------------------------------------


@transaction.atomic
def set_deadlines(campaign, *, by, reason="", **values):
    """Sets the campaign's deadlines (any of ``DEADLINE_FIELDS``: a date or None) and ``reminder_days`` (how many
    days before a deadline units are reminded). A deadline before the campaign starts is refused beside its field,
    and so is a registration or pledge deadline after it ends; report and nomination deadlines may follow the end.
    Returns whether anything changed; only then is a history row written on the campaign."""
    unknown = set(values) - {*DEADLINE_FIELDS, "reminder_days"}
    if unknown:
        raise TypeError(f"set_deadlines() got unexpected fields: {sorted(unknown)}")
    errors = _deadline_errors(campaign, values)
    if errors:
        raise ValidationError(errors)
    changed = changed_fields(campaign, values)
    if not changed:
        return False
    save(campaign, by=by, reason=reason or _("Đặt thời hạn các giai đoạn"), update_fields=changed)
    return True


def _deadline_errors(campaign, values):
    start, end = campaign.start_date, campaign.end_date
    before = _("Thời hạn không được trước ngày bắt đầu phong trào (%(start)s).") % {
        "start": start.strftime("%d/%m/%Y")
    }
    after = _("Thời hạn này không được sau ngày kết thúc phong trào (%(end)s).") % {"end": end.strftime("%d/%m/%Y")}
    errors = {}
    for name in DEADLINE_FIELDS:
        day = values.get(name)
        if day is not None and day < start:
            errors[name] = before
        elif day is not None and name in WITHIN_PERIOD and day > end:
            errors[name] = after
    days = values.get("reminder_days")
    if "reminder_days" in values and (days is None or not 0 <= days <= REMINDER_DAYS_MAX):
        errors["reminder_days"] = _("Số ngày nhắc trước hạn phải từ 0 đến %(max)s.") % {"max": REMINDER_DAYS_MAX}
    return errors


# --- Cluster pacts ----------------------------------------------------------------------------------------------------


def _check_pact(*, campaign, cluster, text, leader, deputy, signatories):
    if not campaign.clusters.filter(pk=cluster.pk).exists():
        raise ValidationError(_("Cụm, khối này không tham gia phong trào."))
    members = set(cluster.memberships.values_list("unit_id", flat=True))
    errors = {}
    if not text:
        errors["text"] = _("Hãy ghi nội dung giao ước.")
    if leader is not None and leader.pk not in members:
        errors["leader"] = _("Đơn vị cụm (khối) trưởng phải là thành viên của cụm, khối.")
    if deputy is not None and deputy.pk not in members:
        errors["deputy"] = _("Đơn vị cụm (khối) phó phải là thành viên của cụm, khối.")
    elif deputy is not None and leader is not None and deputy.pk == leader.pk:
        errors["deputy"] = _("Cụm (khối) trưởng và cụm (khối) phó phải là hai đơn vị khác nhau.")
    outsiders = sorted(unit.name for unit in signatories if unit.pk not in members)
    if outsiders:
        errors["signatories"] = _("Không phải thành viên của cụm, khối: %(names)s.") % {"names": ", ".join(outsiders)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_pact(*, campaign, cluster, text, signed_on, place, leader, deputy, signatories, by, reason=""):
    """Creates or updates the cluster's pact for the campaign: its text, date and place of signing, leader, deputy
    and signing members (all members of the cluster, leader ≠ deputy), while the campaign is open.

    Side effects: on creation a history row, and one more naming the signatories; on an update one history row
    with every change (none when nothing changed).
    """
    guard_open(campaign)
    text, signatories = _text(text), list(signatories)
    _check_pact(campaign=campaign, cluster=cluster, text=text, leader=leader, deputy=deputy, signatories=signatories)
    values = {"text": text, "signed_on": signed_on, "place": nfc(place or ""), "leader": leader, "deputy": deputy}
    pact = ClusterPact.objects.select_for_update().filter(campaign=campaign, cluster=cluster).first()
    if pact is None:
        return _create_pact(campaign, cluster, values, signatories, by=by, reason=reason)
    _update_pact(pact, values, signatories, by=by, reason=reason)
    return pact


def _create_pact(campaign, cluster, values, signatories, *, by, reason):
    pact = ClusterPact(campaign=campaign, cluster=cluster, created_by=by, **values)
    try:
        with transaction.atomic():
            save(pact, by=by, reason=reason or _("Lập giao ước thi đua"))
    except IntegrityError:  # written in the meantime, by a colleague
        raise ValidationError(_("Cụm, khối đã có giao ước cho phong trào này: hãy tải lại trang.")) from None
    if signatories:
        record(pact, by=by, reason=reason or _("Lập giao ước thi đua"))
        pact.signatories.set(signatories)
    return pact


def _update_pact(pact, values, signatories, *, by, reason):
    changed = changed_fields(pact, values)
    wanted = {unit.pk for unit in signatories}
    signers_changed = wanted != set(pact.signatories.values_list("id", flat=True))
    if not changed and not signers_changed:
        return False
    if signers_changed:
        # The history row written by the save below records the new signatories; no row per add or remove.
        pact.skip_history_when_saving = True
        try:
            pact.signatories.set(signatories)
        finally:
            del pact.skip_history_when_saving
    save(pact, by=by, reason=reason or _("Sửa giao ước thi đua"), update_fields=[*changed, "updated_at"])
    return True
