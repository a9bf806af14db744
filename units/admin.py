"""The Django admin (/quan-tri/), for Sở Nội vụ staff only: ``User.save`` gives is_staff to the staff role alone.

Staff manage units, clusters and accounts here as in the portal, without deleting: units and accounts are
deactivated, so their history stays. Only superusers may grant superuser rights, groups and permissions, or see
and change a superuser's account.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Cluster, ClusterMembership, MemberRole, Role, Unit, User
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

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete hands its term over unchecked, and PostgreSQL refuses a NUL byte with a 500.
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        """Each row is checked alone against the database, so two rows made leader in one save get through there."""
        super().clean()
        leaders = [
            form for form in self.forms
            if not self._should_delete_form(form) and form.cleaned_data.get("role") == MemberRole.LEADER
        ]
        if len(leaders) > 1:
            raise ValidationError(_("Mỗi cụm, khối chỉ có một cụm trưởng, khối trưởng."))


class MembershipInline(admin.TabularInline):
    model = ClusterMembership
    formset = MembershipFormSet
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

    def get_queryset(self, request):
        # A superuser's account is out of a staff member's reach: its password, rights and lock are for superusers.
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_touch(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(request, obj)

    @staticmethod
    def _may_touch(request, obj):
        return obj is None or not obj.is_superuser or request.user.is_superuser

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [fieldset for fieldset in fieldsets if "is_superuser" not in fieldset[1]["fields"]]
