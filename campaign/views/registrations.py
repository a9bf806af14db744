"""A campaign's deadlines (staff), and a unit's registration (đăng ký thi đua): create, page, edit, submit, withdraw,
accept or return, signed scan."""

from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from ..forms.registrations import (
    DeadlinesForm,
    RegistrationEditForm,
    RegistrationForm,
    commitment_formset,
    initial_of,
)
from ..models import Commitment, Phase, Registration
from ..selectors.dashboard import phase_deadline
from ..selectors.registrations import (
    registration_detail,
    registration_history_page,
    registration_of,
)
from ..services import registrations as services
from . import pledge_base
from .common import StaffCampaignMixin
from .pledge_base import (
    HISTORY_PAGE,
    Action,
    EvidenceUploadView,
    FormsetFormMixin,
    PledgeActionView,
    PledgeObjectMixin,
    PledgeReturnView,
    ServiceFormMixin,
    UnitInCampaignMixin,
    review_buttons,
)


# --- Deadlines --------------------------------------------------------------------------------------------------------


class DeadlinesView(StaffCampaignMixin, ServiceFormMixin, FormView):
    """Staff set the deadlines of the campaign's phases and how early units are reminded; what a unit hands in after
    a deadline is marked late, not refused. The self-scoring deadline is shown with a link to the scoring table."""

    permission_required = "campaign.set_deadlines"
    form_class = DeadlinesForm
    template_name = "campaign/registrations/deadlines_form.html"

    def get_initial(self):
        names = ("registration_deadline", "pledge_deadline", "report_deadline", "nomination_deadline", "reminder_days")
        return {name: getattr(self.campaign, name) for name in names}

    def get_context_data(self, **kwargs):
        return super().get_context_data(scoring_deadline=phase_deadline(self.campaign, Phase.SCORING), **kwargs)

    def save(self, form):
        self.changed = services.set_deadlines(
            self.campaign, **form.deadlines(), by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return self.campaign

    def get_success_message(self):
        return _("Đã lưu thời hạn.") if self.changed else _("Không có gì thay đổi.")


# --- Registrations ----------------------------------------------------------------------------------------------------


class RegistrationMixin(PledgeObjectMixin):
    model = Registration
    pk_url_kwarg = "registration_pk"
    context_object_name = "registration"


class EditableOnlyMixin(pledge_base.EditableOnlyMixin):
    waiting = _("Đăng ký đang chờ xét: hãy rút lại trước khi sửa.")
    closed = _("Đăng ký đã được chấp nhận: không sửa được nữa.")


class RegistrationFormMixin(FormsetFormMixin):
    """The head's signature and the commitments formset, saved together by ``save(form)``."""

    template_name = "campaign/registrations/registration_form.html"
    form_class = RegistrationForm

    def get_formset(self, data):
        return commitment_formset(self.campaign, instance=self.registration_instance(), data=data)


class RegistrationCreateView(UnitInCampaignMixin, RegistrationFormMixin, FormView):
    """A unit's officer registers it; a unit that has registered already is taken to its registration."""

    permission_required = "campaign.edit_pledges"
    success_message = _("Đã lập đăng ký thi đua. Tải lên bản ký rồi gửi để được xét.")

    @cached_property
    def existing(self):
        return registration_of(self.campaign, self.unit)

    def get(self, request, *args, **kwargs):
        return redirect(self.existing) if self.existing else super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return redirect(self.existing) if self.existing else super().post(request, *args, **kwargs)

    def registration_instance(self):
        return Registration(campaign=self.campaign, unit=self.unit)

    def save(self, form):
        add, __, __ = self.formset.changes({})
        return services.create_registration(
            campaign=self.campaign, unit=self.unit, data=form.cleaned_data, commitments=add, by=self.request.user
        )


class RegistrationEditView(RegistrationMixin, EditableOnlyMixin, RegistrationFormMixin, FormView):
    permission_required = "campaign.edit_pledges"
    form_class = RegistrationEditForm

    def get_initial(self):
        return initial_of(self.get_object())

    def registration_instance(self):
        return self.get_object()

    def save(self, form):
        registration = self.get_object()
        existing = {commitment.pk: commitment for commitment in Commitment.objects.filter(registration=registration)}
        add, change, delete = self.formset.changes(existing)
        self.changed = services.edit_registration(
            registration, data=form.cleaned_data, add=add, change=change, delete=delete, by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return registration

    def get_success_message(self):
        return _("Đã lưu thay đổi.") if self.changed else _("Không có gì thay đổi.")


class RegistrationDetailView(RegistrationMixin, DetailView):
    permission_required = "campaign.view_pledges"
    template_name = "campaign/registrations/registration_detail.html"

    def base_queryset(self):
        return registration_detail(super().base_queryset().select_related("reviewed_by"))

    def get_context_data(self, **kwargs):
        registration = self.object
        return super().get_context_data(
            can=review_buttons(registration, self.request.user),
            evidence_items=registration.shown_evidence,
            history=registration_history_page(registration, self.request.GET.get(HISTORY_PAGE)),
            **kwargs,
        )


class RegistrationActionView(RegistrationMixin, PledgeActionView):
    actions = {
        "submit": Action(services.submit_registration, "campaign.edit_pledges", _("Đã gửi đăng ký thi đua để xét.")),
        "withdraw": Action(services.withdraw_registration, "campaign.edit_pledges", _("Đã rút lại đăng ký để sửa.")),
        "accept": Action(services.accept_registration, "campaign.review_pledges", _("Đã chấp nhận đăng ký thi đua.")),
    }


class RegistrationReturnView(RegistrationMixin, PledgeReturnView):
    service = services.return_registration
    done = _("Đã trả lại đăng ký cho đơn vị.")


class RegistrationEvidenceView(RegistrationMixin, EditableOnlyMixin, EvidenceUploadView):
    """The signed scan (and any other file) of a draft or returned registration."""

    permission_required = "campaign.edit_pledges"
