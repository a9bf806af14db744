"""Unit screens: list, detail, create, edit, deactivate, reactivate, merge, history."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from .. import services
from ..filters import UnitFilter
from ..forms import MergeForm, OptionalReasonForm, ReasonForm, UnitForm
from ..history import history_page
from ..rules import is_council_member, is_portal_staff
from ..selectors import (
    clusters_visible_to,
    lineage_memberships,
    officers_of,
    predecessors_of,
    units_visible_to,
)
from .base import GuardedListView, GuardedMixin, ObjectActionView, PermissionMixin, ServiceFormMixin
from .history import HistoryView


class UnitScopeMixin:
    def get_queryset(self):
        return units_visible_to(self.request.user)


class UnitListView(GuardedListView):
    permission_required = "units.view_unit_list"
    filterset_class = UnitFilter
    template_name = "units/unit_list.html"

    def get_queryset(self):
        return units_visible_to(self.request.user).order_by("name_sort", "id")

    def get_filterset_kwargs(self, filterset_class):
        clusters = clusters_visible_to(self.request.user)
        return {**super().get_filterset_kwargs(filterset_class), "clusters": clusters}


class UnitDetailView(UnitScopeMixin, GuardedMixin, DetailView):
    permission_required = "units.view_unit"
    template_name = "units/unit_detail.html"

    def get_context_data(self, **kwargs):
        unit, user = self.object, self.request.user
        sees_all = is_portal_staff(user) or is_council_member(user)
        return super().get_context_data(
            sees_all=sees_all,
            children=units_visible_to(user).filter(parent=unit).order_by("-is_active", "name_sort"),
            memberships=lineage_memberships(unit),
            predecessors=predecessors_of(unit),
            officers=officers_of(unit) if is_portal_staff(user) else None,
            **kwargs,
        )


class UnitFormMixin(ServiceFormMixin):
    form_class = UnitForm
    permission_required = "units.manage_units"
    template_name = "units/unit_form.html"

    def save_with_service(self, unit):
        return services.save_unit(unit, by=self.request.user)


class UnitCreateView(UnitFormMixin, PermissionMixin, CreateView):
    success_message = _("Đã tạo đơn vị %(object)s.")


class UnitEditView(UnitFormMixin, UnitScopeMixin, GuardedMixin, UpdateView):
    success_message = _("Đã lưu thông tin đơn vị %(object)s.")


class UnitDeactivateView(UnitScopeMixin, ObjectActionView):
    permission_required = "units.manage_units"
    form_class = ReasonForm
    template_name = "units/unit_deactivate.html"
    success_message = _("Đơn vị đã chuyển sang ngừng hoạt động.")

    def act(self, form):
        return services.deactivate_unit(self.get_object(), by=self.request.user, reason=form.cleaned_data["reason"])


class UnitReactivateView(UnitScopeMixin, ObjectActionView):
    permission_required = "units.manage_units"
    form_class = OptionalReasonForm
    template_name = "units/unit_reactivate.html"
    success_message = _("Đơn vị đã hoạt động trở lại.")

    def act(self, form):
        return services.reactivate_unit(self.get_object(), by=self.request.user, reason=form.cleaned_data["reason"])


class UnitMergeView(UnitScopeMixin, ObjectActionView):
    permission_required = "units.manage_units"
    form_class = MergeForm
    template_name = "units/unit_merge.html"
    success_message = _("Đã ghi nhận việc sáp nhập đơn vị.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.get_object()}

    def act(self, form):
        data = form.cleaned_data
        return services.merge_unit(
            self.get_object(), into=data["into"], on=data["on"], by=self.request.user, reason=data["reason"]
        )


class UnitHistoryView(UnitScopeMixin, HistoryView, DetailView):
    template_name = "units/unit_history.html"

    def get_history_page(self, number):
        return history_page(self.object.history.all(), number)
