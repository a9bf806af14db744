"""Server-side SVG charts of the dashboard's figures (``selectors.dashboard``): no JavaScript, no internet.

Each chart is a plain SVG string: every label and value goes through ``escape`` here, so a template may print it
with ``|safe`` and a PDF may embed it. Black and grey fills with hatching and dots tell the series apart on a page
printed in black and white; every value is written as text beside or on its bar, so nothing depends on colour.
Presentation attributes only (no ``style``): the pages' CSP forbids inline styles.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH = 760
LABEL_WIDTH = 230  # the row labels, left
BAR_X = 240
BAR_WIDTH = 430
ROW = 26  # height of a row
BAR = 16  # height of a bar
LEGEND = 28  # height of the legend
LABEL_CHARS = 34

# (fill, pattern markup or None): what the series of a stacked bar are drawn with; the darker, the further along.
FILLS = (
    ("#1a1a1a", None),
    ("hatch", '<path d="M0,6 L6,0" stroke="#000" stroke-width="1.4"/>'),
    ("#9a9a9a", None),
    ("dots", '<circle cx="3" cy="3" r="1.3" fill="#000"/>'),
    ("#ffffff", None),
    ("cross", '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#555" stroke-width="0.9"/>'),
)


def _short(label):
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _number(value, decimals=0):
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _defs(chart_id):
    """The patterns of the fills, with ids unique to the chart (several charts share a page)."""
    patterns = [
        f'<pattern id="{chart_id}-{name}" patternUnits="userSpaceOnUse" width="6" height="6">'
        f'<rect width="6" height="6" fill="#fff"/>{markup}</pattern>'
        for name, markup in FILLS if markup
    ]
    return f"<defs>{''.join(patterns)}</defs>"


def _paint(chart_id, index):
    name, markup = FILLS[index % len(FILLS)]
    return f"url(#{chart_id}-{name})" if markup else name


def _open(chart_id, title, height):
    title = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" id="{chart_id}" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-labelledby="{chart_id}-title" font-family="sans-serif" '
        f'font-size="12"><title id="{chart_id}-title">{title}</title>'
    )


def _row_label(label, y):
    full = escape(label)
    return (f'<text x="{LABEL_WIDTH}" y="{y + BAR - 4}" text-anchor="end"><title>{full}</title>'
            f"{escape(_short(label))}</text>")


def _value_on(x, y, width, text):
    """A value written on its segment, on a white label so that it reads over any fill; left out when the segment
    is too narrow to hold it (the row's total still says it)."""
    text = escape(text)
    box = 7 * len(text) + 6
    if width < box + 2:
        return ""
    middle = x + width / 2
    return (f'<rect x="{middle - box / 2:.1f}" y="{y + 2}" width="{box}" height="{BAR - 4}" fill="#fff"/>'
            f'<text x="{middle:.1f}" y="{y + BAR - 4}" text-anchor="middle" font-size="11">{text}</text>')


def _legend(chart_id, series, fills):
    parts, x = [], 0
    for index, label in zip(fills, series):
        parts.append(
            f'<rect x="{x}" y="4" width="14" height="14" fill="{_paint(chart_id, index)}" stroke="#000" '
            f'stroke-width="0.8"/><text x="{x + 19}" y="15">{escape(label)}</text>'
        )
        x += 19 + 7 * len(label) + 18
    return "".join(parts)


def stacked_bars(rows, series, *, title, chart_id, fills=None):
    """A horizontal bar per row, stacked by series. ``rows``: [(label, [value per series])]; ``series``: the
    series' labels; ``fills``: the index in FILLS of each series' fill (by default in order). The row's total is
    written after its bar. "" when there is no row."""
    if not rows:
        return ""
    fills = list(fills or range(len(series)))
    height = LEGEND + ROW * len(rows) + 4
    scale = BAR_WIDTH / max(1, max(sum(values) for _label, values in rows))
    parts = [_open(chart_id, title, height), _defs(chart_id), _legend(chart_id, series, fills)]
    for number, (label, values) in enumerate(rows):
        y = LEGEND + ROW * number
        parts.append(_row_label(label, y))
        x = BAR_X
        for index, value in zip(fills, values):
            if not value:
                continue
            width = value * scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
                         f'fill="{_paint(chart_id, index)}" stroke="#000" stroke-width="0.8"/>')
            parts.append(_value_on(x, y, width, _number(value)))
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR - 4}" font-weight="bold">{escape(_number(sum(values)))}'
                     "</text>")
    parts.append("</svg>")
    return "".join(parts)


def percent_bars(rows, *, title, chart_id):
    """A horizontal bar per row on a scale of 0 to 100 %. ``rows``: [(label, percent or None)]; the percent is
    written after the bar ("Chưa có" when None). "" when there is no row."""
    if not rows:
        return ""
    height = LEGEND + ROW * len(rows) + 4
    scale = BAR_WIDTH / 100
    parts = [_open(chart_id, title, height)]
    for tick in (0, 25, 50, 75, 100):
        x = BAR_X + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="{LEGEND - 6}" x2="{x:.1f}" y2="{height - 4}" stroke="#bbb" '
                     f'stroke-width="0.6"/><text x="{x:.1f}" y="{LEGEND - 10}" text-anchor="middle" '
                     f'font-size="10">{tick} %</text>')
    for number, (label, percent) in enumerate(rows):
        y = LEGEND + ROW * number
        parts.append(_row_label(label, y))
        parts.append(f'<rect x="{BAR_X}" y="{y}" width="{BAR_WIDTH}" height="{BAR}" fill="#fff" stroke="#000" '
                     'stroke-width="0.8"/>')
        if percent is None:
            shown = _("Chưa có")
            end = BAR_X
        else:
            shown = f"{_number(percent, 1)} %"
            end = BAR_X + percent * scale
            parts.append(f'<rect x="{BAR_X}" y="{y}" width="{percent * scale:.1f}" height="{BAR}" fill="#4d4d4d" '
                         'stroke="#000" stroke-width="0.8"/>')
        # The value sits after the bar, or inside it in white when the bar reaches the end.
        if end > BAR_X + BAR_WIDTH - 50:
            parts.append(f'<text x="{end - 6:.1f}" y="{y + BAR - 4}" text-anchor="end" fill="#fff" '
                         f'font-weight="bold">{escape(shown)}</text>')
        else:
            parts.append(f'<text x="{end + 6:.1f}" y="{y + BAR - 4}" font-weight="bold">{escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- The dashboard's charts, from campaign_figures ------------------------------------------------------------------


def _labels_of(figures, kind):
    return {state["key"]: state["label"] for state in figures["states"][kind]}


def cluster_registration_chart(figures, chart_id="bieu-do-dang-ky"):
    """Per cluster, its units by where their registration stands: accepted, waiting for review, with the unit
    (being written or handed back), not registered."""
    series = [_("Đã chấp nhận"), _("Chờ xét"), _("Đang soạn, bị trả lại"), _("Chưa đăng ký")]
    rows = []
    for cluster in figures["clusters"]:
        by_state = cluster["registrations"]["by_state"]
        rows.append((cluster["name"], [
            by_state["accepted"], by_state["submitted"] + by_state["resubmitted"],
            by_state["draft"] + by_state["returned"], cluster["registrations"]["not_registered"],
        ]))
    return stacked_bars(rows, series, title=_("Đăng ký thi đua của các đơn vị, theo cụm, khối"), chart_id=chart_id,
                        fills=[0, 1, 2, 4])


WORK_SERIES = ("submitted", "accepted", "in_progress", "completed", "verified")


def cluster_work_chart(figures, chart_id="bieu-do-cong-trinh"):
    """Per cluster, its works handed in, stacked by state (from waiting for review to verified)."""
    labels = _labels_of(figures, "works")
    rows = [(cluster["name"], [cluster["works"]["by_state"][state] for state in WORK_SERIES])
            for cluster in figures["clusters"]]
    return stacked_bars(rows, [labels[state] for state in WORK_SERIES],
                        title=_("Công trình, phần việc theo cụm, khối và trạng thái"), chart_id=chart_id,
                        fills=[4, 3, 2, 1, 0])


def task_progress_chart(figures, chart_id="bieu-do-noi-dung"):
    """Per task, the mean percent complete of the works pledged under it."""
    rows = [(f"{task['number']}. {task['title']}", task["works"]["average_percent"]) for task in figures["tasks"]]
    return percent_bars(rows, title=_("Bình quân phần trăm hoàn thành công trình, phần việc theo nội dung thi đua"),
                        chart_id=chart_id)


def dashboard_charts(figures):
    """The dashboard's charts, in page order: [(title, svg)], those with nothing to draw left out."""
    charts = [
        (_("Đăng ký thi đua theo cụm, khối"), cluster_registration_chart(figures)),
        (_("Công trình, phần việc theo cụm, khối"), cluster_work_chart(figures)),
        (_("Tiến độ theo nội dung thi đua"), task_progress_chart(figures)),
    ]
    return [(title, svg) for title, svg in charts if svg]
