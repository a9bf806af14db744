from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CouncilMember


@admin.register(CouncilMember)
class CouncilMemberAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "unit", "position", "term_start", "term_end")
    list_filter = ("role",)
    search_fields = ("user__full_name", "user__username", "position")
    raw_id_fields = ("unit", "user")
