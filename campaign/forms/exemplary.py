"""The staff form of an exemplary model (gương điển hình) and its photo field: a JPEG or PNG, checked by its content
and size with the evidence checks (campaign.evidence_files), never by its name."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.models import Unit

from ..evidence_files import check_upload
from ..models import EvidenceKind, ExemplaryModel

PHOTO_KINDS = {EvidenceKind.JPEG, EvidenceKind.PNG}
PHOTO_ACCEPT = ".jpg,.jpeg,.png,image/jpeg,image/png"


def _photo_help():
    return _("Ảnh JPEG hoặc PNG, tối đa %(limit)s. Ảnh được lưu lại dưới dạng JPEG, bỏ thông tin máy chụp, vị trí.") % {
        "limit": filesizeformat(settings.PORTAL_EVIDENCE_MAX_BYTES)}


class PhotoField(forms.FileField):
    """One photo; ``cleaned_data`` holds the upload once its bytes are known to be a JPEG or PNG within the limit."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_empty_file", True)  # an empty file gets check_upload's message, which names it
        kwargs.setdefault("help_text", lazy(_photo_help, str)())
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return None
        try:
            checked = check_upload(upload)
        except ValidationError as error:
            if error.code != "bad_content":
                raise
            checked = None
        if checked is None or checked.kind not in PHOTO_KINDS:
            raise ValidationError(_("Tệp “%(name)s” không phải ảnh JPEG hoặc PNG, dù tên tệp là gì.")
                                  % {"name": upload.name}, code="not_a_photo")
        return upload


class ExemplaryForm(forms.ModelForm):
    """The fields staff write; the service stores them (and the photo) with a history row."""

    photo = PhotoField(label=gettext_lazy("Ảnh"), required=False)
    remove_photo = forms.BooleanField(label=gettext_lazy("Bỏ ảnh hiện có"), required=False)

    field_order = ["name", "unit", "task", "title", "summary", "story", "photo", "remove_photo", "photo_caption"]

    class Meta:
        model = ExemplaryModel
        # The photo is a declared field: the service, not the form, stores it.
        fields = ["name", "unit", "task", "title", "summary", "story", "photo_caption"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "story": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = campaign.tasks.order_by("number")
        self.fields["task"].label_from_instance = lambda task: f"{task.number}. {task.short_title}"
        taking_part = Unit.objects.filter(memberships__cluster__campaigns=campaign).values("id")
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=taking_part).order_by("name_sort", "id")
        self.fields["summary"].help_text = _("Một, hai câu hiện ở danh sách gương điển hình.")
        if not (self.instance.pk and self.instance.photo):
            del self.fields["remove_photo"]

    def values(self):
        """The cleaned fields the service sets (the photo apart)."""
        return {name: self.cleaned_data[name] for name in
                ("name", "unit", "task", "title", "summary", "story", "photo_caption")}
