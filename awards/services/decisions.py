"""The province's award decisions after a council session: recording one for the session's passed nominees (which
grows the register), cancelling it with a reason (which takes its awards out again and lets its nominees be
decided anew), and the cash total of a decision counted from the catalogue's coefficients and the base salary.
Each write is one transaction and leaves history rows naming who and why."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import lock, save
from units.models import Unit
from units.vietnamese import nfc

from ..models import AgendaItem, BaseSalary, DecidedBy, Decision, DecisionKind, Outcome, SessionStatus
from . import notices
from .register import cancel_decision, record_awards

DECISION_FIELDS = ("number", "date", "signer", "signer_position", "summary")
PASSED = (Outcome.PASSED, Outcome.PASSED_LOWER)


def decision_issuer():
    """The unit in whose name the province's award decisions are issued (settings.PORTAL_DECISION_ISSUER_CODE)."""
    issuer = Unit.objects.filter(code=settings.PORTAL_DECISION_ISSUER_CODE).first()
    if issuer is None:
        raise ValidationError(_("Chưa có đơn vị mã “%(code)s” (UBND tỉnh) để ghi là cơ quan ban hành quyết định.")
                              % {"code": settings.PORTAL_DECISION_ISSUER_CODE})
    return issuer


def undecided_items(session):
    """The session's passed agenda items that no decision in force has decided yet, in agenda order."""
    return (session.items.filter(outcome__in=PASSED, decision__isnull=True,
                                 awarded_form__decided_by=DecidedBy.CHAIRMAN)
            .select_related("nomination__award_form", "nomination__unit", "nomination__person__unit",
                            "nomination__household__unit", "nomination__batch__unit", "awarded_form")
            .order_by("position", "id"))


def record_decision(session, *, items, values, by):
    """Records the province's decision (kind "province", campaign of the session, issued by the unit of
    PORTAL_DECISION_ISSUER_CODE) on some passed, undecided agenda items of a closed session. ``values``: number,
    date, signer, signer_position, summary. Sets each item's ``decision`` and writes one register record per
    nominee with the awarded form (a lower one when passed lower), year of the decision's date; tells the officers
    of each decided nominee's unit (a notice and an e-mail per nominee). Returns the Decision.

    Refused (ValidationError) unless the session is closed; for no items, an item of another session, one not passed,
    one already decided by a decision in force; a date before the session met; a number the issuer already gave a
    decision in force that year; no issuing unit."""
    values = {name: nfc(value) if isinstance(value, str) else value for name, value in values.items()
              if name in DECISION_FIELDS}
    values.setdefault("summary", "")
    if not items:
        raise ValidationError({"items": _("Hãy chọn ít nhất một người, tập thể được đề nghị.")})
    issuer = decision_issuer()
    with transaction.atomic():
        lock(session, "status")
        if session.status != SessionStatus.CLOSED:
            raise ValidationError(_("Phiên họp chưa kết thúc bỏ phiếu: chưa ghi quyết định được."))
        guard_date(session, values["date"])
        locked = guard_items(session, items)
        lock(issuer, "code")  # one decision number at a time per issuer: the check below then holds until commit
        guard_number(issuer, values["number"], values["date"])
        decision = Decision(kind=DecisionKind.PROVINCE, campaign=session.campaign, issuer_unit=issuer,
                            created_by=by, **values)
        save(decision, by=by, reason=_("Ghi quyết định khen thưởng sau %(session)s") % {"session": session})
        reason = _("Được khen theo %(decision)s") % {"decision": decision}
        for item in locked:
            item.decision = decision
            save(item, by=by, reason=reason, update_fields=["decision"])
        grow_register(decision, locked, by=by)
        notices.decision_recorded(decision, locked, by=by)
    return decision


def guard_date(session, date):
    met = timezone.localdate(session.meets_at)
    if date < met:
        raise ValidationError({"date": _("Ngày ký ở trước ngày họp Hội đồng (%(date)s).")
                               % {"date": met.strftime("%d/%m/%Y")}})


def guard_items(session, items):
    """The items read afresh and locked, in the order given; refused when one may not be decided."""
    ids = [item.pk for item in items]
    rows = (AgendaItem.objects.select_for_update(of=("self",))
            .select_related("nomination__unit", "nomination__person", "nomination__household",
                            "nomination__award_form", "awarded_form", "decision")
            .in_bulk(ids))
    locked = []
    for pk in dict.fromkeys(ids):
        item = rows.get(pk)
        if item is None or item.session_id != session.pk:
            raise ValidationError({"items": _("Có đề nghị không thuộc phiên họp này.")})
        if item.outcome not in PASSED:
            raise ValidationError({"items": _("“%(item)s” không đạt: không ghi quyết định được.")
                                   % {"item": item.nomination.recipient}})
        if item.awarded_form.decided_by != DecidedBy.CHAIRMAN:
            # Forms decided above the province (the Prime Minister's Bằng khen, orders) go up with the dossier.
            raise ValidationError({"items": _("“%(form)s” do cấp trên quyết định: tỉnh trình lên, không ghi "
                                              "quyết định của Chủ tịch UBND tỉnh.") % {"form": item.awarded_form}})
        if item.decision is not None and item.decision.cancelled_at is None:
            raise ValidationError({"items": _("“%(item)s” đã có %(decision)s.")
                                   % {"item": item.nomination.recipient, "decision": item.decision}})
        locked.append(item)
    return locked


def guard_number(issuer, number, date):
    used = Decision.objects.filter(issuer_unit=issuer, number=number, date__year=date.year,
                                   cancelled_at__isnull=True)
    if used.exists():
        raise ValidationError({"number": _("%(issuer)s đã có quyết định số %(number)s trong năm %(year)d.")
                               % {"issuer": issuer.name, "number": number, "year": date.year}})


def grow_register(decision, items, *, by):
    """One record per nominee with the form awarded (grouped by form, for record_awards), linked to the nomination."""
    groups = {}
    for item in items:
        form = item.awarded_form or item.nomination.award_form
        groups.setdefault(form, []).append(item.nomination)
    for form, nominations in groups.items():
        records = record_awards(decision, awardees=[n.recipient for n in nominations], award_form=form,
                                year=decision.date.year, by=by)
        by_recipient = {record.recipient: record for record in records}
        for nomination in nominations:
            record = by_recipient[nomination.recipient]
            if record.nomination_id is None:
                record.nomination = nomination
                save(record, by=by, reason=_("Gắn với đề nghị khen thưởng"), update_fields=["nomination"])


def cancel_decision_with_items(decision, *, reason, by):
    """Cancels ``decision`` with its reason (register.cancel_decision: its records leave the register) and frees its
    agenda items (``decision`` cleared) so they can be decided again; tells the officers of each nominee's unit,
    with the reason (a notice and an e-mail per nominee). Refused (ValidationError) without a reason or when
    already cancelled."""
    with transaction.atomic():
        cancel_decision(decision, reason=reason, by=by)
        why = _("Hủy %(decision)s: %(reason)s") % {"decision": decision, "reason": decision.cancel_reason}
        items = list(AgendaItem.objects.select_for_update(of=("self",)).filter(decision=decision)
                     .select_related("nomination__award_form", "awarded_form").order_by("pk"))
        for item in items:
            item.decision = None
            save(item, by=by, reason=why, update_fields=["decision"])
        notices.decision_cancelled(decision, items, by=by)
    return decision


@dataclass
class CashRow:
    record: object
    coefficient: Decimal | None
    base_salary: int | None
    amount: int


def base_salary_on(date):
    """The base salary in force on ``date`` (the latest taking effect on or before it), or None."""
    return BaseSalary.objects.filter(effective_from__lte=date).order_by("-effective_from").first()


def cash_amount(coefficient, base_salary):
    """coefficient × base salary in whole đồng, half up; 0 without a coefficient or a base salary."""
    if coefficient is None or base_salary is None:
        return 0
    return int((Decimal(coefficient) * base_salary).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cash_total(decision):
    """(rows, total) of the decision's cash awards: per register record of the decision, its form's cash coefficient
    × the base salary in force on the decision's date. A form without a coefficient counts 0 (coefficient None)."""
    salary = base_salary_on(decision.date)
    amount = salary.amount if salary else None
    records = (decision.records.select_related("award_form", "unit", "person__unit", "household__unit")
               .order_by("award_form__order", "recipient_sort", "id"))
    rows = []
    for record in records:
        coefficient = record.award_form.cash_coefficient if record.award_form else None
        rows.append(CashRow(record, coefficient, amount, cash_amount(coefficient, amount)))
    return rows, sum(row.amount for row in rows)
