from django.contrib import admin

from units.admin import StaffRoleAdmin

from .models import CouncilMember


@admin.register(CouncilMember)
class CouncilMemberAdmin(StaffRoleAdmin):
    """Sở Nội vụ staff keep the council's seats, as they keep units and accounts; only a superuser deletes."""

    list_display = ("user", "role", "unit", "position", "term_start", "term_end")
    list_filter = ("role",)
    search_fields = ("user__full_name", "user__username", "position")
    raw_id_fields = ("unit", "user")
