"""Import of units from a file: download the template, upload, see the errors or a preview, confirm.

Between the preview and the confirmation the file waits in the default storage; the confirm form carries its name
signed, so the steps keep no session state and nobody can point the confirmation at another file.
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from ..importing import (
    COLUMNS,
    XLSX_CONTENT_TYPE,
    UnitImportForm,
    apply,
    build_template,
    read_rows,
    validate,
)

SIGNING_SALT = "units.import"
UPLOAD_DIR = "imports"
UPLOAD_PREFIX = "units-"
UPLOAD_MAX_AGE = timedelta(days=1)


def store_upload(upload, file_format):
    """Keeps the uploaded file for the confirmation; returns the signed token that names it."""
    purge_stale_uploads()
    random_name = f"{UPLOAD_DIR}/{UPLOAD_PREFIX}{secrets.token_urlsafe(16)}.{file_format}"
    stored = default_storage.save(random_name, upload)
    return signing.dumps({"path": stored, "name": upload.name}, salt=SIGNING_SALT)


def stored_upload(token):
    """(storage path, original name) of a token from store_upload, or None when it is forged, stale or used."""
    try:
        stored = signing.loads(token, salt=SIGNING_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    if not default_storage.exists(stored["path"]):
        return None
    return stored["path"], stored["name"]


def purge_stale_uploads():
    """Deletes uploads left unconfirmed for longer than a token lives."""
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - UPLOAD_MAX_AGE
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        if name.startswith(UPLOAD_PREFIX) and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


class UnitImportTemplateView(PermissionRequiredMixin, View):
    permission_required = "units.manage_units"

    def get(self, request):
        response = HttpResponse(build_template(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-don-vi.xlsx"'
        return response


class UnitImportView(PermissionRequiredMixin, FormView):
    """Upload: a file with errors gets the list of them; a clean file gets a preview of what will change."""

    permission_required = "units.manage_units"
    form_class = UnitImportForm
    template_name = "units/import.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        plan = validate(form.rows, file_name=upload.name)
        if plan.errors:
            return self.render_to_response(self.get_context_data(form=form, plan=plan))
        token = store_upload(upload, form.file_format) if plan.preview.changes_anything else ""
        return render(self.request, "units/import_preview.html", {"plan": plan, "token": token})


class UnitImportConfirmView(PermissionRequiredMixin, View):
    """Applies the file of the preview, checking it again: the portal may have changed in between."""

    permission_required = "units.manage_units"
    http_method_names = ["post"]

    def post(self, request):
        stored = stored_upload(request.POST.get("token", ""))
        if stored is None:
            messages.error(request, _("Phiên nhập đã hết hạn hoặc tệp đã được nhập; hãy tải tệp lên lại."))
            return redirect("units:unit_import")
        path, name = stored
        with default_storage.open(path, "rb") as file:
            plan = validate(read_rows(file), file_name=name)
        if plan.errors:
            context = {"form": UnitImportForm(), "plan": plan, "columns": COLUMNS}
            return render(request, "units/import.html", context)
        result = apply(plan, by=request.user)
        default_storage.delete(path)
        messages.success(request, _("Đã nhập tệp %(name)s. %(result)s") % {"name": name, "result": result})
        return redirect("units:unit_list")
