"""Pieces of award pages shown on other apps' pages."""

from django import template
from django.utils.translation import gettext as _

from ..rules import UnitSubject
from ..selectors.register import unit_awards

register = template.Library()


@register.inclusion_tag("awards/register/_unit_awards.html", takes_context=True)
def unit_award_list(context, unit):
    """"Khen thưởng đã nhận" of a unit page: its latest 10 awards, those of the units merged into it included; shown
    only to who may see the register of that unit (``records`` is None otherwise)."""
    user = context["request"].user
    records = unit_awards(user, unit)
    return {
        "unit": unit,
        "records": records,
        "merged": records is not None and any(record.unit_id != unit.pk for record in records),
        "can_decide": unit.is_active and user.has_perm("awards.record_unit_decision", UnitSubject(unit)),
    }


@register.filter
def vnd(amount):
    """An amount of money in whole đồng, thousands parted by dots: 1490000 → “1.490.000 đồng”."""
    if amount in (None, ""):
        return ""
    return _("%(amount)s đồng") % {"amount": f"{int(amount):,}".replace(",", ".")}
