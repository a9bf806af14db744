"""Forms of the scoring table: its settings with the bands beside them, a criterion, an import, a copy."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from units.vietnamese import nfc

from ..models import Band, Campaign, Criterion, ScoringTable, TieBreak
from .campaigns import DateField

TIE_BREAK_SLOTS = 3
BANDS_MAX = 10


class ScoringTableForm(forms.ModelForm):
    """The note, caps and deadline; the tie-breaks as ordered choices (first, second, third)."""

    class Meta:
        model = ScoringTable
        fields = ["note", "bonus_cap", "penalty_cap", "deadline"]
        field_classes = {"deadline": DateField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "bonus_cap": _("Tổng điểm thưởng được cộng không vượt quá mức này."),
            "penalty_cap": _("Tổng điểm trừ không vượt quá mức này."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = list(self.instance.tie_breaks or [])
        choices = [("", _("— Không xét —")), *TieBreak.choices]
        for index in range(TIE_BREAK_SLOTS):
            self.fields[f"tie_break_{index}"] = forms.ChoiceField(
                label=_("Khi bằng điểm, xét thứ %(n)d") % {"n": index + 1}, choices=choices, required=False,
                initial=current[index] if index < len(current) else "",
            )
        for name in ("bonus_cap", "penalty_cap"):
            self.fields[name].validators.append(_not_negative)

    def clean_note(self):
        return nfc(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        picked = [cleaned.get(f"tie_break_{index}") or "" for index in range(TIE_BREAK_SLOTS)]
        while picked and not picked[-1]:
            picked.pop()
        if "" in picked:
            self.add_error(f"tie_break_{picked.index('')}", gettext("Chọn các tiêu chí xét theo thứ tự, không bỏ trống ở giữa."))
        for index, value in enumerate(picked):
            if value and picked.index(value) != index:
                self.add_error(f"tie_break_{index}", gettext("Tiêu chí này đã được chọn ở trên."))
        cleaned["tie_breaks"] = picked
        return cleaned

    def table_data(self):
        return {name: self.cleaned_data[name] for name in ("note", "bonus_cap", "penalty_cap", "deadline", "tie_breaks")}


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Không được âm."))


class BandForm(forms.ModelForm):
    class Meta:
        model = Band
        fields = ("name", "min_total")
        widgets = {"name": forms.TextInput(attrs={"placeholder": _("Ví dụ: Xuất sắc")})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_total"].validators.append(_not_negative)

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()


class BaseBandFormSet(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": _("Tối đa %(num)d mức xếp loại.")}

    def validate_unique(self):
        # The model's own per-table uniqueness is checked in clean(), in Vietnamese, across kept rows only.
        return

    def bands(self):
        """What ``update_table`` takes: the kept rows as {name, min_total}."""
        return [
            {"name": form.cleaned_data["name"], "min_total": form.cleaned_data["min_total"]}
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names, thresholds = {}, {}
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            name, threshold = form.cleaned_data["name"].casefold(), form.cleaned_data["min_total"]
            if name in names:
                form.add_error("name", gettext("Trùng tên với một mức khác."))
            if threshold in thresholds:
                form.add_error("min_total", gettext("Trùng mức điểm với một mức khác."))
            names[name], thresholds[threshold] = True, True


BandFormSet = forms.inlineformset_factory(
    ScoringTable, Band, form=BandForm, formset=BaseBandFormSet, extra=1, can_delete=True, max_num=BANDS_MAX,
    validate_max=True,
)


class CriterionForm(forms.ModelForm):
    """A criterion; on an edit, an optional reason kept in the history."""

    reason = forms.CharField(label=_("Lý do thay đổi"), max_length=500, required=False,
                             help_text=_("Được ghi vào lịch sử của bảng chấm điểm."))

    class Meta:
        model = Criterion
        fields = ["kind", "task", "section", "code", "title", "max_points", "requires_evidence", "guidance", "position"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "guidance": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "task": _("Để trống cho điểm thưởng, điểm trừ."),
            "section": _("Không bắt buộc: nhóm các tiêu chí trong một nội dung."),
            "position": _("Thứ tự trong bảng; số nhỏ đứng trước."),
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        task = self.fields["task"]
        task.queryset = campaign.tasks.order_by("number")
        task.label_from_instance = lambda item: f"{item.number}. {item.short_title}"
        task.empty_label = _("— Không thuộc nội dung nào —")
        self.fields["position"].required = False
        if self.instance.pk is None:
            del self.fields["reason"]

    def clean_title(self):
        return nfc(self.cleaned_data["title"]).strip()

    def clean_section(self):
        return nfc(self.cleaned_data["section"]).strip()

    def clean_code(self):
        return nfc(self.cleaned_data["code"]).strip()

    def clean_guidance(self):
        return nfc(self.cleaned_data["guidance"])

    def clean_max_points(self):
        value = self.cleaned_data["max_points"]
        if value is not None and value <= 0:
            raise ValidationError(_("Điểm tối đa phải lớn hơn 0."))
        return value

    def validate_unique(self):
        # The service refuses a repeated code beside the field; the model check would query the table twice.
        return

    def criterion_data(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ScoringImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"),
                           help_text=_("Theo mẫu của tệp xuất từ bảng chấm điểm."))


class ScoringCopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Sao chép từ phong trào"), queryset=Campaign.objects.none(),
                                    empty_label=_("— Chọn phong trào —"))

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = campaigns
