"""The ballot paper (one choice per agenda item, a lower form when the choice is LOWER) and the staff's entry of a
paper ballot or a written opinion (which member, which kind, then the same choices)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import BallotKind, Choice


class BallotForm(forms.Form):
    """One radio field ``item_<pk>`` and one select ``lower_<pk>`` per agenda item of ``groups`` (from
    ``selectors.ballots.ballot_paper``). ``allow_invalid`` adds "Không hợp lệ" (paper ballots)."""

    def __init__(self, *args, groups, allow_invalid=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.items = [item for group in groups for item in group["items"]]
        for item in self.items:
            choices = [(Choice.AGREE, Choice.AGREE.label), (Choice.DISAGREE, Choice.DISAGREE.label)]
            if item.lower_choices:
                choices.append((Choice.LOWER, Choice.LOWER.label))
            if allow_invalid:
                choices.append((Choice.INVALID, Choice.INVALID.label))
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=str(item.nomination.recipient), choices=choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Hãy chọn một phương án.")})
            if item.lower_choices:
                self.fields[f"lower_{item.pk}"] = forms.TypedChoiceField(
                    label=_("Hình thức thấp hơn"), required=False, coerce=int, empty_value=None,
                    choices=[("", "---------")] + [(form.pk, form.name) for form in item.lower_choices])

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            if cleaned.get(f"item_{item.pk}") == Choice.LOWER and not cleaned.get(f"lower_{item.pk}"):
                self.add_error(f"lower_{item.pk}", _("Hãy chọn hình thức thấp hơn."))
        return cleaned

    def rows(self):
        """For the template: each group with, per item, its choice field and lower-form field."""
        for group in self.groups:
            yield group, [(item, self[f"item_{item.pk}"],
                           self[f"lower_{item.pk}"] if item.lower_choices else None) for item in group["items"]]

    def choices(self):
        """{item pk: (Choice, lower form pk or None)} for ``cast_ballot``."""
        result = {}
        for item in self.items:
            choice = self.cleaned_data[f"item_{item.pk}"]
            lower = self.cleaned_data.get(f"lower_{item.pk}") if choice == Choice.LOWER else None
            result[item.pk] = (choice, lower)
        return result


class PaperBallotForm(BallotForm):
    """Staff enter a paper ballot or an absent member's written opinion; ``seats`` are the sitting members who have
    not voted (the service checks the kind against their attendance)."""

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, allow_invalid=True, **kwargs)
        self.fields["member"] = forms.ModelChoiceField(
            label=_("Thành viên"), queryset=seats, empty_label=None, widget=forms.Select(attrs={"class": "form-select"}),
            error_messages={"invalid_choice": _("Thành viên này đã bỏ phiếu hoặc không dự phiên họp.")})
        self.fields["member"].label_from_instance = lambda seat: (
            f"{seat.member.user} – {seat.member.get_role_display()} ({seat.get_attendance_display()})")
        self.fields["kind"] = forms.ChoiceField(
            label=_("Hình thức"), widget=forms.Select(attrs={"class": "form-select"}), choices=[(BallotKind.PAPER, BallotKind.PAPER.label),
                                          (BallotKind.WRITTEN, BallotKind.WRITTEN.label)])
        self.order_fields(["member", "kind"])
