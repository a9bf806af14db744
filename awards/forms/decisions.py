"""Forms of the province's decisions: recording one on a closed session's passed nominees, and the honour roll's
filters."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.filters import SearchFilter
from units.vietnamese import fold, nfc

from ..models import AwardRecord
from ..selectors.ballots import nominee_unit
from .register import SEARCH_MAX_LENGTH, date_field


class AgendaItemChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, item):
        nomination = item.nomination
        awarded = item.awarded_form or nomination.award_form
        unit = nominee_unit(nomination)
        where = "" if unit == nomination.recipient else f" ({unit.name})"
        label = f"{nomination.recipient}{where} – {awarded.name}"
        if awarded.pk != nomination.award_form_id:
            label += " " + str(_("(hình thức thấp hơn đề nghị: %(form)s)") % {"form": nomination.award_form.name})
        return label


class DecisionForm(forms.Form):
    """The province's decision on some of a closed session's passed, undecided nominees (all ticked at first)."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=50, help_text=_("Ví dụ 2345/QĐ-UBND."))
    date = date_field(_("Ngày ký"))
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=255,
                                      initial=_("Chủ tịch UBND tỉnh"))
    summary = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    items = AgendaItemChoiceField(label=_("Khen thưởng theo quyết định này"), queryset=None,
                                  error_messages={"required": _("Hãy chọn ít nhất một người, tập thể được đề "
                                                                "nghị.")})

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items
        self.fields["items"].initial = [item.pk for item in items]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("Ngày ký ở sau hôm nay."))
        return date

    def values(self):
        data = self.cleaned_data
        values = {name: nfc(data[name]) for name in ("number", "signer", "signer_position", "summary")}
        return {**values, "date": data["date"]}


class HonourRollFilter(django_filters.FilterSet):
    """The honour roll: by name (folded, marks ignored) and award form."""

    q = SearchFilter(label=_("Tìm theo tên tập thể, cá nhân, chủ hộ"), method="search", max_length=SEARCH_MAX_LENGTH)
    award = django_filters.ChoiceFilter(label=_("Hình thức, danh hiệu"), field_name="award_code",
                                        empty_label=_("Tất cả"))

    class Meta:
        model = AwardRecord
        fields = ["q", "award"]

    def __init__(self, *args, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["award"].extra["choices"] = awards

    def search(self, queryset, name, value):
        return queryset.filter(recipient_search__contains=fold(value)) if value else queryset
