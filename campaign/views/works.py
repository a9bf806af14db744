"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""
from django.http import Http404
from django.views import View


class _Placeholder(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ReportCreateView(_Placeholder):
    pass

class ReportEditView(_Placeholder):
    pass

class ReportEvidenceView(_Placeholder):
    pass

class WorkActionView(_Placeholder):
    pass

class WorkCreateView(_Placeholder):
    pass

class WorkDetailView(_Placeholder):
    pass

class WorkEditView(_Placeholder):
    pass

class WorkReturnView(_Placeholder):
    pass
