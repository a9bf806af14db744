"""Forms of the public comment on the nominee list: the consultation staff set up, the comment anyone sends (with a
field bots fill and people never see), and the moderation of a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.forms import DateField

from ..models import CommentStatus, Consultation
from ..selectors.consultation import proposal_batches

COMMENT_MAX_LENGTH = 3000


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["batch", "title", "notice", "opens_on", "closes_on"]
        field_classes = {"opens_on": DateField, "closes_on": DateField}
        widgets = {"notice": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["batch"]  # a consultation stays on the proposal it was made for
        else:
            self.fields["batch"].queryset = proposal_batches()
            self.fields["batch"].label_from_instance = self.batch_label
        self.fields["notice"].help_text = _("Hiện đầu trang công khai: mục đích, cách góp ý, nơi nhận ý kiến trực tiếp.")

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("Ngày kết thúc nhận ý kiến phải sau hoặc trùng ngày bắt đầu."))
        return data

    @staticmethod
    def batch_label(batch):
        date = f" ngày {batch.letter_date:%d/%m/%Y}" if batch.letter_date else ""
        return f"{batch}{date} – {batch.campaign.title}"

    def values(self):
        return {name: self.cleaned_data[name] for name in ("title", "notice", "opens_on", "closes_on")}


class CommentForm(forms.Form):
    """A comment of the public on one nominee. ``website`` is a trap for bots: hidden from people, and a form that
    fills it is thanked and dropped."""

    author_name = forms.CharField(label=_("Họ và tên"), max_length=150,
                                  error_messages={"required": _("Hãy ghi họ và tên của bạn.")})
    contact = forms.CharField(
        label=_("Địa chỉ, điện thoại hoặc thư điện tử"), max_length=255,
        help_text=_("Để Ban Thi đua – Khen thưởng liên hệ khi cần xác minh; không công bố."),
        error_messages={"required": _("Hãy ghi địa chỉ, số điện thoại hoặc thư điện tử để liên hệ.")})
    text = forms.CharField(
        label=_("Nội dung góp ý"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Hãy ghi nội dung góp ý.")})
    website = forms.CharField(label=_("Trang web (để trống)"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class ModerationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Kiểm duyệt"), widget=forms.RadioSelect,
        choices=[(CommentStatus.APPROVED, _("Duyệt: công bố ý kiến (không kèm thông tin liên hệ)")),
                 (CommentStatus.REJECTED, _("Không duyệt: không công bố"))],
        error_messages={"required": _("Hãy chọn duyệt hoặc không duyệt.")})
    note = forms.CharField(label=_("Ghi chú kiểm duyệt"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Bắt buộc khi không duyệt. Chỉ cán bộ Sở Nội vụ đọc được."))
