from django.contrib import admin

from units.admin import StaffRoleAdmin

from .models import BaseSalary, Board, CouncilMember, StaffPost


@admin.register(CouncilMember)
class CouncilMemberAdmin(StaffRoleAdmin):
    """Sở Nội vụ staff keep the council's seats, as they keep units and accounts; only a superuser deletes."""

    list_display = ("user", "role", "unit", "position", "term_start", "term_end")
    list_filter = ("role",)
    search_fields = ("user__full_name", "user__username", "position")
    raw_id_fields = ("unit", "user")


@admin.register(BaseSalary)
class BaseSalaryAdmin(StaffRoleAdmin):
    """Staff keep the base salary levels cash awards are counted from (seeded by a migration); only a superuser
    deletes."""

    list_display = ("effective_from", "amount", "legal_basis")
    search_fields = ("legal_basis",)
    date_hierarchy = "effective_from"


@admin.register(Board)
class BoardAdmin(StaffRoleAdmin):
    """The teams of Ban TĐKT that screen batches (a batch may be assigned to a team)."""

    list_display = ("name",)
    search_fields = ("name",)


@admin.register(StaffPost)
class StaffPostAdmin(StaffRoleAdmin):
    """What each staff account does in screening: clerk, specialist or head, and its team."""

    list_display = ("user", "function", "board")
    list_filter = ("function", "board")
    search_fields = ("user__full_name", "user__username")
    raw_id_fields = ("user",)
