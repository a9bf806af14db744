"""The summary report and a cluster's report as Excel workbooks, from the dashboard's figures.

Sheets: a cover (the campaign, the cluster, the report's date, the overall figures); the table of clusters (a
cluster's report: of its member units) with the total on its last row; the table of tasks; the phases with their
deadlines; the units late, one row per unit and phase. Each table has its bold header on row 1, frozen with the
names' column, set column widths, and numbers stored as numbers (progress in percent, one decimal; dates as dates).
"""

import io
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .context import figure_row, phase_rows, task_row

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="center")
FORMATS = {"count": "0", "percent": "0.0", "date": "dd/mm/yyyy"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: str = "text"  # text, count, percent, date


NAME = Column("name", gettext_lazy("Tên"), 40)
ROW_COLUMNS = (
    Column("registered", gettext_lazy("Đã gửi đăng ký thi đua"), 12, "count"),
    Column("registrations_accepted", gettext_lazy("Đăng ký đã chấp nhận"), 12, "count"),
    Column("not_sent", gettext_lazy("Chưa gửi đăng ký"), 10, "count"),
    Column("not_registered", gettext_lazy("Chưa lập đăng ký"), 10, "count"),
    Column("registrations_late", gettext_lazy("Đăng ký gửi quá hạn"), 11, "count"),
    Column("works_total", gettext_lazy("Công trình, phần việc (mọi trạng thái)"), 14, "count"),
    Column("works_pledged", gettext_lazy("Công trình, phần việc được chấp nhận"), 14, "count"),
    Column("works_done", gettext_lazy("Đã hoàn thành"), 11, "count"),
    Column("progress", gettext_lazy("Tiến độ (%)"), 10, "percent"),
    Column("achievements", gettext_lazy("Thành tích"), 10, "count"),
    Column("achievements_accepted", gettext_lazy("Thành tích đã công nhận"), 12, "count"),
    Column("evidence", gettext_lazy("Minh chứng"), 10, "count"),
    Column("scorecards_sent", gettext_lazy("Bảng tự chấm đã gửi"), 11, "count"),
    Column("scorecards_locked", gettext_lazy("Bảng điểm đã chốt"), 11, "count"),
    Column("scorecards_not_started", gettext_lazy("Chưa mở bảng tự chấm"), 11, "count"),
    Column("nominations", gettext_lazy("Đề nghị khen thưởng"), 12, "count"),
)
UNITS = Column("units", gettext_lazy("Số đơn vị"), 9, "count")
MEMBER_COLUMNS = (Column("code", gettext_lazy("Mã đơn vị"), 11), Column("role", gettext_lazy("Vai trò"), 16))
TASK_COLUMNS = (
    Column("number", gettext_lazy("Nội dung"), 9, "count"),
    Column("title", gettext_lazy("Tên nội dung thi đua"), 48),
    Column("registered", gettext_lazy("Đăng ký chỉ tiêu"), 11, "count"),
    Column("works_pledged", gettext_lazy("Công trình, phần việc được chấp nhận"), 14, "count"),
    Column("works_done", gettext_lazy("Đã hoàn thành"), 11, "count"),
    Column("progress", gettext_lazy("Tiến độ (%)"), 10, "percent"),
    Column("achievements", gettext_lazy("Thành tích"), 10, "count"),
    Column("achievements_accepted", gettext_lazy("Thành tích đã công nhận"), 12, "count"),
    Column("evidence", gettext_lazy("Minh chứng"), 10, "count"),
    Column("nominations", gettext_lazy("Đề nghị khen thưởng"), 12, "count"),
)
PHASE_COLUMNS = (
    Column("label", gettext_lazy("Việc"), 34),
    Column("deadline", gettext_lazy("Thời hạn"), 12, "date"),
    Column("behind", gettext_lazy("Số đơn vị chưa thực hiện"), 14, "count"),
    Column("late", gettext_lazy("Số đơn vị quá hạn"), 12, "count"),
)
LATE_COLUMNS = (
    Column("phase", gettext_lazy("Việc"), 34),
    Column("deadline", gettext_lazy("Thời hạn"), 12, "date"),
    Column("code", gettext_lazy("Mã đơn vị"), 11),
    Column("name", gettext_lazy("Đơn vị"), 36),
    Column("clusters", gettext_lazy("Cụm, khối"), 40),
)


def summary_workbook(figures):
    """The .xlsx bytes of the campaign's summary report (``figures``: ``campaign_figures``)."""
    book = Workbook()
    totals = figure_row(_("Toàn phong trào"), figures["totals"])
    _cover(book.active, figures, [
        (_("Số cụm, khối thi đua"), len(figures["clusters"]), "count"),
        (_("Số đơn vị tham gia"), totals["units"], "count"),
    ], totals)
    columns = (Column("name", gettext_lazy("Cụm, khối thi đua"), 40), UNITS, *ROW_COLUMNS, *_late_columns(figures))
    rows = [_with_late(figure_row(cluster["name"], cluster)) for cluster in figures["clusters"]]
    _table(book, _("Cụm, khối"), columns, rows, total=_with_late(totals))
    _common_sheets(book, figures)
    return _bytes(book)


def cluster_workbook(figures):
    """The .xlsx bytes of a cluster's report (``figures``: ``cluster_figures``)."""
    book = Workbook()
    cluster = figures["cluster"]
    totals = figure_row(_("Cả cụm, khối"), cluster)
    _cover(book.active, figures, [
        (_("Cụm, khối"), cluster["name"], "text"),
        (_("Năm"), cluster["year"], "count"),
        (_("Số đơn vị thành viên"), cluster["units"], "count"),
    ], totals)
    columns = (Column("name", gettext_lazy("Đơn vị"), 36), *MEMBER_COLUMNS, *ROW_COLUMNS, *_late_columns(figures))
    rows = [{**_with_late(figure_row(unit["name"], unit)), "code": unit["code"], "role": unit["role_label"]}
            for unit in figures["units"]]
    _table(book, _("Đơn vị"), columns, rows, total=_with_late(totals))
    _common_sheets(book, figures)
    return _bytes(book)


def _late_columns(figures):
    return [Column(f"late_{phase['key']}", _("Quá hạn: %(phase)s") % {"phase": phase["label"]}, 14, "count")
            for phase in figures["phases"]]


def _with_late(row):
    return {**row, **{f"late_{phase}": count for phase, count in row["late"].items()}}


def _date(text):
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _cover(sheet, figures, lines, totals):
    sheet.title = _("Thông tin chung")
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 70
    sheet.append([_("BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA")])
    sheet["A1"].font = TITLE
    rows = [
        (_("Phong trào"), figures["campaign"]["title"], "text"),
        (_("Trạng thái"), figures["campaign"]["status_label"], "text"),
        (_("Ngày lập báo cáo"), _date(figures["today"]), "date"),
        *lines,
        (_("Công trình, phần việc được chấp nhận"), totals["works_pledged"], "count"),
        (_("Công trình, phần việc đã hoàn thành"), totals["works_done"], "count"),
        (_("Tiến độ chung (%)"), totals["progress"], "percent"),
    ]
    for label, value, kind in rows:
        sheet.append([str(label), value])
        row = sheet.max_row
        sheet.cell(row, 1).font = BOLD
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, horizontal="left")
        if kind in FORMATS:
            sheet.cell(row, 2).number_format = FORMATS[kind]


def _common_sheets(book, figures):
    _table(book, _("Nội dung thi đua"), TASK_COLUMNS, [task_row(task) for task in figures["tasks"]], frozen=2)
    phases = phase_rows(figures["phases"])
    _table(book, _("Thời hạn"), PHASE_COLUMNS, [{**phase, "deadline": _date(phase["deadline"])} for phase in phases])
    late = [{"phase": phase["label"], "deadline": _date(phase["deadline"]), "code": unit["code"],
             "name": unit["name"], "clusters": ", ".join(unit["clusters"])}
            for phase in phases for unit in phase["units"]]
    _table(book, _("Đơn vị chậm"), LATE_COLUMNS, late)


def _table(book, name, columns, rows, *, total=None, frozen=1):
    """A sheet: the bold header on row 1, a numbered row per item (STT), ``total`` bold on the last row; the
    header and the first ``frozen`` columns after STT stay in view."""
    sheet = book.create_sheet(name)
    sheet.append([_("STT"), *(str(column.header) for column in columns)])
    for cell in sheet[1]:
        cell.font, cell.alignment = BOLD, WRAP
    for index, width in enumerate((6, *(column.width for column in columns)), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"{get_column_letter(frozen + 2)}2"
    for number, row in enumerate(rows, start=1):
        _append(sheet, number, columns, row)
    if total is not None:
        _append(sheet, None, columns, total)
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"


def _append(sheet, number, columns, row):
    sheet.append([number, *(row.get(column.key) for column in columns)])
    for column, cell in zip(columns, sheet[sheet.max_row][1:]):
        if column.kind in FORMATS and cell.value is not None:
            cell.number_format = FORMATS[column.kind]


def _bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
