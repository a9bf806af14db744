"""What the unit, cluster and account screens share: access checks in the house order, lists, object actions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import FormView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin


class PermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous visitors go to the sign-in page, before anything else; then ``permission_required`` (403)."""


class GuardedMixin(PermissionMixin):
    """Anonymous visitors go to the sign-in page; then the object comes from ``get_queryset`` (scoped to the user,
    so another unit's object answers 404); then ``permission_required`` is checked against it (403)."""

    def get_object(self, queryset=None):
        if not hasattr(self, "object") or self.object is None:
            self.object = super().get_object(queryset)
        return self.object


class LenientPaginationMixin:
    """A list whose bad page number (``abc``, ``0``, past the end) shows the nearest valid page instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        number = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        page = paginator.get_page(paginator.num_pages if number == "last" else number)
        return paginator, page, page.object_list, page.has_other_pages()


class GuardedListView(PermissionMixin, LenientPaginationMixin, FilterView):
    """A searchable, filtered, paginated list."""

    paginate_by = settings.PAGE_SIZE


class ObjectActionView(GuardedMixin, SingleObjectMixin, FormView):
    """A form that acts on one object through a service, in the subclass's ``act(form)``.

    The service's ``ValidationError`` lands beside the form field it names, or above the form.
    """

    success_message = ""

    def get_context_data(self, **kwargs):
        self.get_object()
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            result = self.act(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))

    def get_success_url(self, result=None):
        return self.get_object().get_absolute_url()


class PostActionView(GuardedMixin, SingleObjectMixin, View):
    """A button (confirmed in the browser through ``data-confirm``) that acts on one object through ``act(target)``:
    POST only."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        target = self.get_object()
        try:
            self.act(target)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.get_success_message(target))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.get_object().get_absolute_url()


class ServiceFormMixin:
    """A create or edit form whose object is saved by ``save_with_service``; the service's ``ValidationError``
    shows above the form, and ``success_message`` names the object as ``%(object)s``."""

    def save_with_service(self, obj):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save_with_service(form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"object": self.object})
        return redirect(self.object)
