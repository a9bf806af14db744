"""PDF documents rendered by WeasyPrint from a template and a plain context (the administrative format of
Nghị định 30/2020/NĐ-CP: domain.md §7). One FontConfiguration for the process: building it scans the system's fonts,
which costs more than rendering a page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

FONT_CONFIG = FontConfiguration()


def render_pdf(template_name, context, *, base_url=None):
    """The PDF's bytes of ``template_name`` rendered with ``context`` (its CSS sits in the template)."""
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url).write_pdf(font_config=FONT_CONFIG)


def vietnamese_date_line(place, day):
    """"Lạng Sơn, ngày 05 tháng 11 năm 2019": day below 10 and months 1–2 zero-padded (domain.md §7)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place, "day": f"{day.day:02d}", "month": month, "year": day.year,
    }
