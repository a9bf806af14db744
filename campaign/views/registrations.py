"""A campaign's deadlines (staff), and a unit's registration (đăng ký thi đua): create, page, edit, submit, withdraw,
accept or return, signed scan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView

from ..forms.registrations import (
    DeadlinesForm,
    RegistrationEditForm,
    RegistrationForm,
    commitment_formset,
    initial_of,
)
from ..models import Commitment, Registration, ReviewStatus
from ..selectors.registrations import registration_detail, registration_history_page, registration_of
from ..services import registrations as services
from .common import StaffCampaignMixin
from .pledge_base import (
    Action,
    EvidenceUploadView,
    PledgeActionView,
    PledgeObjectMixin,
    PledgeReturnView,
    UnitInCampaignMixin,
)

S = ReviewStatus


def add_service_error(form, error):
    """A service's refusal beside the field it names when the form has that field, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- Deadlines --------------------------------------------------------------------------------------------------------


class DeadlinesView(StaffCampaignMixin, FormView):
    """Staff set the campaign's deadlines; a registration, pledge or report after one is marked late, not refused."""

    permission_required = "campaign.set_deadlines"
    form_class = DeadlinesForm
    template_name = "campaign/registrations/deadlines_form.html"

    def get_initial(self):
        names = ("registration_deadline", "pledge_deadline", "report_deadline")
        return {name: getattr(self.campaign, name) for name in names}

    def form_valid(self, form):
        try:
            changed = services.set_deadlines(
                self.campaign, **form.deadlines(), by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu thời hạn.") if changed else _("Không có gì thay đổi."))
        return redirect(self.campaign)


# --- Registrations ----------------------------------------------------------------------------------------------------


class RegistrationMixin(PledgeObjectMixin):
    model = Registration
    pk_url_kwarg = "registration_pk"
    context_object_name = "registration"


class EditableOnlyMixin:
    """GET and POST of a page that changes the registration: only while it is a draft or returned (after the
    permission check, so others still get their 404 or 403)."""

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        registration = self.get_object()
        if registration.status in S.editable():
            return None
        if registration.status in S.pending():
            messages.warning(self.request, _("Đăng ký đang chờ xét: hãy rút lại trước khi sửa."))
        else:
            messages.warning(self.request, _("Đăng ký đã được chấp nhận: không sửa được nữa."))
        return redirect(registration)


class RegistrationFormMixin:
    """The head's signature and the commitments formset, saved together by ``save(form, formset)``."""

    template_name = "campaign/registrations/registration_form.html"
    form_class = RegistrationForm

    def get_forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        form = self.form_class(data, initial=self.form_initial())
        return form, commitment_formset(self.campaign, instance=self.registration_instance(), data=data)

    def get(self, request, *args, **kwargs):
        return self.show(*self.get_forms())

    def post(self, request, *args, **kwargs):
        form, formset = self.get_forms()
        form_valid = form.is_valid()
        if formset.is_valid() and form_valid:
            try:
                registration = self.save(form, formset)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return redirect(registration)
        return self.show(form, formset)

    def show(self, form, formset):
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class RegistrationCreateView(UnitInCampaignMixin, RegistrationFormMixin, TemplateView):
    """A unit's officer registers it; a unit that has registered already is taken to its registration."""

    permission_required = "campaign.edit_pledges"

    @cached_property
    def existing(self):
        return registration_of(self.campaign, self.unit)

    def get(self, request, *args, **kwargs):
        return redirect(self.existing) if self.existing else super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return redirect(self.existing) if self.existing else super().post(request, *args, **kwargs)

    def form_initial(self):
        return {}

    def registration_instance(self):
        return Registration(campaign=self.campaign, unit=self.unit)

    def save(self, form, formset):
        add, __, __ = formset.changes({})
        registration = services.create_registration(
            campaign=self.campaign, unit=self.unit, data=form.cleaned_data, commitments=add, by=self.request.user
        )
        messages.success(self.request, _("Đã lập đăng ký thi đua. Tải lên bản ký rồi gửi để được xét."))
        return registration


class RegistrationEditView(RegistrationMixin, EditableOnlyMixin, RegistrationFormMixin, TemplateView):
    permission_required = "campaign.edit_pledges"
    form_class = RegistrationEditForm

    def form_initial(self):
        return initial_of(self.get_object())

    def registration_instance(self):
        return self.get_object()

    def save(self, form, formset):
        registration = self.get_object()
        existing = {commitment.pk: commitment for commitment in Commitment.objects.filter(registration=registration)}
        add, change, delete = formset.changes(existing)
        changed = services.edit_registration(
            registration, data=form.cleaned_data, add=add, change=change, delete=delete, by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("Đã lưu thay đổi.") if changed else _("Không có gì thay đổi."))
        return registration


class RegistrationDetailView(RegistrationMixin, DetailView):
    permission_required = "campaign.view_pledges"
    template_name = "campaign/registrations/registration_detail.html"

    def base_queryset(self):
        return registration_detail(super().base_queryset().select_related("reviewed_by"))

    def get_context_data(self, **kwargs):
        registration, user = self.object, self.request.user
        may_edit = user.has_perm("campaign.edit_pledges", registration)
        may_review = user.has_perm("campaign.review_pledges", registration)
        editable = may_edit and registration.status in S.editable()
        page = registration_history_page(registration, self.request.GET.get("page"))
        return super().get_context_data(
            editable=editable,
            withdrawable=may_edit and registration.status in S.pending(),
            reviewable=may_review and registration.status in S.pending(),
            evidence_items=registration.shown_evidence,
            page_obj=page,
            records=page.object_list,
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
