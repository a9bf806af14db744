"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


PersonListView = type("PersonListView", (_Placeholder,), {})
PersonCreateView = type("PersonCreateView", (_Placeholder,), {})
PersonDetailView = type("PersonDetailView", (_Placeholder,), {})
PersonEditView = type("PersonEditView", (_Placeholder,), {})
InitiativeCreateView = type("InitiativeCreateView", (_Placeholder,), {})
InitiativeEditView = type("InitiativeEditView", (_Placeholder,), {})
PersonDisciplineCreateView = type("PersonDisciplineCreateView", (_Placeholder,), {})
HouseholdListView = type("HouseholdListView", (_Placeholder,), {})
HouseholdCreateView = type("HouseholdCreateView", (_Placeholder,), {})
HouseholdDetailView = type("HouseholdDetailView", (_Placeholder,), {})
HouseholdEditView = type("HouseholdEditView", (_Placeholder,), {})
RosterYearsView = type("RosterYearsView", (_Placeholder,), {})
RosterEditView = type("RosterEditView", (_Placeholder,), {})
UnitDisciplineCreateView = type("UnitDisciplineCreateView", (_Placeholder,), {})
DisciplineEditView = type("DisciplineEditView", (_Placeholder,), {})
