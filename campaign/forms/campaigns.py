from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from units.filters import SearchField
from units.models import Cluster
from units.vietnamese import nfc

from ..launch_document import LaunchDocumentError, parse_launch_document, text_from_upload
from ..models import Campaign, Task

SEARCH_MAX_LENGTH = 200
DATE_INPUT = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}}
CAMPAIGN_FIELDS = [
    "title", "kind", "theme", "doc_number", "doc_date", "issuing_bodies", "signer_name", "signer_position",
    "recipients", "start_date", "end_date", "anniversary_date", "regime",
]


def _max_size():
    return filesizeformat(settings.PORTAL_IMPORT_MAX_BYTES)


class LaunchDocumentUploadForm(forms.Form):
    """A launch document, uploaded (.txt, .docx) or pasted; read and parsed when the form is cleaned."""

    document = forms.FileField(label=_("Tệp văn bản phát động"), required=False)
    text = forms.CharField(label=_("Hoặc dán toàn văn"), required=False, widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        size = _max_size()
        self.fields["document"].help_text = _("Tệp .txt (UTF-8) hoặc .docx, tối đa %(size)s.") % {"size": size}
        self.fields["text"].help_text = _("Dán nội dung nếu không có tệp; tối đa %(size)s.") % {"size": size}
        self.fields["document"].widget.attrs["accept"] = ".txt,.docx,text/plain"
        self.source_text = ""
        self.parsed = None

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document and document.size > settings.PORTAL_IMPORT_MAX_BYTES:
            raise ValidationError(_("Tệp quá lớn: tối đa %(size)s.") % {"size": _max_size()})
        return document

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text.encode()) > settings.PORTAL_IMPORT_MAX_BYTES:
            raise ValidationError(_("Nội dung quá dài: tối đa %(size)s.") % {"size": _max_size()})
        return text

    def clean(self):
        document, text = self.cleaned_data.get("document"), self.cleaned_data.get("text")
        if self.errors:
            return self.cleaned_data
        if document and text:
            self.add_error("text", _("Chỉ chọn một cách: tải tệp lên hoặc dán nội dung, không cả hai."))
        elif not document and not text:
            self.add_error("document", _("Hãy chọn tệp văn bản phát động hoặc dán toàn văn vào ô bên dưới."))
        else:
            self._read("document" if document else "text", document, text)
        return self.cleaned_data

    def _read(self, field, document, text):
        try:
            self.source_text = text_from_upload(document) if document else text
            self.parsed = parse_launch_document(self.source_text)
        except LaunchDocumentError as error:
            self.add_error(field, str(error))


class DateField(forms.DateField):
    widget = forms.DateInput(**DATE_INPUT)


class CampaignForm(forms.ModelForm):
    """The campaign's own fields; issuing bodies and recipients one per line."""

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        field_classes = {"doc_date": DateField, "start_date": DateField, "end_date": DateField,
                         "anniversary_date": DateField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "theme": forms.Textarea(attrs={"rows": 3}),
            "issuing_bodies": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_title(self):
        return nfc(self.cleaned_data["title"])

    def clean_issuing_bodies(self):
        return _one_per_line(self.cleaned_data["issuing_bodies"])

    def clean_recipients(self):
        return _one_per_line(self.cleaned_data["recipients"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        return cleaned


def _one_per_line(text):
    return "\n".join(line for line in (nfc(line) for line in (text or "").splitlines()) if line)


class CampaignPreviewForm(CampaignForm):
    """The preview of an imported document: everything travels in the form, the original text in a hidden field."""

    class Meta(CampaignForm.Meta):
        fields = [*CAMPAIGN_FIELDS, "source_text"]
        widgets = {**CampaignForm.Meta.widgets, "source_text": forms.HiddenInput}

    def clean_source_text(self):
        text = self.cleaned_data["source_text"]
        if len(text.encode()) > settings.PORTAL_IMPORT_MAX_BYTES:
            raise ValidationError(_("Văn bản quá dài: tối đa %(size)s.") % {"size": _max_size()})
        return text


class TaskPreviewForm(forms.Form):
    number = forms.IntegerField(label=_("Số thứ tự"), min_value=1, max_value=999)
    short_title = forms.CharField(
        label=_("Tên ngắn"), max_length=255, required=False, help_text=_("Để trống: lấy vế đầu của toàn văn.")
    )
    text = forms.CharField(label=_("Toàn văn"), widget=forms.Textarea(attrs={"rows": 5}))


class BaseTaskPreviewFormSet(forms.BaseFormSet):
    default_error_messages = {"too_many_forms": _("Tối đa %(num)d nội dung thi đua.")}

    def clean(self):
        kept = [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        if not kept and not any(form.errors for form in self.forms):
            raise ValidationError(_("Phong trào cần ít nhất một nội dung thi đua."))
        numbers = [form.cleaned_data.get("number") for form in kept]
        duplicates = sorted({n for n in numbers if n is not None and numbers.count(n) > 1})
        for form in kept:
            if form.cleaned_data.get("number") in duplicates:
                form.add_error("number", _("Số thứ tự bị trùng."))
        if duplicates:
            raise ValidationError(
                _("Số thứ tự nội dung bị trùng: %(numbers)s.") % {"numbers": ", ".join(map(str, duplicates))}
            )

    def tasks(self):
        """[(number, short title, text)] of the tasks kept, in number order."""
        kept = [form.cleaned_data for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        return sorted((data["number"], data["short_title"], data["text"]) for data in kept)


TaskPreviewFormSet = forms.formset_factory(
    TaskPreviewForm, formset=BaseTaskPreviewFormSet, extra=0, can_delete=True, max_num=200, validate_max=True
)


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["number", "short_title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["short_title"].required = False
        self.fields["short_title"].help_text = _("Để trống: lấy vế đầu của toàn văn.")

    def clean_number(self):
        number = self.cleaned_data["number"]
        others = self.campaign.tasks.exclude(pk=self.instance.pk)
        if number is not None and others.filter(number=number).exists():
            raise ValidationError(_("Đã có nội dung số %(number)s.") % {"number": number})
        return number


class TaskEditForm(TaskForm):
    class Meta(TaskForm.Meta):
        fields = ["short_title", "text"]


class ClusterSelectionForm(forms.Form):
    """The clusters ticked among those shown; clusters not shown (filtered out) keep their state."""

    clusters = forms.ModelMultipleChoiceField(queryset=Cluster.objects.all(), required=False)
    shown = forms.ModelMultipleChoiceField(queryset=Cluster.objects.all(), required=False)

    def selection(self, current):
        shown = set(self.cleaned_data["shown"])
        return (set(current) - shown) | set(self.cleaned_data["clusters"])


class ClusterSearchForm(forms.Form):
    """The search of the cluster choice: a bad value is ignored, never a server error."""

    q = SearchField(label=_("Tìm cụm, khối"), max_length=SEARCH_MAX_LENGTH)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2100)

    def criteria(self):
        """The query and year to filter by; a field with a bad value counts as empty."""
        self.is_valid()
        return self.cleaned_data.get("q", ""), self.cleaned_data.get("year")


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do, ghi chú"), max_length=500, required=False)
