"""Exemplary models (gương điển hình): staff write them with a photo and a story, publish them on the campaign's
public page, take them back, delete them. Every change writes a history row (who, when, why).

A photo is stored as a fresh JPEG drawn from the upload (at most 1600 px a side): what the camera wrote beside the
picture (the place it was taken, the phone) never reaches the public page. Files go through the storage API under a
random name; a replaced or deleted model's photo is deleted from storage once the change is committed.
"""

import io
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from units.vietnamese import nfc

from ..evidence_files import IMAGE_ERRORS
from ..models import ExemplaryModel, ExemplaryStatus
from .common import guard_state, lock, record, save, switch

PHOTO_MAX_SIDE = 1600
EDITABLE = ("task", "name", "unit", "title", "summary", "story", "photo_caption")
LINE_FIELDS = ("name", "title", "summary", "photo_caption")  # one line: runs of white space folded


def public_photo(upload):
    """A JPEG (ContentFile) of the checked image ``upload``, upright, on white where it was transparent, at most
    PHOTO_MAX_SIDE a side, without the original's metadata. Raises ValidationError if it cannot be drawn."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            picture = ImageOps.exif_transpose(image)
            if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
                picture = picture.convert("RGBA")
                flat = Image.new("RGB", picture.size, "white")
                flat.paste(picture, mask=picture.getchannel("A"))
                picture = flat
            picture = picture.convert("RGB")
            picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=85, optimize=True)
    except IMAGE_ERRORS:
        raise ValidationError({"photo": _("Không đọc được ảnh này: hãy chọn ảnh JPEG hoặc PNG khác.")}) from None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _delete_file_on_commit(name, storage):
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _set_values(model, values):
    for field in EDITABLE:
        if field in values:
            value = values[field]
            if field in LINE_FIELDS:
                value = nfc(value or "")
            elif field == "story":
                value = unicodedata.normalize("NFC", value or "").strip()
            setattr(model, field, value)


def _store_photo(model, photo):
    """Stores ``photo`` (a checked upload) as the model's photo; returns the name of the one it replaces."""
    old = model.photo.name if model.photo else ""
    model.photo.save("photo.jpg", public_photo(photo), save=False)
    return old


@transaction.atomic
def create_exemplary(campaign, *, values, photo=None, by):
    """A new draft exemplary model of ``campaign`` with ``values`` (the editable fields) and an optional photo (a
    checked JPEG/PNG upload); one history row. The stored photo is deleted again if the save fails."""
    model = ExemplaryModel(campaign=campaign, created_by=by, status=ExemplaryStatus.DRAFT)
    _set_values(model, values)
    try:
        if photo is not None:
            _store_photo(model, photo)
        return save(model, by=by, reason=_("Thêm gương điển hình"))
    except Exception:
        if model.photo:
            model.photo.storage.delete(model.photo.name)
        raise


@transaction.atomic
def update_exemplary(model, *, values, photo=None, remove_photo=False, by):
    """Saves the changed ``values``; a new photo replaces the old one, ``remove_photo`` takes it away (the old file
    is deleted from storage after the commit). One history row."""
    lock(model)
    _set_values(model, values)
    old, storage = "", model.photo.storage
    if photo is not None:
        old = _store_photo(model, photo)
    elif remove_photo and model.photo:
        old, model.photo = model.photo.name, ""
    try:
        save(model, by=by, reason=_("Sửa gương điển hình"))
    except Exception:
        if photo is not None:
            storage.delete(model.photo.name)
        raise
    _delete_file_on_commit(old, storage)
    return model


@transaction.atomic
def publish_exemplary(model, *, by):
    """Shows the draft on the public pages from now on (``published_at``). Refuses one already published."""
    lock(model, "status")
    guard_state(model, [ExemplaryStatus.DRAFT], _("Gương điển hình này đã được công bố."))
    model.published_at = timezone.now()
    return switch(model, ExemplaryStatus.PUBLISHED, by=by, reason=_("Công bố gương điển hình"),
                  fields=["published_at"])


@transaction.atomic
def unpublish_exemplary(model, *, by, reason=""):
    """Takes a published model off the public pages (back to draft). Refuses a draft."""
    lock(model, "status")
    guard_state(model, [ExemplaryStatus.PUBLISHED], _("Gương điển hình này chưa được công bố."))
    model.published_at = None
    return switch(model, ExemplaryStatus.DRAFT, by=by, reason=reason or _("Thu hồi gương điển hình"),
                  fields=["published_at"])


@transaction.atomic
def delete_exemplary(model, *, by):
    """Deletes the model (the history keeps a row saying who deleted it) and, after the commit, its photo."""
    lock(model)
    name, storage = (model.photo.name if model.photo else ""), model.photo.storage
    record(model, by=by, reason=_("Xóa gương điển hình"))
    model.delete()
    _delete_file_on_commit(name, storage)
