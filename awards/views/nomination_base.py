"""What the screens of a unit's batches, nominees and attachments share.

The campaign comes from the URL among those the user may see; the batch or nominee from a queryset scoped by
``selectors.scope.batches_visible_to`` (another unit's answers 404); then the view's permission is checked against
the batch (403). Forms that act carry the batch's ``version``; a service's refusal shows beside its field or above
the form, and nothing of it is saved.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from campaign.views.common import CampaignMixin  # noqa: F401
from campaign.views.pledge_base import ServiceFormMixin, add_service_error  # noqa: F401
from units.views.base import GuardedMixin

from ..forms.nominations import ActionForm
from ..selectors.nominations import nominations_for_pages
from ..selectors.scope import batches_visible_to

HISTORY_PAGE = "page"
STALE_PAGE = _("Trang đã cũ hoặc thiếu thông tin phiên bản: hãy tải lại trang rồi thao tác lại.")


class BatchMixin(CampaignMixin, GuardedMixin, SingleObjectMixin):
    """A batch of the campaign the user may see (else 404); permissions are checked against it."""

    pk_url_kwarg = "batch_pk"
    context_object_name = "batch"

    def get_queryset(self):
        return batches_visible_to(self.request.user, self.campaign)

    @property
    def batch(self):
        return self.get_object()


class NominationMixin(CampaignMixin, GuardedMixin, SingleObjectMixin):
    """A nominee of a batch the user may see (else 404); permissions are checked against its batch."""

    pk_url_kwarg = "nomination_pk"
    context_object_name = "nomination"

    def get_queryset(self):
        return nominations_for_pages(self.request.user, self.campaign)

    def get_permission_object(self):
        return self.get_object().batch

    @property
    def batch(self):
        return self.get_object().batch

    def get_context_data(self, **kwargs):
        return super().get_context_data(batch=self.batch, **kwargs)


class BatchActionView(View):
    """POST only: ``act(target, version, reason)`` through a service, with the version the page carried; the person
    reads what happened on the page ``get_success_url`` names (a refusal: ``get_failure_url``). Mix in the object's
    lookup first."""

    http_method_names = ["post"]
    done = ""

    def act(self, target, *, version, reason):
        raise NotImplementedError

    def get_success_url(self, target):
        return self.batch.get_absolute_url()

    def get_failure_url(self, target):
        return target.get_absolute_url()

    def get_done_message(self, target):
        return self.done

    def post(self, request, *args, **kwargs):
        target = self.get_object()
        form = ActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, STALE_PAGE)
            return redirect(self.get_failure_url(target))
        try:
            self.act(target, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.get_failure_url(target))
        messages.success(request, self.get_done_message(target))
        return redirect(self.get_success_url(target))


def back_to(request, default):
    """The page a button came from (its ``next`` field, a path of this site), else ``default``."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def batch_perms(user, batch):
    """Every batch permission of the user on ``batch``, by its short name (``edit_batch``, ``receive_batch``…)."""
    names = ("view_batch", "edit_batch", "submit_batch", "withdraw_batch", "receive_batch", "assign_batch",
             "screen_batch", "forward_batch", "return_batch", "override_check")
    return {name: user.has_perm(f"awards.{name}", batch) for name in names}
