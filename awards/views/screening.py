"""Sở Nội vụ's screening screens: the inbox of batches, receiving, assigning, marking each nominee, completing,
forwarding or returning a batch, overriding a failed check, and the province's proposal upward.

A batch or nominee is looked up among those the user sees (``batches_visible_to``: another unit's, or a batch not
assigned to a specialist, answers 404), then the rule is checked against it (403). A page posted over a batch that
changed meanwhile goes back to the batch with the message that names who changed it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from campaign.views.common import CampaignMixin
from units.views.base import GuardedListView, ObjectActionView, PermissionMixin, PostActionView

from ..forms.screening import AssignForm, ForwardForm, InboxFilter, OverrideForm, ProposalForm, ReturnForm, ScreenForm
from ..models import BatchKind, BatchStatus, NominationBatch
from ..selectors import screening as selectors
from ..selectors.nominations import holder_text
from ..services import eligibility
from ..services import screening as services
from ..services.route import guard_version
from .nomination_base import BatchMixin, NominationMixin

PAGE_SIZE = 50


# --- The inbox -----------------------------------------------------------------------------------------------------


BOX_LABELS = {
    selectors.BOX_WAITING: gettext_lazy("Chờ tiếp nhận"),
    selectors.BOX_MINE: gettext_lazy("Tôi đang giữ"),
    selectors.BOX_HEAD: gettext_lazy("Chờ lãnh đạo Ban"),
    selectors.BOX_BOARD: gettext_lazy("Giao cho bộ phận của tôi"),
    selectors.BOX_ALL: gettext_lazy("Tất cả"),
}


class ScreeningInboxView(GuardedListView):
    """Staff's inbox of batches of all campaigns, by box (tabs) and filters; longest held first."""

    permission_required = "awards.view_screening"
    filterset_class = InboxFilter
    template_name = "awards/screening/inbox.html"
    paginate_by = PAGE_SIZE

    @cached_property
    def box(self):
        box = self.request.GET.get("box")
        if box in selectors.BOXES:
            return box
        # The filter form does not carry the box: a filtered list searches every batch.
        if any(self.request.GET.get(name) for name in InboxFilter.Meta.fields):
            return selectors.BOX_ALL
        return selectors.default_box(self.request.user)

    def get_queryset(self):
        return selectors.inbox(self.request.user, self.box)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = selectors.inbox_counts(self.request.user)
        context["boxes"] = [(box, BOX_LABELS[box], counts[box]) for box in selectors.BOXES]
        context["box"] = self.box
        now = timezone.now()
        for batch in context["object_list"]:
            batch.held_for = selectors.held_for(batch.held_since, now)
            batch.holder_text = holder_text(batch)
        return context


# --- One batch -----------------------------------------------------------------------------------------------------


class StaleAwareMixin:
    """A staff page posted over a batch that moved on meanwhile goes back to the batch with the message that names
    who moved it, rather than a bare 403 (the rules read the new state). ``batch`` is the batch concerned."""

    def handle_no_permission(self):
        request = self.request
        if request.method == "POST" and request.user.is_authenticated and request.user.is_portal_staff:
            batch = self.batch
            try:
                guard_version(batch, request.POST.get("version") or None)
            except (ValidationError, ValueError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return redirect(batch)
        return super().handle_no_permission()


class ScreeningBatchMixin(StaleAwareMixin, BatchMixin):
    """The batch of the URL among those the user sees (404 otherwise), then the rule (403)."""


class BatchPostView(ScreeningBatchMixin, PostActionView):
    """A button posting the batch version: ``service(batch, by=, expected_version=)``."""

    model = NominationBatch
    done = ""

    def act(self, batch):
        try:
            version = int(self.request.POST.get("version", ""))
        except ValueError:
            raise ValidationError(_("Trang đã cũ: hãy tải lại trang rồi thao tác lại.")) from None
        type(self).service(batch, by=self.request.user, expected_version=version)

    def get_success_message(self, batch):
        return self.done


class BatchReceiveView(BatchPostView):
    permission_required = "awards.receive_batch"
    service = staticmethod(services.receive_batch)
    done = gettext_lazy("Đã tiếp nhận tờ trình; tờ trình do bạn giữ cho đến khi phân công thẩm định.")


class BatchCompleteView(BatchPostView):
    permission_required = "awards.screen_batch"
    service = staticmethod(services.complete_screening)
    done = gettext_lazy("Đã hoàn thành thẩm định; tờ trình chờ lãnh đạo Ban xem xét.")


class BatchFormView(ScreeningBatchMixin, ObjectActionView):
    """A form about one batch that carries its version (shown when the page was loaded)."""

    model = NominationBatch

    def get_initial(self):
        return {"version": self.batch.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(holder=holder_text(self.batch), **kwargs)

    def get_success_url(self, result=None):
        return self.batch.get_absolute_url()


class BatchAssignView(BatchFormView):
    permission_required = "awards.assign_batch"
    form_class = AssignForm
    template_name = "awards/screening/assign_form.html"

    def act(self, form):
        data = form.cleaned_data
        step = services.assign_batch(self.batch, to=data["to"], board=data["board"], by=self.request.user,
                                     expected_version=data["version"], note=data["note"])
        messages.success(self.request, _("Đã phân công thẩm định cho %(whom)s.") % {
            "whom": data["to"] or data["board"]})
        return step


RETURN_TITLES = {
    BatchStatus.RETURNED: gettext_lazy("Trả lại đơn vị"),
    BatchStatus.RECEIVED: gettext_lazy("Trả lại văn thư tiếp nhận"),
    BatchStatus.ASSIGNED: gettext_lazy("Trả lại chuyên viên thẩm định"),
}


class BatchReturnView(BatchFormView):
    permission_required = "awards.return_batch"
    form_class = ReturnForm
    template_name = "awards/screening/return_form.html"

    def get_context_data(self, **kwargs):
        target = services.return_target(self.batch)
        return super().get_context_data(title=RETURN_TITLES.get(target, _("Trả lại")), **kwargs)

    def act(self, form):
        batch = self.batch
        step = services.return_batch(batch, reason=form.cleaned_data["reason"], by=self.request.user,
                                     expected_version=form.cleaned_data["version"])
        holder = step.to_holder
        messages.success(self.request, _("Đã trả lại tờ trình (%(where)s)%(whom)s.") % {
            "where": RETURN_TITLES[step.to_status].lower(), "whom": f": {holder}" if holder else ""})
        return step


class BatchForwardView(BatchFormView):
    """GET: who goes forward to the council and who is rejected; POST forwards (the province's proposal goes
    straight to the council)."""

    permission_required = "awards.forward_batch"
    form_class = ForwardForm
    template_name = "awards/screening/forward_confirm.html"

    def get_context_data(self, **kwargs):
        forwarded, rejected = selectors.forward_split(self.batch)
        return super().get_context_data(forwarded=forwarded, rejected=rejected, **kwargs)

    def act(self, form):
        batch = self.batch
        data = form.cleaned_data
        if batch.kind == BatchKind.PROVINCE:
            step = services.forward_proposal(batch, by=self.request.user, expected_version=data["version"])
        else:
            step = services.forward_batch(batch, by=self.request.user, expected_version=data["version"],
                                          note=data["note"])
        messages.success(self.request, _("Đã chuyển tờ trình đến Hội đồng Thi đua – Khen thưởng."))
        return step


# --- One nominee ---------------------------------------------------------------------------------------------------


class ScreeningNominationMixin(StaleAwareMixin, NominationMixin):
    """A nominee of a batch the user sees, with its checks as last stored: a page never reruns them (the recheck
    button and the screening services do, with the batch locked)."""

    def get_initial(self):
        return {"version": self.batch.version}

    @cached_property
    def checks(self):
        return list(self.get_object().checks.all())

    @cached_property
    def overrides(self):
        return eligibility.overrides_of(self.get_object())

    def get_context_data(self, **kwargs):
        user, batch = self.request.user, self.batch
        return super().get_context_data(
            checks=self.checks, overrides=self.overrides, can_override=user.has_perm("awards.override_check", batch),
            can_recheck=user.has_perm("awards.screen_batch", batch), **kwargs)


class NominationScreenView(ScreeningNominationMixin, ObjectActionView):
    """The specialist marks one nominee as meeting the conditions or not, seeing its checks."""

    permission_required = "awards.screen_batch"
    form_class = ScreenForm
    template_name = "awards/screening/nomination_screen.html"

    def get_initial(self):
        nomination = self.get_object()
        initial = super().get_initial()
        if nomination.status in services.MARKS:
            initial.update(verdict=nomination.status, reason=nomination.screening_reason)
        return initial

    def act(self, form):
        data = form.cleaned_data
        nomination = services.screen_nomination(self.get_object(), verdict=data["verdict"], reason=data["reason"],
                                                by=self.request.user, expected_version=data["version"])
        messages.success(self.request, _("Đã ghi kết quả thẩm định của %(nominee)s: %(verdict)s.") % {
            "nominee": nomination.recipient, "verdict": nomination.get_status_display()})
        return nomination

    def get_success_url(self, result=None):
        return self.batch.get_absolute_url()


class CheckOverrideView(ScreeningNominationMixin, ObjectActionView):
    """Staff pass a failed, non-blocking check anyway, with a reason (``?code=`` picks the check)."""

    permission_required = "awards.override_check"
    form_class = OverrideForm
    template_name = "awards/screening/override_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "checks": selectors.overridable(self.checks, self.overrides)}

    def get_initial(self):
        return {**super().get_initial(), "code": self.request.GET.get("code", "")}

    def get_context_data(self, **kwargs):
        code = self.request.GET.get("code") or self.request.POST.get("code")
        chosen = next((check for check in self.checks if check.code == code), None)
        return super().get_context_data(chosen=chosen, **kwargs)

    def act(self, form):
        data = form.cleaned_data
        override = services.override_nomination_check(self.get_object(), code=data["code"], reason=data["reason"],
                                                      by=self.request.user, expected_version=data["version"])
        messages.success(self.request, _("Đã bỏ qua kết quả kiểm tra, lý do đã được lưu."))
        return override

    def get_success_url(self, result=None):
        nomination = self.get_object()
        return reverse("awards:nomination_screen", kwargs={"pk": self.kwargs["pk"], "nomination_pk": nomination.pk})


# --- The province's proposal ---------------------------------------------------------------------------------------


class ProposalCreateView(PermissionMixin, CampaignMixin, FormView):
    """Staff pick forwarded nominees of forms decided above the province, from the campaign's batches, for the
    province's own proposal."""

    permission_required = "awards.create_proposal"
    form_class = ProposalForm
    template_name = "awards/screening/proposal_form.html"

    @cached_property
    def candidates(self):
        return services.consolidable(self.campaign).select_related(
            "batch__unit", "award_form", "unit", "person__unit", "household__unit"
        ).order_by("award_form__order", "recipient_search", "pk")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominations": self.candidates}

    def get_context_data(self, **kwargs):
        return super().get_context_data(candidates=self.candidates, **kwargs)

    def form_valid(self, form):
        try:
            batch = services.create_proposal(campaign=self.campaign, nominations=form.cleaned_data["nominations"],
                                             by=self.request.user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lập tờ trình của tỉnh với %(count)s người được đề nghị.") % {
            "count": batch.nominations.count()})
        return redirect(batch)
