"""Forms of Sở Nội vụ's screening: each carries the version of the batch the page showed (a stale page is refused)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.filters import QuickSelect
from campaign.models import Campaign
from units.filters import SearchFilter
from units.forms import REASON_LENGTH, DateInput
from units.models import Unit, User
from units.selectors import units_matching

from ..models import BatchStatus, Board, NominationBatch, ScreeningStatus
from ..services.screening import screeners
from .common import VersionForm


def _reason_field(label, *, required=True, help_text=""):
    return forms.CharField(label=label, max_length=REASON_LENGTH, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(VersionForm):
    to = forms.ModelChoiceField(label=_("Chuyên viên thẩm định"), queryset=User.objects.none(), required=False)
    board = forms.ModelChoiceField(label=_("Bộ phận thẩm định"), queryset=Board.objects.all(), required=False)
    note = _reason_field(_("Ghi chú"), required=False, help_text=_("Ví dụ: yêu cầu, thời hạn thẩm định."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = User.objects.filter(staff_post__in=screeners()).order_by("name_sort")
        self.fields["to"].label_from_instance = lambda user: f"{user} – {user.staff_post.get_function_display()}"
        self.fields["to"].queryset = self.fields["to"].queryset.select_related("staff_post")

    def clean(self):
        data = super().clean()
        if not data.get("to") and not data.get("board") and not self.errors:
            raise forms.ValidationError(_("Hãy chọn chuyên viên hoặc bộ phận thẩm định."))
        return data


class ReturnForm(VersionForm):
    reason = _reason_field(_("Lý do trả lại"), help_text=_("Người nhận sẽ đọc lý do này để biết cần làm gì."))


class ForwardForm(VersionForm):
    note = _reason_field(_("Ghi chú"), required=False)


class ScreenForm(VersionForm):
    verdict = forms.ChoiceField(
        label=_("Kết quả thẩm định"), widget=forms.RadioSelect,
        choices=[(ScreeningStatus.MEETS, ScreeningStatus.MEETS.label),
                 (ScreeningStatus.FAILS, ScreeningStatus.FAILS.label)],
    )
    reason = _reason_field(_("Nhận xét, lý do"), required=False,
                           help_text=_("Bắt buộc khi không đủ điều kiện: đơn vị sẽ đọc lý do này."))

    def clean(self):
        data = super().clean()
        if data.get("verdict") == ScreeningStatus.FAILS and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Hãy ghi lý do không đủ điều kiện để đơn vị biết."))
        return data


class OverrideForm(VersionForm):
    code = forms.ChoiceField(label=_("Kết quả kiểm tra bỏ qua"))
    reason = _reason_field(_("Lý do bỏ qua"), help_text=_("Lý do được lưu lại cùng người quyết định."))

    def __init__(self, *args, checks=(), **kwargs):
        """``checks``: the nominee's checks that may be overridden (failed, not blocking, not yet overridden)."""
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(check.code, check.title) for check in checks]


class ProposalForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(
        label=_("Người được đề nghị"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một người được đề nghị.")},
    )
    letter_number = forms.CharField(label=_("Số tờ trình"), max_length=50, required=False)
    letter_date = forms.DateField(label=_("Ngày tờ trình"), required=False, widget=DateInput())
    signer = forms.CharField(label=_("Người ký tờ trình"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=255, required=False)
    summary = forms.CharField(label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        self.fields["nominations"].label_from_instance = lambda n: f"{n.recipient} – {n.award_form.name}"

    def values(self):
        return {name: self.cleaned_data[name] or ("" if name != "letter_date" else None)
                for name in ("letter_number", "letter_date", "signer", "signer_position", "summary")}


class InboxFilter(django_filters.FilterSet):
    """The screening inbox's filters (the box is chosen by tabs)."""

    campaign = django_filters.ModelChoiceFilter(label=_("Phong trào"), queryset=Campaign.objects.all(),
                                                empty_label=_("Tất cả"), widget=QuickSelect)
    unit = SearchFilter(label=_("Đơn vị đề nghị (tên hoặc mã)"), method="by_unit")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), empty_label=_("Tất cả"),
                                         choices=[(s, s.label) for s in BatchStatus if s != BatchStatus.DRAFT])

    class Meta:
        model = NominationBatch
        fields = ["campaign", "unit", "status"]

    def by_unit(self, queryset, name, value):
        return queryset.filter(unit__in=units_matching(Unit.objects.all(), value))
