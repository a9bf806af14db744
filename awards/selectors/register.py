"""Reads of the award register: the lookup (scoped by awards.selectors.scope), its export rows, the decisions a
person may see, the award forms a unit decides itself and whom it may commend."""

from django.db.models import Q

from campaign.models import LegalRegime
from units.models import Unit
from units.rules import is_council_member, is_officer, is_portal_staff, officer_unit_ids
from units.selectors import descendant_ids, units_visible_to, with_predecessor_ids
from units.vietnamese import fold

from ..models import AwardForm, AwardRecord, DecidedBy, Decision, Household, Person
from .scope import records_visible_to


# Within a year, recipients in Vietnamese alphabetical order (units by name, people by given name).
def register_records(user):
    """The register in force the user may see, newest year first, then recipients in Vietnamese order."""
    return records_visible_to(user).select_related("person__unit", "household__unit", "unit").order_by(
        "-year", "recipient_sort", "id"
    )


def records_any_state_visible_to(user):
    """As ``scope.records_visible_to`` but with the records of cancelled decisions too: a record's page still opens
    and says its decision was cancelled (``records_visible_to`` is the register in force only)."""
    records = AwardRecord.objects.select_related("unit", "person__unit", "household__unit", "decision__issuer_unit")
    if is_portal_staff(user) or is_council_member(user):
        return records
    if is_officer(user):
        ids = officer_unit_ids(user)
        return records.filter(Q(unit_id__in=ids) | Q(person__unit_id__in=ids) | Q(household__unit_id__in=ids))
    return records.none()


def of_unit_lineage(records, units):
    """Records of the units (a Unit or a queryset of them), their people and households, and of every unit merged
    into one of them."""
    ids = with_predecessor_ids([units.pk] if isinstance(units, Unit) else units.values_list("pk", flat=True))
    return records.filter(Q(unit_id__in=ids) | Q(person__unit_id__in=ids) | Q(household__unit_id__in=ids))


def unit_awards(user, unit, limit=10):
    """The latest awards of the collective and of the units merged into it, as the user may see them; None when the
    user may not see the unit (``units_visible_to``: staff and the council every unit, an officer their own)."""
    if not units_visible_to(user).filter(pk=unit.pk).exists():
        return None
    ids = with_predecessor_ids([unit.pk])
    records = records_visible_to(user).filter(unit_id__in=ids).select_related("unit")
    return list(records.order_by("-year", "-decision_date", "-id")[:limit])


def award_codes_of_every_regime():
    """(code, name) of every award code of the catalogue, whatever its regime, once per code (the name it has in the
    newest regime), by name: the choices of the lookup's award filter (the register keeps awards of every regime)."""
    names = {}
    for code, name in AwardForm.objects.order_by("regime__effective_from", "order").values_list("code", "name"):
        names[code] = name
    return sorted(names.items(), key=lambda item: fold(item[1]))


def award_keys():
    """Folded code and folded name of every form of the catalogue (any regime) → (code, name), for imports."""
    keys = {}
    for code, name in AwardForm.objects.order_by("regime__effective_from", "order").values_list("code", "name"):
        keys[fold(code)] = (code, name)
        keys[fold(name)] = (code, name)
    return keys


def regime_on(date):
    """The legal regime in force on ``date``: the latest that took effect on or before it (None before the first)."""
    return LegalRegime.objects.filter(effective_from__lte=date).order_by("-effective_from").first()


def form_in_force(code, date):
    """The catalogue's form of ``code`` under the regime in force on ``date``, or None."""
    regime = regime_on(date)
    if regime is None:
        return None
    return AwardForm.objects.filter(regime=regime, code=code).first()


def unit_decided_codes():
    """(code, name) of the forms a unit decides itself (Giấy khen…), once per code, for the decision form."""
    names = {}
    forms = AwardForm.objects.filter(decided_by=DecidedBy.UNIT, is_active=True)
    for code, name in forms.order_by("regime__effective_from", "order").values_list("code", "name"):
        names[code] = name
    return list(names.items())


def unit_decided_form(code, date):
    """The active form of ``code`` decided by the unit under the regime in force on ``date``, or None."""
    regime = regime_on(date)
    if regime is None:
        return None
    return AwardForm.objects.filter(regime=regime, code=code, decided_by=DecidedBy.UNIT, is_active=True).first()


def unit_awardees(unit):
    """Whom a unit's own decision may commend: the unit and its sub-units, its people and its households."""
    units = Unit.objects.filter(Q(pk=unit.pk) | Q(pk__in=descendant_ids(unit)), is_active=True).order_by("name_sort")
    return {
        "units": list(units),
        "people": list(Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "id")),
        "households": list(Household.objects.filter(unit=unit).order_by("name_sort", "id")),
    }


def decisions_visible_to(user):
    """Staff and the council see every decision; a unit's officers the decisions their units issued."""
    decisions = Decision.objects.select_related("issuer_unit", "campaign", "cancelled_by", "created_by")
    if is_portal_staff(user) or is_council_member(user):
        return decisions
    if is_officer(user):
        return decisions.filter(issuer_unit_id__in=officer_unit_ids(user))
    return decisions.none()


def decision_records(decision):
    return decision.records.select_related("unit", "person__unit", "household__unit").order_by("recipient_sort", "id")


def recipient_unit(record):
    """The unit a record belongs to: the collective itself, or the unit keeping the person or household."""
    if record.unit_id:
        return record.unit
    return (record.person or record.household).unit


def export_rows(records):
    """Plain rows of the register export (register_excel.register_workbook)."""
    rows = []
    for record in records:
        unit = recipient_unit(record)
        rows.append({
            "recipient": str(record.recipient),
            "kind": record.get_recipient_kind_display(),
            "unit": unit.name if not record.unit_id else "",
            "unit_code": unit.code,
            "award": record.award_name,
            "year": record.year,
            "decision_number": record.decision_number,
            "decision_date": record.decision_date,
            "issuer": record.issuer,
            "source": record.get_source_display(),
        })
    return rows
