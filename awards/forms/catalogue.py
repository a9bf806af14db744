"""Forms of the award catalogue: an award form's settings, its documents and its rules (typed fields, not JSON).

The checks beside the fields are the services' own (``services.catalogue``), so the form and the service agree.
"""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaign.forms.fields import FigureValueField
from units.forms import REASON_LENGTH

from ..models import AwardForm, EligibilityRule, InitiativeScope, Rating, RequiredDocument
from ..services.catalogue import DOCUMENT_FIELDS, FORM_FIELDS, build_params, form_value_errors, param_errors

ROWS_MAX = 50


class ChangeReasonForm(forms.Form):
    """Why the catalogue changes (kept in its history); deleting rows needs the box ticked as well."""

    reason = forms.CharField(label=_("Lý do thay đổi"), max_length=REASON_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Được ghi vào lịch sử, ví dụ: căn cứ văn bản mới."))
    confirm_delete = forms.BooleanField(label=_("Tôi xác nhận xóa các dòng đã đánh dấu “Xóa”"), required=False)

    def check_deletions(self, formset):
        """Refuses beside the box when existing rows are marked for deletion and the box is not ticked."""
        count = sum(1 for form in formset.deleted_forms if form.instance.pk)
        if count and not self.cleaned_data.get("confirm_delete"):
            self.add_error("confirm_delete", gettext("Bạn đánh dấu xóa %(count)d dòng: hãy tick ô này để xác nhận.")
                           % {"count": count})
        return count


# --- The award form ---------------------------------------------------------------------------------------------


class AwardFormEditForm(forms.ModelForm):
    """The settings of an award form; its regime and code stay as they are."""

    reason = forms.CharField(label=_("Lý do thay đổi"), max_length=REASON_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Được ghi vào lịch sử, ví dụ: căn cứ văn bản mới."))

    class Meta:
        model = AwardForm
        fields = FORM_FIELDS
        # Numbers typed the Vietnamese way (1,5) and shown so.
        field_classes = {name: FigureValueField for name in ("council_threshold", "quota_value", "cash_coefficient")}
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "council_threshold": _("Từ trên 0 đến 100; để trống khi hình thức không qua Hội đồng."),
            "quota_value": _("Số đề nghị tối đa, hoặc tỷ lệ % khi hạn mức theo tỷ lệ."),
            "cash_coefficient": _("Ví dụ: 1,5 nghĩa là 1,5 lần mức lương cơ sở."),
            "order": _("Thứ tự trong danh mục; số nhỏ đứng trước."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        same_regime = AwardForm.objects.filter(regime_id=self.instance.regime_id).exclude(pk=self.instance.pk)
        for name in ("lower_form", "quota_base"):
            field = self.fields[name]
            field.queryset = same_regime.order_by("order", "id")
            field.error_messages["invalid_choice"] = _(
                "Hãy chọn một hình thức khác thuộc cùng chế độ pháp lý.")

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in FORM_FIELDS}
        for field, message in form_value_errors(self.instance, values).items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def form_values(self):
        return {name: self.cleaned_data[name] for name in FORM_FIELDS}


# --- Rows: documents and rules ------------------------------------------------------------------------------------


class RowsFormSet(forms.BaseInlineFormSet):
    """Rows of an award form saved by a service: ``rows()`` gives what the service takes."""

    row_fields = ()

    def validate_unique(self):
        return

    def rows(self):
        """The rows the person filled in or had: dicts of the row fields with ``id`` and ``delete``; an order left
        empty becomes the row's position."""
        rows = []
        for position, form in enumerate(self.forms, start=1):
            delete = self._should_delete_form(form)
            if form.instance.pk is None and (delete or not form.has_changed()):
                continue
            row = {"id": form.instance.pk, "delete": delete}
            if not delete:
                row.update({name: form.cleaned_data.get(name) for name in self.row_fields})
                if row.get("order") is None:
                    row["order"] = position
            rows.append(row)
        return rows


def _blank_order(form):
    """The order of a row may stay empty: it then follows the row's position (a new row starts empty)."""
    form.fields["order"].required = False
    if form.instance.pk is None:
        form.fields["order"].initial = None


class DocumentRowForm(forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = DOCUMENT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _blank_order(self)


class DocumentFormSet(RowsFormSet):
    row_fields = DOCUMENT_FIELDS


DocumentsFormSet = forms.inlineformset_factory(
    AwardForm, RequiredDocument, form=DocumentRowForm, formset=DocumentFormSet, extra=1, can_delete=True,
    max_num=ROWS_MAX, validate_max=True,
)


UNTIL_CHOICES = [("", _("— Chọn —")), ("previous", _("Đến năm trước năm xét")), ("current", _("Đến năm xét"))]
RATING_CHOICES = [("", _("— Chọn —")), (Rating.EXCELLENT.value, Rating.EXCELLENT.label),
                  (Rating.GOOD.value, Rating.GOOD.label)]
SCOPE_CHOICES = [("", _("— Chọn —")), *InitiativeScope.choices]


def _number(label, minimum, maximum=None, help_text=""):
    return forms.IntegerField(label=label, min_value=minimum, max_value=maximum, required=False, help_text=help_text)


class RuleRowForm(forms.ModelForm):
    """A rule with its parameters as typed fields; ``clean`` builds ``params`` with exactly the keys its kind uses.
    ``award_codes``: (code, label) of the forms of the regime's catalogue."""

    awards = forms.MultipleChoiceField(label=_("Danh hiệu, hình thức"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    after_award = forms.ChoiceField(label=_("Tính từ sau lần được tặng"), required=False,
                                    help_text=_("Không bắt buộc: thời gian xét bắt đầu sau năm gần nhất được tặng "
                                                "hình thức này."))
    years = _number(_("Số năm liên tục"), 1, 30)
    count = _number(_("Số sáng kiến"), 1, 100)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=RATING_CHOICES, required=False)
    scope = forms.ChoiceField(label=_("Phạm vi sáng kiến (tối thiểu)"), choices=SCOPE_CHOICES, required=False)
    rank = _number(_("Thứ hạng (từ 1 đến)"), 1, 100)
    until = forms.ChoiceField(label=_("Tính đến"), choices=UNTIL_CHOICES, required=False)
    completed_pct = _number(_("% thành viên hoàn thành nhiệm vụ"), 0, 100)
    advanced_pct = _number(_("% thành viên đạt Lao động tiên tiến"), 0, 100)
    cstd_count = _number(_("Số Chiến sĩ thi đua cơ sở (tối thiểu)"), 0, 1000)
    min_items = _number(_("Số kết quả trong phong trào (tối thiểu)"), 1, 1000)

    param_fields = ("awards", "years", "count", "rating", "scope", "rank", "until", "after_award", "completed_pct",
                    "advanced_pct", "cstd_count", "min_items")

    class Meta:
        model = EligibilityRule
        fields = ("route", "kind", "applies_to", "citation", "order")

    def __init__(self, *args, award_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awards"].choices = list(award_codes)
        self.fields["after_award"].choices = [("", _("— Không —")), *award_codes]
        _blank_order(self)
        self.fields["kind"].widget.attrs["data-rule-kind"] = ""
        self.fields["route"].validators.append(MinValueValidator(1))
        if self.instance.pk:
            for name in self.param_fields:
                if name in self.instance.params:
                    self.initial[name] = self.instance.params[name]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        values = {name: cleaned.get(name) for name in self.param_fields}
        if self.instance.pk and self.instance.kind == kind:
            # Parameters without a field (the roster's award codes) keep what the rule had; new rules take the
            # defaults (build_params).
            values.update({key: value for key, value in self.instance.params.items() if key not in self.fields})
        params, missing = build_params(kind, values)
        for key in missing:
            if key in self.fields and key not in self.errors:
                self.add_error(key, gettext("Loại điều kiện này cần giá trị này."))
        if missing or any(key in self.errors for key in params):
            return cleaned
        for key, message in param_errors(kind, params).items():
            self.add_error(key if key in self.fields else None, message)
        cleaned["params"] = params
        return cleaned


class RuleFormSet(RowsFormSet):
    row_fields = ("route", "kind", "applies_to", "citation", "order", "params")


RulesFormSet = forms.inlineformset_factory(
    AwardForm, EligibilityRule, form=RuleRowForm, formset=RuleFormSet, extra=1, can_delete=True,
    max_num=ROWS_MAX, validate_max=True,
)
