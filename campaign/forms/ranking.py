"""The form of a cluster's ranking by acclaim (suy tôn): the meeting, its minutes and the three places. The service
guards the places again (members of the cluster, distinct, filled from the first down)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from units.models import Unit

from .campaigns import DateField
from .registrations import REASON_MAX

PLACES = ("first", "second", "third")


class AcclaimForm(forms.Form):
    held_on = DateField(label=_("Ngày họp bình xét"))
    place = forms.CharField(label=_("Nơi họp"), max_length=255, required=False)
    first = forms.ModelChoiceField(label=_("Suy tôn thứ nhất"), queryset=Unit.objects.none())
    second = forms.ModelChoiceField(label=_("Suy tôn thứ hai"), queryset=Unit.objects.none(), required=False)
    third = forms.ModelChoiceField(label=_("Suy tôn thứ ba"), queryset=Unit.objects.none(), required=False)
    minutes = forms.CharField(label=_("Biên bản (tóm tắt)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))
    reason = forms.CharField(label=_("Lý do, ghi chú"), max_length=REASON_MAX, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PLACES:
            self.fields[name].queryset = members
            self.fields[name].error_messages["invalid_choice"] = _("Đơn vị này không thuộc cụm, khối.")
        self.fields["first"].error_messages["required"] = _("Hãy chọn đơn vị được suy tôn thứ nhất.")

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in PLACES]
        for index, name in enumerate(PLACES):
            if chosen[index] is not None and chosen[index] in chosen[:index]:
                self.add_error(name, _("Mỗi đơn vị chỉ được suy tôn ở một thứ hạng."))
        return cleaned


def acclaim_initial(acclaim):
    if acclaim is None:
        return {}
    return {"held_on": acclaim.held_on, "place": acclaim.place, "minutes": acclaim.minutes,
            **{name: getattr(acclaim, f"{name}_id") for name in PLACES}}
