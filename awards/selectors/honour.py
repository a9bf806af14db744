"""Reads of the province's decisions after the council: the agenda items a decision gave awards to, and the public
honour roll of a campaign (the awards its decisions in force gave; public fields only)."""

from ..models import AwardRecord, DecisionKind


def decision_items(decision):
    """The agenda items ``decision`` decided (none once cancelled: cancelling frees them), with their nominees."""
    return (decision.items.select_related("nomination__award_form", "nomination__unit", "nomination__person__unit",
                                          "nomination__household__unit", "nomination__batch__unit", "awarded_form",
                                          "session")
            .order_by("session", "position", "id"))


def honour_roll(campaign):
    """The awards the province's decisions in force gave in ``campaign``: by the catalogue's order of award forms,
    then recipients in Vietnamese order."""
    return (AwardRecord.objects.in_force()
            .filter(decision__campaign=campaign, decision__kind=DecisionKind.PROVINCE)
            .select_related("unit", "person__unit", "household__unit")
            .order_by("award_form__order", "award_name", "recipient_sort", "id"))


def honour_roll_awards(records):
    """(code, name) of the award forms on the roll, in the roll's order: the choices of its award filter."""
    names = {}
    for code, name in records.order_by("award_form__order", "award_name").values_list("award_code", "award_name"):
        names.setdefault(code, name)
    return list(names.items())
