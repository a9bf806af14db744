"""Evidence files: downloaded and their thumbnails seen by whoever may see what they belong to (everyone else is
told nothing: 404), removed (hidden, kept) by the editors of what they belong to.

Files are read through the storage API, never from a path, and always sent as downloads.
"""

import re
from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from units.views.base import GuardedMixin

from ..models.evidence import EXTENSIONS
from ..selectors.evidence import evidence_with_owner
from ..services.evidence import remove_evidence

# The extensions a person's file name may rightly have for each kind of content.
RIGHT_SUFFIXES = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}, "docx": {".docx"}, "xlsx": {".xlsx"}}
SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}")
THUMBNAIL_MAX_AGE = 3600


def download_name(evidence):
    """The uploader's name for the file, with the extension of what it really is when the name claims otherwise
    (a PNG named “bao-cao.pdf” downloads as “bao-cao.png”), so no one opens it with the wrong program."""
    path = PurePosixPath(evidence.original_name)
    if path.suffix.lower() in RIGHT_SUFFIXES[evidence.kind]:
        return evidence.original_name
    stem = path.stem if SUFFIX.fullmatch(path.suffix) else path.name
    return f"{stem}.{EXTENSIONS[evidence.kind]}"


class _StoredFile:
    """A stored file opened through the storage API at its first read, so a response that is never sent (a HEAD
    request, a client gone before the body) leaves no file open; the server closes it after sending."""

    def __init__(self, field):
        self.field = field
        self.opened = None

    def read(self, size=-1):
        if self.opened is None:
            self.opened = self.field.open("rb")
        return self.opened.read(size)

    def close(self):
        if self.opened is not None:
            self.opened.close()


def stream_file(field, **kwargs):
    """A FileResponse reading ``field`` through its storage (``kwargs`` go to FileResponse); 404 when the stored
    file is gone."""
    storage = field.storage
    if not storage.exists(field.name):
        raise Http404  # the row outlived its file (a restored backup, a storage moved)
    response = FileResponse(_StoredFile(field), **kwargs)
    response.headers["Content-Length"] = storage.size(field.name)
    return response


class EvidenceMixin(GuardedMixin, SingleObjectMixin):
    """The file of the URL's ``evidence_pk``, if the user may see it: else 404, so nobody learns it exists."""

    pk_url_kwarg = "evidence_pk"

    def get_queryset(self):
        return evidence_with_owner()

    def get_object(self, queryset=None):
        evidence = super().get_object(queryset)
        if not self.request.user.has_perm("campaign.view_evidence", evidence):
            raise Http404
        return evidence


class EvidenceDownloadView(EvidenceMixin, View):
    permission_required = "campaign.view_evidence"

    def get(self, request, *args, **kwargs):
        evidence = self.get_object()
        response = stream_file(evidence.file, as_attachment=True, filename=download_name(evidence),
                           content_type=evidence.content_type)
        patch_cache_control(response, private=True, no_cache=True)
        return response


class EvidenceThumbnailView(EvidenceMixin, View):
    """A photo's small JPEG, shown inline on its owner's page; 404 for a file without one."""

    permission_required = "campaign.view_evidence"

    def get(self, request, *args, **kwargs):
        evidence = self.get_object()
        if not evidence.thumbnail:
            raise Http404
        response = stream_file(evidence.thumbnail, content_type="image/jpeg", filename=f"anh-nho-{evidence.pk}.jpg")
        patch_cache_control(response, private=True, max_age=THUMBNAIL_MAX_AGE)
        return response


class EvidenceRemoveView(EvidenceMixin, View):
    """POST only (the button confirms first): hides the file from its owner's page; it stays in storage and in the
    history."""

    permission_required = "campaign.remove_evidence"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        evidence = self.get_object()
        try:
            remove_evidence(evidence, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã gỡ tệp minh chứng “%(name)s”.") % {"name": evidence.original_name})
        return redirect(evidence.owner)
