"""The province's decision after a council session: staff record it on the session's passed nominees, and cancel
it with a reason. The decision's own page is awards.views.register.DecisionDetailView."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import FormView

from campaign.views.pledge_base import ServiceFormMixin
from units.forms import ReasonForm
from units.views.base import ObjectActionView, PermissionMixin

from ..forms.decisions import DecisionForm
from ..selectors.register import decisions_visible_to
from ..selectors.scope import sessions_visible_to
from ..services.decisions import (
    cancel_decision_with_items,
    record_decision,
    undecided_items,
)


class DecisionCreateView(PermissionMixin, ServiceFormMixin, FormView):
    """Staff record a decision on some of a closed session's passed, undecided nominees (all ticked at first)."""

    permission_required = "awards.record_decision"
    form_class = DecisionForm
    template_name = "awards/decisions/decision_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.session = get_object_or_404(sessions_visible_to(request.user), pk=self.kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.session

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": undecided_items(self.session)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def save(self, form):
        self.decision = record_decision(self.session, items=list(form.cleaned_data["items"]), values=form.values(),
                                        by=self.request.user)
        return self.decision

    def get_success_message(self):
        return _("Đã ghi %(decision)s vào sổ khen thưởng.") % {"decision": self.decision}


class DecisionCancelView(ObjectActionView):
    """Staff cancel a decision with its reason: its awards leave the register, its nominees may be decided again."""

    permission_required = "awards.cancel_decision"
    form_class = ReasonForm
    template_name = "awards/decisions/decision_cancel.html"
    context_object_name = "decision"

    def get_queryset(self):
        return decisions_visible_to(self.request.user)

    def get_permission_object(self):
        return self.get_object()

    def act(self, form):
        decision = self.get_object()
        cancel_decision_with_items(decision, reason=form.cleaned_data["reason"], by=self.request.user)
        messages.success(self.request, _("Đã hủy %(decision)s.") % {"decision": decision})
        return decision
