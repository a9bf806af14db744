"""People, households, initiatives, discipline and the yearly roster of a collective.

An object comes from a queryset scoped to the user (another unit's object answers 404), then the permission is
checked against it (403); a unit's roster and discipline pages find the unit among those the user may see, then
check the permission against ``UnitSubject(unit)``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView, UpdateView

from campaign.views.pledge_base import ServiceFormMixin, add_service_error
from units.selectors import units_visible_to
from units.views.base import GuardedListView, GuardedMixin, PermissionMixin

from ..forms.people import (
    DisciplineForm,
    HouseholdFilter,
    HouseholdForm,
    InitiativeForm,
    NewRosterYearForm,
    PersonFilter,
    PersonForm,
    roster_formset,
)
from ..models import Person, RecipientKind
from ..rules import UnitSubject
from ..selectors import people as selectors
from ..selectors.scope import households_visible_to, people_visible_to
from ..services import eligibility
from ..services import people as services

FIRST_ROSTER_YEAR, LAST_ROSTER_YEAR = 1945, 2100


# Forms here are saved by ``ServiceFormMixin.save(form)``, which calls the service and returns what to show next (an
# object with its page, or a URL).


class FormPageMixin:
    """What the shared form template shows: a heading, breadcrumbs (label, url) and where "Hủy" leads."""

    template_name = "awards/people/form.html"
    heading = ""

    def crumbs(self):
        return []

    def cancel_url(self):
        return self.crumbs()[-1][1]

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, crumbs=self.crumbs(), cancel_url=self.cancel_url(),
                                        **kwargs)


def person_crumbs(person):
    return [(_("Cá nhân"), reverse("awards:person_list")), (person.full_name, person.get_absolute_url())]


def household_crumbs(household):
    return [(_("Hộ gia đình"), reverse("awards:household_list")), (str(household), household.get_absolute_url())]


def roster_crumbs(unit):
    return [
        (unit.name, reverse("units:unit_detail", args=[unit.pk])),
        (_("Danh sách thành viên theo năm"), reverse("awards:roster_years", args=[unit.pk])),
    ]


def mark_in_force(disciplines):
    today = timezone.localdate()
    disciplines = list(disciplines)
    for discipline in disciplines:
        discipline.in_force = discipline.in_force_on(today)
    return disciplines


# --- People -----------------------------------------------------------------------------------------------------


class PersonListView(GuardedListView):
    permission_required = "awards.view_people"
    filterset_class = PersonFilter
    template_name = "awards/people/person_list.html"

    def get_queryset(self):
        return selectors.people_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        units = selectors.people_units(self.request.user)
        return {**super().get_filterset_kwargs(filterset_class), "units": units}


class PersonScopeMixin:
    def get_queryset(self):
        return people_visible_to(self.request.user)


class AddToUnitMixin(FormPageMixin, ServiceFormMixin, PermissionMixin):
    """Adds a person or household to a unit chosen in the form: ``awards.manage_people`` is checked against that
    unit. Before one is chosen (the empty form, or a choice the form refuses) it is checked against a unit the user
    may add to: staff and officers pass, as they may add to some unit; others are refused (403)."""

    permission_required = "awards.manage_people"

    @cached_property
    def units(self):
        return selectors.people_units(self.request.user, active=True)

    def get_permission_object(self):
        chosen = self.request.POST.get("unit", "") if self.request.method == "POST" else ""
        unit = self.units.filter(pk=chosen).first() if chosen.isdigit() else None
        unit = unit or self.units.first()
        return UnitSubject(unit) if unit is not None else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": self.units}

    def save(self, form):
        if not self.request.user.has_perm("awards.manage_people", UnitSubject(form.cleaned_data["unit"])):
            raise PermissionDenied
        return self.add(form)


class PersonCreateView(AddToUnitMixin, FormView):
    form_class = PersonForm
    heading = gettext_lazy("Thêm cá nhân")
    success_message = gettext_lazy("Đã thêm cá nhân.")

    def crumbs(self):
        return [(_("Cá nhân"), reverse("awards:person_list"))]

    def add(self, form):
        return services.create_person(values=form.values(), by=self.request.user)


class PersonDetailView(PersonScopeMixin, GuardedMixin, DetailView):
    permission_required = "awards.view_person"
    template_name = "awards/people/person_detail.html"

    def get_context_data(self, **kwargs):
        person, user = self.object, self.request.user
        campaign = selectors.latest_open_campaign()
        suggestions = None
        if campaign is not None:
            suggestions = eligibility.suggest_forms(
                campaign=campaign, recipient_kind=RecipientKind.INDIVIDUAL, person=person
            )
        return super().get_context_data(
            records=selectors.records_of_person(user, person),
            roster=selectors.roster_of_person(person),
            initiatives=person.initiatives.order_by("-year", "-id"),
            disciplines=mark_in_force(person.disciplines.order_by("-starts_on", "-id")),
            campaign=campaign,
            suggestions=suggestions,
            history=selectors.person_history_page(person, self.request.GET.get("page")),
            can_manage=user.has_perm("awards.manage_people", person),
            can_discipline=user.has_perm("awards.manage_discipline", person),
            **kwargs,
        )


class PersonEditView(FormPageMixin, ServiceFormMixin, PersonScopeMixin, GuardedMixin, UpdateView):
    permission_required = "awards.manage_people"
    form_class = PersonForm
    heading = gettext_lazy("Sửa thông tin cá nhân")
    success_message = gettext_lazy("Đã lưu thông tin cá nhân.")

    def crumbs(self):
        return person_crumbs(self.get_object())

    def get_form_kwargs(self):
        units = selectors.people_units(self.request.user, active=True)
        return {**super().get_form_kwargs(), "units": units, "with_reason": True}

    def save(self, form):
        return services.update_person(self.get_object(), values=form.values(), by=self.request.user,
                                      reason=form.reason())


# --- Initiatives and discipline ---------------------------------------------------------------------------------


class PersonPartMixin(FormPageMixin, ServiceFormMixin, PermissionMixin):
    """A form that adds something to the person of the URL's ``pk`` (among the visible people) with ``add(form)``,
    then shows the person's page."""

    @cached_property
    def person(self):
        return get_object_or_404(people_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.person

    def crumbs(self):
        return person_crumbs(self.person)

    def save(self, form):
        self.add(form)
        return self.person


class InitiativeCreateView(PersonPartMixin, FormView):
    permission_required = "awards.manage_people"
    form_class = InitiativeForm
    heading = gettext_lazy("Thêm sáng kiến")
    success_message = gettext_lazy("Đã thêm sáng kiến.")

    def add(self, form):
        return services.add_initiative(self.person, values=form.values(), by=self.request.user)


class InitiativeEditView(FormPageMixin, ServiceFormMixin, GuardedMixin, UpdateView):
    permission_required = "awards.manage_people"
    form_class = InitiativeForm
    heading = gettext_lazy("Sửa sáng kiến")
    success_message = gettext_lazy("Đã lưu sáng kiến.")

    def get_queryset(self):
        return selectors.initiatives_visible_to(self.request.user)

    def get_permission_object(self):
        return self.get_object().person

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_reason": True}

    def crumbs(self):
        return person_crumbs(self.get_object().person)

    def save(self, form):
        services.update_initiative(self.get_object(), values=form.values(), by=self.request.user,
                                   reason=form.reason())
        return self.get_object().person


class PersonDisciplineCreateView(PersonPartMixin, FormView):
    permission_required = "awards.manage_discipline"
    form_class = DisciplineForm
    heading = gettext_lazy("Ghi kỷ luật cá nhân")
    success_message = gettext_lazy("Đã ghi kỷ luật.")

    def add(self, form):
        return services.record_discipline(person=self.person, values=form.values(), by=self.request.user)


class UnitMixin(PermissionMixin):
    """The unit of the URL's ``unit_pk`` among the units the user may see (else 404); the permission is checked
    against ``UnitSubject(unit)`` (403)."""

    @cached_property
    def unit(self):
        return get_object_or_404(units_visible_to(self.request.user), pk=self.kwargs["unit_pk"])

    def get_permission_object(self):
        return UnitSubject(self.unit)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)


class UnitDisciplineCreateView(FormPageMixin, ServiceFormMixin, UnitMixin, FormView):
    permission_required = "awards.manage_discipline"
    form_class = DisciplineForm
    heading = gettext_lazy("Ghi kỷ luật tập thể")
    success_message = gettext_lazy("Đã ghi kỷ luật.")

    def crumbs(self):
        return roster_crumbs(self.unit)

    def save(self, form):
        services.record_discipline(unit=self.unit, values=form.values(), by=self.request.user)
        return reverse("awards:roster_years", args=[self.unit.pk])


class DisciplineEditView(FormPageMixin, ServiceFormMixin, GuardedMixin, UpdateView):
    """Edits a discipline; filling "Đến ngày" ends it."""

    permission_required = "awards.manage_discipline"
    form_class = DisciplineForm
    heading = gettext_lazy("Sửa, kết thúc kỷ luật")
    success_message = gettext_lazy("Đã lưu kỷ luật.")

    def get_queryset(self):
        return selectors.disciplines_visible_to(self.request.user)

    def get_permission_object(self):
        discipline = self.get_object()
        return discipline.person or UnitSubject(discipline.unit)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_reason": True}

    def crumbs(self):
        discipline = self.get_object()
        return person_crumbs(discipline.person) if discipline.person_id else roster_crumbs(discipline.unit)

    def save(self, form):
        services.update_discipline(self.get_object(), values=form.values(), by=self.request.user,
                                   reason=form.reason())
        return self.cancel_url()


# --- Households -------------------------------------------------------------------------------------------------


class HouseholdListView(GuardedListView):
    permission_required = "awards.view_people"
    filterset_class = HouseholdFilter
    template_name = "awards/people/household_list.html"

    def get_queryset(self):
        return selectors.households_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        units = selectors.people_units(self.request.user)
        return {**super().get_filterset_kwargs(filterset_class), "units": units}


class HouseholdScopeMixin:
    def get_queryset(self):
        return households_visible_to(self.request.user)


class HouseholdCreateView(AddToUnitMixin, FormView):
    form_class = HouseholdForm
    heading = gettext_lazy("Thêm hộ gia đình")
    success_message = gettext_lazy("Đã thêm hộ gia đình.")

    def crumbs(self):
        return [(_("Hộ gia đình"), reverse("awards:household_list"))]

    def add(self, form):
        return services.create_household(values=form.values(), by=self.request.user)


class HouseholdDetailView(HouseholdScopeMixin, GuardedMixin, DetailView):
    permission_required = "awards.view_person"
    template_name = "awards/people/household_detail.html"

    def get_context_data(self, **kwargs):
        household, user = self.object, self.request.user
        history = selectors.household_history_page(household, self.request.GET.get("page"))
        return super().get_context_data(
            records=selectors.records_of_household(user, household),
            history=history,
            can_manage=user.has_perm("awards.manage_people", household),
            **kwargs,
        )


class HouseholdEditView(FormPageMixin, ServiceFormMixin, HouseholdScopeMixin, GuardedMixin, UpdateView):
    permission_required = "awards.manage_people"
    form_class = HouseholdForm
    heading = gettext_lazy("Sửa thông tin hộ gia đình")
    success_message = gettext_lazy("Đã lưu thông tin hộ gia đình.")

    def crumbs(self):
        return household_crumbs(self.get_object())

    def get_form_kwargs(self):
        units = selectors.people_units(self.request.user, active=True)
        return {**super().get_form_kwargs(), "units": units, "with_reason": True}

    def save(self, form):
        return services.update_household(self.get_object(), values=form.values(), by=self.request.user,
                                         reason=form.reason())


# --- Rosters ----------------------------------------------------------------------------------------------------


class RosterYearsView(UnitMixin, FormView):
    """The unit's roster years with their counts; staff and the unit's officers start a new year from here."""

    permission_required = "awards.view_person"
    template_name = "awards/people/roster_years.html"
    form_class = NewRosterYearForm

    @cached_property
    def years(self):
        return selectors.roster_years(self.unit)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "years": [row["year"] for row in self.years]}

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("awards.manage_people", UnitSubject(self.unit)):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        year, copy_from = form.cleaned_data["year"], form.cleaned_data["copy_from"]
        if copy_from is not None:
            try:
                copied = services.copy_roster(self.unit, from_year=copy_from, to_year=year, by=self.request.user)
            except ValidationError as error:
                add_service_error(form, error)
                return self.form_invalid(form)
            messages.success(self.request, _("Đã chép %(count)s người từ danh sách năm %(year)s; hãy xếp loại lại "
                                             "cho từng người.") % {"count": len(copied), "year": copy_from})
        return redirect("awards:roster_edit", unit_pk=self.unit.pk, year=year)

    def get_context_data(self, **kwargs):
        user = self.request.user
        subject = UnitSubject(self.unit)
        return super().get_context_data(
            years=self.years,
            disciplines=mark_in_force(selectors.unit_disciplines(self.unit)),
            can_manage=user.has_perm("awards.manage_people", subject),
            can_discipline=user.has_perm("awards.manage_discipline", subject),
            crumbs=roster_crumbs(self.unit)[:1],
            **kwargs,
        )


class RosterEditView(UnitMixin, TemplateView):
    """The members of the unit in one year, a rating each: rows to rate, tick to remove, empty rows to add."""

    permission_required = "awards.manage_people"
    template_name = "awards/people/roster_edit.html"

    @cached_property
    def year(self):
        year = self.kwargs["year"]
        if not FIRST_ROSTER_YEAR <= year <= LAST_ROSTER_YEAR:
            raise Http404
        return year

    @cached_property
    def entries(self):
        return list(selectors.roster_of(self.unit, self.year))

    @cached_property
    def people(self):
        """The unit's people, and the members of that year who have moved since, in Vietnamese name order."""
        people = {person.pk: person for person in Person.objects.filter(unit=self.unit).order_by("name_sort", "id")}
        for entry in self.entries:
            people.setdefault(entry.person_id, entry.person)
        return dict(sorted(people.items(), key=lambda item: (item[1].name_sort, item[0])))

    @cached_property
    def formset(self):
        initial = [{"person": entry.person_id, "rating": entry.rating} for entry in self.entries]
        formset_class = roster_formset(extra=3 if initial else 10)
        data = self.request.POST if self.request.method == "POST" else None
        return formset_class(data, initial=initial, form_kwargs={"people": self.people}, prefix="members")

    def post(self, request, *args, **kwargs):
        if not self.formset.is_valid():
            return self.render_to_response(self.get_context_data())
        try:
            services.save_roster(self.unit, self.year, entries=self.formset.entries(), by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(service_errors=error.messages))
        messages.success(request, _("Đã lưu danh sách thành viên năm %(year)s.") % {"year": self.year})
        return redirect("awards:roster_years", unit_pk=self.unit.pk)

    def get_context_data(self, **kwargs):
        # TemplateView passes the URL's arguments: the year among them, as the URL spelled it.
        kwargs.update(year=self.year, formset=self.formset, crumbs=roster_crumbs(self.unit))
        return super().get_context_data(**kwargs)
