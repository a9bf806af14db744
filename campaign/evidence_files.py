"""Evidence files as they arrive: what they are by their content (never by their name), their size, and a thumbnail
for a photo.

A file is accepted when its bytes are a PDF, a JPEG or PNG image that Pillow can read, or a Word (DOCX) or Excel
(XLSX) package; a renamed executable, a zip of something else or a truncated image is refused with a message that
names the file.
"""

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from units.vietnamese import nfc

from .models import EvidenceKind

THUMBNAIL_SIZE = (480, 480)
HEAD_BYTES = 8
# The part of an OOXML package that says which kind of document it is.
PACKAGE_PARTS = {EvidenceKind.DOCX: "word/document.xml", EvidenceKind.XLSX: "xl/workbook.xml"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png"


@dataclass(frozen=True)
class CheckedFile:
    """An upload whose content was checked: what it is, how big, its SHA-256."""

    upload: object
    kind: str
    size: int
    sha256: str
    name: str  # the uploader's name for it (NFC), kept to show and to name the download, never to store it


def _refused(name):
    return ValidationError(
        _("Tệp “%(name)s” không được nhận: nội dung của nó không phải PDF, ảnh JPEG/PNG, văn bản Word (DOCX) "
          "hay bảng tính Excel (XLSX), dù tên tệp là gì.") % {"name": name},
        code="bad_content",
    )


def _package_kind(upload):
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    # A package with macros is not a plain document, whatever its parts say.
    if "[Content_Types].xml" not in names or any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    return next((kind for kind, part in PACKAGE_PARTS.items() if part in names), None)


# Pillow's names for what we take as each kind: phone cameras write JPEGs with extra pictures (MPO).
IMAGE_FORMATS = {EvidenceKind.JPEG: {"JPEG", "MPO"}, EvidenceKind.PNG: {"PNG"}}
IMAGE_ERRORS = (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError,
                SyntaxError, ValueError)


def _decode(upload):
    """Decodes the whole picture (at 1/8 scale for a JPEG: fast); raises OSError on one cut short, which
    ``verify`` does not notice in a JPEG."""
    upload.seek(0)
    # WeasyPrint, once imported, lets Pillow load truncated images for the whole process (weasyprint/images.py):
    # a check of uploads must see a file cut short, so it is switched off around this load. Our processes serve
    # one request at a time on a thread (gunicorn sync workers, Celery prefork), so nothing else runs meanwhile.
    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(upload) as image:
            image.draft("RGB", (max(image.width // 8, 1), max(image.height // 8, 1)))
            image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _image_kind(upload, expected):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                found = image.format
                image.verify()
            if found not in IMAGE_FORMATS[expected]:
                return None
            _decode(upload)
    except IMAGE_ERRORS:
        return None
    return expected


def identify(upload):
    """The EvidenceKind of the upload's content, or None."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        kind = EvidenceKind.PDF
    elif head.startswith(b"\xff\xd8\xff"):
        kind = _image_kind(upload, EvidenceKind.JPEG)
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = _image_kind(upload, EvidenceKind.PNG)
    elif head.startswith(b"PK\x03\x04"):
        kind = _package_kind(upload)
    else:
        kind = None
    upload.seek(0)
    return kind


def _digest(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _size_text(size, limit):
    """The size as a person reads it, exact when rounding would make it look no bigger than the limit."""
    text = filesizeformat(size)
    return text if text != filesizeformat(limit) else _("%(bytes)s byte") % {"bytes": intcomma(size)}


def check_upload(upload):
    """A CheckedFile, or ValidationError naming the file: empty, too big, or not a kind we take."""
    limit = settings.PORTAL_EVIDENCE_MAX_BYTES
    name = nfc(upload.name or "")
    if not upload.size:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt mức tối đa %(limit)s mỗi tệp.")
            % {"name": name, "size": _size_text(upload.size, limit), "limit": filesizeformat(limit)},
            code="too_big",
        )
    kind = identify(upload)
    if kind is None:
        raise _refused(name)
    return CheckedFile(upload=upload, kind=kind, size=upload.size, sha256=_digest(upload), name=name)


def _flattened(image):
    """RGB, transparent parts on white (JPEG has no transparency; converting straight would turn them black)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def thumbnail(upload):
    """A JPEG thumbnail (at most 480×480) of an image upload, as a ContentFile; None if it cannot be drawn."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.draft("RGB", THUMBNAIL_SIZE)
            small = _flattened(ImageOps.exif_transpose(image))
            small.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            small.save(out, "JPEG", quality=80, optimize=True)
    except IMAGE_ERRORS:
        return None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name="thumbnail.jpg")


def _help():
    return _("PDF, JPEG, PNG, DOCX hoặc XLSX; tối đa %(limit)s mỗi tệp; chọn được nhiều tệp một lần.") % {
        "limit": filesizeformat(settings.PORTAL_EVIDENCE_MAX_BYTES)
    }


# Read when the form is shown, so the limit is the one in force then.
_help_text = lazy(_help, str)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several evidence files at once; ``cleaned_data`` holds a list of CheckedFile. Each bad file gets its own
    message beside the field, and none of the files is kept when one is bad."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        # An empty file is refused by check_upload, with a message that names it.
        kwargs.setdefault("allow_empty_file", True)
        kwargs.setdefault("label", gettext_lazy("Tệp minh chứng"))
        kwargs.setdefault("help_text", _help_text())
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > settings.PORTAL_EVIDENCE_MAX_FILES:
            raise ValidationError(
                _("Mỗi lần chỉ tải lên được tối đa %(count)s tệp.") % {"count": settings.PORTAL_EVIDENCE_MAX_FILES}
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return checked


class EvidenceUploadForm(forms.Form):
    files = EvidenceField()
    caption = forms.CharField(label=gettext_lazy("Chú thích"), max_length=255, required=False)
