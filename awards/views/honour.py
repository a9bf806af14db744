"""PLACEHOLDER: replaced by the real screens (scaffolding while the parts are built in parallel)."""

from django.http import HttpResponse
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("PLACEHOLDER")


HonourRollView = type("HonourRollView", (_Placeholder,), {})
