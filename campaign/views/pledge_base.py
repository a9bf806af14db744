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
from ..rules import UnitInCampaign
from ..selectors import campaigns_visible_to
from ..selectors.scope import followed_units, scoped
from ..services.evidence import attach_evidence


class CampaignMixin:
    """The campaign of the URL's ``pk``, among those the user may see."""

    @cached_property
    def campaign(self):
        return get_object_or_404(campaigns_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)


class PledgeObjectMixin(CampaignMixin, GuardedMixin, SingleObjectMixin):
    """One registration, work or achievement of the campaign, of a unit the user follows (else 404).

    Subclasses set ``model``, ``pk_url_kwarg`` and ``permission_required``, and may narrow ``base_queryset``.
    """

    def base_queryset(self):
        return self.model.objects.filter(campaign=self.campaign).select_related("campaign", "unit")

    def get_queryset(self):
        return scoped(self.base_queryset(), self.request.user, self.campaign)


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


class PledgeReturnView(PledgeObjectMixin, FormView):
    """Returns the object to its unit with a reason (``service(obj, by=, reason=)``); GET shows the form."""

    permission_required = "campaign.review_pledges"
    form_class = ReturnForm
    template_name = "campaign/return_form.html"
    service = None
    done = _("Đã trả lại cho đơn vị.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.get_object(), **kwargs)

    def form_valid(self, form):
        target = self.get_object()
        try:
            type(self).service(target, by=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.done)
        return redirect(target)


class EvidenceUploadView(FormView):
    """Adds evidence files to ``evidence_owner()``; a refused file is named beside the field on this page, and
    nothing of that upload is kept. Mix in the owner's lookup and permission before this class."""

    form_class = EvidenceUploadForm
    template_name = "campaign/evidence_upload.html"

    def evidence_owner(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.evidence_owner(), **kwargs)

    def form_valid(self, form):
        owner = self.evidence_owner()
        try:
            rows = attach_evidence(
                owner, files=form.cleaned_data["files"], by=self.request.user, caption=form.cleaned_data["caption"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã tải lên %(count)s tệp minh chứng.") % {"count": len(rows)})
        return redirect(owner)
