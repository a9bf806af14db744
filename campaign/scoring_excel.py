"""A scoring table as an Excel workbook: ``build_workbook`` writes it (the export, which is also the template to fill
in), ``parse`` reads one back into checked rows for ``services.scoring.import_criteria``.

Layout: the sheet "Bảng chấm điểm" has the title (row 1), the total maximum (row 2), then the header row (found by
its text, so rows above it may change) and one row per criterion. The task column holds the task's number. Every bad
row is reported with its row number and a reason; nothing is imported while a single row is wrong.
"""

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from units.importing import RowError, UnreadableFile, read_rows  # noqa: F401 (UnreadableFile: for the callers)
from units.vietnamese import fold, nfc

from .models import Criterion, CriterionKind
from .services.scoring import points_text

SHEET = "Bảng chấm điểm"
GUIDE_SHEET = "Hướng dẫn"
MAX_POINTS = Decimal("99999.99")
YES, NO = gettext_lazy("Có"), gettext_lazy("Không")


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    width: int
    help: str


COLUMNS = (
    Column("code", gettext_lazy("Số hiệu"), 9, gettext_lazy("Bắt buộc, không trùng trong bảng, ví dụ 1.1.")),
    Column("task", gettext_lazy("Nội dung thi đua"), 10, gettext_lazy(
        "Số thứ tự của nội dung thi đua trong phong trào; để trống cho điểm thưởng, điểm trừ.")),
    Column("section", gettext_lazy("Mục"), 18, gettext_lazy("Không bắt buộc: nhóm các tiêu chí trong một nội dung.")),
    Column("title", gettext_lazy("Tiêu chí"), 50, gettext_lazy("Bắt buộc.")),
    Column("kind", gettext_lazy("Loại"), 13, gettext_lazy("Tiêu chí, Điểm thưởng hoặc Điểm trừ; để trống là Tiêu chí.")),
    Column("max_points", gettext_lazy("Điểm tối đa"), 10, gettext_lazy("Bắt buộc, lớn hơn 0, tối đa hai chữ số thập phân.")),
    Column("requires_evidence", gettext_lazy("Bắt buộc minh chứng"), 12, gettext_lazy("Có hoặc Không; để trống là Không.")),
    Column("guidance", gettext_lazy("Hướng dẫn"), 50, gettext_lazy("Không bắt buộc: cách chấm điểm tiêu chí.")),
)
LENGTHS = {name: Criterion._meta.get_field(name).max_length for name in ("code", "section", "title")}


def _key(text):
    return fold(re.sub(r"\(.*?\)", "", str(text or "")).replace("*", ""))


KIND_KEYS = {fold(key): value for value, label in CriterionKind.choices for key in (value, str(label))}


# --- Export -------------------------------------------------------------------------------------------------------


def build_workbook(campaign, table=None, criteria=(), maximum=None):
    """The .xlsx bytes of ``table``'s ``criteria`` (tasks selected), re-importable as they are."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([_("Bảng chấm điểm – %(title)s") % {"title": campaign.title}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Tổng điểm tối đa: %(max)s") % {"max": points_text(maximum or 0)}])
    sheet.append([str(column.label) for column in COLUMNS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for criterion in criteria:
        sheet.append([
            criterion.code, criterion.task.number if criterion.task_id else None, criterion.section, criterion.title,
            str(criterion.get_kind_display()), criterion.max_points, str(YES if criterion.requires_evidence else NO),
            criterion.guidance,
        ])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A4"
    kinds = DataValidation(type="list", formula1='"%s"' % ",".join(str(label) for label in CriterionKind.labels))
    flags = DataValidation(type="list", formula1=f'"{YES},{NO}"')
    sheet.add_data_validation(kinds)
    sheet.add_data_validation(flags)
    kinds.add("E4:E2000")
    flags.add("G4:G2000")
    guide = book.create_sheet(GUIDE_SHEET)
    guide.append([_("Cột"), _("Cách ghi")])
    for column in COLUMNS:
        guide.append([str(column.label), str(column.help)])
    guide.column_dimensions["A"].width, guide.column_dimensions["B"].width = 22, 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Import -------------------------------------------------------------------------------------------------------


def _find_header(rows, errors):
    wanted = {_key(column.label): column.field for column in COLUMNS}
    for position, row in enumerate(rows[:10]):
        keys = [_key(cell) for cell in row.cells]
        if _key(COLUMNS[0].label) in keys:
            positions = {}
            for index, key in enumerate(keys):
                if key in wanted and wanted[key] not in positions:
                    positions[wanted[key]] = index
            for column in COLUMNS:
                if column.field not in positions:
                    errors.append(RowError(row.number, str(column.label), _("Thiếu cột này ở dòng tiêu đề.")))
            return position, positions
    errors.append(RowError(rows[0].number if rows else 1, "", _(
        "Không tìm thấy dòng tiêu đề (có cột “Số hiệu”) trong 10 dòng đầu của trang “%(sheet)s”.") % {"sheet": SHEET}))
    return None, {}


class _Row:
    def __init__(self, row, positions, errors):
        self.number, self.errors = row.number, errors
        self.cells = {name: nfc(row.cells[i]).strip() if i < len(row.cells) else "" for name, i in positions.items()}

    def error(self, field, reason):
        label = next(str(column.label) for column in COLUMNS if column.field == field)
        self.errors.append(RowError(self.number, label, reason))

    def text(self, field, required=False):
        value = self.cells[field]
        if required and not value:
            self.error(field, _("Thiếu giá trị bắt buộc."))
        elif field in LENGTHS and len(value) > LENGTHS[field]:
            self.error(field, _("Dài quá %(count)d ký tự.") % {"count": LENGTHS[field]})
        return value

    def task(self, tasks):
        value = self.cells["task"]
        if not value:
            return None
        if value not in tasks:
            self.error("task", _("Phong trào không có nội dung thi đua số “%(value)s”.") % {"value": value})
        return tasks.get(value)

    def kind(self):
        value = self.cells["kind"]
        if value and fold(value) not in KIND_KEYS:
            self.error("kind", _("“%(value)s” không hợp lệ: ghi Tiêu chí, Điểm thưởng hoặc Điểm trừ.") % {"value": value})
        return KIND_KEYS.get(fold(value), CriterionKind.REGULAR)

    def points(self):
        value = self.cells["max_points"].replace(",", ".")
        if not value:
            self.error("max_points", _("Thiếu giá trị bắt buộc."))
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not 0 < number <= MAX_POINTS:
            self.error("max_points", _("“%(value)s” không phải số điểm hợp lệ (lớn hơn 0).") % {"value": value})
            return None
        if number != number.quantize(Decimal("0.01")):
            self.error("max_points", _("Điểm chỉ được có tối đa hai chữ số thập phân."))
            return None
        return number.quantize(Decimal("0.01"))

    def flag(self):
        value = fold(self.cells["requires_evidence"])
        if value not in ("", fold(str(YES)), fold(str(NO)), "x"):
            self.error("requires_evidence", _("Ghi Có hoặc Không."))
        return value in (fold(str(YES)), "x")


def parse(source, campaign):
    """(rows, errors) of an uploaded file: rows are dicts ready for ``import_criteria`` (with ``row``, the Excel row
    number, and ``position``, the order in the file); errors are RowErrors, one per bad cell. Raises UnreadableFile
    when the file is no spreadsheet."""
    sheet_rows = read_rows(source)
    errors = []
    start, positions = _find_header(sheet_rows, errors)
    if start is None or errors:
        return [], errors
    tasks = {str(task.number): task for task in campaign.tasks.all()}
    rows, seen = [], {}
    for order, sheet_row in enumerate(sheet_rows[start + 1:], start=1):
        reader = _Row(sheet_row, positions, errors)
        row = {
            "row": sheet_row.number, "position": order, "code": reader.text("code", required=True),
            "task": reader.task(tasks), "section": reader.text("section"), "title": reader.text("title", required=True),
            "kind": reader.kind(), "max_points": reader.points(), "requires_evidence": reader.flag(),
            "guidance": reader.cells["guidance"],
        }
        if row["code"] in seen:
            reader.error("code", _("Trùng số hiệu với dòng %(row)d.") % {"row": seen[row["code"]]})
        seen.setdefault(row["code"], sheet_row.number)
        rows.append(row)
    if not rows and not errors:
        errors.append(RowError(sheet_rows[start].number, "", _("Tệp không có tiêu chí nào dưới dòng tiêu đề.")))
    return ([] if errors else rows), errors
