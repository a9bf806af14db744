"""Writes of people, households, rosters, initiatives and discipline. Each names who made the change (and why, where
it matters) in the history; guards refuse with a Vietnamese message keyed by the field it concerns."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import changed_fields, lock, record, save

from ..models import Discipline, Household, Initiative, Person, Rating, RosterEntry
from .recipients import refresh_recipient_keys

FIRST_BIRTH_YEAR = 1900
FIRST_YEAR = 1945


def this_year():
    return timezone.localdate().year


def check_birth_year(year):
    if year is not None and not FIRST_BIRTH_YEAR <= year <= this_year():
        raise ValidationError({"birth_year": _("Năm sinh phải từ %(first)s đến %(last)s.")
                               % {"first": FIRST_BIRTH_YEAR, "last": this_year()}})


def check_year(year, field="year"):
    """A year of a roster, an initiative: from 1945 to this year."""
    if year is None or not FIRST_YEAR <= year <= this_year():
        raise ValidationError({field: _("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR,
                                                                                "last": this_year()}})


def _check_unit(unit):
    if unit is not None and not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị này đã ngừng hoạt động: không thêm người mới vào được.")})


def _create(model, *, values, by, **extra):
    obj = model(**values, **extra)
    return save(obj, by=by)


def _update(obj, *, values, by, reason):
    """Saves the fields of ``values`` that changed (read afresh under a row lock); one history row, or none when
    nothing changed."""
    lock(obj, *values)
    changed = changed_fields(obj, values)
    if changed:
        save(obj, by=by, reason=reason, update_fields=changed)
    if {"full_name", "head_name"} & set(changed):
        refresh_recipient_keys(obj)
    return obj


# --- People -----------------------------------------------------------------------------------------------------


@transaction.atomic
def create_person(*, values, by):
    """Creates a person (name stored in NFC by the model) with ``values`` (the unit among them); writes history."""
    _check_unit(values.get("unit"))
    check_birth_year(values.get("birth_year"))
    return _create(Person, values=values, by=by, created_by=by)


@transaction.atomic
def update_person(person, *, values, by, reason=""):
    """Saves the changed fields of ``values``; the history row records ``by`` and ``reason``."""
    check_birth_year(values.get("birth_year"))
    if "unit" in values and values["unit"].pk != person.unit_id:
        _check_unit(values["unit"])
    return _update(person, values=values, by=by, reason=reason)


@transaction.atomic
def add_initiative(person, *, values, by):
    check_year(values.get("year"))
    return _create(Initiative, values=values, by=by, person=person)


@transaction.atomic
def update_initiative(initiative, *, values, by, reason=""):
    if "year" in values:
        check_year(values["year"])
    return _update(initiative, values=values, by=by, reason=reason)


# --- Discipline -------------------------------------------------------------------------------------------------


def _check_dates(starts_on, ends_on):
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc không được trước ngày bắt đầu.")})


@transaction.atomic
def record_discipline(*, person=None, unit=None, values, by):
    """Records a discipline (or investigation) of a person or of a collective, exactly one of them. While in force it
    blocks every award of its subject."""
    if (person is None) == (unit is None):
        raise ValidationError(_("Kỷ luật phải ghi cho đúng một cá nhân hoặc một tập thể."))
    _check_dates(values.get("starts_on"), values.get("ends_on"))
    return _create(Discipline, values=values, by=by, person=person, unit=unit)


@transaction.atomic
def update_discipline(discipline, *, values, by, reason=""):
    """Edits a discipline; setting ``ends_on`` ends it (the reason goes to the history)."""
    starts_on = values.get("starts_on", discipline.starts_on)
    _check_dates(starts_on, values.get("ends_on", discipline.ends_on))
    return _update(discipline, values=values, by=by, reason=reason)


# --- Households -------------------------------------------------------------------------------------------------


@transaction.atomic
def create_household(*, values, by):
    _check_unit(values.get("unit"))
    return _create(Household, values=values, by=by, created_by=by)


@transaction.atomic
def update_household(household, *, values, by, reason=""):
    if "unit" in values and values["unit"].pk != household.unit_id:
        _check_unit(values["unit"])
    return _update(household, values=values, by=by, reason=reason)


# --- Rosters ----------------------------------------------------------------------------------------------------


def _check_members(unit, entries, members):
    """``members``: ids of the people on the roster already (kept even if they have moved to another unit since)."""
    seen = set()
    for person, rating in entries:
        if person.unit_id != unit.pk and person.pk not in members:
            raise ValidationError(_("%(name)s không thuộc %(unit)s: không đưa vào danh sách được.")
                                  % {"name": person.full_name, "unit": unit.name})
        if person.pk in seen:
            raise ValidationError(_("%(name)s có hai lần trong danh sách: mỗi người chỉ một dòng mỗi năm.")
                                  % {"name": person.full_name})
        if rating not in Rating.values:
            raise ValidationError(_("Xếp loại của %(name)s không hợp lệ.") % {"name": person.full_name})
        seen.add(person.pk)


@transaction.atomic
def save_roster(unit, year, *, entries, by):
    """Makes the unit's roster of ``year`` exactly ``entries`` (a list of (person, rating)): adds the new members,
    changes the ratings that changed, removes the members not listed; each change writes a history row. Refuses
    people of other units (but keeps members who have moved since) and a person listed twice. Two saves of one unit's roster run one after the other (the
    unit's row is locked)."""
    check_year(year)
    lock(unit)
    current = {entry.person_id: entry for entry in RosterEntry.objects.filter(unit=unit, year=year)}
    _check_members(unit, entries, set(current))
    wanted = {person.pk: (person, rating) for person, rating in entries}
    for person_id, entry in current.items():
        if person_id not in wanted:
            record(entry, by=by)
            entry.delete()
    saved = []
    for person_id, (person, rating) in wanted.items():
        entry = current.get(person_id)
        if entry is None:
            entry = save(RosterEntry(unit=unit, year=year, person=person, rating=rating), by=by)
        elif entry.rating != rating:
            entry.rating = rating
            save(entry, by=by, update_fields=["rating"])
        saved.append(entry)
    return saved


@transaction.atomic
def copy_roster(unit, *, from_year, to_year, by):
    """Starts the roster of ``to_year`` with the members of ``from_year`` still active in the unit, each rated
    "Hoàn thành nhiệm vụ" until the unit rates them (a copied rating would claim what the year has not shown).
    Refused when ``to_year`` has a roster already. Returns the new entries."""
    check_year(to_year)
    lock(unit)
    if RosterEntry.objects.filter(unit=unit, year=to_year).exists():
        raise ValidationError({"year": _("Năm %(year)s đã có danh sách thành viên.") % {"year": to_year}})
    people = Person.objects.filter(roster__unit=unit, roster__year=from_year, unit=unit, is_active=True)
    return [
        save(RosterEntry(unit=unit, year=to_year, person=person, rating=Rating.COMPLETED), by=by)
        for person in people.order_by("name_sort", "id")
    ]
