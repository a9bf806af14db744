"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


BatchListView = type("BatchListView", (_Placeholder,), {})
BatchCreateView = type("BatchCreateView", (_Placeholder,), {})
BatchDetailView = type("BatchDetailView", (_Placeholder,), {})
BatchEditView = type("BatchEditView", (_Placeholder,), {})
BatchFileUploadView = type("BatchFileUploadView", (_Placeholder,), {})
BatchSubmitView = type("BatchSubmitView", (_Placeholder,), {})
BatchWithdrawView = type("BatchWithdrawView", (_Placeholder,), {})
NominationCreateView = type("NominationCreateView", (_Placeholder,), {})
NominationDetailView = type("NominationDetailView", (_Placeholder,), {})
NominationEditView = type("NominationEditView", (_Placeholder,), {})
NominationFileUploadView = type("NominationFileUploadView", (_Placeholder,), {})
NominationDeleteView = type("NominationDeleteView", (_Placeholder,), {})
NominationRecheckView = type("NominationRecheckView", (_Placeholder,), {})
