"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""
from django.http import Http404
from django.views import View


class _Placeholder(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class DeadlinesView(_Placeholder):
    pass

class RegistrationActionView(_Placeholder):
    pass

class RegistrationCreateView(_Placeholder):
    pass

class RegistrationDetailView(_Placeholder):
    pass

class RegistrationEditView(_Placeholder):
    pass

class RegistrationEvidenceView(_Placeholder):
    pass

class RegistrationReturnView(_Placeholder):
    pass
