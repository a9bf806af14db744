"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


CouncilMemberListView = type("CouncilMemberListView", (_Placeholder,), {})
SessionListView = type("SessionListView", (_Placeholder,), {})
SessionCreateView = type("SessionCreateView", (_Placeholder,), {})
SessionDetailView = type("SessionDetailView", (_Placeholder,), {})
SessionEditView = type("SessionEditView", (_Placeholder,), {})
AttendanceView = type("AttendanceView", (_Placeholder,), {})
SessionOpenView = type("SessionOpenView", (_Placeholder,), {})
AgendaItemView = type("AgendaItemView", (_Placeholder,), {})
