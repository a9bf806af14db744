"""The nominees of a unit's batch: adding one (the nominee, then the award form, with the forms suggested from the
nominee's history), the achievement report in the structure of the form's template, attachments tagged with the
required document they satisfy, the nominee's page with its checklist and checks, deletion and a rerun of the
checks."""

import copy

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView

from ..forms.nominations import NominationCreateForm, NominationFileForm, NomineeForm, ReportForm, TaskRowForm
from ..models import RecipientKind, ReportTemplate
from ..selectors.nominations import nomination_for_page, nomination_history_page, shown_files, task_choices
from ..services import eligibility
from ..services import nominations as services
from .nomination_base import (
    HISTORY_PAGE,
    BatchActionView,
    BatchMixin,
    NominationMixin,
    ServiceFormMixin,
    back_to,
    batch_perms,
)

NOMINEE_FIELDS = ("recipient_kind", "unit", "person", "household")


class NominationCreateView(BatchMixin, ServiceFormMixin, FormView):
    """Step 1 (GET): choose the nominee. Step 2 (GET with the nominee, then POST): the forms suggested for them and
    the award form, among the active forms of the campaign's regime that admit the kind."""

    permission_required = "awards.edit_batch"
    form_class = NominationCreateForm
    template_name = "awards/nominations/nomination_create.html"
    success_message = gettext_lazy("Đã thêm người được đề nghị. Hãy viết báo cáo thành tích và tải lên hồ sơ.")

    @cached_property
    def chooser(self):
        data = self.request.GET if "recipient_kind" in self.request.GET else None
        return NomineeForm(data, batch=self.batch, user=self.request.user)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "batch": self.batch, "user": self.request.user}
        if self.request.method == "GET" and self.chooser.is_valid():
            kwargs["initial"] = {**{name: self.chooser.cleaned_data.get(name) for name in NOMINEE_FIELDS},
                                 "version": self.batch.version}
        return kwargs

    def nominee(self, form):
        """The chosen nominee's data (kind and recipient), from the POSTed form or the step-1 choice; else None."""
        if self.request.method == "POST":
            chosen = NomineeForm(self.request.POST, batch=self.batch, user=self.request.user)
            return chosen.cleaned_data if chosen.is_valid() else None
        return self.chooser.cleaned_data if self.chooser.is_valid() else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.nominee(context["form"])
        suggestions = []
        if chosen:
            kind = chosen["recipient_kind"]
            suggestions = eligibility.suggest_forms(
                campaign=self.campaign, recipient_kind=kind, unit=chosen.get("unit") if kind == "collective" else None,
                person=chosen.get("person") if kind == "individual" else None,
                household=chosen.get("household") if kind == "household" else None,
            )
        return {**context, "chooser": self.chooser, "chosen": chosen, "suggestions": suggestions,
                "kinds": RecipientKind}

    def save(self, form):
        data = form.cleaned_data
        nomination = services.add_nomination(
            self.batch, recipient_kind=data["recipient_kind"], recipient=data["recipient"],
            award_form=data["award_form"], by=self.request.user, expected_version=data["version"],
        )
        return reverse("awards:nomination_edit", kwargs={"pk": self.campaign.pk, "nomination_pk": nomination.pk})


class NominationEditView(NominationMixin, ServiceFormMixin, FormView):
    """The achievement report: the situation, the summary, and one row per campaign task (with the works and
    achievements of the unit in that task); rows are the report's body for the campaign template, optional for
    the others."""

    permission_required = "awards.edit_batch"
    form_class = ReportForm
    template_name = "awards/nominations/nomination_form.html"
    success_message = gettext_lazy("Đã lưu báo cáo thành tích.")

    def get_form_kwargs(self):
        nomination = self.get_object()
        return {**super().get_form_kwargs(), "instance": copy.copy(nomination),
                "initial": {"version": self.batch.version}}

    @cached_property
    def task_forms(self):
        """One form per campaign task, its choices from ``task_choices`` (loaded once for every task)."""
        nomination = self.get_object()
        data = self.request.POST if self.request.method == "POST" else None
        existing = {row.task_id: row for row in nomination.task_results.prefetch_related("works", "achievements")}
        choices = task_choices(nomination)
        forms = []
        for task in self.campaign.tasks.order_by("number"):
            row = existing.get(task.pk)
            initial = {"text": row.text, "works": [work.pk for work in row.works.all()],
                       "achievements": [item.pk for item in row.achievements.all()]} if row else None
            works, achievements = choices.get(task.pk, ([], []))
            forms.append(TaskRowForm(data, prefix=f"task-{task.pk}", task=task, works=works,
                                     achievements=achievements, initial=initial))
        return forms

    def get_context_data(self, **kwargs):
        nomination = self.get_object()
        return super().get_context_data(
            task_forms=self.task_forms,
            campaign_template=nomination.award_form.report_template == ReportTemplate.CAMPAIGN, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        checked = [form.is_valid(), *(task_form.is_valid() for task_form in self.task_forms)]
        return self.form_valid(form) if all(checked) else self.form_invalid(form)

    def save(self, form):
        data = form.cleaned_data
        return services.update_report(
            self.get_object(), values={"situation": data["situation"], "summary": data["summary"]},
            task_rows=[task_form.row() for task_form in self.task_forms], by=self.request.user,
            expected_version=data["version"],
        )


class NominationFileUploadView(NominationMixin, ServiceFormMixin, FormView):
    permission_required = "awards.edit_batch"
    form_class = NominationFileForm
    template_name = "awards/nominations/file_upload.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nomination": self.get_object()}

    def get_initial(self):
        return {"document": self.request.GET.get("document") or None, "version": self.batch.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.get_object(), **kwargs)

    def save(self, form):
        data = form.cleaned_data
        self.stored = services.attach_nomination_files(self.get_object(), document=data["document"],
                                                       files=data["files"], by=self.request.user,
                                                       expected_version=data["version"])
        return self.get_object()

    def get_success_message(self):
        return _("Đã tải lên %(count)s tệp.") % {"count": len(self.stored)}


class NominationDetailView(NominationMixin, DetailView):
    """The report, the checklist of required documents, the checks, the screening result, the history."""

    permission_required = "awards.view_batch"
    template_name = "awards/nominations/nomination_detail.html"

    def get_queryset(self):
        return nomination_for_page(super().get_queryset())

    def get_context_data(self, **kwargs):
        nomination, user = self.object, self.request.user
        batch = nomination.batch
        perms = batch_perms(user, batch)
        checklist = eligibility.checklist(nomination)
        listed = {file.pk for __, files in checklist for file in files}
        others = [file for file in shown_files(nomination.files.all()) if file.pk not in listed]
        return super().get_context_data(
            can=perms, checklist=checklist, other_files=others, task_rows=nomination.task_results.all(),
            checks=list(nomination.checks.all()), overrides=eligibility.overrides_of(nomination),
            can_override=perms["override_check"], can_recheck=perms["edit_batch"] or perms["screen_batch"],
            gaps=services.report_gaps(nomination),
            history=nomination_history_page(nomination, self.request.GET.get(HISTORY_PAGE)), **kwargs,
        )


class NominationDeleteView(NominationMixin, BatchActionView, TemplateView):
    """GET asks for confirmation; POST removes the nominee from the batch (with the page's version)."""

    permission_required = "awards.edit_batch"
    template_name = "awards/nominations/nomination_delete.html"
    http_method_names = ["get", "post"]
    done = gettext_lazy("Đã xóa người được đề nghị khỏi tờ trình.")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.get_object()))

    def act(self, target, *, version, reason):
        services.delete_nomination(target, by=self.request.user, expected_version=version)


class NominationRecheckView(NominationMixin, BatchActionView):
    """POST only: reruns the nominee's checks through ``services.recheck_nomination`` (the unit while the batch is
    with it; the specialist screening it), then back to the page the button was on."""

    done = gettext_lazy("Đã kiểm tra lại các điều kiện.")

    def has_permission(self):
        batch, user = self.get_permission_object(), self.request.user
        return user.has_perm("awards.edit_batch", batch) or user.has_perm("awards.screen_batch", batch)

    def act(self, target, *, version, reason):
        services.recheck_nomination(target, by=self.request.user, expected_version=version)

    def get_success_url(self, target):
        return back_to(self.request, target.get_absolute_url())

    get_failure_url = get_success_url
