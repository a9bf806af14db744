"""Import of units and their cluster memberships from an .xlsx or .csv file.

``read_rows`` turns a file into numbered rows, ``validate`` checks every row against the others and the database and
plans the changes, ``apply`` writes the plan in one transaction. Nothing is written while a single row is wrong, and
importing the same file twice changes nothing.
"""

import csv
import io
import os
import re
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .models import Cluster, ClusterKind, ClusterMembership, ClusterScope, MemberRole, Unit, UnitKind
from .vietnamese import fold, nfc

DATA_SHEET = "Danh sách đơn vị"
GUIDE_SHEET = "Hướng dẫn"
MAX_ROWS = 10_000
MIN_YEAR, MAX_YEAR = 1990, 2100
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Columns ------------------------------------------------------------------------------------------------------


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
    Column("code", gettext_lazy("Mã đơn vị"), gettext_lazy(
        "Mã riêng của đơn vị, không trùng với đơn vị khác. Đơn vị đã có trên cổng với mã này sẽ được cập nhật."
    ), True, _length(Unit, "code")),
    Column("name", gettext_lazy("Tên đơn vị"), gettext_lazy("Tên đầy đủ, ví dụ “UBND huyện Văn Quan”."),
           True, _length(Unit, "name")),
    Column("short_name", gettext_lazy("Tên viết tắt"), gettext_lazy("Tên ngắn dùng trong bảng, ví dụ “Văn Quan”."),
           False, _length(Unit, "short_name")),
    Column("kind", gettext_lazy("Loại đơn vị"), gettext_lazy(
        "Một giá trị của mục “Loại đơn vị” trên trang “Hướng dẫn” của tệp mẫu (ghi tên hoặc mã)."
    ), True),
    Column("parent_code", gettext_lazy("Mã đơn vị cấp trên"), gettext_lazy(
        "Mã của đơn vị cấp trên, có trong tệp hoặc đã có trên cổng; để trống nếu không có."
    ), False, _length(Unit, "code")),
    Column("address", gettext_lazy("Địa chỉ"), gettext_lazy("Địa chỉ trụ sở."), False, _length(Unit, "address")),
    Column("cluster", gettext_lazy("Cụm/khối"), gettext_lazy(
        "Tên cụm hoặc khối thi đua mà đơn vị là thành viên; để trống nếu không có. "
        "Đơn vị ở nhiều cụm/khối thì ghi nhiều dòng cùng mã đơn vị."
    ), False, _length(Cluster, "name")),
    Column("cluster_kind", gettext_lazy("Loại cụm/khối"), gettext_lazy(
        "Cụm thi đua (theo địa bàn) hoặc Khối thi đua (theo lĩnh vực). Bắt buộc với cụm/khối chưa có trên cổng; "
        "chỉ cần ghi ở một dòng."
    )),
    Column("cluster_scope", gettext_lazy("Phạm vi"), gettext_lazy(
        "Cấp tỉnh hoặc Liên tỉnh. Bắt buộc với cụm/khối chưa có trên cổng; chỉ cần ghi ở một dòng."
    )),
    Column("year", gettext_lazy("Năm"), gettext_lazy("Năm của cụm/khối, ví dụ 2019. Bắt buộc khi có tên cụm/khối.")),
    Column("role", gettext_lazy("Vai trò trong cụm/khối"), gettext_lazy(
        "Một giá trị của mục “Vai trò trong cụm/khối” trên trang “Hướng dẫn” của tệp mẫu; để trống là Thành viên. "
        "Mỗi cụm/khối chỉ có một cụm trưởng (khối trưởng)."
    )),
)
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
UNIT_FIELDS = ("name", "short_name", "kind", "parent_code", "address")
CLUSTER_FIELDS = {"kind": "cluster_kind", "scope": "cluster_scope"}
CHOICES = {"kind": UnitKind, "cluster_kind": ClusterKind, "cluster_scope": ClusterScope, "role": MemberRole}


def label(field_name):
    return str(COLUMN_BY_FIELD[field_name].label)


def choice_keys(choices):
    """Folded code and label of each choice → its value; a role also answers to each part of its label."""
    keys = {}
    for value, text in choices.choices:
        names = [value, str(text)] + (str(text).split(",") if choices is MemberRole else [])
        keys.update({fold(name): value for name in names})
    return keys


def choice_label(field_name, value):
    return str(dict(CHOICES[field_name].choices).get(value, value)) if field_name in CHOICES else value


# --- Reading files ------------------------------------------------------------------------------------------------


class UnreadableFile(Exception):
    """The file cannot be read as an .xlsx or .csv file; the message says why, in Vietnamese."""


class SheetRow(NamedTuple):
    number: int  # as Excel shows it: the first row of the sheet is 1
    cells: tuple


def read_rows(source):
    """The non-blank rows of an .xlsx or .csv file (a path or an open file), header included.

    The format is told by content, not by name. Raises UnreadableFile.
    """
    data = read_bytes(source)
    return rows_from_bytes(data, detect_format(data))


def read_bytes(source):
    limit = settings.PORTAL_IMPORT_MAX_BYTES
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as file:
                data = file.read(limit + 1)
        else:
            source.seek(0)
            data = source.read(limit + 1)
    except FileNotFoundError as exc:
        raise UnreadableFile(_("Không có tệp “%(name)s”.") % {"name": source}) from exc
    except OSError as exc:
        raise UnreadableFile(_("Không mở được tệp “%(name)s”.") % {"name": source}) from exc
    if len(data) > limit:
        raise UnreadableFile(_("Tệp lớn hơn giới hạn %(limit)s.") % {"limit": filesizeformat(limit)})
    if not data:
        raise UnreadableFile(_("Tệp trống."))
    return data


# Bytes that never occur in a text file; a .png, .exe or .pdf has them in its first few bytes.
CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 13))


def detect_format(data):
    """"xlsx" for a zip holding xl/workbook.xml, "csv" for text; anything else is refused."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        if _is_workbook(data):
            return "xlsx"
    elif len(data.translate(None, CONTROL_BYTES)) == len(data):
        return "csv"
    raise UnreadableFile(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); nội dung tệp này không phải hai loại đó."))


def _is_workbook(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def rows_from_bytes(data, file_format):
    return _xlsx_rows(data) if file_format == "xlsx" else _csv_rows(data)


def _xlsx_rows(data):
    # The file comes from outside: whatever a damaged workbook makes openpyxl raise, the answer is the same.
    try:
        with warnings.catch_warnings():
            # Workbooks saved by Excel carry extensions openpyxl warns it drops; they do not matter for reading.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
                return _numbered(sheet.iter_rows(values_only=True))
            finally:
                book.close()
    except UnreadableFile:
        raise
    except Exception as exc:
        raise UnreadableFile(_("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.")) from exc


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("Tệp CSV phải lưu với bảng mã UTF-8 (trong Excel chọn “CSV UTF-8”).")) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(_("Không đọc được tệp CSV: %(reason)s.") % {"reason": exc}) from exc


def _numbered(raw_rows):
    rows = []
    for number, raw in enumerate(raw_rows, start=1):
        cells = [_cell_text(value) for value in raw]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(SheetRow(number, tuple(cells)))
        if len(rows) > MAX_ROWS + 1:
            raise UnreadableFile(_("Tệp có quá %(count)d dòng; hãy chia thành nhiều tệp.") % {"count": MAX_ROWS})
    return rows


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores every number as a float: 2019 arrives as 2019.0.
    return nfc(str(value))


# --- What the rows say --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self):
        if not self.column:
            return _("Dòng %(row)d: %(reason)s") % {"row": self.row, "reason": self.reason}
        return _("Dòng %(row)d, cột %(column)s: %(reason)s") % {
            "row": self.row, "column": self.column, "reason": self.reason,
        }


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str
    address: str


@dataclass(frozen=True)
class ClusterSpec:
    name: str
    year: int
    kind: str = ""
    scope: str = ""

    @property
    def key(self):
        return (self.name, self.year)


@dataclass(frozen=True)
class ParsedRow:
    number: int
    unit: UnitSpec
    cluster: ClusterSpec | None
    role: str


class RowReader:
    """The cells of one row by field, and the errors found in them."""

    def __init__(self, row, positions, keys, errors):
        self.number = row.number
        self.cells = {name: row.cells[i] if i < len(row.cells) else "" for name, i in positions.items()}
        self.keys = keys
        self.errors = errors

    def error(self, field_name, reason):
        self.errors.append(RowError(self.number, label(field_name), reason))

    def text(self, field_name):
        value, column = self.cells[field_name], COLUMN_BY_FIELD[field_name]
        if not value and column.required:
            self.error(field_name, _("Thiếu giá trị bắt buộc."))
        elif column.max_length and len(value) > column.max_length:
            self.error(field_name, _("Dài quá %(count)d ký tự.") % {"count": column.max_length})
        return value

    def choice(self, field_name):
        value = self.text(field_name)
        if value and fold(value) not in self.keys[field_name]:
            self.error(field_name, _("“%(value)s” không phải giá trị hợp lệ (xem trang “Hướng dẫn” của tệp mẫu).")
                       % {"value": value})
            return value
        return self.keys[field_name].get(fold(value), "")

    def year(self):
        value = self.text("year")
        if value and not (value.isascii() and value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR):
            self.error("year", _("Năm “%(value)s” không hợp lệ (cần một năm từ %(min)d đến %(max)d).")
                       % {"value": value, "min": MIN_YEAR, "max": MAX_YEAR})
            return None
        return int(value) if value else None


def parse_row(reader):
    """The unit and membership one row describes; None when the row has no unit code to hang them on."""
    unit = UnitSpec(
        code=reader.text("code"), name=reader.text("name"), short_name=reader.text("short_name"),
        kind=reader.choice("kind"), parent_code=reader.text("parent_code"), address=reader.text("address"),
    )
    cluster, role = parse_membership(reader)
    return ParsedRow(reader.number, unit, cluster, role) if unit.code else None


def parse_membership(reader):
    name, year = reader.text("cluster"), reader.year()
    kind, scope, role = reader.choice("cluster_kind"), reader.choice("cluster_scope"), reader.choice("role")
    if not name:
        if any(reader.cells[f] for f in ("cluster_kind", "cluster_scope", "year", "role")):
            reader.error("cluster", _("Thiếu tên cụm/khối (dòng có loại, phạm vi, năm hoặc vai trò trong cụm/khối)."))
        return None, ""
    if not reader.cells["year"]:
        reader.error("year", _("Cụm/khối phải có năm."))
    if year is None:
        return None, ""
    return ClusterSpec(name, year, kind, scope), role or MemberRole.MEMBER


def header_positions(header, errors):
    """Which cell of a row holds each column, found by the header's text; every column must be there."""
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


def _column_key(text):
    return fold(re.sub(r"\(.*?\)", "", text).replace("*", ""))


# --- Checking the rows together -----------------------------------------------------------------------------------


@dataclass
class Draft:
    """What the rows say, gathered by unit code, cluster and membership, with the row each was first seen on."""

    errors: list
    units: dict = field(default_factory=dict)
    unit_rows: dict = field(default_factory=dict)
    clusters: dict = field(default_factory=dict)
    cluster_rows: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    role_rows: dict = field(default_factory=dict)

    def error(self, row, field_name, reason):
        self.errors.append(RowError(row, label(field_name), reason))


def gather_unit(draft, row):
    """The first row of a code defines the unit; later rows of the same code must say the same."""
    code = row.unit.code
    if code not in draft.units:
        draft.units[code], draft.unit_rows[code] = row.unit, row.number
        return
    for name in UNIT_FIELDS:
        if getattr(row.unit, name) != getattr(draft.units[code], name):
            reason = _("Khác với dòng %(row)d có cùng mã đơn vị.") % {"row": draft.unit_rows[code]}
            draft.error(row.number, name, reason)


def gather_cluster(draft, row):
    """A cluster's kind and scope need be stated once; where stated twice they must agree."""
    key = row.cluster.key
    known = draft.clusters.setdefault(key, ClusterSpec(*key))
    draft.cluster_rows.setdefault(key, row.number)
    for attr, field_name in CLUSTER_FIELDS.items():
        value = getattr(row.cluster, attr)
        if value and not getattr(known, attr):
            known = replace(known, **{attr: value})
            draft.cluster_rows[(key, attr)] = row.number
        elif value and value != getattr(known, attr):
            draft.error(row.number, field_name, _("Khác với dòng %(row)d có cùng cụm/khối.")
                        % {"row": draft.cluster_rows[(key, attr)]})
    draft.clusters[key] = known


def gather_membership(draft, row):
    pair = (row.unit.code, row.cluster.key)
    if pair not in draft.roles:
        draft.roles[pair], draft.role_rows[pair] = row.role, row.number
    elif draft.roles[pair] != row.role:
        draft.error(row.number, "role", _("Dòng %(row)d đã ghi đơn vị này trong cùng cụm/khối với vai trò khác.")
                    % {"row": draft.role_rows[pair]})


@dataclass
class Existing:
    """What the database holds of the units and clusters a file speaks of."""

    units: dict  # code → UnitSpec
    inactive: set  # codes of the units no longer active (merged or closed)
    clusters: dict  # (name, year) → ClusterSpec
    roles: dict  # (code, (name, year)) → role

    @classmethod
    def load(cls, cluster_keys):
        units = Unit.objects.values_list("code", "name", "short_name", "kind", "parent__code", "address")
        clusters = Cluster.objects.filter(
            name__in={name for name, _year in cluster_keys}, year__in={year for _name, year in cluster_keys}
        )
        members = ClusterMembership.objects.filter(cluster__in=clusters)
        return cls(
            units={row[0]: UnitSpec(*row[:4], row[4] or "", row[5]) for row in units},
            inactive=set(Unit.objects.filter(is_active=False).values_list("code", flat=True)),
            clusters={(spec.name, spec.year): spec for spec in (
                ClusterSpec(*row) for row in clusters.values_list("name", "year", "kind", "scope"))},
            roles={(code, (name, year)): role for code, name, year, role in members.values_list(
                "unit__code", "cluster__name", "cluster__year", "role")},
        )


def check_parents(draft, existing):
    """Every parent code names a unit of the file or of the portal, and no unit is its own ancestor."""
    known = existing.units.keys() | draft.units.keys()
    for code, unit in draft.units.items():
        if unit.parent_code and unit.parent_code not in known:
            draft.error(draft.unit_rows[code], "parent_code", _(
                "Không có đơn vị mã “%(code)s” trong tệp hay trên cổng.") % {"code": unit.parent_code})
    parents = {code: unit.parent_code for code, unit in (existing.units | draft.units).items()}
    for cycle in find_cycles(parents, draft.units):
        for index, code in enumerate(cycle):
            if code in draft.units:
                path = " → ".join(cycle[index:] + cycle[:index] + [code])
                draft.error(draft.unit_rows[code], "parent_code", _("Đơn vị cấp trên tạo thành vòng lặp: %(path)s.")
                            % {"path": path})


def find_cycles(parents, starts):
    """Each loop of the parent links reached from ``starts``, as the list of its codes."""
    done, cycles = set(), []
    for start in starts:
        path, code = {}, start
        while code and code not in done and code not in path:
            path[code] = len(path)
            code = parents.get(code)
        if code in path:
            cycles.append(list(path)[path[code]:])
        done.update(path)
    return cycles


def check_clusters(draft, existing):
    """A new cluster needs its kind and scope; an existing one must not be described differently."""
    for key, spec in draft.clusters.items():
        current = existing.clusters.get(key)
        for attr, field_name in CLUSTER_FIELDS.items():
            value = getattr(spec, attr)
            if current is None and not value:
                draft.error(draft.cluster_rows[key], field_name, _("Cụm/khối “%(name)s” năm %(year)d chưa có trên "
                            "cổng: cần ghi %(what)s.") % {"name": key[0], "year": key[1], "what": label(field_name)})
            elif current is not None and value and value != getattr(current, attr):
                draft.error(draft.cluster_rows[(key, attr)], field_name, _("Trên cổng, cụm/khối này là “%(value)s”.")
                            % {"value": choice_label(field_name, getattr(current, attr))})


def check_leaders(draft, existing):
    """One leader per cluster, counting the members already on the portal."""
    leaders = defaultdict(set)
    for (code, key), role in (existing.roles | draft.roles).items():
        if role == MemberRole.LEADER:
            leaders[key].add(code)
    for (code, key), role in draft.roles.items():
        if role == MemberRole.LEADER and len(leaders[key]) > 1:
            draft.error(draft.role_rows[(code, key)], "role", _(
                "Cụm/khối “%(name)s” năm %(year)d có hơn một cụm trưởng: %(codes)s.")
                % {"name": key[0], "year": key[1], "codes": ", ".join(sorted(leaders[key]))})


def check_inactive_members(draft, existing):
    """A unit that no longer works (merged or closed) joins no cluster; its past memberships stay as they are."""
    for (code, key), role in draft.roles.items():
        if code in existing.inactive and existing.roles.get((code, key)) != role:
            draft.error(draft.role_rows[(code, key)], "cluster", _(
                "Đơn vị “%(code)s” đã ngừng hoạt động trên cổng, không thể vào cụm/khối hay đổi vai trò.")
                % {"code": code})


# --- The plan -----------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    units_created: int = 0
    units_updated: int = 0
    units_unchanged: int = 0
    clusters_created: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0

    @property
    def changes_anything(self):
        return any((self.units_created, self.units_updated, self.clusters_created, self.memberships_created,
                    self.memberships_updated))

    def __str__(self):
        return _(
            "Đơn vị: %(units_created)d thêm mới, %(units_updated)d cập nhật, %(units_unchanged)d không đổi. "
            "Cụm, khối: %(clusters_created)d thêm mới. "
            "Thành viên cụm, khối: %(memberships_created)d thêm mới, %(memberships_updated)d đổi vai trò."
        ) % vars(self)


@dataclass(frozen=True)
class UnitChange:
    unit: UnitSpec
    changes: tuple  # (column label, value now, value in the file), empty for a new unit


@dataclass
class ImportPlan:
    """The checked content of a file: its errors, or what applying it will write."""

    file_name: str = ""
    errors: list = field(default_factory=list)
    units: list = field(default_factory=list)  # UnitSpec, parents before children
    clusters: list = field(default_factory=list)  # ClusterSpec with kind and scope
    memberships: dict = field(default_factory=dict)  # (code, (name, year)) → role
    unit_changes: list = field(default_factory=list)  # UnitChange of each new or changed unit
    preview: ImportResult = field(default_factory=ImportResult)

    @property
    def is_valid(self):
        return not self.errors


def validate(rows, *, file_name=""):
    """Checks the rows of read_rows() against each other and the database; plans the changes. Writes nothing."""
    plan = ImportPlan(file_name=file_name)
    if not rows:
        plan.errors.append(RowError(1, "", _("Tệp không có dòng nào.")))
        return plan
    positions = header_positions(rows[0], plan.errors)
    if not rows[1:]:
        plan.errors.append(RowError(rows[0].number + 1, "", _("Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào.")))
    if plan.errors:
        return plan
    keys = {name: choice_keys(choices) for name, choices in CHOICES.items()}
    parsed = [parse_row(RowReader(row, positions, keys, plan.errors)) for row in rows[1:]]
    draft = gather(plan.errors, [row for row in parsed if row is not None])
    existing = Existing.load(draft.clusters)
    for check in (check_parents, check_clusters, check_leaders, check_inactive_members):
        check(draft, existing)
    fill_plan(plan, draft, existing)
    order = {str(column.label): index for index, column in enumerate(COLUMNS)}
    plan.errors.sort(key=lambda error: (error.row, order.get(error.column, -1)))
    return plan


def gather(errors, parsed):
    draft = Draft(errors)
    for row in parsed:
        gather_unit(draft, row)
        if row.cluster is not None:
            gather_cluster(draft, row)
            gather_membership(draft, row)
    return draft


def fill_plan(plan, draft, existing):
    plan.units = parents_first(draft.units)
    plan.clusters = [existing.clusters.get(key) or spec for key, spec in draft.clusters.items()]
    plan.memberships = draft.roles
    for spec in plan.units:
        current = existing.units.get(spec.code)
        changes = unit_differences(current, spec) if current else ()
        plan.preview.units_created += current is None
        plan.preview.units_updated += bool(changes)
        plan.preview.units_unchanged += current is not None and not changes
        if current is None or changes:
            plan.unit_changes.append(UnitChange(spec, changes))
    plan.preview.clusters_created = sum(key not in existing.clusters for key in draft.clusters)
    for pair, role in draft.roles.items():
        plan.preview.memberships_created += pair not in existing.roles
        plan.preview.memberships_updated += existing.roles.get(pair, role) != role


def parents_first(units):
    """The units in an order where each parent named in the file comes before its children."""
    ordered, placed = [], set()
    for code in units:
        chain = {}  # a dict keeps the order and answers "in" at once, even along a long chain
        while code in units and code not in placed and code not in chain:
            chain[code] = None
            code = units[code].parent_code
        placed.update(chain)
        ordered.extend(units[code] for code in reversed(chain))
    return ordered


def unit_differences(current, wanted):
    """(column label, value now, value wanted) of each field that differs."""
    return tuple(
        (label(name), choice_label(name, getattr(current, name)), choice_label(name, getattr(wanted, name)))
        for name in UNIT_FIELDS
        if getattr(current, name) != getattr(wanted, name)
    )


# --- Applying -----------------------------------------------------------------------------------------------------


class ImportRejected(Exception):
    """apply() was given a plan that has errors."""


@dataclass(frozen=True)
class HistoryStamp:
    reason: str
    user: object

    def save(self, obj, **kwargs):
        obj._change_reason = self.reason
        obj._history_user = self.user
        obj.save(**kwargs)


def apply(plan, *, by):
    """Writes a clean plan in one transaction and returns the counts.

    Units are created or updated by code, parents before children; clusters created by (name, year); memberships
    created or given their new role. Only what changed is saved, each save leaving a history row by ``by`` with the
    reason "Nhập từ tệp <name>". Raises ImportRejected when the plan has errors.
    """
    if plan.errors:
        raise ImportRejected(_("Tệp còn lỗi, chưa thể nhập."))
    stamp = HistoryStamp(_("Nhập từ tệp %(name)s") % {"name": plan.file_name}, by)
    result = ImportResult()
    with transaction.atomic():
        units = apply_units(plan.units, stamp, result)
        clusters = apply_clusters(plan.clusters, stamp, result)
        apply_memberships(plan.memberships, units, clusters, stamp, result)
    return result


def apply_units(specs, stamp, result):
    codes = {spec.code for spec in specs} | {spec.parent_code for spec in specs if spec.parent_code}
    units = {unit.code: unit for unit in Unit.objects.select_related("parent").filter(code__in=codes)}
    for spec in specs:
        unit = units.get(spec.code)
        if unit is None:
            units[spec.code] = Unit(code=spec.code)
            _set_unit_fields(units[spec.code], spec, units, UNIT_FIELDS)
            stamp.save(units[spec.code])
            result.units_created += 1
        elif _update_unit(unit, spec, units, stamp):
            result.units_updated += 1
        else:
            result.units_unchanged += 1
    return units


def _update_unit(unit, spec, units, stamp):
    current = UnitSpec(unit.code, unit.name, unit.short_name, unit.kind, unit.parent.code if unit.parent else "",
                       unit.address)
    changed = [name for name in UNIT_FIELDS if getattr(current, name) != getattr(spec, name)]
    if changed:
        _set_unit_fields(unit, spec, units, changed)
        stamp.save(unit, update_fields=[name.removesuffix("_code") for name in changed])
    return bool(changed)


def _set_unit_fields(unit, spec, units, names):
    for name in names:
        if name == "parent_code":
            unit.parent = units[spec.parent_code] if spec.parent_code else None
        else:
            setattr(unit, name, getattr(spec, name))


def apply_clusters(specs, stamp, result):
    found = Cluster.objects.filter(name__in={spec.name for spec in specs}, year__in={spec.year for spec in specs})
    clusters = {(cluster.name, cluster.year): cluster for cluster in found}
    for spec in specs:
        if spec.key not in clusters:
            clusters[spec.key] = Cluster(name=spec.name, year=spec.year, kind=spec.kind, scope=spec.scope)
            stamp.save(clusters[spec.key])
            result.clusters_created += 1
    return clusters


def apply_memberships(roles, units, clusters, stamp, result):
    found = ClusterMembership.objects.filter(cluster__in=list(clusters.values()))
    current = {(membership.unit_id, membership.cluster_id): membership for membership in found}
    # Leaders last: a leader who steps down in the same file frees the place first (one leader per cluster).
    for (code, key), role in sorted(roles.items(), key=lambda item: item[1] == MemberRole.LEADER):
        unit, cluster = units[code], clusters[key]
        membership = current.get((unit.pk, cluster.pk))
        if membership is None:
            stamp.save(ClusterMembership(unit=unit, cluster=cluster, role=role))
            result.memberships_created += 1
        elif membership.role != role:
            membership.role = role
            stamp.save(membership, update_fields=["role"])
            result.memberships_updated += 1


# --- The template staff fill in -----------------------------------------------------------------------------------

GUIDE_NOTES = (
    gettext_lazy("Điền danh sách vào trang “Danh sách đơn vị”, từ dòng 2; không đổi tên, không xóa các cột ở dòng 1."),
    gettext_lazy("Cột có dấu * là bắt buộc."),
    gettext_lazy("Mỗi dòng là một đơn vị, hoặc một đơn vị trong một cụm/khối. Đơn vị ở nhiều cụm/khối thì ghi nhiều "
                 "dòng cùng mã đơn vị; thông tin đơn vị trên các dòng đó phải giống nhau."),
    gettext_lazy("Đơn vị đã có trên cổng (cùng mã) được cập nhật theo tệp: ô để trống sẽ xóa thông tin tương ứng."),
    gettext_lazy("Nếu tệp có lỗi, cổng liệt kê từng lỗi theo số dòng và không nhập gì; sửa xong thì tải lên lại. "
                 "Nhập lại cùng một tệp không làm thay đổi gì."),
    gettext_lazy("Có thể lưu tệp dạng CSV UTF-8 (phân cách bằng dấu phẩy hoặc chấm phẩy) thay cho .xlsx."),
)
EXAMPLE_ROWS = (
    ("LS", "Tỉnh Lạng Sơn", "Lạng Sơn", UnitKind.PROVINCE, "", "", "Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc",
     ClusterKind.CUM, ClusterScope.INTER_PROVINCIAL, 2019, MemberRole.MEMBER),
    ("H-VQ", "UBND huyện Văn Quan", "Văn Quan", UnitKind.DISTRICT, "", "Thị trấn Văn Quan",
     "Cụm thi đua các huyện nội địa", ClusterKind.CUM, ClusterScope.PROVINCIAL, 2019, MemberRole.LEADER),
    ("H-VQ", "UBND huyện Văn Quan", "Văn Quan", UnitKind.DISTRICT, "", "Thị trấn Văn Quan",
     "Cụm thi đua các huyện nội địa", ClusterKind.CUM, ClusterScope.PROVINCIAL, 2020, MemberRole.MEMBER),
    ("X-TD", "UBND xã Tân Đoàn", "Tân Đoàn", UnitKind.COMMUNE, "H-VQ", "", "", "", "", "", ""),
    ("SNV", "Sở Nội vụ", "", UnitKind.DEPARTMENT, "", "", "Khối các cơ quan nội chính", ClusterKind.KHOI,
     ClusterScope.PROVINCIAL, 2019, MemberRole.DEPUTY),
)
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def build_template():
    """The .xlsx workbook staff fill in: a clean data sheet, and a guide sheet with the allowed values and examples."""
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    lists = _write_guide(book.create_sheet(GUIDE_SHEET))
    _write_data_sheet(data, lists)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_data_sheet(sheet, lists):
    _write_header(sheet, 1)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 14 if column.field in ("year", "cluster_scope") else 28
        if column.field in ("code", "parent_code"):
            sheet.column_dimensions[letter].number_format = "@"  # keep codes like 001 as typed
        if column.field in lists:
            _add_validation(sheet, f"{letter}2:{letter}{MAX_ROWS + 1}", lists[column.field])
    _add_validation(sheet, f"{_letter('year')}2:{_letter('year')}{MAX_ROWS + 1}", None)


def _letter(field_name):
    return get_column_letter(list(COLUMN_BY_FIELD).index(field_name) + 1)


def _add_validation(sheet, cells, source):
    if source is None:
        rule = DataValidation(type="whole", operator="between", formula1=str(MIN_YEAR), formula2=str(MAX_YEAR))
        rule.error = _("Năm phải là số từ %(min)d đến %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}
    else:
        # A warning, not a stop: the codes of the values are accepted too.
        rule = DataValidation(type="list", formula1=source, errorStyle="warning")
        rule.error = _("Giá trị không có trong danh sách (xem trang “Hướng dẫn”).")
    rule.allow_blank = True
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(cells)


def _write_header(sheet, row):
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=row, column=index, value=column.header)
        cell.font, cell.fill = BOLD, HEADER_FILL


def _write_guide(sheet):
    """Writes the notes, the columns, the allowed values and the examples; returns the cell range of each list."""
    sheet.append([_("Hướng dẫn nhập danh sách đơn vị")])
    sheet["A1"].font = Font(bold=True, size=14)
    for note in GUIDE_NOTES:
        sheet.append([f"• {note}"])
    sheet.append([])
    sheet.append([_("Cột"), _("Bắt buộc"), _("Nội dung")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for column in COLUMNS:
        sheet.append([column.header, _("Có") if column.required else "", str(column.help)])
    lists = {name: _write_choices(sheet, name) for name in CHOICES}
    _write_examples(sheet)
    for letter, width in (("A", 34), ("B", 22), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    return lists


def _write_choices(sheet, field_name):
    sheet.append([])
    sheet.append([_("Giá trị hợp lệ của cột “%(column)s”") % {"column": label(field_name)}, _("Mã")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    first = sheet.max_row + 1
    for value, text in CHOICES[field_name].choices:
        sheet.append([str(text), value])
    return f"'{GUIDE_SHEET}'!$A${first}:$A${sheet.max_row}"


def _write_examples(sheet):
    sheet.append([])
    sheet.append([_("Ví dụ (trang “Danh sách đơn vị” được điền giống các dòng dưới đây)")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    _write_header(sheet, sheet.max_row + 1)
    for example in EXAMPLE_ROWS:
        sheet.append([choice_label(column.field, value) for column, value in zip(COLUMNS, example)])


# --- The upload form ----------------------------------------------------------------------------------------------


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách đơn vị"),
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
