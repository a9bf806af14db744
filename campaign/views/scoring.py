"""The scoring table of a campaign: read by everyone who follows the campaign; built, imported, exported and copied by
staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from units.history import merged_history_page
from units.views.base import PermissionMixin

from .. import scoring_excel
from ..exports import CONTENT_TYPE
from ..forms.scoring import BandFormSet, CriterionForm, ScoringCopyForm, ScoringImportForm, ScoringTableForm
from ..models import Band, Criterion, CriterionKind, ScoringTable, TieBreak
from ..selectors import campaigns_visible_to
from ..services import scoring as services
from .common import CampaignMixin, StaffCampaignMixin
from .pledge_base import HISTORY_PAGE, FormsetFormMixin, add_service_error

def table_of(campaign):
    return ScoringTable.objects.filter(campaign=campaign).first()


def criteria_of(table):
    if table is None:
        return []
    return list(table.criteria.select_related("task").order_by("position", "id"))


def grouped(criteria):
    """The regular criteria by task (in the task's order), then by section (in order of first appearance)."""
    groups = {}
    for criterion in criteria:
        if criterion.kind != CriterionKind.REGULAR:
            continue
        key = criterion.task.number if criterion.task_id else 10**6
        group = groups.setdefault(key, {"task": criterion.task, "sections": {}, "maximum": 0})
        group["sections"].setdefault(criterion.section, []).append(criterion)
        group["maximum"] += criterion.max_points
    return [
        {**group, "sections": list(group["sections"].items())} for _key, group in sorted(groups.items())
    ]


def table_history(table, number):
    sources = {
        "table": ScoringTable.history.filter(id=table.pk),
        "criterion": Criterion.history.filter(table_id=table.pk),
        "band": Band.history.filter(table_id=table.pk),
    }
    labels = {
        "table": lambda row: _("Bảng chấm điểm"),
        "criterion": lambda row: _("Tiêu chí %(code)s") % {"code": row.code},
        "band": lambda row: _("Xếp loại: %(name)s") % {"name": row.name},
    }
    return merged_history_page(sources, number, labels)


class ScoringTableView(CampaignMixin, PermissionMixin, TemplateView):
    """The table: criteria grouped by task and section, bonus and penalty items with their caps, the total maximum,
    bands and tie-breaks; staff see their buttons and the history."""

    permission_required = "campaign.follow_campaign"
    template_name = "campaign/scoring/table.html"

    def get_permission_object(self):
        return self.campaign

    def get_context_data(self, **kwargs):
        table = table_of(self.campaign)
        criteria = criteria_of(table)
        manages = self.request.user.has_perm("campaign.manage_campaigns")
        context = {
            "table": table, "groups": grouped(criteria), "manages": manages,
            "bonus": [c for c in criteria if c.kind == CriterionKind.BONUS],
            "penalties": [c for c in criteria if c.kind == CriterionKind.PENALTY],
            "criteria_count": len(criteria),
        }
        if table is not None:
            labels = dict(TieBreak.choices)
            context.update(
                maximum=services.table_maximum(table, criteria), bands=list(table.bands.all()),
                tie_breaks=[labels.get(value, value) for value in table.tie_breaks],
            )
            if manages:
                context["history"] = table_history(table, self.request.GET.get(HISTORY_PAGE))
        return super().get_context_data(**context, **kwargs)


class ScoringTableEditView(StaffCampaignMixin, FormsetFormMixin, FormView):
    """The table's settings with its bands; the table is created on the first save."""

    template_name = "campaign/scoring/table_form.html"
    form_class = ScoringTableForm

    @cached_property
    def table(self):
        return table_of(self.campaign) or ScoringTable(campaign=self.campaign)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.table}

    def get_formset(self, data):
        return BandFormSet(data, instance=self.table, prefix="bands")

    def save(self, form):
        table = self.table if self.table.pk else services.ensure_table(self.campaign, by=self.request.user)
        self.recomputed = services.update_table(
            table, data=form.table_data(), bands=self.formset.bands(), by=self.request.user,
        )
        return table

    def get_success_message(self):
        if self.recomputed:
            return _("Đã lưu cài đặt bảng chấm điểm; tổng điểm và thứ hạng sẽ được tính lại.")
        return _("Đã lưu cài đặt bảng chấm điểm.")


class CriterionMixin(StaffCampaignMixin):
    @cached_property
    def criterion(self):
        criteria = Criterion.objects.filter(table__campaign=self.campaign).select_related("task", "table")
        return get_object_or_404(criteria, pk=self.kwargs["criterion_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(criterion=self.criterion, **kwargs)


def back_to_table(campaign, criterion=None):
    url = reverse("campaign:scoring_table", kwargs={"pk": campaign.pk})
    return redirect(f"{url}#tieu-chi-{criterion.pk}" if criterion else url)


class CriterionAddView(StaffCampaignMixin, FormView):
    template_name = "campaign/scoring/criterion_form.html"
    form_class = CriterionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def form_valid(self, form):
        try:
            table = services.ensure_table(self.campaign, by=self.request.user)
            criterion = services.add_criterion(table, data=form.criterion_data(), by=self.request.user)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thêm tiêu chí %(code)s.") % {"code": criterion.code})
        return back_to_table(self.campaign, criterion)


class CriterionEditView(CriterionMixin, FormView):
    """A change of the maximum on a table in use rewrites the scores' maxima and recomputes the totals, or is refused
    beside the field while some scorecard holds more points."""

    template_name = "campaign/scoring/criterion_form.html"
    form_class = CriterionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign, "instance": self.criterion}

    def form_valid(self, form):
        old_maximum = Criterion.objects.values_list("max_points", flat=True).get(pk=self.criterion.pk)
        try:
            affected = services.update_criterion(
                self.criterion, data=form.criterion_data(), by=self.request.user, reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if affected and old_maximum != self.criterion.max_points:
            messages.success(self.request, _("Đã đổi điểm tối đa; tổng điểm của %(count)s đơn vị sẽ được tính lại.")
                             % {"count": affected})
        elif affected:
            messages.success(self.request, _("Đã lưu tiêu chí; tổng điểm của %(count)s đơn vị sẽ được tính lại.")
                             % {"count": affected})
        else:
            messages.success(self.request, _("Đã lưu tiêu chí %(code)s.") % {"code": self.criterion.code})
        return back_to_table(self.campaign, self.criterion)


class CriterionDeleteView(CriterionMixin, TemplateView):
    """GET asks for confirmation; POST deletes (refused once a unit scored the criterion)."""

    template_name = "campaign/scoring/criterion_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        code = self.criterion.code
        try:
            services.delete_criterion(self.criterion, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã xóa tiêu chí %(code)s.") % {"code": code})
        return back_to_table(self.campaign)


class ScoringImportView(StaffCampaignMixin, FormView):
    """Upload: a file with errors gets the list of them and nothing is imported; a clean file is imported."""

    template_name = "campaign/scoring/import.html"
    form_class = ScoringImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=scoring_excel.COLUMNS, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            rows, errors = scoring_excel.parse(upload, self.campaign)
        except scoring_excel.UnreadableFile as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if not errors:
            try:
                table = services.ensure_table(self.campaign, by=self.request.user)
                added, updated = services.import_criteria(table, rows=rows, by=self.request.user)
            except ValidationError as error:
                errors = [scoring_excel.RowError(None, "", message) for message in error.messages]
        if errors:
            return self.render_to_response(self.get_context_data(form=form, errors=errors, file_name=upload.name))
        messages.success(self.request, _("Đã nhập tệp: thêm %(added)s tiêu chí, cập nhật %(updated)s tiêu chí.")
                         % {"added": added, "updated": updated})
        return back_to_table(self.campaign)


class ScoringExportView(CampaignMixin, PermissionMixin, TemplateView):
    """The table as .xlsx (re-importable); an empty table gives the template to fill in."""

    permission_required = "campaign.follow_campaign"

    def get_permission_object(self):
        return self.campaign

    def get(self, request, *args, **kwargs):
        table = table_of(self.campaign)
        criteria = criteria_of(table)
        maximum = services.table_maximum(table, criteria) if table else None
        content = scoring_excel.build_workbook(self.campaign, table, criteria, maximum)
        response = HttpResponse(content, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="bang-cham-diem-{self.campaign.pk}.xlsx"'
        return response


class ScoringCopyView(StaffCampaignMixin, FormView):
    """Copy another campaign's table (its criteria under the tasks of the same numbers, settings and bands)."""

    template_name = "campaign/scoring/copy.html"
    form_class = ScoringCopyForm

    def get_form_kwargs(self):
        sources = campaigns_visible_to(self.request.user).filter(scoring_table__isnull=False).exclude(
            pk=self.campaign.pk).order_by("-start_date", "title")
        return {**super().get_form_kwargs(), "campaigns": sources}

    def form_valid(self, form):
        source = form.cleaned_data["source"]
        try:
            services.copy_table(source=source.scoring_table, target=self.campaign, by=self.request.user)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã sao chép bảng chấm điểm của “%(title)s”.") % {"title": source.title})
        return back_to_table(self.campaign)
