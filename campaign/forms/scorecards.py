"""Forms of a scorecard: the unit's self-scores (one form per criterion), the cross-checker's proposals, the unit's
answer. Points are typed the Vietnamese way (7,5) and checked against the criterion's range beside the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from units.forms import REASON_LENGTH
from units.vietnamese import nfc

from ..services.scoring import points_text
from .fields import FigureValueField

ANSWER_LENGTH = 4000


class PointsField(FigureValueField):
    default_error_messages = {  # noqa: RUF012 (Django merges it up the class tree)
        "invalid": _("Hãy nhập số điểm, ví dụ 7 hoặc 7,5."),
        "min_value": _("Điểm không được âm."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_digits", 7)  # as Score's columns: 7 digits, 2 after the comma
        super().__init__(*args, **kwargs)


def _check_range(form, name, score):
    value = form.cleaned_data.get(name)
    if value is not None and value > score.max_points:
        form.add_error(name, _("Điểm tối đa của tiêu chí này là %(max)s.") % {"max": points_text(score.max_points)})


class ScoreRowForm(forms.Form):
    """One criterion's row; ``score`` is the Score it edits (its criterion loaded)."""

    score_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, score, **kwargs):
        self.score = score
        super().__init__(*args, **kwargs)

    def clean_score_id(self):
        if self.cleaned_data["score_id"] != self.score.pk:
            raise ValidationError(_("Bảng điểm đã thay đổi: hãy tải lại trang."))
        return self.score.pk


class SelfScoreForm(ScoreRowForm):
    points = PointsField(label=_("Điểm tự chấm"))
    comment = forms.CharField(label=_("Giải trình"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    works = forms.TypedMultipleChoiceField(label=_("Công trình, phần việc"), coerce=int, required=False)
    achievements = forms.TypedMultipleChoiceField(label=_("Thành tích"), coerce=int, required=False)
    evidence = forms.TypedMultipleChoiceField(label=_("Minh chứng"), coerce=int, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("works", "achievements", "evidence"):
            self.fields[name].choices = choices[name]
            self.fields[name].widget.attrs["size"] = min(max(len(choices[name]), 2), 6)
        self.fields["points"].help_text = _("Tối đa %(max)s điểm.") % {"max": points_text(self.score.max_points)}

    def clean_comment(self):
        return nfc(self.cleaned_data["comment"])

    def clean(self):
        cleaned = super().clean()
        _check_range(self, "points", self.score)
        return cleaned

    @classmethod
    def initial_of(cls, score):
        return {
            "score_id": score.pk, "points": score.points, "comment": score.comment,
            "works": [item.pk for item in score.works.all()],
            "achievements": [item.pk for item in score.achievements.all()],
            "evidence": [item.pk for item in score.evidence.all()],
        }

    def row(self):
        data = self.cleaned_data
        return {"score_id": self.score.pk, **{name: data[name] for name in
                                              ("points", "comment", "works", "achievements", "evidence")}}


class ProposalForm(ScoreRowForm):
    proposed_points = PointsField(label=_("Điểm đề xuất"))
    proposal_reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, max_length=REASON_LENGTH,
                                      widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_points"].help_text = _("Để trống nếu giữ điểm tự chấm.")

    def clean(self):
        cleaned = super().clean()
        _check_range(self, "proposed_points", self.score)
        points = cleaned.get("proposed_points")
        reason = nfc(cleaned.get("proposal_reason") or "").strip()
        cleaned["proposal_reason"] = reason
        if points is not None and points != self.score.points and not reason:
            self.add_error("proposal_reason", _("Hãy ghi lý do điều chỉnh điểm để đơn vị biết."))
        return cleaned

    @classmethod
    def initial_of(cls, score):
        return {"score_id": score.pk, "proposed_points": score.proposed_points,
                "proposal_reason": score.proposal_reason}

    def row(self):
        return {"score_id": self.score.pk, "proposed_points": self.cleaned_data["proposed_points"],
                "proposal_reason": self.cleaned_data["proposal_reason"]}


class BaseScoresFormSet(forms.BaseFormSet):
    """One form per score of the scorecard (``scores``, in the page's order), never more nor fewer: the count
    comes from the scores, not from what the browser sent."""

    def __init__(self, *args, scores, choices=None, **kwargs):
        self.scores = list(scores)
        self.choices = choices
        kwargs["initial"] = [self.form.initial_of(score) for score in self.scores]
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return len(self.scores)

    def initial_form_count(self):
        return len(self.scores)

    def get_form_kwargs(self, index):
        return {"score": self.scores[index], "choices": self.choices}

    def rows(self):
        return [form.row() for form in self.forms]


SelfScoreFormSet = forms.formset_factory(SelfScoreForm, formset=BaseScoresFormSet, extra=0)
ProposalFormSet = forms.formset_factory(ProposalForm, formset=BaseScoresFormSet, extra=0)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Ý kiến của đơn vị"), max_length=ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Đơn vị chỉ trả lời được một lần: ghi rõ đồng ý hay không với từng đề xuất và lý do."),
    )

    def clean_text(self):
        return nfc(self.cleaned_data["text"]).strip()
