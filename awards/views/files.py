"""Attachments of nomination batches: downloaded (as attachments, streamed through the storage API) by whoever may
see the batch, a removed file by staff only; removed (hidden, kept) by the unit while the batch is with it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from campaign.models.evidence import CONTENT_TYPES
from campaign.views.evidence import download_name, stream_file
from units.rules import is_portal_staff
from units.views.base import GuardedMixin

from ..forms.common import VersionForm
from ..selectors.nominations import files_visible_to
from ..services.nominations import remove_file
from .nomination_base import STALE_PAGE


class FileMixin(GuardedMixin, SingleObjectMixin):
    """The file of the URL's ``file_pk`` if its batch is one the user may see (a removed file: staff only); else
    404. Permissions are checked against the batch."""

    pk_url_kwarg = "file_pk"

    def get_queryset(self):
        return files_visible_to(self.request.user)

    def get_object(self, queryset=None):
        file = super().get_object(queryset)
        if file.removed_at is not None and not is_portal_staff(self.request.user):
            raise Http404
        return file

    def get_permission_object(self):
        return self.get_object().batch


class FileDownloadView(FileMixin, View):
    """Whoever may see the batch, and a council member sitting in a session with the file's nominee on its agenda."""

    permission_required = "awards.download_file"

    def get_permission_object(self):
        return self.get_object()

    def get(self, request, *args, **kwargs):
        file = self.get_object()
        response = stream_file(file.file, as_attachment=True, filename=download_name(file),
                           content_type=CONTENT_TYPES[file.kind])
        patch_cache_control(response, private=True, no_cache=True)
        return response


class FileRemoveView(FileMixin, View):
    """POST only (the button confirms first): hides the file from the batch's or nominee's page."""

    permission_required = "awards.edit_batch"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        file = self.get_object()
        form = VersionForm(request.POST)
        if not form.is_valid():
            messages.error(request, STALE_PAGE)
            return redirect(file.nomination or file.batch)
        try:
            remove_file(file, by=request.user, expected_version=form.cleaned_data["version"],
                        reason=request.POST.get("reason", "")[:1000])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": file.original_name})
        return redirect(file.nomination or file.batch)
