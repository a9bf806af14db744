"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""
from django.http import Http404
from django.views import View


class _Placeholder(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class PactDetailView(_Placeholder):
    pass

class PactEditView(_Placeholder):
    pass

class PactEvidenceView(_Placeholder):
    pass
