"""Reads of people, households, rosters, initiatives and discipline: scoped to what the user may see (an object
outside these querysets answers 404) and already joined for the pages that show them."""

from django.db.models import Count, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from campaign.models import Campaign
from campaign.services.common import OPEN_FOR_UNITS
from units.history import history_page, merged_history_page
from units.rules import is_officer, is_portal_staff, officer_unit_ids
from units.selectors import units_visible_to

from ..models import Discipline, Initiative, Rating, RosterEntry
from .scope import households_visible_to, people_visible_to, records_visible_to


def people_list(user):
    return people_visible_to(user).order_by("name_sort", "id")


def households_list(user):
    return households_visible_to(user).order_by("name_sort", "id")


def people_units(user, *, active=False):
    """The units whose people and households the user sees (``units_visible_to``: staff every unit, an officer
    their own), in name order: the unit filter of the lists; with ``active``, those still active, which people and
    households are added to or moved to. Whether the user may add or move them is ``awards.manage_people``."""
    units = units_visible_to(user).order_by("name_sort", "id")
    return units.filter(is_active=True) if active else units


def initiatives_visible_to(user):
    return Initiative.objects.filter(person__in=people_visible_to(user).values("pk")).select_related("person__unit")


def disciplines_visible_to(user):
    """Staff see every discipline; an officer those of their units' people and of their units themselves."""
    disciplines = Discipline.objects.select_related("person__unit", "unit")
    if is_portal_staff(user):
        return disciplines
    if is_officer(user):
        ids = officer_unit_ids(user)
        return disciplines.filter(Q(person__unit_id__in=ids) | Q(unit_id__in=ids))
    return disciplines.none()


def records_of_person(user, person):
    return records_visible_to(user).filter(person=person).order_by("-year", "-decision_date", "-id")


def records_of_household(user, household):
    return records_visible_to(user).filter(household=household).order_by("-year", "-decision_date", "-id")


def roster_of_person(person):
    return RosterEntry.objects.filter(person=person).select_related("unit").order_by("-year", "unit__name_sort")


def roster_of(unit, year):
    return RosterEntry.objects.filter(unit=unit, year=year).select_related("person").order_by(
        "person__name_sort", "person_id"
    )


def roster_years(unit):
    """The unit's roster years, newest first: per year ``total``, a count per rating (``excellent``, ``good``,
    ``completed``, ``failed``), ``completing`` (members completing their tasks) and ``completing_percent``."""
    counts = {rating: Count("id", filter=Q(rating=rating)) for rating in Rating.values}
    rows = (
        RosterEntry.objects.filter(unit=unit).order_by("-year").values("year")
        .annotate(total=Count("id"), **counts)
    )
    years = []
    for row in rows:
        row["completing"] = sum(row[rating] for rating in Rating.completing())
        row["completing_percent"] = round(100 * row["completing"] / row["total"]) if row["total"] else 0
        years.append(row)
    return years


def unit_disciplines(unit):
    return Discipline.objects.filter(unit=unit).order_by("-starts_on", "-id")


def latest_open_campaign():
    """The newest campaign taking nominations (open for units: launched or being evaluated), or None."""
    return Campaign.objects.filter(status__in=OPEN_FOR_UNITS).order_by("-start_date", "-pk").first()


def person_history_page(person, number):
    """The person's history merged with that of their initiatives, disciplines and roster entries."""
    sources = {
        "person": person.history.all(),
        "initiative": Initiative.history.filter(person_id=person.pk),
        "discipline": Discipline.history.filter(person_id=person.pk),
        "roster": RosterEntry.history.filter(person_id=person.pk),
    }
    labels = {
        "person": lambda row: str(person),
        "initiative": lambda row: f"{capfirst(Initiative._meta.verbose_name)}: {row.title}",
        "discipline": lambda row: f"{capfirst(Discipline._meta.verbose_name)}: {row.kind}",
        "roster": lambda row: _("Danh sách thành viên năm %(year)s") % {"year": row.year},
    }
    return merged_history_page(sources, number, labels)


def household_history_page(household, number):
    return history_page(household.history.all(), number)
