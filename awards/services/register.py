"""Writes of the award register: the records a decision grants, a unit's own Giấy khen decision, a record added by
hand, the import of past awards, and the cancellation of a decision. Each write is one transaction and leaves
history rows naming who and why."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import lock, save

from ..models import (
    RECIPIENT_FIELDS,
    AwardRecord,
    DecidedBy,
    Decision,
    DecisionKind,
    Household,
    Person,
    PersonCategory,
    RecipientKind,
    RecordSource,
)
from ..selectors.register import regime_on, unit_awardees
from .recipients import recipient_kind_of, recipient_values


def existing_record(recipient_kind, recipient, award_code, year, decision_number):
    """The register's record of this recipient, award, year and decision number (the import's identity), or None."""
    return AwardRecord.objects.filter(
        recipient_kind=recipient_kind, **{RECIPIENT_FIELDS[recipient_kind]: recipient}, award_code=award_code,
        year=year, decision_number=decision_number,
    ).first()


def record_awards(decision, *, awardees, award_form, year, by):
    """Writes one register record per awardee (a Unit, Person or Household) granted ``award_form`` for ``year`` by
    ``decision`` (source "decision", issuer the issuing unit's name). An awardee the decision already granted this
    award keeps its record (a retry writes nothing twice). Returns the records, in the order of ``awardees``.

    Refused (ValidationError) when the form does not admit an awardee's kind or the list is empty."""
    if not awardees:
        raise ValidationError({"awardees": _("Hãy chọn ít nhất một tập thể, cá nhân hoặc hộ gia đình được khen.")})
    for awardee in awardees:
        if not award_form.admits(recipient_kind_of(awardee)):
            raise ValidationError(_("“%(form)s” không dành cho %(kind)s (%(name)s).") % {
                "form": award_form.name, "kind": recipient_kind_of(awardee).label.lower(), "name": awardee})
    reason = _("Ghi theo %(decision)s") % {"decision": decision}
    records = []
    with transaction.atomic():
        for awardee in dict.fromkeys(awardees):
            values = recipient_values(awardee)
            record = decision.records.filter(**values, award_code=award_form.code).first()
            if record is None:
                record = AwardRecord(
                    **values, award_code=award_form.code, award_name=award_form.name, award_form=award_form,
                    year=year, decision_number=decision.number, decision_date=decision.date,
                    issuer=decision.issuer_unit.name, decision=decision, source=RecordSource.DECISION, created_by=by,
                )
                save(record, by=by, reason=reason)
            records.append(record)
    return records


def record_unit_decision(*, unit, values, award_form, awardees, by):
    """Records a unit's own decision (Giấy khen…): the Decision (kind "unit", issued by ``unit``) and one register
    record per awardee. ``values``: number, date, signer, signer_position, summary and optionally year (the year
    commended, the decision's year by default). Needs no council.

    Refused (ValidationError) when the form is not decided by units under the regime in force on the date, an
    awardee is not the unit's (itself, a sub-unit, its people or households), or the unit already recorded a
    decision with this number in that year."""
    values = dict(values)
    year = values.pop("year", None) or values["date"].year
    guard_unit_form(award_form, values["date"])
    guard_awardees(unit, awardees)
    with transaction.atomic():
        lock(unit, "is_active")
        if not unit.is_active:
            raise ValidationError(_("Đơn vị đã ngừng hoạt động: không ghi quyết định mới được."))
        same_number = Decision.objects.filter(issuer_unit=unit, number=values["number"], date__year=values["date"].year,
                                              cancelled_at__isnull=True)
        if same_number.exists():
            raise ValidationError({"number": _("Đơn vị đã ghi một quyết định số %(number)s trong năm %(year)d.")
                                   % {"number": values["number"], "year": values["date"].year}})
        decision = Decision(kind=DecisionKind.UNIT, issuer_unit=unit, created_by=by, **values)
        save(decision, by=by, reason=_("Đơn vị ghi quyết định khen thưởng"))
        record_awards(decision, awardees=awardees, award_form=award_form, year=year, by=by)
    return decision


def guard_unit_form(award_form, date):
    regime = regime_on(date)
    if award_form.decided_by != DecidedBy.UNIT or regime is None or award_form.regime_id != regime.pk:
        raise ValidationError({"award_code": _(
            "Hình thức này không do đơn vị tự quyết định theo quy định có hiệu lực ngày %(date)s.")
            % {"date": date.strftime("%d/%m/%Y")}})


def guard_awardees(unit, awardees):
    allowed = unit_awardees(unit)
    known = {*allowed["units"], *allowed["people"], *allowed["households"]}
    strangers = [str(awardee) for awardee in awardees if awardee not in known]
    if strangers:
        raise ValidationError({"awardees": _("Không thuộc đơn vị: %(names)s.") % {"names": ", ".join(strangers)}})


RECORD_FIELDS = ("recipient_kind", "unit", "person", "household", "award_code", "award_name", "award_form", "year",
                 "decision_number", "decision_date", "issuer")


def add_record(*, values, by):
    """Adds one record to the register by hand (source "manual"). ``values``: recipient_kind and the recipient
    (unit, person or household), award_form (its code and name are copied) or award_code and award_name, year,
    decision_number, decision_date, issuer. Refused (ValidationError) when the register already holds it."""
    values = {name: value for name, value in values.items() if name in RECORD_FIELDS}
    form = values.get("award_form")
    if form is not None:
        values["award_code"], values["award_name"] = form.code, form.name
    kind = values["recipient_kind"]
    for field in RECIPIENT_FIELDS.values():
        if field != RECIPIENT_FIELDS[kind]:
            values[field] = None
    recipient = values[RECIPIENT_FIELDS[kind]]
    with transaction.atomic():
        if existing_record(kind, recipient, values["award_code"], values["year"], values["decision_number"]):
            raise ValidationError(_("Sổ khen thưởng đã có bản ghi này (cùng đối tượng, hình thức, năm và số quyết "
                                    "định)."))
        record = AwardRecord(**values, source=RecordSource.MANUAL, created_by=by)
        save(record, by=by, reason=_("Ghi trực tiếp vào sổ khen thưởng"))
    return record


@dataclass
class ImportResult:
    records_created: int = 0
    records_unchanged: int = 0
    people_created: int = 0
    households_created: int = 0

    @property
    def changes_anything(self):
        return bool(self.records_created or self.people_created or self.households_created)

    def __str__(self):
        return _(
            "Khen thưởng: %(records_created)d thêm mới, %(records_unchanged)d đã có. "
            "Cá nhân tạo mới: %(people_created)d. Hộ gia đình tạo mới: %(households_created)d."
        ) % vars(self)


def import_records(rows, *, by, file_name=""):
    """Writes the checked rows of an import (register_excel.ImportRow, from a plan without errors) in one
    transaction: creates the people and households not yet kept by their unit (once each), then the records the
    register does not hold yet. A record already there, by (recipient, award code, year, decision number), is left
    as it is, so importing the same file twice changes nothing. Returns the counts (ImportResult)."""
    reason = _("Nhập từ tệp %(name)s") % {"name": file_name} if file_name else _("Nhập sổ khen thưởng")
    result = ImportResult()
    with transaction.atomic():
        created = {}
        for row in rows:
            recipient = row.recipient or created.get(row.new_key)
            if recipient is None:
                recipient = created[row.new_key] = _create_recipient(row, by=by, reason=reason)
                result.people_created += row.kind == RecipientKind.INDIVIDUAL
                result.households_created += row.kind == RecipientKind.HOUSEHOLD
            elif existing_record(row.kind, recipient, row.award_code, row.year, row.decision_number):
                result.records_unchanged += 1
                continue
            record = AwardRecord(
                recipient_kind=row.kind, **{RECIPIENT_FIELDS[row.kind]: recipient}, award_code=row.award_code,
                award_name=row.award_name, award_form=row.award_form, year=row.year,
                decision_number=row.decision_number, decision_date=row.decision_date, issuer=row.issuer,
                source=RecordSource.IMPORT, created_by=by,
            )
            save(record, by=by, reason=reason)
            result.records_created += 1
    return result


def _create_recipient(row, *, by, reason):
    if row.kind == RecipientKind.INDIVIDUAL:
        person = Person(unit=row.unit, full_name=row.name, birth_year=row.birth_year, gender=row.gender,
                        ethnicity=row.ethnicity or "Kinh", category=PersonCategory.WORKER, created_by=by)
        return save(person, by=by, reason=reason)
    household = Household(unit=row.unit, head_name=row.name, address="", commune="", created_by=by)
    return save(household, by=by, reason=reason)


def cancel_decision(decision, *, reason, by):
    """Cancels a decision recorded in the portal, with its reason: its records stay but leave the register
    (AwardRecord.objects.in_force()). Refused (ValidationError) without a reason or when already cancelled."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do hủy quyết định.")})
    with transaction.atomic():
        lock(decision, "cancelled_at")
        if decision.cancelled_at is not None:
            raise ValidationError(_("Quyết định này đã bị hủy trước đó."))
        decision.cancelled_at, decision.cancelled_by, decision.cancel_reason = timezone.now(), by, reason
        save(decision, by=by, reason=reason, update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    return decision
