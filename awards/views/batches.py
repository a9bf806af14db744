"""A unit's nomination batches (tờ trình đề nghị khen thưởng) in a campaign: the list, a new batch, its page with
nominees and route, the letter's fields, its files, submission and withdrawal. The nominee screens are in
``views.nominations`` (named here for the URL map)."""

import copy

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from campaign.services.common import OPEN_FOR_UNITS
from units.models import Unit
from units.rules import is_officer, officer_unit_ids
from units.views.base import LenientPaginationMixin, PermissionMixin

from ..forms.nominations import ActionForm, BatchCreateForm, BatchFileForm, BatchFilter, BatchForm
from ..models import BatchDocumentRole, BatchStatus
from ..selectors.nominations import (
    batch_for_page,
    batch_history_page,
    batch_list,
    batch_nominees,
    group_nominees,
    held_since,
    holder_text,
    shown_files,
    units_to_propose,
)
from ..services import eligibility
from ..services import nominations as services
from .nomination_base import (
    HISTORY_PAGE,
    BatchActionView,
    BatchMixin,
    CampaignMixin,
    ServiceFormMixin,
    batch_perms,
)
from .nominations import (  # noqa: F401  (the URL map names them here)
    NominationCreateView,
    NominationDeleteView,
    NominationDetailView,
    NominationEditView,
    NominationFileUploadView,
    NominationRecheckView,
)


class BatchListView(CampaignMixin, PermissionMixin, LenientPaginationMixin, FilterView):
    """The campaign's batches the user may see: staff what was submitted (a specialist what is assigned to them or
    their board), officers their units'."""

    permission_required = "awards.view_batches"
    filterset_class = BatchFilter
    template_name = "awards/nominations/batch_list.html"
    context_object_name = "batches"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return batch_list(self.request.user, self.campaign).select_related("campaign")

    def get_filterset_kwargs(self, filterset_class):
        user = self.request.user
        if is_officer(user):
            units = Unit.objects.filter(id__in=officer_unit_ids(user))
        else:
            units = Unit.objects.filter(id__in=self.get_queryset().values("unit_id"))
        return {**super().get_filterset_kwargs(filterset_class), "campaign": self.campaign, "user": user,
                "units": units.order_by("name_sort", "id")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for batch in context["batches"]:
            batch.holder_text, batch.held_from = holder_text(batch), held_since(batch)
        context["may_create"] = self.request.user.has_perm("awards.create_batch")
        return context


class BatchCreateView(CampaignMixin, PermissionMixin, ServiceFormMixin, FormView):
    """A new draft batch for one of the officer's units that take part in the campaign; with none, the page
    explains why."""

    permission_required = "awards.create_batch"
    form_class = BatchCreateForm
    template_name = "awards/nominations/batch_create.html"
    success_message = gettext_lazy("Đã tạo tờ trình (đang soạn). Hãy điền số, ngày tờ trình và thêm người được "
                                   "đề nghị.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": units_to_propose(self.request.user, self.campaign)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = list(context["form"].fields["unit"].queryset)
        context["campaign_open"] = self.campaign.status in OPEN_FOR_UNITS
        return context

    def save(self, form):
        return services.create_batch(campaign=self.campaign, unit=form.cleaned_data["unit"], by=self.request.user)


class BatchDetailView(BatchMixin, DetailView):
    permission_required = "awards.view_batch"
    template_name = "awards/nominations/batch_detail.html"

    def get_queryset(self):
        return batch_for_page(super().get_queryset())

    def get_context_data(self, **kwargs):
        batch, user = self.object, self.request.user
        perms = batch_perms(user, batch)
        files = shown_files(batch.batch_files)
        return super().get_context_data(
            holder=holder_text(batch), held_from=held_since(batch), can=perms,
            groups=group_nominees(batch_nominees(batch), eligibility.verdict),
            letters=[file for file in files if file.batch_role == BatchDocumentRole.LETTER],
            minutes=[file for file in files if file.batch_role == BatchDocumentRole.MINUTES],
            route=batch.route, is_returned=batch.status == BatchStatus.RETURNED,
            action_form=ActionForm(initial={"version": batch.version}),
            history=batch_history_page(batch, self.request.GET.get(HISTORY_PAGE)), **kwargs,
        )


class BatchEditView(BatchMixin, ServiceFormMixin, FormView):
    """The letter's number, date, signer, position and summary, while the batch is with the unit."""

    permission_required = "awards.edit_batch"
    form_class = BatchForm
    template_name = "awards/nominations/batch_form.html"
    success_message = gettext_lazy("Đã lưu thông tin tờ trình.")

    def get_form_kwargs(self):
        batch = self.batch
        # A copy: a valid ModelForm writes its values into its instance, and the service must see what changed.
        return {**super().get_form_kwargs(), "instance": copy.copy(batch), "initial": {"version": batch.version}}

    def save(self, form):
        data = form.cleaned_data
        return services.update_batch(self.batch, values={name: data[name] for name in services.BATCH_FIELDS},
                                     by=self.request.user, expected_version=data["version"])


class BatchFileUploadView(BatchMixin, ServiceFormMixin, FormView):
    """The signed letter or the minutes of the unit's review, content-checked; a refused file is named beside the
    field, and nothing of that upload is kept."""

    permission_required = "awards.edit_batch"
    form_class = BatchFileForm
    template_name = "awards/nominations/file_upload.html"

    def get_initial(self):
        return {"role": self.request.GET.get("role") or BatchDocumentRole.LETTER, "version": self.batch.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.batch, **kwargs)

    def save(self, form):
        data = form.cleaned_data
        self.stored = services.attach_batch_file(self.batch, role=data["role"], files=data["files"],
                                                 by=self.request.user, expected_version=data["version"])
        return self.batch

    def get_success_message(self):
        return _("Đã tải lên %(count)s tệp.") % {"count": len(self.stored)}


class BatchSubmitView(BatchMixin, BatchActionView):
    permission_required = "awards.submit_batch"
    done = gettext_lazy("Đã gửi tờ trình đến Ban Thi đua – Khen thưởng.")

    def act(self, target, *, version, reason):
        services.submit_batch(target, by=self.request.user, expected_version=version)


class BatchWithdrawView(BatchMixin, BatchActionView):
    permission_required = "awards.withdraw_batch"

    def act(self, target, *, version, reason):
        services.withdraw_batch(target, by=self.request.user, expected_version=version, reason=reason)

    def get_done_message(self, target):
        if target.status == BatchStatus.RETURNED:
            return _("Đã rút tờ trình về đơn vị (bị trả lại, chờ sửa và gửi lại).")
        return _("Đã rút tờ trình về đơn vị (đang soạn).")
