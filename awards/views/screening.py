"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


BatchReceiveView = type("BatchReceiveView", (_Placeholder,), {})
BatchAssignView = type("BatchAssignView", (_Placeholder,), {})
BatchReturnView = type("BatchReturnView", (_Placeholder,), {})
BatchCompleteView = type("BatchCompleteView", (_Placeholder,), {})
BatchForwardView = type("BatchForwardView", (_Placeholder,), {})
NominationScreenView = type("NominationScreenView", (_Placeholder,), {})
CheckOverrideView = type("CheckOverrideView", (_Placeholder,), {})
ProposalCreateView = type("ProposalCreateView", (_Placeholder,), {})
ScreeningInboxView = type("ScreeningInboxView", (_Placeholder,), {})
