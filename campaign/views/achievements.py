"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""
from django.http import Http404
from django.views import View


class _Placeholder(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class AchievementActionView(_Placeholder):
    pass

class AchievementCreateView(_Placeholder):
    pass

class AchievementDetailView(_Placeholder):
    pass

class AchievementEditView(_Placeholder):
    pass

class AchievementEvidenceView(_Placeholder):
    pass

class AchievementReturnView(_Placeholder):
    pass
