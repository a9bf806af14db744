"""The Django admin (/quan-tri/), for Sở Nội vụ staff only: ``User.save`` gives is_staff to the staff role alone.

Staff manage units, clusters and accounts here as in the portal, without deleting: units and accounts are
deactivated, so their history stays. Only superusers may grant superuser rights, groups and permissions.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Cluster, ClusterMembership, Role, Unit, User
from .rules import is_portal_staff


class OfficerNeedsUnitMixin:
    def clean(self):
        data = super().clean()
        if data.get("role") == Role.OFFICER and not data.get("units"):
            self.add_error("units", _("Cán bộ đơn vị phải phụ trách ít nhất một đơn vị."))
        return data


class UserAddForm(OfficerNeedsUnitMixin, AdminUserCreationForm):
    pass


class UserEditForm(OfficerNeedsUnitMixin, UserChangeForm):
    pass


class StaffRoleAdmin(SimpleHistoryAdmin):
    """Portal staff may view, add and change; nobody but a superuser deletes."""

    def has_module_permission(self, request):
        return request.user.is_superuser or is_portal_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class MembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ["unit"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_portal_staff(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Unit)
class UnitAdmin(StaffRoleAdmin):
    list_display = ["name", "short_name", "code", "kind", "parent", "is_active", "merged_into", "merged_on"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["name_sort"]
    autocomplete_fields = ["parent", "merged_into"]


@admin.register(Cluster)
class ClusterAdmin(StaffRoleAdmin):
    list_display = ["name", "year", "kind", "scope"]
    list_filter = ["year", "kind", "scope"]
    search_fields = ["name"]
    ordering = ["-year", "name_sort"]
    inlines = [MembershipInline]


@admin.register(User)
class UserAdmin(StaffRoleAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "role", "is_active"]
    list_filter = ["role", "is_active", "units"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["username"]
    filter_horizontal = ["units"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Thông tin cá nhân"), {"fields": ["full_name", "email", "phone", "position"]}),
        (_("Vai trò"), {"fields": ["role", "units", "is_active"]}),
        (_("Quyền quản trị hệ thống"), {"fields": ["is_superuser", "groups", "user_permissions"]}),
        (_("Thời điểm"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
        (_("Vai trò"), {"fields": ["full_name", "email", "role", "units"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    form = UserEditForm
    add_form = UserAddForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [fieldset for fieldset in fieldsets if "is_superuser" not in fieldset[1]["fields"]]
