"""What the screens of registrations, pacts, works, reports and achievements share.

The campaign comes from the URL among those the user may see (a draft is 404 for all but staff); the object comes
from a queryset scoped to the units the user follows (``selectors.scope``), so another unit's object answers 404;
then the view's permission is checked against the object (403).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from django.views.generic.detail import SingleObjectMixin

from units.forms import ReasonForm
from units.views.base import GuardedMixin, PermissionMixin

from ..evidence_files import EvidenceUploadForm
from ..models import ReviewStatus
from ..rules import UnitInCampaign
from ..selectors.scope import followed_units, scoped
from ..services.evidence import attach_evidence
from .common import CampaignMixin

# The history table is the only pagination on an object's page: it pages with includes/pagination.html's ``page``.
HISTORY_PAGE = "page"


class PledgeObjectMixin(CampaignMixin, GuardedMixin, SingleObjectMixin):
    """One registration, work or achievement of the campaign, of a unit the user follows (else 404); its ``unit``
    goes to the template (the breadcrumbs lead to the unit's page).

    Subclasses set ``model``, ``pk_url_kwarg`` and ``permission_required``, and may narrow ``base_queryset``.
    """

    def base_queryset(self):
        return self.model.objects.filter(campaign=self.campaign).select_related("campaign", "unit")

    def get_queryset(self):
        return scoped(self.base_queryset(), self.request.user, self.campaign)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.get_object().unit, **kwargs)


class UnitInCampaignMixin(CampaignMixin, PermissionMixin):
    """A participating unit of the campaign that the user follows (else 404), from the URL's ``unit_pk``; the
    permission is checked against ``UnitInCampaign(campaign, unit)``."""

    @cached_property
    def unit(self):
        return get_object_or_404(followed_units(self.request.user, self.campaign), pk=self.kwargs["unit_pk"])

    def get_permission_object(self):
        return UnitInCampaign(self.campaign, self.unit)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)


class OnlyInStatesMixin:
    """GET and POST only while ``state_holder()`` is in ``states``; otherwise back to its page with
    ``refused_message`` as a warning. It runs after the permission check, so others still get their 404 or 403;
    the services guard anyway: this spares the person a form they cannot save."""

    states = ()
    refused = ""

    def state_holder(self):
        return self.get_object()

    def refused_message(self, holder):
        return self.refused

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        holder = self.state_holder()
        if holder.status in self.states:
            return None
        messages.warning(self.request, self.refused_message(holder))
        return redirect(holder)


class EditableOnlyMixin(OnlyInStatesMixin):
    """A page that changes what a unit hands in opens only while the unit may change it (a draft, or returned);
    otherwise the person reads ``waiting`` (it waits for review: withdraw it first) or ``closed`` (reviewed)."""

    states = ReviewStatus.editable()
    pending_states = ReviewStatus.pending()
    waiting = closed = ""

    def refused_message(self, holder):
        return self.waiting if holder.status in self.pending_states else self.closed


def add_service_error(form, error):
    """A service's refusal beside the field it names when the form has that field, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ServiceFormMixin:
    """A form (of a ``FormView``) saved by ``save(form)``, which calls a service and returns what to show next; the
    service's refusal lands beside the field it names, or above the form, and nothing is saved."""

    success_message = ""

    def save(self, form):
        raise NotImplementedError

    def get_success_message(self):
        return self.success_message

    def form_valid(self, form):
        try:
            saved = self.save(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return redirect(saved)


class FormsetFormMixin(ServiceFormMixin):
    """A form and an inline formset beside it (``get_formset(data)``), saved together by ``save(form)`` (the formset
    is ``self.formset``). Both are checked on every submit, so every mistake shows at once."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.formset)
        return super().get_context_data(**kwargs)

    @cached_property
    def formset(self):
        return self.get_formset(self.request.POST if self.request.method == "POST" else None)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        checked = [form.is_valid(), self.formset.is_valid()]  # a list, not ``and``: both show their errors
        return self.form_valid(form) if all(checked) else self.form_invalid(form)


def review_buttons(obj, user):
    """What the user may press on the page of a registration or an achievement (``obj``) in its current state; the
    page shows only these buttons (the services guard anyway). ``files``: add and remove evidence."""
    edits = user.has_perm("campaign.edit_pledges", obj)
    editable, pending = obj.status in ReviewStatus.editable(), obj.status in ReviewStatus.pending()
    reviews = pending and user.has_perm("campaign.review_pledges", obj)
    return {
        "edit": edits and editable,
        "submit": edits and editable,
        "withdraw": edits and pending,
        "accept": reviews,
        "return": reviews,
        "files": user.has_perm("campaign.add_evidence", obj),
    }


@dataclass(frozen=True)
class Action:
    """A button on an object's page: the service it calls as ``service(obj, by=user)``, who may press it, and what
    the person reads after."""

    service: object
    permission: str
    done: str


class PledgeActionView(PledgeObjectMixin, View):
    """POST only: ``actions[<action of the URL>]`` on the object (the buttons confirm in the browser first)."""

    http_method_names = ["post"]
    actions: dict = {}

    @cached_property
    def action(self):
        action = self.actions.get(self.kwargs["action"])
        if action is None:
            raise Http404
        return action

    def get_permission_required(self):
        return (self.action.permission,)

    def post(self, request, *args, **kwargs):
        target = self.get_object()
        try:
            self.action.service(target, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.action.done)
        return redirect(target)


class ReturnForm(ReasonForm):
    """Why it goes back to the unit: the unit reads it, the history keeps it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Lý do trả lại")
        self.fields["reason"].help_text = _("Đơn vị sẽ đọc lý do này để sửa và gửi lại.")


class PledgeReturnView(PledgeObjectMixin, ServiceFormMixin, FormView):
    """Returns the object to its unit with a reason (``service(obj, by=, reason=)``); GET shows the form."""

    permission_required = "campaign.review_pledges"
    form_class = ReturnForm
    template_name = "campaign/return_form.html"
    service = None
    done = _("Đã trả lại cho đơn vị.")

    def get_success_message(self):
        return self.done

    def save(self, form):
        target = self.get_object()
        type(self).service(target, by=self.request.user, reason=form.cleaned_data["reason"])
        return target


class EvidenceUploadView(ServiceFormMixin, FormView):
    """Adds evidence files to ``evidence_owner()``; a refused file is named beside the field on this page, and
    nothing of that upload is kept. Mix in the owner's lookup and permission before this class."""

    form_class = EvidenceUploadForm
    template_name = "campaign/evidence_upload.html"

    def evidence_owner(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.evidence_owner(), **kwargs)

    def save(self, form):
        owner = self.evidence_owner()
        data = form.cleaned_data
        self.uploaded = attach_evidence(owner, files=data["files"], by=self.request.user, caption=data["caption"])
        return owner

    def get_success_message(self):
        return _("Đã tải lên %(count)s tệp minh chứng.") % {"count": len(self.uploaded)}
