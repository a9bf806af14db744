"""The lateness badge of the following lists, as a tag rather than an included template: a list of 50 rows shows
one per row, and an include costs more than the rest of the row. (The state badge is ``campaign_tags.state_badge``.)

    {% load following_tags %}
    {% late_badge item %}    "Quá hạn" when it was first sent after its deadline, "Đúng hạn" when sent in time
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def late_badge(item):
    if item.is_late:
        return format_html('<span class="badge text-bg-danger">{}</span>', _("Quá hạn"))
    if item.submitted_at:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("Đúng hạn"))
    return ""
