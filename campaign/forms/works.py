"""The forms of pledged works and their progress reports.

Plain forms, not model forms: the services compare what was typed with the saved object (to record only what
changed) and own the checks against the campaign (its period, its tasks), whose messages land beside these fields.
"""

import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..evidence_files import EvidenceField
from ..models import PledgedWork, ProgressReport
from ..selectors.works import district_choices, task_choices
from .campaigns import DateField

MAX_VND = 10**15  # a thousand trillion đồng: far above any work, far below the column's limit
MONEY_NOISE = re.compile(r"[\s.]|(đồng|đ|vnđ|vnd)$", re.IGNORECASE)


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _text(name, *, required=False, rows=None):
    field = PledgedWork._meta.get_field(name)
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=_label(PledgedWork, name), max_length=field.max_length, required=required,
                           widget=widget)


class VNDInput(forms.TextInput):
    """Shows an amount grouped by dots (1.250.000.000), as people write it."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return super().format_value(value)


class VNDField(forms.IntegerField):
    """An amount in đồng, typed with or without the dots between thousands (and an optional “đ”)."""

    widget = VNDInput
    default_error_messages = {
        "invalid": _("Hãy nhập số tiền bằng chữ số, ví dụ 1.250.000.000."),
        "min_value": _("Giá trị không được âm."),
        "max_value": _("Giá trị quá lớn."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_VND, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = MONEY_NOISE.sub("", value.strip().lower()).strip()
        return super().to_python(value)


class WorkForm(forms.Form):
    """What a unit pledges: the work, the tasks it serves, where, how much, when, who answers for it."""

    title = _text("title", required=True, rows=2)
    tasks = forms.ModelMultipleChoiceField(
        label=_("Nội dung thi đua mà công trình, phần việc phục vụ"), queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một nội dung thi đua.")},
    )
    description = _text("description", rows=4)
    district = forms.ModelChoiceField(
        label=_label(PledgedWork, "district"), queryset=None, required=False, empty_label=_("— Không chọn —")
    )
    commune = _text("commune")
    value_vnd = VNDField(
        label=_("Giá trị (đồng)"), required=False,
        help_text=_("Ví dụ 1.250.000.000; để trống nếu không tính thành tiền."),
    )
    start_date = DateField(label=_label(PledgedWork, "start_date"), help_text=_("dd/mm/yyyy"))
    target_date = DateField(label=_label(PledgedWork, "target_date"), help_text=_("dd/mm/yyyy"))
    responsible_name = _text("responsible_name", required=True)
    responsible_position = _text("responsible_position")
    responsible_phone = _text("responsible_phone")

    def __init__(self, *args, campaign, district=None, **kwargs):
        """``district``: the id of the district the work has now (kept among the choices even if closed since)."""
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = task_choices(campaign)
        self.fields["district"].queryset = district_choices(current=district)
        period = {"start": campaign.start_date.strftime("%d/%m/%Y"), "end": campaign.end_date.strftime("%d/%m/%Y")}
        hint = _("dd/mm/yyyy, trong thời gian phong trào (%(start)s – %(end)s).") % period
        self.fields["start_date"].help_text = self.fields["target_date"].help_text = hint

    @staticmethod
    def initial_from(work):
        """The form's initial values from a saved work."""
        names = [name for name in WorkForm.base_fields if name != "tasks"]
        return {**{name: getattr(work, name) for name in names}, "tasks": list(work.tasks.all())}


class ReportForm(forms.Form):
    """A dated progress report: how far the work is (percent) and what was done."""

    report_date = DateField(label=_label(ProgressReport, "report_date"), help_text=_("dd/mm/yyyy, không sau hôm nay."))
    percent = forms.IntegerField(
        label=_("Phần trăm hoàn thành (%)"), min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Hãy nhập một số nguyên từ 0 đến 100."),
            "min_value": _("Phần trăm hoàn thành phải từ 0 đến 100."),
            "max_value": _("Phần trăm hoàn thành phải từ 0 đến 100."),
        },
    )
    narrative = forms.CharField(
        label=_label(ProgressReport, "narrative"), widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Hãy ghi nội dung báo cáo: đã làm được gì.")},
    )

    @staticmethod
    def initial_from(report):
        return {name: getattr(report, name) for name in ReportForm.base_fields}


class ReportCreateForm(ReportForm):
    """A new report and, in the same submit, its photos and documents: a bad file is named beside the field and
    nothing of the submit is saved."""

    files = EvidenceField(required=False)
