"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""
from django.http import Http404
from django.views import View


class _Placeholder(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class AchievementExportView(_Placeholder):
    pass

class AchievementListView(_Placeholder):
    pass

class RegistrationExportView(_Placeholder):
    pass

class RegistrationListView(_Placeholder):
    pass

class WorkExportView(_Placeholder):
    pass

class WorkListView(_Placeholder):
    pass
