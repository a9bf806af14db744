"""The secret ballot of a council session: casting a ballot (on line by the member, on paper or as a written opinion
by staff) and closing it with the result fixed on each agenda item.

Anonymity is kept by what is stored: a ``Ballot`` row says that a member has voted and how the ballot came in, and
``VoteCount`` rows hold running totals per agenda item and choice. Nothing links the two: no per-vote row, no time,
and no history row for a cast. The zero totals of every item are created together at the first cast, in an order that
does not depend on anybody's choices, so not even the ids of the count rows tell which choice came first; and
each cast then writes EVERY count row of the session in one statement (the chosen ones +1, the others +0), so that
no row version (PostgreSQL's hidden ``xmin``) ties a ballot's transaction to the choices it made.

Outside the portal's reach remain the database's old row versions until VACUUM removes them, and the backups and WAL
taken during voting; keep django.db.backends logging below DEBUG in production (it would log each UPDATE's values).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.services.common import guard_state, lock, save, switch
from units.rules import is_portal_staff

from ..models import (
    AgendaItem,
    Attendance,
    AwardForm,
    Ballot,
    BallotKind,
    Choice,
    CouncilMember,
    Outcome,
    SessionMember,
    SessionStatus,
    VoteCount,
)

ONLINE_CHOICES = (Choice.AGREE, Choice.DISAGREE, Choice.LOWER)
NOT_OPEN = gettext_lazy("Phiên họp không ở trạng thái đang bỏ phiếu: không thay đổi được.")


def lower_chains(forms):
    """For each award form, its lower forms of the same regime, highest first (``lower_form``, then its
    ``lower_form``…). One query for every form of the regimes involved."""
    forms = list(forms)
    catalogue = {form.pk: form for form in AwardForm.objects.filter(regime_id__in={f.regime_id for f in forms})}
    chains = {}
    for form in forms:
        chain, seen = [], {form.pk}
        current = catalogue.get(form.lower_form_id)
        while current is not None and current.pk not in seen and current.regime_id == form.regime_id:
            chain.append(current)
            seen.add(current.pk)
            current = catalogue.get(current.lower_form_id)
        chains[form.pk] = chain
    return chains


def guard_open(session):
    """Locks the session's row and refuses unless its ballot is open (read afresh: it may have closed meanwhile)."""
    lock(session, "status", "member_count", "chair")
    guard_state(session, [SessionStatus.OPEN], NOT_OPEN)


def _guard_caster(session, member, kind, by):
    sitting = SessionMember.objects.filter(session=session, member=member).values_list("attendance", flat=True)
    attendance = sitting.first()
    if attendance is None:
        raise ValidationError(_("Thành viên này không dự phiên họp."))
    if kind == BallotKind.ONLINE:
        if by is None or member.user_id != by.pk:
            raise ValidationError(_("Chỉ thành viên mới tự bỏ phiếu của mình trên cổng."))
    elif not is_portal_staff(by):
        raise ValidationError(_("Chỉ cán bộ Sở Nội vụ nhập phiếu giấy và ý kiến bằng văn bản."))
    elif kind == BallotKind.PAPER and attendance == Attendance.ABSENT:
        raise ValidationError(_("Thành viên vắng mặt: hãy nhập ý kiến bằng văn bản thay vì phiếu giấy."))
    elif kind == BallotKind.WRITTEN and attendance != Attendance.ABSENT:
        raise ValidationError(_("Chỉ thành viên vắng mặt mới gửi ý kiến bằng văn bản."))
    elif kind not in BallotKind.values:
        raise ValidationError(_("Hình thức phiếu không hợp lệ."))


def _clean_choices(items, choices, kind, chains):
    """The (item, choice, lower form) of every agenda item, checked: one per item, a known choice, a lower form
    from the item's chain exactly when the choice is LOWER."""
    by_pk = {getattr(key, "pk", key): value for key, value in choices.items()}
    if set(by_pk) != {item.pk for item in items}:
        raise ValidationError(_("Hãy chọn cho từng người được đề nghị trong phiên họp."))
    allowed = ONLINE_CHOICES if kind == BallotKind.ONLINE else (*ONLINE_CHOICES, Choice.INVALID)
    cleaned = []
    for item in items:
        choice, lower_form = by_pk[item.pk]
        if choice not in allowed:
            raise ValidationError(_("Lựa chọn không hợp lệ cho %(nominee)s.") % {"nominee": item.nomination.recipient})
        if choice == Choice.LOWER:
            chain = {form.pk: form for form in chains[item.nomination.award_form_id]}
            if getattr(lower_form, "pk", lower_form) not in chain:
                raise ValidationError(_("Hãy chọn hình thức thấp hơn cho %(nominee)s.")
                                      % {"nominee": item.nomination.recipient})
            lower_form = chain[getattr(lower_form, "pk", lower_form)]
        else:
            lower_form = None
        cleaned.append((item, choice, lower_form))
    return cleaned


def _count_keys(items, chains):
    """The (item pk, choice, lower form pk) of every count row of the session, in a fixed order: item by item, AGREE,
    DISAGREE, INVALID, then LOWER for each form of the item's lower chain, highest first."""
    keys = []
    for item in items:
        keys += [(item.pk, choice, None) for choice in (Choice.AGREE, Choice.DISAGREE, Choice.INVALID)]
        keys += [(item.pk, Choice.LOWER, form.pk) for form in chains[item.nomination.award_form_id]]
    return keys


def _count_rows(session, items, chains):
    """{(item pk, choice, lower form pk): count row pk} of the session. At the first cast (the session's row locked)
    every row is created at zero, all at once, in the order of ``_count_keys``; never again afterwards."""
    rows = VoteCount.objects.filter(item__session=session).values_list("pk", "item_id", "choice", "lower_form_id")
    found = {(item_id, choice, lower_form_id): pk for pk, item_id, choice, lower_form_id in rows}
    if not found:
        VoteCount.objects.bulk_create([VoteCount(item_id=item_id, choice=choice, lower_form_id=lower_form_id)
                                       for item_id, choice, lower_form_id in _count_keys(items, chains)])
        found = {(item_id, choice, lower_form_id): pk for pk, item_id, choice, lower_form_id in rows.all()}
    return found


def _add_votes(session, cleaned, rows):
    """Adds one vote to each chosen total and zero to every other total of the session, in ONE UPDATE: every count
    row then carries the caster's transaction alike (PostgreSQL's hidden ``xmin``), chosen or not.

    What remains outside the portal's reach: the old row versions until VACUUM removes them, and the backups and WAL
    taken during voting; keep django.db.backends logging below DEBUG in production (it would log the chosen pks)."""
    chosen = []
    for item, choice, lower_form in cleaned:
        key = (item.pk, choice, lower_form.pk if lower_form else None)
        if key not in rows:
            raise ValidationError(_("Lựa chọn của %(nominee)s không có trong bảng kiểm phiếu của phiên họp.")
                                  % {"nominee": item.nomination.recipient})
        chosen.append(rows[key])
    VoteCount.objects.filter(item__session=session).update(count=F("count") + Case(
        *[When(pk=pk, then=Value(1)) for pk in chosen], default=Value(0), output_field=IntegerField()))


def cast_ballot(session, *, member, choices, kind, by):
    """Records one member's ballot: ``choices`` maps each agenda item (or its pk) to ``(Choice, lower form or
    None)``. ONLINE by the member's own user (agree, disagree or lower on every item); PAPER (member present or
    not yet marked) and WRITTEN (member absent) by staff, where an item may be INVALID.

    Side effects, in one transaction with the session's row locked: one ``Ballot`` (who, how — a second one is
    refused by the database's unique constraint, even from two requests at once) and one UPDATE of every count row
    of the session (created at zero at the first cast), the chosen totals incremented. Deliberately no history row: its time and author would tie the ballot to the change of totals.
    """
    if not isinstance(member, CouncilMember):
        member = member.member
    with transaction.atomic():
        guard_open(session)
        _guard_caster(session, member, kind, by)
        items = list(session.items.order_by("position", "pk").select_related("nomination__award_form", "nomination__person",
                                                  "nomination__unit", "nomination__household"))
        chains = lower_chains({item.nomination.award_form for item in items})
        cleaned = _clean_choices(items, choices, kind, chains)
        try:
            with transaction.atomic():
                Ballot.objects.create(session=session, member=member, kind=kind)
        except IntegrityError:
            raise ValidationError(_("Thành viên này đã bỏ phiếu trong phiên họp.")) from None
        _add_votes(session, cleaned, _count_rows(session, items, chains))


# --- Closing: the result ------------------------------------------------------------------------------------------


def share_text(votes, member_count):
    """``7/9 = 77,78 %``: the votes' share of all members, two decimals, a decimal comma."""
    if not member_count:
        return ""
    share = (Decimal(votes) * 100 / member_count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{votes}/{member_count} = {share:.2f} %".replace(".", ",")


def reaches(votes, form, member_count):
    """Whether ``votes`` of ``member_count`` members reach ``form``'s threshold (a share of ALL members), exactly.
    A form without a council threshold is refused (open_ballot does not take such a form on the agenda)."""
    if form.council_threshold is None:
        raise ValidationError(_("Hình thức %(form)s chưa có ngưỡng biểu quyết của Hội đồng: không tính được kết quả.")
                              % {"form": form.name})
    return Decimal(votes) * 100 >= Decimal(form.council_threshold) * member_count


def outcome_of(form, chain, agree, lower_by_form, member_count):
    """(Outcome, awarded form): PASSED at ``form`` when the agreeing reach its threshold; otherwise PASSED_LOWER at
    the highest lower form of ``chain`` the members named whose support (agree + the votes naming it) reaches its
    threshold; otherwise FAILED."""
    if reaches(agree, form, member_count):
        return Outcome.PASSED, form
    for lower in chain:
        named = lower_by_form.get(lower.pk, 0)
        if named and reaches(agree + named, lower, member_count):
            return Outcome.PASSED_LOWER, lower
    return Outcome.FAILED, None


def _totals(items):
    totals = {item.pk: {"agree": 0, "disagree": 0, "invalid": 0, "lower": {}} for item in items}
    for item_id, choice, lower_form_id, count in VoteCount.objects.filter(item__in=items).values_list(
            "item_id", "choice", "lower_form_id", "count"):
        if choice == Choice.LOWER:
            totals[item_id]["lower"][lower_form_id] = count
        else:
            totals[item_id][choice] += count
    return totals


def close_ballot(session, *, by):
    """The chair closes an open ballot. Side effects, in one transaction with the session locked: every agenda item
    gets its fixed tally (agree, disagree, lower, invalid, not voted = members − ballots), outcome and awarded
    form (a history row each), and the session turns CLOSED with closed_at/closed_by (one history row)."""
    with transaction.atomic():
        guard_open(session)
        chair_user = CouncilMember.objects.values_list("user_id", flat=True).get(pk=session.chair_id)
        if by is None or chair_user != by.pk:
            raise ValidationError(_("Chỉ Chủ tịch Hội đồng chủ trì phiên họp mới kết thúc bỏ phiếu."))
        member_count = session.member_count
        not_voted = member_count - session.ballots.count()
        items = list(AgendaItem.objects.filter(session=session).select_related("nomination__award_form"))
        chains = lower_chains({item.nomination.award_form for item in items})
        totals = _totals(items)
        for item in items:
            tally = totals[item.pk]
            form = item.nomination.award_form
            item.outcome, item.awarded_form = outcome_of(form, chains[form.pk], tally["agree"], tally["lower"],
                                                         member_count)
            item.agree, item.disagree, item.invalid = tally["agree"], tally["disagree"], tally["invalid"]
            item.lower = sum(tally["lower"].values())
            item.not_voted = not_voted
            save(item, by=by, reason=_("Kết quả bỏ phiếu"), update_fields=[
                "agree", "disagree", "lower", "invalid", "not_voted", "outcome", "awarded_form"])
        session.closed_at = timezone.now()
        session.closed_by = by
        switch(session, SessionStatus.CLOSED, by=by, reason=_("Kết thúc bỏ phiếu"),
               fields=["closed_at", "closed_by"])
    return session
