"""The Django admin for campaigns: Sở Nội vụ staff view, add and change; history through simple-history.

Campaigns and legal regimes are never deleted by staff (a superuser may); the portal's screens are the usual way.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from units.rules import is_portal_staff

from .models import Campaign, LegalRegime, Task


def _staff(request):
    return request.user.is_superuser or is_portal_staff(request.user)


class StaffAdmin(SimpleHistoryAdmin):
    def has_module_permission(self, request):
        return _staff(request)

    def has_view_permission(self, request, obj=None):
        return _staff(request)

    def has_add_permission(self, request, *args):
        return _staff(request)

    def has_change_permission(self, request, obj=None):
        return _staff(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["number", "short_title", "text"]

    def has_view_permission(self, request, obj=None):
        return _staff(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Campaign)
class CampaignAdmin(StaffAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "regime"]
    list_filter = ["status", "kind", "regime"]
    search_fields = ["title", "theme", "doc_number"]
    date_hierarchy = "start_date"
    filter_horizontal = ["clusters"]
    # The status moves only through the portal's transitions (guards, history reason, the launch e-mails).
    readonly_fields = ["status", "created_by", "created_at", "launch_notified_at"]
    inlines = [TaskInline]


@admin.register(Task)
class TaskAdmin(StaffAdmin):
    list_display = ["number", "short_title", "campaign"]
    list_select_related = ["campaign"]
    list_filter = ["campaign"]
    search_fields = ["short_title", "text"]

    def has_delete_permission(self, request, obj=None):
        return _staff(request)


@admin.register(LegalRegime)
class LegalRegimeAdmin(StaffAdmin):
    """Regimes are configuration: staff read them, a superuser changes them."""

    list_display = ["code", "name", "effective_from"]

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser
