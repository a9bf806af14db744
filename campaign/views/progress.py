"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""
from django.http import Http404
from django.views import View


class _Placeholder(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class TaskDetailView(_Placeholder):
    pass

class UnitProgressView(_Placeholder):
    pass
