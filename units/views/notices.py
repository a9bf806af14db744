"""Notices and e-mails: the outbox staff read (list and one message), each person's own notices (list, mark all
read, open one)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from .. import notify
from ..filters import OutboxFilter, kind_label
from ..models import Notification
from ..selectors import notices_of, outbox_kinds, outbox_list
from .base import GuardedListView, LenientPaginationMixin, PermissionMixin


class OutboxListView(GuardedListView):
    """Every e-mail the portal sent, queues or could not send, newest first; filtered by status and kind, searched
    by address."""

    permission_required = "units.view_outbox"
    filterset_class = OutboxFilter
    template_name = "units/outbox_list.html"
    context_object_name = "emails"

    def get_queryset(self):
        return outbox_list()

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "kinds": outbox_kinds()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for email in context["emails"]:
            email.kind_text = kind_label(email.kind)
        return context


class OutboxDetailView(PermissionMixin, DetailView):
    permission_required = "units.view_outbox"
    template_name = "units/outbox_detail.html"
    context_object_name = "message"

    def get_permission_object(self):
        return None

    def get_queryset(self):
        return outbox_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=kind_label(self.object.kind), **kwargs)


class NotificationListView(PermissionMixin, LenientPaginationMixin, ListView):
    """The signed-in person's notices, unread first."""

    permission_required = "units.view_notifications"
    template_name = "units/notification_list.html"
    context_object_name = "notices"
    paginate_by = 50

    def get_queryset(self):
        return notices_of(self.request.user)


class NotificationsReadView(PermissionMixin, View):
    """Marks all of the person's notices read (POST)."""

    permission_required = "units.view_notifications"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = notify.mark_read(request.user)
        messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
        return redirect("units:notifications")


class NotificationOpenView(PermissionMixin, View):
    """Following a notice: marks it read and goes to what it is about (a path of this portal only; else back to
    the notices). Another person's notice answers 404."""

    permission_required = "units.view_notifications"
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        notice = get_object_or_404(Notification, pk=kwargs["pk"], user=request.user)
        notify.mark_read(request.user, ids=[notice.pk])
        if notice.url.startswith("/") and url_has_allowed_host_and_scheme(
            notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(notice.url)
        return redirect("units:notifications")

    post = get
