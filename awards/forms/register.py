"""The register's forms: the lookup's filters, a record added by hand, a unit's own decision."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.filters import QuickSelect
from units.filters import SearchFilter
from units.forms import DateInput
from units.selectors import units_matching, units_visible_to
from units.vietnamese import fold, nfc

from ..models import (
    RECIPIENT_FIELDS,
    AwardForm,
    AwardRecord,
    Household,
    Person,
    RecipientKind,
    RecordSource,
)
from ..selectors.register import (
    award_codes_of_every_regime,
    of_unit_lineage,
    unit_decided_codes,
    unit_decided_form,
)

SEARCH_MAX_LENGTH = 100


def date_field(label):
    """A date with the browser's date picker (which sends yyyy-mm-dd); typed text is read by DATE_INPUT_FORMATS,
    so dd/mm/yyyy is accepted as well."""
    return forms.DateField(label=label, widget=DateInput())


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class RegisterFilter(django_filters.FilterSet):
    """The lookup: by recipient (name folded), unit (with the units merged into it), award, years, decision number,
    recipient kind and source."""

    q = SearchFilter(label=_("Tìm theo tên tập thể, cá nhân, chủ hộ"), method="search", max_length=SEARCH_MAX_LENGTH)
    unit = SearchFilter(label=_("Đơn vị (tên hoặc mã)"), method="by_unit", max_length=SEARCH_MAX_LENGTH)
    award = django_filters.ChoiceFilter(label=_("Hình thức, danh hiệu"), field_name="award_code",
                                        empty_label=_("Tất cả"), widget=QuickSelect)
    year_from = YearFilter(label=_("Từ năm"), field_name="year", lookup_expr="gte", min_value=1945, max_value=2100)
    year_to = YearFilter(label=_("Đến năm"), field_name="year", lookup_expr="lte", min_value=1945, max_value=2100)
    decision = SearchFilter(label=_("Số quyết định"), field_name="decision_number", lookup_expr="icontains",
                            max_length=50)
    kind = django_filters.ChoiceFilter(label=_("Đối tượng"), field_name="recipient_kind",
                                       choices=RecipientKind.choices, empty_label=_("Tất cả"))
    source = django_filters.ChoiceFilter(label=_("Nguồn"), choices=RecordSource.choices, empty_label=_("Tất cả"))

    class Meta:
        model = AwardRecord
        fields = ["q", "unit", "award", "year_from", "year_to", "decision", "kind", "source"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["award"].extra["choices"] = award_codes_of_every_regime()

    def search(self, queryset, name, value):
        return queryset.filter(recipient_search__contains=fold(value)) if value else queryset

    def by_unit(self, queryset, name, value):
        if not value:
            return queryset
        return of_unit_lineage(queryset, units_matching(units_visible_to(self.user), value))

    def summary(self):
        """What the lookup is filtered by, in words, for the export."""
        if not self.is_bound:
            return ""
        if not self.is_valid():
            refused = [str(self.form.fields[name].label) for name in self.form.errors if name in self.form.fields]
            return _("bộ lọc không hợp lệ (%(fields)s), không có dòng nào") % {"fields": ", ".join(refused)}
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            if isinstance(value, str) and hasattr(field, "choices"):
                value = dict(field.choices).get(value, value)
            parts.append(f"{field.label}: {value}")
        return "; ".join(parts)


class AwardFormChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.regime.code})"


class RecordForm(forms.Form):
    """One record by hand: the recipient among units, people and households, the award among the catalogue's."""

    recipient_kind = forms.ChoiceField(label=_("Đối tượng"), choices=RecipientKind.choices)
    unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=None, required=False, widget=QuickSelect,
                                  help_text=_("Khi đối tượng là tập thể."))
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=None, required=False, widget=QuickSelect,
                                    help_text=_("Khi đối tượng là cá nhân."))
    household = forms.ModelChoiceField(label=_("Hộ gia đình"), queryset=None, required=False, widget=QuickSelect,
                                       help_text=_("Khi đối tượng là hộ gia đình."))
    award_form = AwardFormChoiceField(label=_("Hình thức, danh hiệu"), queryset=None, widget=QuickSelect)
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = date_field(_("Ngày quyết định"))
    issuer = forms.CharField(label=_("Cấp quyết định"), max_length=255)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("name_sort")
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.name} ({unit.code})"
        self.fields["person"].queryset = Person.objects.select_related("unit").order_by("name_sort", "id")
        self.fields["person"].label_from_instance = (
            lambda person: f"{person.full_name} ({person.birth_year}) – {person.unit.name}")
        self.fields["household"].queryset = Household.objects.select_related("unit").order_by("name_sort", "id")
        self.fields["household"].label_from_instance = lambda household: f"{household} – {household.unit.name}"
        self.fields["award_form"].queryset = AwardForm.objects.select_related("regime").order_by(
            "-regime__effective_from", "order", "id")

    def clean(self):
        data = super().clean()
        field = RECIPIENT_FIELDS.get(data.get("recipient_kind"))
        if field and not data.get(field):
            self.add_error(field, _("Hãy chọn người, hộ hoặc tập thể được khen."))
        form, kind = data.get("award_form"), data.get("recipient_kind")
        if form and kind and not form.admits(kind):
            self.add_error("award_form", _("Hình thức này không dành cho đối tượng đã chọn."))
        for name in ("decision_number", "issuer"):
            if data.get(name):
                data[name] = nfc(data[name])
        return data


class AwardeeField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class UnitDecisionForm(forms.Form):
    """A unit's own decision (Giấy khen…): the decision, the award, whom it commends."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=50, help_text=_("Ví dụ 125/QĐ-UBND."))
    date = date_field(_("Ngày ký"))
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=255)
    summary = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    award_code = forms.ChoiceField(label=_("Hình thức khen thưởng"),
                                   help_text=_("Hình thức do đơn vị tự quyết định theo quy định có hiệu lực vào ngày "
                                               "ký."))
    year = forms.IntegerField(label=_("Năm được khen"), min_value=1945, max_value=2100, required=False,
                              help_text=_("Để trống là năm của ngày ký."))
    awardees = AwardeeField(label=_("Tập thể, cá nhân, hộ gia đình được khen"))

    def __init__(self, *args, awardees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = unit_decided_codes()
        self.awardee_objects = {}
        groups = []
        for prefix, title, items in (("unit", _("Tập thể"), awardees["units"]),
                                     ("person", _("Cá nhân"), awardees["people"]),
                                     ("household", _("Hộ gia đình"), awardees["households"])):
            choices = []
            for item in items:
                key = f"{prefix}:{item.pk}"
                self.awardee_objects[key] = item
                choices.append((key, _label(prefix, item)))
            if choices:
                groups.append((title, choices))
        self.fields["awardees"].choices = groups

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("Ngày ký ở sau hôm nay."))
        return date

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("award_code"):
            self.award_form = unit_decided_form(data["award_code"], data["date"])
            if self.award_form is None:
                self.add_error("award_code", _("Hình thức này không do đơn vị tự quyết định theo quy định có hiệu "
                                               "lực vào ngày ký."))
        return data

    def values(self):
        data = self.cleaned_data
        values = {name: nfc(data[name]) for name in ("number", "signer", "signer_position", "summary")}
        return {**values, "date": data["date"], "year": data.get("year")}

    def chosen_awardees(self):
        return [self.awardee_objects[key] for key in self.cleaned_data["awardees"]]


def _label(prefix, item):
    if prefix == "person":
        return f"{item.full_name} ({item.birth_year})" + (f" – {item.position}" if item.position else "")
    return str(item) if prefix == "household" else item.name


