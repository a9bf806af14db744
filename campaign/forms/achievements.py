from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.vietnamese import nfc

from ..evidence_files import EvidenceField
from ..models import Achievement, AchievementFigure
from .campaigns import DateField
from .fields import FigureValueField

FIGURES_MAX = 50
# A tuple, and not Meta.fields itself: the inline formset appends its foreign key to the form's field list.
FIGURE_FIELDS = ("label", "value", "measure")


class FigureForm(forms.ModelForm):
    class Meta:
        model = AchievementFigure
        fields = FIGURE_FIELDS
        field_classes = {"value": FigureValueField}
        widgets = {"label": forms.TextInput(attrs={"placeholder": _("Ví dụ: số hộ thoát nghèo")})}

    def clean_label(self):
        return nfc(self.cleaned_data["label"])

    def clean_measure(self):
        return nfc(self.cleaned_data["measure"])


class BaseFigureFormSet(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": _("Tối đa %(num)d số liệu.")}

    def rows(self):
        """What the services take: a dict per figure kept, changed, added or deleted (see ``save_figures``)."""
        rows = []
        for form in self.forms:
            figure_id = form.instance.pk
            if self._should_delete_form(form):
                if figure_id is not None:
                    rows.append({"id": figure_id, "delete": True})
            elif form.cleaned_data:
                rows.append({"id": figure_id, **{name: form.cleaned_data[name] for name in FIGURE_FIELDS}})
        return rows

    def new_figures(self):
        """The figures of a new achievement: dicts of label, value, measure."""
        return [{key: row[key] for key in FIGURE_FIELDS} for row in self.rows() if not row.get("delete")]


FigureFormSet = forms.inlineformset_factory(
    Achievement, AchievementFigure, form=FigureForm, formset=BaseFigureFormSet, extra=1, can_delete=True,
    max_num=FIGURES_MAX, validate_max=True,
)


class AchievementForm(forms.ModelForm):
    """The achievement's own fields; its figures are a formset beside it."""

    class Meta:
        model = Achievement
        fields = ["task", "title", "description", "achieved_on"]
        field_classes = {"achieved_on": DateField}
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "description": _("Kết quả đạt được, cách làm, hiệu quả. Để gửi xét cần có mô tả hoặc ít nhất một số liệu."),
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        task = self.fields["task"]
        task.queryset = campaign.tasks.order_by("number")
        task.label_from_instance = lambda item: f"{item.number}. {item.short_title}"
        task.empty_label = _("— Chọn nội dung thi đua —")
        self.fields["description"].required = False

    def clean_title(self):
        return nfc(self.cleaned_data["title"])

    def clean_achieved_on(self):
        day = self.cleaned_data["achieved_on"]
        if day and day > timezone.localdate():
            raise ValidationError(_("Ngày đạt được không thể sau hôm nay."))
        return day

    def achievement_data(self):
        """What the services take as ``data``."""
        return {name: self.cleaned_data[name] for name in ("title", "description", "achieved_on")}


class AchievementCreateForm(AchievementForm):
    """A new achievement, with evidence files that go up in the same submit (optional)."""

    files = EvidenceField(required=False)
