"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


RegisterLookupView = type("RegisterLookupView", (_Placeholder,), {})
RegisterExportView = type("RegisterExportView", (_Placeholder,), {})
RegisterImportView = type("RegisterImportView", (_Placeholder,), {})
RegisterImportTemplateView = type("RegisterImportTemplateView", (_Placeholder,), {})
RegisterImportConfirmView = type("RegisterImportConfirmView", (_Placeholder,), {})
RecordCreateView = type("RecordCreateView", (_Placeholder,), {})
RecordDetailView = type("RecordDetailView", (_Placeholder,), {})
UnitDecisionCreateView = type("UnitDecisionCreateView", (_Placeholder,), {})
DecisionDetailView = type("DecisionDetailView", (_Placeholder,), {})
