"""Numbers of the award catalogue as people write them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value):
    """A threshold, quota or coefficient without trailing zeros and with the locale's comma: 80 · 1,5 · 66,67."""
    if value is None or value == "":
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_format(Decimal(text))
