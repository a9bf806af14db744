"""The award register: lookup and export for everyone signed in (officers within their units), import of past
awards and records by hand for staff, a unit's own Giấy khen decisions, the pages of a record and of a decision.

Import between the preview and the confirmation: the file waits in the default storage, named by a signed token
the confirm form carries (as units/views/importing.py does), so the steps keep no session state.
"""

import io
import secrets
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterMixin

from campaign.views.pledge_base import HISTORY_PAGE
from units.history import history_page
from units.models import Unit
from units.rules import is_officer, officer_unit_ids
from units.selectors import units_visible_to
from units.views.base import GuardedListView, GuardedMixin, PermissionMixin

from .. import register_excel
from ..forms.register import RecordForm, RegisterFilter, UnitDecisionForm
from ..models import AwardRecord
from ..rules import UnitSubject
from ..selectors.register import (
    decision_records,
    decisions_visible_to,
    export_rows,
    records_any_state_visible_to,
    register_records,
    unit_awardees,
)
from ..selectors.honour import decision_items
from ..services.decisions import cash_total
from ..services.register import add_record, import_records, record_unit_decision

# --- Lookup and export --------------------------------------------------------------------------------------------


class RegisterMixin(PermissionMixin, FilterMixin):
    permission_required = "awards.view_register"
    filterset_class = RegisterFilter

    def get_queryset(self):
        return register_records(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


class RegisterLookupView(RegisterMixin, GuardedListView):
    template_name = "awards/register/lookup.html"
    context_object_name = "records"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_manage=user.has_perm("awards.manage_register"), **kwargs,
        )


class RegisterExportView(RegisterMixin, View):
    """The lookup's whole filtered set as an .xlsx attachment; filters the lookup refuses give no rows."""

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        records = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
        now = timezone.now()
        data = register_excel.register_workbook(export_rows(records), exported_at=now, filters=filterset.summary())
        name = f"so-khen-thuong-{timezone.localtime(now):%Y%m%d}.xlsx"
        return FileResponse(io.BytesIO(data), as_attachment=True, filename=name,
                            content_type=register_excel.CONTENT_TYPE)


# --- Import -------------------------------------------------------------------------------------------------------

SIGNING_SALT = "awards.register_import"
UPLOAD_DIR = "imports"
UPLOAD_PREFIX = "register-"
UPLOAD_MAX_AGE = timedelta(days=1)


def store_upload(upload, file_format):
    """Keeps the uploaded file for the confirmation; returns the signed token that names it."""
    purge_stale_uploads()
    stored = default_storage.save(f"{UPLOAD_DIR}/{UPLOAD_PREFIX}{secrets.token_urlsafe(16)}.{file_format}", upload)
    return signing.dumps({"path": stored, "name": upload.name}, salt=SIGNING_SALT)


def stored_upload(token):
    """(storage path, original name) of a token from store_upload, or None when forged, stale or used."""
    try:
        stored = signing.loads(token, salt=SIGNING_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    if not default_storage.exists(stored["path"]):
        return None
    return stored["path"], stored["name"]


def purge_stale_uploads():
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - UPLOAD_MAX_AGE
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        if name.startswith(UPLOAD_PREFIX) and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


class RegisterImportTemplateView(PermissionMixin, View):
    permission_required = "awards.manage_register"

    def get(self, request):
        response = HttpResponse(register_excel.build_template(), content_type=register_excel.CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-so-khen-thuong.xlsx"'
        return response


class RegisterImportView(PermissionMixin, FormView):
    """Upload: a file with errors gets the list of them; a clean file gets a preview of what will be written."""

    permission_required = "awards.manage_register"
    form_class = register_excel.RegisterImportForm
    template_name = "awards/register/import.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=register_excel.COLUMNS, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        plan = register_excel.validate(form.rows, file_name=upload.name)
        if plan.errors:
            return self.render_to_response(self.get_context_data(form=form, plan=plan))
        token = store_upload(upload, form.file_format) if plan.preview.changes_anything else ""
        return render(self.request, "awards/register/import_preview.html",
                      {"plan": plan, "preview": plan.preview, "token": token})


class RegisterImportConfirmView(PermissionMixin, View):
    """Imports the file of the preview, checking it again: the portal may have changed in between."""

    permission_required = "awards.manage_register"
    http_method_names = ["post"]

    def post(self, request):
        stored = stored_upload(request.POST.get("token", ""))
        if stored is None:
            messages.error(request, _("Phiên nhập đã hết hạn hoặc tệp đã được nhập; hãy tải tệp lên lại."))
            return redirect("awards:register_import")
        path, name = stored
        with default_storage.open(path, "rb") as file:
            plan = register_excel.validate(register_excel.read_rows(file), file_name=name)
        if plan.errors:
            context = {"form": register_excel.RegisterImportForm(), "plan": plan, "columns": register_excel.COLUMNS}
            return render(request, "awards/register/import.html", context)
        result = import_records(plan.rows, by=request.user, file_name=name)
        default_storage.delete(path)
        messages.success(request, _("Đã nhập tệp %(name)s. %(result)s") % {"name": name, "result": result})
        return redirect("awards:register_lookup")


# --- One record ---------------------------------------------------------------------------------------------------


class RecordCreateView(PermissionMixin, FormView):
    permission_required = "awards.manage_register"
    form_class = RecordForm
    template_name = "awards/register/record_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": units_visible_to(self.request.user)}

    def form_valid(self, form):
        try:
            record = add_record(values=form.cleaned_data, by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi vào sổ khen thưởng: %(record)s.") % {"record": record})
        return redirect("awards:record_detail", pk=record.pk)


class RecordDetailView(GuardedMixin, DetailView):
    permission_required = "awards.view_register"
    template_name = "awards/register/record_detail.html"
    context_object_name = "record"

    def get_queryset(self):
        # Cancelled decisions' records too (scope.records_visible_to is the register in force): the page says so.
        return records_any_state_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        record = self.object
        decision = record.decision
        return super().get_context_data(
            decision_link=decision is not None and self.request.user.has_perm(
                "awards.view_decision", UnitSubject(decision.issuer_unit)),
            history=history_page(AwardRecord.history.filter(id=record.pk), self.request.GET.get(HISTORY_PAGE)),
            **kwargs,
        )


# --- Decisions ----------------------------------------------------------------------------------------------------


class UnitDecisionCreateView(PermissionMixin, FormView):
    """A unit's officer records the unit's own decision (Giấy khen…); no council."""

    permission_required = "awards.record_unit_decision"
    form_class = UnitDecisionForm
    template_name = "awards/register/unit_decision_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.unit = self.get_unit()
        return super().dispatch(request, *args, **kwargs)

    def get_unit(self):
        """An officer's own active units (another unit answers 404); anyone else is refused by the rule (403)."""
        user = self.request.user
        if is_officer(user):
            units = Unit.objects.filter(pk__in=officer_unit_ids(user), is_active=True)
        else:
            units = Unit.objects.all()
        return get_object_or_404(units, pk=self.kwargs["unit_pk"])

    def get_permission_object(self):
        return UnitSubject(self.unit)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "awardees": unit_awardees(self.unit)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)

    def form_valid(self, form):
        try:
            decision = record_unit_decision(unit=self.unit, values=form.values(), award_form=form.award_form,
                                            awardees=form.chosen_awardees(), by=self.request.user)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi %(decision)s vào sổ khen thưởng.") % {"decision": decision})
        return redirect(decision)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DecisionDetailView(GuardedMixin, DetailView):
    permission_required = "awards.view_decision"
    template_name = "awards/register/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return decisions_visible_to(self.request.user)

    def get_permission_object(self):
        return UnitSubject(self.get_object().issuer_unit)

    def get_context_data(self, **kwargs):
        decision = self.object
        cash_rows, cash_sum = cash_total(decision)
        return super().get_context_data(records=decision_records(decision), items=decision_items(decision),
                                        cash_rows=cash_rows, cash_sum=cash_sum,
                                        may_cancel=decision.cancelled_at is None and self.request.user.has_perm(
                                            "awards.cancel_decision", decision), **kwargs)

