"""The award register in Excel: the export of the lookup, and the import of past awards (the template staff fill in,
the check of a file's rows against each other and the portal).

The export is built from plain rows (``selectors.register.export_rows``), laid out as campaign/exports.py lays out
its lists. The import reads files as units/importing.py does (by content, .xlsx or CSV UTF-8): ``validate`` checks
every row and plans what ``services.register.import_records`` writes; a single wrong row and nothing is written.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from campaign.exports import CONTENT_TYPE, NUMBER_FORMATS
from campaign.models import LegalRegime
from campaign.exports import Column as ExportColumn
from units.importing import RowError, UnreadableFile, detect_format, read_bytes, read_rows, rows_from_bytes
from units.models import Unit
from units.vietnamese import fold, nfc

from .models import AwardForm, AwardRecord, Gender, Household, Person, RecipientKind
from .selectors.register import award_keys

__all__ = ["CONTENT_TYPE", "RegisterImportForm", "UnreadableFile", "build_template", "read_rows",
           "register_workbook", "validate"]

# --- Export -------------------------------------------------------------------------------------------------------

HEADER_ROW = 4
EXPORT_COLUMNS = (
    ExportColumn("recipient", gettext_lazy("Tập thể, cá nhân, hộ gia đình"), 34),
    ExportColumn("kind", gettext_lazy("Đối tượng"), 12),
    ExportColumn("unit", gettext_lazy("Đơn vị"), 28),
    ExportColumn("unit_code", gettext_lazy("Mã đơn vị"), 11),
    ExportColumn("award", gettext_lazy("Hình thức, danh hiệu"), 34),
    ExportColumn("year", gettext_lazy("Năm"), 7, "count"),
    ExportColumn("decision_number", gettext_lazy("Số quyết định"), 16),
    ExportColumn("decision_date", gettext_lazy("Ngày quyết định"), 13, "date"),
    ExportColumn("issuer", gettext_lazy("Cấp quyết định"), 28),
    ExportColumn("source", gettext_lazy("Nguồn"), 16),
)
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
WRAP = Alignment(wrap_text=True, vertical="center")


def register_workbook(rows, *, exported_at, filters=""):
    """The .xlsx bytes of the register lookup: title (row 1), when and how many (row 2), the filters (row 3), the
    header (row 4: bold, frozen, autofilter), then one numbered row per record; dates are real dates."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Sổ khen thưởng"))
    _lay_out(sheet, len(rows))
    moment = timezone.localtime(exported_at).strftime("%d/%m/%Y %H:%M")
    sheet.append([_styled(sheet, _("Sổ khen thưởng – tra cứu khen thưởng đã nhận"), font=Font(bold=True, size=14))])
    sheet.append([_styled(sheet, _("Xuất lúc %(moment)s · %(count)s dòng") % {"moment": moment, "count": len(rows)},
                          font=ITALIC)])
    sheet.append([_styled(sheet, _("Lọc theo: %(filters)s") % {"filters": filters} if filters
                          else _("Không lọc: toàn bộ sổ khen thưởng."), font=ITALIC)])
    sheet.append([_styled(sheet, str(header), font=BOLD, alignment=WRAP)
                  for header in (_("STT"), *(column.header for column in EXPORT_COLUMNS))])
    formats = [NUMBER_FORMATS.get(column.kind) for column in EXPORT_COLUMNS]
    for number, row in enumerate(rows, start=1):
        values = (column.value(row) for column in EXPORT_COLUMNS)
        sheet.append([number, *(value if fmt is None or value is None else _styled(sheet, value, number_format=fmt)
                                for value, fmt in zip(values, formats))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lay_out(sheet, count):
    widths = [6, *(column.width for column in EXPORT_COLUMNS)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(widths))}{HEADER_ROW + count}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"


def _styled(sheet, value, **style):
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


# --- Import: columns ----------------------------------------------------------------------------------------------

DATA_SHEET = "Khen thưởng đã nhận"
GUIDE_SHEET = "Hướng dẫn"
MAX_ROWS = 10_000
MIN_YEAR, MAX_YEAR = 1945, 2100


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    help: str
    required: bool = False
    max_length: int | None = None

    @property
    def header(self):
        return f"{self.label}*" if self.required else str(self.label)


def _length(model, name):
    return model._meta.get_field(name).max_length


COLUMNS = (
    Column("kind", gettext_lazy("Đối tượng"), gettext_lazy("Tập thể, Cá nhân hoặc Hộ gia đình."), True),
    Column("unit_code", gettext_lazy("Mã đơn vị"), gettext_lazy(
        "Mã trên cổng của tập thể được khen; với cá nhân, hộ gia đình: mã của đơn vị quản lý người, hộ đó."
    ), True, _length(Unit, "code")),
    Column("name", gettext_lazy("Họ và tên, chủ hộ"), gettext_lazy(
        "Họ và tên cá nhân, hoặc họ và tên chủ hộ; để trống với tập thể."
    ), False, _length(Person, "full_name")),
    Column("birth_year", gettext_lazy("Năm sinh"), gettext_lazy(
        "Bắt buộc với cá nhân: cùng họ tên và năm sinh là cùng một người của đơn vị."
    )),
    Column("gender", gettext_lazy("Giới tính"), gettext_lazy(
        "Nam hoặc Nữ. Cần khi cá nhân chưa có trên cổng (cổng sẽ tạo mới)."
    )),
    Column("ethnicity", gettext_lazy("Dân tộc"), gettext_lazy("Không bắt buộc; để trống là Kinh."), False,
           _length(Person, "ethnicity")),
    Column("award", gettext_lazy("Hình thức, danh hiệu"), gettext_lazy(
        "Tên hoặc mã của hình thức khen thưởng, danh hiệu trong danh mục của cổng (xem trang “Hướng dẫn”)."
    ), True),
    Column("year", gettext_lazy("Năm"), gettext_lazy("Năm được khen, ví dụ 2018."), True),
    Column("decision_number", gettext_lazy("Số quyết định"), gettext_lazy("Ví dụ 1234/QĐ-UBND."), True,
           _length(AwardRecord, "decision_number")),
    Column("decision_date", gettext_lazy("Ngày quyết định"), gettext_lazy(
        "Ngày ký quyết định, dạng dd/mm/yyyy (ví dụ 20/12/2018) hoặc ô ngày tháng của Excel."
    ), True),
    Column("issuer", gettext_lazy("Cấp quyết định"), gettext_lazy(
        "Cơ quan, người ký quyết định, ví dụ “Chủ tịch UBND tỉnh Lạng Sơn”."
    ), True, _length(AwardRecord, "issuer")),
)
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
CHOICES = {"kind": RecipientKind, "gender": Gender}


def label(field_name):
    return str(COLUMN_BY_FIELD[field_name].label)


def choice_keys(choices):
    return {fold(name): value for value, text in choices.choices for name in (value, str(text))}


def _column_key(text):
    return fold(re.sub(r"\(.*?\)", "", text).replace("*", ""))


# --- Import: one row ----------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One checked row: whom (an existing recipient, or what a new person or household will be), which award."""

    number: int
    kind: str
    unit: Unit
    name: str
    birth_year: int | None
    gender: str
    ethnicity: str
    award_code: str
    award_name: str
    award_form: AwardForm | None
    year: int
    decision_number: str
    decision_date: datetime.date
    issuer: str
    recipient: object = None  # the Unit, Person or Household when the portal keeps it
    exists: bool = False  # the register already holds this record

    @property
    def is_new_recipient(self):
        return self.recipient is None

    @property
    def new_key(self):
        """Which new person or household the row names (rows naming the same one create it once)."""
        return (self.kind, self.unit.pk, fold(self.name), self.birth_year)

    @property
    def recipient_label(self):
        if self.recipient is not None:
            return str(self.recipient)
        if self.kind == RecipientKind.HOUSEHOLD:
            return _("Hộ ông/bà %(name)s") % {"name": self.name}
        return self.name


class RowReader:
    """The cells of one row by field, and the errors found in them."""

    def __init__(self, row, positions, errors):
        self.number = row.number
        self.cells = {name: row.cells[i] if i < len(row.cells) else "" for name, i in positions.items()}
        self.errors = errors

    def error(self, field_name, reason):
        self.errors.append(RowError(self.number, label(field_name), reason))

    def text(self, field_name):
        value, column = nfc(self.cells[field_name]), COLUMN_BY_FIELD[field_name]
        if not value and column.required:
            self.error(field_name, _("Thiếu giá trị bắt buộc."))
        elif column.max_length and len(value) > column.max_length:
            self.error(field_name, _("Dài quá %(count)d ký tự.") % {"count": column.max_length})
        return value

    def choice(self, field_name):
        value = self.text(field_name)
        keys = choice_keys(CHOICES[field_name])
        if value and fold(value) not in keys:
            self.error(field_name, _("“%(value)s” không phải giá trị hợp lệ (xem trang “Hướng dẫn” của tệp mẫu).")
                       % {"value": value})
        return keys.get(fold(value), "")

    def year(self, field_name, low=MIN_YEAR, high=MAX_YEAR):
        value = self.text(field_name)
        if value and not (value.isascii() and value.isdigit() and low <= int(value) <= high):
            self.error(field_name, _("Năm “%(value)s” không hợp lệ (cần một năm từ %(min)d đến %(max)d).")
                       % {"value": value, "min": low, "max": high})
            return None
        return int(value) if value else None

    def date(self, field_name):
        value = self.text(field_name)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(field_name, _("Ngày “%(value)s” không hợp lệ (cần dạng dd/mm/yyyy, ví dụ 20/12/2018).")
                       % {"value": value})
        elif parsed > timezone.localdate():
            self.error(field_name, _("Ngày quyết định %(date)s ở sau hôm nay.") % {"date": parsed.strftime("%d/%m/%Y")})
            return None
        return parsed


def parse_date(text):
    """A date written dd/mm/yyyy (also d-m-yyyy, d.m.yyyy), or an Excel date cell as read (2018-12-20 00:00:00)."""
    formats = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
    for fmt in formats:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


# --- Import: the whole file ---------------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """The checked content of a file: its errors, or the rows import_records will write and what that changes."""

    file_name: str = ""
    errors: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # ImportRow

    @property
    def is_valid(self):
        return not self.errors

    @property
    def preview(self):
        from .services.register import ImportResult

        new_people = {row.new_key for row in self.rows if row.is_new_recipient}
        return ImportResult(
            records_created=sum(not row.exists for row in self.rows),
            records_unchanged=sum(row.exists for row in self.rows),
            people_created=sum(key[0] == RecipientKind.INDIVIDUAL for key in new_people),
            households_created=sum(key[0] == RecipientKind.HOUSEHOLD for key in new_people),
        )

    @property
    def new_rows(self):
        return [row for row in self.rows if not row.exists]


def header_positions(header, errors):
    by_key = {_column_key(column.header): column.field for column in COLUMNS}
    positions = {}
    for index, text in enumerate(header.cells):
        field_name = by_key.get(_column_key(text))
        if field_name and field_name not in positions:
            positions[field_name] = index
    for column in COLUMNS:
        if column.field not in positions:
            errors.append(RowError(header.number, str(column.label), _("Thiếu cột này ở dòng tiêu đề.")))
    return positions


def validate(rows, *, file_name=""):
    """Checks the rows of read_rows() against each other and the portal (units, catalogue, people, households,
    the register); plans the import. Writes nothing."""
    plan = ImportPlan(file_name=file_name)
    if not rows:
        plan.errors.append(RowError(1, "", _("Tệp không có dòng nào.")))
        return plan
    positions = header_positions(rows[0], plan.errors)
    if not rows[1:]:
        plan.errors.append(RowError(rows[0].number + 1, "", _("Tệp chỉ có dòng tiêu đề, chưa có khen thưởng nào.")))
    if plan.errors:
        return plan
    context = Context.load(rows[1:], positions)
    for row in rows[1:]:
        parsed = parse_row(RowReader(row, positions, plan.errors), context)
        if parsed is not None:
            plan.rows.append(parsed)
    check_duplicates(plan)
    check_new_people(plan)
    order = {str(column.label): index for index, column in enumerate(COLUMNS)}
    plan.errors.sort(key=lambda error: (error.row, order.get(error.column, -1)))
    return plan


@dataclass
class Context:
    """What the portal holds of the units a file names, their people, households and records, and the catalogue;
    read once for the whole file."""

    units: dict  # code → Unit
    people: dict  # (unit id, folded name, birth year) → [Person]
    households: dict  # (unit id, folded head name) → [Household]
    awards: dict  # folded code or name → (code, name)
    regimes: list  # (effective_from, regime id), newest first
    forms: dict  # (code, regime id) → AwardForm
    records: set  # (kind, recipient id, award code, year, decision number) of the register

    @classmethod
    def load(cls, rows, positions):
        index = positions["unit_code"]
        codes = {nfc(row.cells[index]) for row in rows if index < len(row.cells)}
        units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
        people, households = {}, {}
        for person in Person.objects.filter(unit__in=units.values()):
            people.setdefault((person.unit_id, fold(person.full_name), person.birth_year), []).append(person)
        for household in Household.objects.filter(unit__in=units.values()):
            households.setdefault((household.unit_id, fold(household.head_name)), []).append(household)
        regimes = list(LegalRegime.objects.order_by("-effective_from").values_list("effective_from", "id"))
        forms = {(form.code, form.regime_id): form for form in AwardForm.objects.order_by("regime__effective_from")}
        return cls(units=units, people=people, households=households, awards=award_keys(), regimes=regimes,
                   forms=forms, records=cls.load_records(units.values()))

    @staticmethod
    def load_records(units):
        unit_ids = [unit.pk for unit in units]
        found = AwardRecord.objects.filter(
            Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids) | Q(household__unit_id__in=unit_ids)
        ).values_list("recipient_kind", "unit_id", "person_id", "household_id", "award_code", "year",
                      "decision_number")
        return {(kind, unit_id or person_id or household_id, code, year, number)
                for kind, unit_id, person_id, household_id, code, year, number in found}

    def form_of(self, code, date):
        """The catalogue's form of ``code`` under the regime in force on ``date``, else of the newest regime."""
        in_force = next((pk for start, pk in self.regimes if start <= date), None)
        if (code, in_force) in self.forms:
            return self.forms[(code, in_force)]
        return next((self.forms[(code, pk)] for _start, pk in self.regimes if (code, pk) in self.forms), None)


def parse_row(reader, context):
    """The checked row, or None when a cell is wrong (the errors are on the reader's list)."""
    errors_before = len(reader.errors)
    kind = reader.choice("kind")
    code = reader.text("unit_code")
    name, birth_year = reader.text("name"), reader.year("birth_year", 1900, MAX_YEAR)
    gender, ethnicity = reader.choice("gender"), reader.text("ethnicity")
    award = reader.text("award")
    year, number = reader.year("year"), reader.text("decision_number")
    date, issuer = reader.date("decision_date"), reader.text("issuer")
    unit = context.units.get(code)
    if code and unit is None:
        reader.error("unit_code", _("Không có đơn vị mã “%(code)s” trên cổng.") % {"code": code})
    if award and fold(award) not in context.awards:
        reader.error("award", _("“%(value)s” không có trong danh mục hình thức khen thưởng của cổng.")
                     % {"value": award})
    if kind in (RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD) and not name:
        reader.error("name", _("Cá nhân, hộ gia đình phải có họ và tên (của chủ hộ)."))
    if kind == RecipientKind.INDIVIDUAL and birth_year is None and not reader.cells["birth_year"]:
        reader.error("birth_year", _("Cá nhân phải có năm sinh."))
    if len(reader.errors) > errors_before:
        return None
    award_code, award_name = context.awards[fold(award)]
    row = ImportRow(
        number=reader.number, kind=kind, unit=unit, name=name, birth_year=birth_year, gender=gender,
        ethnicity=ethnicity, award_code=award_code, award_name=award_name, award_form=context.form_of(award_code, date),
        year=year, decision_number=number, decision_date=date, issuer=issuer,
    )
    if not find_recipient(row, reader, context):
        return None
    return row


def find_recipient(row, reader, context):
    """Sets the row's recipient when the portal keeps it (and whether the register holds the record); False when the
    row cannot name one recipient."""
    if row.kind == RecipientKind.COLLECTIVE:
        row.recipient = row.unit
    elif row.kind == RecipientKind.INDIVIDUAL:
        found = context.people.get((row.unit.pk, fold(row.name), row.birth_year), [])
        if len(found) > 1:
            reader.error("name", _("Đơn vị có %(count)d người cùng họ tên và năm sinh này; hãy ghi trực tiếp.")
                         % {"count": len(found)})
            return False
        row.recipient = found[0] if found else None
    else:
        found = context.households.get((row.unit.pk, fold(row.name)), [])
        if len(found) > 1:
            reader.error("name", _("Đơn vị có %(count)d hộ cùng tên chủ hộ này; hãy ghi trực tiếp.")
                         % {"count": len(found)})
            return False
        row.recipient = found[0] if found else None
    if row.recipient is not None:
        key = (row.kind, row.recipient.pk, row.award_code, row.year, row.decision_number)
        row.exists = key in context.records
    return True


def check_duplicates(plan):
    """Two rows of the file for the same recipient, award, year and decision number are one record written twice."""
    seen = {}
    for row in plan.rows:
        key = (row.new_key if row.recipient is None else (row.kind, row.recipient.pk), row.award_code, row.year,
               row.decision_number)
        if key in seen:
            plan.errors.append(RowError(row.number, "", _(
                "Trùng với dòng %(row)d (cùng đối tượng, hình thức, năm và số quyết định).") % {"row": seen[key]}))
        else:
            seen[key] = row.number


def check_new_people(plan):
    """A person the portal does not keep yet is created from the file: the rows naming them must give a gender
    (once is enough) and not two different ones. Every row of that person then carries the gender given."""
    groups = {}
    for row in plan.rows:
        if row.recipient is None and row.kind == RecipientKind.INDIVIDUAL:
            groups.setdefault(row.new_key, []).append(row)
    for rows in groups.values():
        given = [row for row in rows if row.gender]
        if not given:
            plan.errors.append(RowError(rows[0].number, label("gender"), _(
                "Cá nhân chưa có trên cổng, sẽ được tạo mới: cần ghi giới tính.")))
            continue
        for row in given[1:]:
            if row.gender != given[0].gender:
                plan.errors.append(RowError(row.number, label("gender"), _(
                    "Khác với dòng %(row)d của cùng cá nhân.") % {"row": given[0].number}))
        ethnicity = next((row.ethnicity for row in rows if row.ethnicity), "")
        for row in rows:
            row.gender, row.ethnicity = given[0].gender, ethnicity


# --- Import: the template staff fill in ---------------------------------------------------------------------------

GUIDE_NOTES = (
    gettext_lazy("Điền khen thưởng vào trang “Khen thưởng đã nhận”, từ dòng 2; không đổi tên, không xóa các cột ở "
                 "dòng 1."),
    gettext_lazy("Cột có dấu * là bắt buộc. Mỗi dòng là một khen thưởng của một tập thể, cá nhân hoặc hộ gia đình."),
    gettext_lazy("Cá nhân được nhận ra theo đơn vị, họ tên và năm sinh; hộ gia đình theo đơn vị và họ tên chủ hộ. "
                 "Người, hộ chưa có trên cổng sẽ được tạo mới (cá nhân ghi đối tượng thống kê “Người trực tiếp lao "
                 "động, sản xuất, công tác”; đơn vị bổ sung thông tin sau)."),
    gettext_lazy("Nếu tệp có lỗi, cổng liệt kê từng lỗi theo số dòng và không nhập gì; sửa xong thì tải lên lại. "
                 "Khen thưởng đã có trong sổ (cùng đối tượng, hình thức, năm, số quyết định) được bỏ qua, nên nhập lại "
                 "cùng một tệp không làm thay đổi gì."),
    gettext_lazy("Có thể lưu tệp dạng CSV UTF-8 (phân cách bằng dấu phẩy hoặc chấm phẩy) thay cho .xlsx."),
)
EXAMPLE_ROWS = (
    (RecipientKind.COLLECTIVE, "H-VQ", "", "", "", "", "giay_khen", 2018, "125/QĐ-UBND", "20/12/2018",
     "Chủ tịch UBND huyện Văn Quan"),
    (RecipientKind.INDIVIDUAL, "H-VQ", "Hoàng Văn Minh", 1980, Gender.MALE, "Tày", "Chiến sĩ thi đua cơ sở", 2018,
     "125/QĐ-UBND", "20/12/2018", "Chủ tịch UBND huyện Văn Quan"),
    (RecipientKind.HOUSEHOLD, "X-TD", "Nông Thị Hoa", "", "", "", "Bằng khen của Chủ tịch UBND tỉnh", 2019,
     "2410/QĐ-UBND", "15/11/2019", "Chủ tịch UBND tỉnh Lạng Sơn"),
)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def build_template():
    """The .xlsx workbook staff fill in: the data sheet (with lists to pick from) and the guide sheet."""
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    lists = _write_guide(book.create_sheet(GUIDE_SHEET))
    _write_data_sheet(data, lists)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _letter(field_name):
    return get_column_letter(list(COLUMN_BY_FIELD).index(field_name) + 1)


def _write_header(sheet, row):
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=row, column=index, value=column.header)
        cell.font, cell.fill = BOLD, HEADER_FILL


def _write_data_sheet(sheet, lists):
    _write_header(sheet, 1)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 12 if column.field in ("year", "birth_year", "gender") else 26
        if column.field in ("unit_code", "decision_number", "decision_date"):
            sheet.column_dimensions[letter].number_format = "@"
    last = MAX_ROWS + 1
    for field_name, source in lists.items():
        _add_list(sheet, f"{_letter(field_name)}2:{_letter(field_name)}{last}", source)
    for field_name, (low, high) in {"year": (MIN_YEAR, MAX_YEAR), "birth_year": (1900, MAX_YEAR)}.items():
        rule = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                              allow_blank=True, showErrorMessage=True)
        rule.error = _("Năm phải là số từ %(min)d đến %(max)d.") % {"min": low, "max": high}
        sheet.add_data_validation(rule)
        rule.add(f"{_letter(field_name)}2:{_letter(field_name)}{last}")


def _add_list(sheet, cells, source):
    # A warning, not a stop: codes and other spellings are accepted too.
    rule = DataValidation(type="list", formula1=source, errorStyle="warning", allow_blank=True, showErrorMessage=True)
    rule.error = _("Giá trị không có trong danh sách (xem trang “Hướng dẫn”).")
    sheet.add_data_validation(rule)
    rule.add(cells)


def _write_guide(sheet):
    """Notes, columns, allowed values and examples; returns the cell range of each list."""
    sheet.append([_("Hướng dẫn nhập sổ khen thưởng")])
    sheet["A1"].font = Font(bold=True, size=14)
    for note in GUIDE_NOTES:
        sheet.append([f"• {note}"])
    sheet.append([])
    sheet.append([_("Cột"), _("Bắt buộc"), _("Nội dung")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for column in COLUMNS:
        sheet.append([column.header, _("Có") if column.required else "", str(column.help)])
    lists = {name: _write_values(sheet, label(name), [(str(text), value) for value, text in choices.choices])
             for name, choices in CHOICES.items()}
    awards = sorted({code: name for code, name in award_keys().values()}.items(), key=lambda item: fold(item[1]))
    lists["award"] = _write_values(sheet, label("award"), [(name, code) for code, name in awards])
    _write_examples(sheet)
    for letter, width in (("A", 40), ("B", 22), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    return lists


def _write_values(sheet, column_label, values):
    sheet.append([])
    sheet.append([_("Giá trị hợp lệ của cột “%(column)s”") % {"column": column_label}, _("Mã")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    first = sheet.max_row + 1
    for text, code in values:
        sheet.append([text, code])
    return f"'{GUIDE_SHEET}'!$A${first}:$A${max(sheet.max_row, first)}"


def _write_examples(sheet):
    sheet.append([])
    sheet.append([_("Ví dụ (trang “Khen thưởng đã nhận” được điền giống các dòng dưới đây)")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    _write_header(sheet, sheet.max_row + 1)
    labels = {**dict(RecipientKind.choices), **dict(Gender.choices)}
    for example in EXAMPLE_ROWS:
        sheet.append([str(labels.get(value, value)) if isinstance(value, str) else value for value in example])


# --- The upload form ----------------------------------------------------------------------------------------------


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp khen thưởng đã nhận"),
        help_text=gettext_lazy("Tệp Excel (.xlsx) theo mẫu, hoặc tệp CSV UTF-8."),
    )

    def clean_file(self):
        """Reads the file once: its rows and format stay on the form for the view."""
        upload = self.cleaned_data["file"]
        try:
            data = read_bytes(upload)
            self.file_format = detect_format(data)
            self.rows = rows_from_bytes(data, self.file_format)
        except UnreadableFile as exc:
            raise ValidationError(str(exc), code="unreadable") from exc
        return upload
