"""Template helpers of the eligibility partials (templates/awards/eligibility/)."""

from django import template
from django.utils.html import format_html

from ..models import CheckResult

register = template.Library()

BADGES = {CheckResult.PASS: "text-bg-success", CheckResult.FAIL: "text-bg-danger",
          CheckResult.UNKNOWN: "text-bg-warning"}


@register.simple_tag
def result_badge(result, overridden=False):
    """The badge of a check result (pass/fail/unknown); a failed check passed anyway shows it is overridden."""
    label = CheckResult(result).label
    css = "text-bg-secondary" if overridden else BADGES.get(result, "text-bg-secondary")
    return format_html('<span class="badge {}">{}</span>', css, label)


@register.simple_tag
def override_for(overrides, code):
    """``overrides[code]`` (a dict code → CheckOverride), or None."""
    return (overrides or {}).get(code)
