"""Excel workbooks of a cluster's ranking and of the campaign-wide comparison, from the plain values of
``selectors.ranking`` (testable without a request). Same sheet layout as ``exports``: title, when exported, a line
of context, the bold frozen header on row 4, then one numbered row per item."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from .exports import BOLD, ITALIC, WRAP, Column, _lay_out, _styled, _typed

POINTS_FORMAT = "0.00"

RANKING_COLUMNS = (
    Column("rank", gettext_lazy("Thứ hạng"), 9),
    Column("unit", gettext_lazy("Đơn vị"), 34),
    Column("code", gettext_lazy("Mã đơn vị"), 11),
    Column("total", gettext_lazy("Tổng điểm"), 11, "points"),
    Column("bonus", gettext_lazy("Điểm thưởng"), 11, "points"),
    Column("penalty", gettext_lazy("Điểm trừ"), 11, "points"),
    Column("band", gettext_lazy("Xếp loại"), 18),
    Column("leading", gettext_lazy("Dẫn đầu"), 9, "yes_no"),
    Column("acclaim", gettext_lazy("Suy tôn"), 9),
    Column("status", gettext_lazy("Bảng điểm"), 20),
    Column("note", gettext_lazy("Ghi chú"), 30),
)
CLUSTER_COLUMNS = (
    Column("cluster", gettext_lazy("Cụm, khối"), 36),
    Column("members", gettext_lazy("Số đơn vị"), 10, "count"),
    Column("ranked", gettext_lazy("Đã xếp hạng"), 11, "count"),
    Column("average", gettext_lazy("Tổng điểm bình quân"), 12, "points"),
    Column("maximum", gettext_lazy("Tổng điểm cao nhất"), 12, "points"),
    Column("leading", gettext_lazy("Đơn vị dẫn đầu"), 40),
)
TASK_COLUMNS = (
    Column("number", gettext_lazy("Nội dung"), 9, "count"),
    Column("task", gettext_lazy("Tên nội dung thi đua"), 50),
    Column("maximum", gettext_lazy("Điểm tối đa"), 11, "points"),
    Column("average", gettext_lazy("Điểm bình quân"), 12, "points"),
)
FORMATS = {"date": "dd/mm/yyyy", "count": "0", "points": POINTS_FORMAT}


def ranking_workbook(rows, *, campaign_title, cluster_name, exported_at, acclaim_line=""):
    book = Workbook(write_only=True)
    heading = _("Kết quả chấm điểm, xếp hạng – %(cluster)s") % {"cluster": cluster_name}
    _sheet(book, _("Xếp hạng"), heading, RANKING_COLUMNS, rows, campaign_title=campaign_title,
           exported_at=exported_at, context=acclaim_line or _("Chưa ghi kết quả suy tôn."))
    return _bytes(book)


def comparison_workbook(clusters, tasks, *, campaign_title, exported_at, scorecards):
    book = Workbook(write_only=True)
    _sheet(book, _("Cụm, khối"), _("So sánh các cụm, khối"), CLUSTER_COLUMNS, clusters,
           campaign_title=campaign_title, exported_at=exported_at,
           context=_("Tính trên các bảng điểm đã chốt."))
    _sheet(book, _("Nội dung thi đua"), _("Điểm bình quân theo nội dung thi đua"), TASK_COLUMNS, tasks,
           campaign_title=campaign_title, exported_at=exported_at,
           context=_("Bình quân trên %(count)s bảng điểm đã chốt.") % {"count": scorecards})
    return _bytes(book)


def _sheet(book, name, heading, columns, rows, *, campaign_title, exported_at, context):
    sheet = book.create_sheet(name)
    _lay_out(sheet, columns, len(rows))
    moment = timezone.localtime(exported_at).strftime("%d/%m/%Y %H:%M")
    sheet.append([_styled(sheet, f"{heading} – {campaign_title}", font=Font(bold=True, size=14))])
    sheet.append([_styled(sheet, _("Xuất lúc %(moment)s · %(count)s dòng") % {"moment": moment, "count": len(rows)},
                          font=ITALIC)])
    sheet.append([_styled(sheet, context, font=ITALIC)])
    sheet.append([_styled(sheet, str(header), font=BOLD, alignment=WRAP)
                  for header in (_("STT"), *(column.header for column in columns))])
    formats = [FORMATS.get(column.kind) for column in columns]
    for number, row in enumerate(rows, start=1):
        values = (column.value(row) for column in columns)
        sheet.append([number, *(_typed(sheet, value, fmt) for value, fmt in zip(values, formats))])


def _bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
