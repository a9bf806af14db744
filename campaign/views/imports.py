"""Creating a campaign from its launch document: upload or paste, preview and correct, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from rules.contrib.views import PermissionRequiredMixin

from .. import services
from ..forms import CampaignPreviewForm, LaunchDocumentUploadForm, TaskPreviewFormSet
from ..launch_document import LaunchDocumentError, parse_launch_document
from ..models import Campaign

PREVIEW_TEMPLATE = "campaign/campaign_import_preview.html"
TASKS_PREFIX = "tasks"


class CampaignImportView(PermissionRequiredMixin, FormView):
    permission_required = "campaign.manage_campaigns"
    template_name = "campaign/campaign_import.html"
    form_class = LaunchDocumentUploadForm

    def form_valid(self, form):
        parsed = form.parsed
        data = services.document_data(parsed, source_text=form.source_text)
        initial = {**data, **{name: "\n".join(data[name]) for name in ("issuing_bodies", "recipients")}}
        tasks = [task._asdict() for task in parsed.tasks]
        return render_preview(
            self.request,
            CampaignPreviewForm(initial=initial),
            TaskPreviewFormSet(initial=tasks, prefix=TASKS_PREFIX),
            warnings=[*parsed.warnings, *_duplicate_warning(parsed.title, data["start_date"])],
        )


class CampaignImportConfirmView(PermissionRequiredMixin, View):
    """POST of the preview: everything comes back in the form; nothing was stored before this."""

    permission_required = "campaign.manage_campaigns"
    http_method_names = ["post"]

    def post(self, request):
        form = CampaignPreviewForm(request.POST)
        formset = TaskPreviewFormSet(request.POST, prefix=TASKS_PREFIX)
        if all([form.is_valid(), formset.is_valid()]):
            try:
                campaign = services.create_campaign_from_document(
                    data=form.cleaned_data, tasks=formset.tasks(), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _created_message(campaign))
                return redirect(campaign.get_absolute_url())
        return render_preview(request, form, formset, warnings=_warnings_again(request.POST.get("source_text", "")))


def render_preview(request, form, formset, *, warnings):
    return render(request, PREVIEW_TEMPLATE, {"form": form, "formset": formset, "warnings": warnings})


def _created_message(campaign):
    return _("Đã tạo phong trào “%(title)s” (dự thảo) với %(count)s nội dung thi đua.") % {
        "title": campaign.title,
        "count": campaign.tasks.count(),
    }


def _duplicate_warning(title, start_date):
    same = Campaign.objects.filter(title=title)
    if start_date:
        same = same.filter(start_date=start_date)
    if same.exists():
        return [_("Đã có phong trào cùng tên%(when)s: hãy kiểm tra để tránh tạo trùng.") % {
            "when": _(" và ngày bắt đầu") if start_date else "",
        }]
    return []


def _warnings_again(source_text):
    try:
        return parse_launch_document(source_text).warnings
    except LaunchDocumentError:
        return []
