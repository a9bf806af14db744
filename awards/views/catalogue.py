"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


CatalogueView = type("CatalogueView", (_Placeholder,), {})
FormDetailView = type("FormDetailView", (_Placeholder,), {})
FormEditView = type("FormEditView", (_Placeholder,), {})
FormDocumentsView = type("FormDocumentsView", (_Placeholder,), {})
FormRulesView = type("FormRulesView", (_Placeholder,), {})
FormHistoryView = type("FormHistoryView", (_Placeholder,), {})
