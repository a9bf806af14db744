"""Forms of people, households, initiatives, discipline and the yearly roster of a collective."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from units.filters import SearchFilter
from units.forms import REASON_LENGTH, DateInput
from units.models import Unit
from units.selectors import units_matching
from units.vietnamese import fold, nfc

from ..models import (
    Discipline,
    Gender,
    Household,
    Initiative,
    Person,
    PersonCategory,
    Rating,
)
from ..services.people import FIRST_BIRTH_YEAR, FIRST_YEAR, this_year


def reason_field():
    return forms.CharField(
        label=_("Lý do thay đổi"), max_length=REASON_LENGTH, required=False,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Ghi vào lịch sử thay đổi (không bắt buộc)."),
    )


class ValuesMixin:
    """``values()``: what the service saves (every model field of the form; the reason apart)."""

    def values(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def reason(self):
        return self.cleaned_data.get("reason", "")


class UnitChoiceMixin:
    """The unit field offers ``units`` (one unit: chosen already); an edited object keeps its current unit."""

    def set_units(self, units):
        field = self.fields["unit"]
        if self.instance.pk:
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        field.queryset = units.order_by("name_sort", "id")
        if not self.instance.pk and len(field.queryset) == 1:
            field.initial = field.queryset[0].pk


class PersonForm(ValuesMixin, UnitChoiceMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["unit", "full_name", "gender", "birth_year", "ethnicity", "position", "department", "category",
                  "is_active"]

    def __init__(self, *args, units, with_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)
        if with_reason:
            self.fields["reason"] = reason_field()

    def clean_full_name(self):
        return nfc(self.cleaned_data["full_name"])

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if not FIRST_BIRTH_YEAR <= year <= this_year():
            raise ValidationError(_("Năm sinh phải từ %(first)s đến %(last)s.")
                                  % {"first": FIRST_BIRTH_YEAR, "last": this_year()})
        return year


class HouseholdForm(ValuesMixin, UnitChoiceMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["unit", "head_name", "address", "commune"]

    def __init__(self, *args, units, with_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)
        if with_reason:
            self.fields["reason"] = reason_field()

    def clean_head_name(self):
        return nfc(self.cleaned_data["head_name"])


def clean_year(value):
    if value is not None and not FIRST_YEAR <= value <= this_year():
        raise ValidationError(_("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": this_year()})
    return value


class InitiativeForm(ValuesMixin, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["year", "title", "scope", "recognised_by"]

    def __init__(self, *args, with_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_reason:
            self.fields["reason"] = reason_field()

    def clean_year(self):
        return clean_year(self.cleaned_data["year"])

    def clean_title(self):
        return nfc(self.cleaned_data["title"])


class DisciplineForm(ValuesMixin, forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["kind", "decision", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, with_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_reason:
            self.fields["reason"] = reason_field()

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


# --- Lists --------------------------------------------------------------------------------------------------------


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo họ tên, chức vụ"), method="search")
    unit = SearchFilter(label=_("Đơn vị (tên hoặc mã)"), method="by_unit")
    category = django_filters.ChoiceFilter(label=_("Đối tượng"), choices=PersonCategory.choices,
                                           empty_label=_("Tất cả"))
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices, empty_label=_("Tất cả"))
    is_active = django_filters.ChoiceFilter(
        label=_("Trạng thái"), empty_label=_("Tất cả"), method="by_active",
        choices=[("yes", _("Đang công tác")), ("no", _("Đã nghỉ, chuyển đi"))],
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "category", "gender", "is_active"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    def search(self, queryset, name, value):
        return queryset.filter(name_search__contains=fold(value))

    def by_unit(self, queryset, name, value):
        return queryset.filter(unit__in=units_matching(self.units, value))

    def by_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")


class HouseholdFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo chủ hộ, địa chỉ, xã"), method="search")
    unit = SearchFilter(label=_("Đơn vị (tên hoặc mã)"), method="by_unit")

    class Meta:
        model = Household
        fields = ["q", "unit"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    def search(self, queryset, name, value):
        return queryset.filter(name_search__contains=fold(value))

    def by_unit(self, queryset, name, value):
        return queryset.filter(unit__in=units_matching(self.units, value))


# --- Rosters ------------------------------------------------------------------------------------------------------


class NewRosterYearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"))
    copy_from = forms.TypedChoiceField(label=_("Chép danh sách của năm"), required=False, coerce=int,
                                       empty_value=None)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = set(years)
        self.fields["copy_from"].choices = [("", _("Không chép, bắt đầu danh sách trống"))] + [
            (year, year) for year in sorted(years, reverse=True)
        ]
        self.fields["year"].initial = max(years) + 1 if years else this_year()
        if years:
            self.fields["copy_from"].initial = max(years)

    def clean_year(self):
        year = clean_year(self.cleaned_data["year"])
        if year in self.existing:
            raise ValidationError(_("Năm %(year)s đã có danh sách thành viên.") % {"year": year})
        return year


class RosterRowForm(forms.Form):
    """One member: a person of the unit (choices built once for the whole formset) and their rating."""

    person = forms.TypedChoiceField(label=_("Cá nhân"), coerce=int)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=[("", "---------"), *Rating.choices])

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["person"].choices = [("", "---------")] + [
            (person.pk, person_label(person)) for person in people.values()
        ]

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]


def person_label(person):
    label = person.full_name
    if person.position:
        label += f" – {person.position}"
    if not person.is_active:
        label += " " + str(_("(đã nghỉ)"))
    return label


class BaseRosterFormSet(forms.BaseFormSet):
    """The rows of a year's roster: the members it has (initial rows) and empty rows to add some. A row whose
    "Xóa" is ticked leaves the roster; a person on two rows is refused beside the second."""

    def kept_forms(self):
        return [
            form for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed()) and not self._should_delete_form(form)
        ]

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.kept_forms():
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                form.add_error("person", _("Người này đã có ở dòng khác: mỗi người chỉ một dòng mỗi năm."))
            seen.add(person.pk)
        if any(form.errors for form in self.forms):
            raise ValidationError(_("Danh sách có người bị trùng: hãy sửa các dòng được đánh dấu."))

    def entries(self):
        return [
            (form.cleaned_data["person"], form.cleaned_data["rating"])
            for form in self.kept_forms()
            if form.cleaned_data.get("person")
        ]


def roster_formset(extra):
    return forms.formset_factory(RosterRowForm, formset=BaseRosterFormSet, extra=extra, can_delete=True)
