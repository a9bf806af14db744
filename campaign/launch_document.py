"""Reading a launch document (văn bản phát động, kế hoạch) into the fields of a campaign.

Pure functions over text: nothing here touches the database. Two shapes are understood:

* a launching letter (like Lạng Sơn's of 2019) whose numbered paragraphs "1. …" are the tasks;
* a plan (kế hoạch) with Roman-numbered sections "I. …", where the tasks are the numbered paragraphs of the
  section on the contents of the campaign ("NỘI DUNG THI ĐUA", "NỘI DUNG, CHỈ TIÊU…"); numbered paragraphs of the
  other sections (purposes, awards, organisation) are not tasks.

Everything found is a proposal: staff correct it on the preview before a campaign is created.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _

DOC_TYPES = (
    "PHÁT ĐỘNG", "KẾ HOẠCH", "LỜI KÊU GỌI", "CHỈ THỊ", "HƯỚNG DẪN", "THÔNG BÁO", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH",
    "ĐỀ ÁN", "CÔNG VĂN",
)
NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")
# Header lines that continue the body named on the line above ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN").
PLACE_QUALIFIERS = ("TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "THỊ XÃ ", "QUẬN ", "XÃ ", "PHƯỜNG ", "THỊ TRẤN ")
POSITION = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|BÍ\s+THƯ|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|"
    r"CHÁNH\s+THANH\s+TRA|THỦ\s+TRƯỞNG|CHỈ\s+HUY\s+TRƯỞNG|TRƯỞNG\s+PHÒNG|HIỆU\s+TRƯỞNG|VIỆN\s+TRƯỞNG)\b"
)
SIGNING_CAPACITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ|T/M)\.?\s")
SENTENCE_ENDS = (".", "!", "?", ":", ";", "…")
CLOSING_MARKS = "”\"'’»)]"
SHORT_TITLE_MAX = 120
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}

_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_VERBAL_DATE = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_ANY_DATE = rf"(?:{_DATE}|{_VERBAL_DATE})"
END_DATE = re.compile(rf"đến\s+(?:hết\s+)?ngày\s+{_ANY_DATE}", re.IGNORECASE)
START_DATE = re.compile(rf"từ\s+ngày\s+{_ANY_DATE}", re.IGNORECASE)
DATE_RANGE = re.compile(rf"\(\s*{_DATE}\s*[-–—]\s*{_DATE}\s*\)")
PLACE_DATE = re.compile(rf"^(?P<place>[^\W\d][^,]{{0,60}}),\s*ngày\s+{_VERBAL_DATE}\s*\.?$", re.IGNORECASE)
DOC_NUMBER = re.compile(r"^Số\s*:\s*(?P<number>\S*\d\S*/\S+)", re.IGNORECASE)
THEME = re.compile(r"chủ\s+đề\s*(?:là)?\s*:?\s*[“\"«]\s*(?P<theme>[^”\"»]+?)\s*[”\"»]", re.IGNORECASE)
ISSUERS_BEFORE_LAUNCH = re.compile(r"^(?P<before>.+?)\s+(?:cùng\s+)?phát\s+động\b", re.IGNORECASE)
ITEM = re.compile(r"^(?P<number>\d{1,2})\s*[.)](?!\d)\s*(?P<text>\S.*)$")
ROMAN_HEADING = re.compile(r"^(?P<roman>[IVXL]{1,6})\s*[.)]\s*(?P<heading>\S.*)$")
LIST_MARK = re.compile(r"^(?:[-+•–*]\s|[a-zđ]\s*[).]\s)")
SUB_ITEM = re.compile(r"^(?:[-+•–*]|[a-zđ]\s*[).])\s")
PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$")
RULE_LINE = re.compile(r"^[\W_]+$")
RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
SIGNED_NOTE = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s*,?\s*ghi\s+rõ.*|ký\s+tên.*)\s*\)?\.?$", re.IGNORECASE)


class LaunchDocumentError(ValueError):
    """The document cannot become a campaign; the message says why, in Vietnamese."""


class ParsedTask(NamedTuple):
    number: int
    short_title: str
    text: str


@dataclass
class ParsedLaunchDocument:
    doc_type: str = ""
    title: str = ""
    theme: str = ""
    doc_number: str = ""
    doc_date: datetime.date | None = None
    place: str = ""
    issuing_bodies: list[str] = field(default_factory=list)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    anniversary_date: datetime.date | None = None
    tasks: list[ParsedTask] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_name: str = ""
    signer_position: str = ""
    warnings: list[str] = field(default_factory=list)


# --- Reading an upload ----------------------------------------------------------------------------------------------


def text_from_upload(uploaded_file):
    """The text of an uploaded .txt (UTF-8, with or without BOM, or UTF-16) or .docx, judged by content."""
    uploaded_file.seek(0)
    return text_from_bytes(uploaded_file.read())


def text_from_bytes(data):
    if not data:
        raise LaunchDocumentError(_("Tệp trống, không có nội dung."))
    if data.startswith(b"PK\x03\x04"):
        return _docx_text(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LaunchDocumentError(
            _("Đây là tệp Word cũ (.doc). Hãy mở bằng Word, lưu lại dưới dạng .docx rồi tải lên.")
        )
    return _plain_text(data)


def _plain_text(data):
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked_text(data, encoding)
    return _checked_text(data, "utf-8")


def _checked_text(data, encoding):
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise LaunchDocumentError(_not_text_message()) from None
    if any(unicodedata.category(char) == "Cc" and char not in "\n\r\t\f" for char in text):
        raise LaunchDocumentError(_not_text_message())
    return unicodedata.normalize("NFC", text)


def _not_text_message():
    return _("Tệp không phải văn bản đọc được: hãy tải lên tệp .txt (mã UTF-8) hoặc .docx, hoặc dán nội dung.")


def _docx_text(data):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            is_word = "word/document.xml" in archive.namelist()
        document = docx.Document(io.BytesIO(data)) if is_word else None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        document = None
    if document is None:
        raise LaunchDocumentError(_("Tệp nén này không phải văn bản Word (.docx)."))
    return unicodedata.normalize("NFC", "\n".join(_docx_blocks(document)))


def _docx_blocks(container):
    """Paragraph texts in reading order; a table is read cell by cell (the header and signature are tables)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_blocks(block)
        else:
            yield block.text


def _table_blocks(table):
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell repeats in every column it spans
                seen.add(id(cell._tc))
                yield from _docx_blocks(cell)


# --- Paragraphs ------------------------------------------------------------------------------------------------------


def paragraphs_of(text):
    """Clean paragraphs: NFC, no bold markers, no page numbers, paragraphs broken by a page break rejoined."""
    paragraphs = []
    for line in _clean_lines(text):
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _clean_lines(text):
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "").replace("**", "")
    for raw in re.split(r"\r\n|[\r\n\t\f\u2028\u2029\v]| {3,}", text):
        line = " ".join(raw.split())
        if line and not PAGE_NUMBER.match(line) and not RULE_LINE.match(line):
            yield line


def _continues(previous, line):
    """A line starting lower-case after one that does not end a sentence is the rest of the same paragraph."""
    ended = previous.rstrip(CLOSING_MARKS).endswith(SENTENCE_ENDS)
    return not ended and line[0].islower() and not LIST_MARK.match(line)


def _is_upper(text):
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _is_authority_line(paragraph):
    """A line of the signature block: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"…"""
    if not _is_upper(paragraph) or len(paragraph.split()) > 10:
        return False
    return bool(SIGNING_CAPACITY.match(paragraph) or POSITION.match(paragraph))


# --- Dates -----------------------------------------------------------------------------------------------------------


def _date(day, month, year, warnings):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        warnings.append(_("Ngày %(date)s không có thật, đã bỏ qua.") % {"date": f"{day}/{month}/{year}"})
        return None


def _first_date(pattern, text, warnings):
    match = pattern.search(text)
    if match is None:
        return None
    day, month, year = [part for part in match.groups() if part is not None][:3]
    return _date(day, month, year, warnings)


# --- The whole document ----------------------------------------------------------------------------------------------


def parse_launch_document(text):
    """Read ``text`` into a ParsedLaunchDocument; raise LaunchDocumentError when it holds no task."""
    paragraphs = paragraphs_of(text or "")
    if not paragraphs:
        raise LaunchDocumentError(_("Văn bản trống: hãy tải lên hoặc dán toàn văn văn bản phát động."))
    doc = ParsedLaunchDocument()
    layout = _layout(paragraphs, doc)
    body = paragraphs[layout.body_start:layout.body_end]
    doc.tasks = _tasks(body, doc.warnings)
    _read_header(paragraphs[:layout.header_end], doc)
    _read_body(body, doc)
    _read_tail(paragraphs[layout.body_end:], doc)
    _warn_missing(doc)
    return doc


class _Layout(NamedTuple):
    header_end: int
    body_start: int
    body_end: int


def _layout(paragraphs, doc):
    """Where the header ends, and the body (after the title, before "Nơi nhận" or the signature) lies."""
    type_index = next((i for i, p in enumerate(paragraphs) if p.rstrip(":.").strip() in DOC_TYPES), None)
    if type_index is not None:
        doc.doc_type = paragraphs[type_index].rstrip(":.").strip()
        title_index = type_index + 1
    else:
        title_index = next((i for i, p in enumerate(paragraphs) if not _is_header_line(p)), 0)
        doc.warnings.append(
            _("Không thấy dòng loại văn bản (PHÁT ĐỘNG, KẾ HOẠCH…): tên phong trào lấy theo đoạn đầu tiên, "
              "hãy kiểm tra lại.")
        )
    doc.title = paragraphs[title_index] if title_index < len(paragraphs) else ""
    body_start = min(title_index + 1, len(paragraphs))
    body_end = next(
        (i for i in range(body_start, len(paragraphs))
         if RECIPIENTS.match(paragraphs[i]) or _is_authority_line(paragraphs[i])),
        len(paragraphs),
    )
    header_end = type_index if type_index is not None else title_index
    return _Layout(header_end, body_start, body_end)


def _is_header_line(paragraph):
    return _is_upper(paragraph) or bool(DOC_NUMBER.match(paragraph) or PLACE_DATE.match(paragraph)) or (
        paragraph.upper().startswith("ĐỘC LẬP")
    )


def _read_header(header, doc):
    bodies = []
    for paragraph in header:
        if number := DOC_NUMBER.match(paragraph):
            doc.doc_number = number["number"]
        elif place_date := PLACE_DATE.match(paragraph):
            doc.place = place_date["place"].strip()
            doc.doc_date = _date(*place_date.groups()[1:], doc.warnings)
        elif _is_issuing_body_line(paragraph):
            _add_body_line(bodies, paragraph)
    doc.issuing_bodies = bodies


def _is_issuing_body_line(paragraph):
    upper = paragraph.upper()
    return _is_upper(paragraph) and upper not in NATIONAL_HEADER and not upper.startswith("ĐỘC LẬP")


def _add_body_line(bodies, line):
    if bodies and line.startswith(PLACE_QUALIFIERS):
        bodies[-1] = f"{bodies[-1]} {line}"
    else:
        bodies.append(line)


def _read_body(body, doc):
    text = "\n".join(body)
    doc.theme = _theme(text)
    doc.end_date = _first_date(END_DATE, text, doc.warnings)
    doc.start_date = _first_date(START_DATE, text, doc.warnings)
    if doc.start_date is None and doc.doc_date is not None:
        doc.start_date = doc.doc_date
        doc.warnings.append(_("Văn bản không ghi ngày bắt đầu: đã lấy ngày ban hành văn bản, hãy kiểm tra lại."))
    if range_match := DATE_RANGE.search(doc.title):
        doc.anniversary_date = _date(*range_match.groups()[3:], doc.warnings)
    if not doc.issuing_bodies:
        doc.issuing_bodies = _issuers_from_launch_sentence(body)


def _theme(text):
    match = THEME.search(text)
    return " ".join(match["theme"].split()) if match else ""


def _issuers_from_launch_sentence(body):
    """The bodies named just before "phát động": "…, Tỉnh ủy, HĐND tỉnh, UBND tỉnh và Ủy ban MTTQ… phát động"."""
    for paragraph in body:
        if ITEM.match(paragraph):
            break
        if match := ISSUERS_BEFORE_LAUNCH.match(paragraph):
            return _trailing_names(match["before"])
    return []


def _trailing_names(before):
    names = []
    for part in reversed(before.split(", ")):
        pieces = [piece.strip() for piece in part.split(" và ")] if not names else [part.strip()]
        if not all(_looks_like_a_body(piece) for piece in pieces):
            break
        names[:0] = pieces
    return names


def _looks_like_a_body(name):
    return bool(name) and name[0].isupper() and not re.search(r"[\d()]", name) and len(name.split()) <= 15


# --- Tasks -----------------------------------------------------------------------------------------------------------


def _tasks(body, warnings):
    sections = _roman_sections(body)
    if sections:
        heading, paragraphs = _content_section(sections)
        items = _numbered_items(paragraphs, warnings, closing_ends_list=False)
    else:
        items = _numbered_items(body, warnings, closing_ends_list=True)
    if not items:
        raise LaunchDocumentError(_no_task_message(sections))
    return [ParsedTask(number, short_title(text), text) for number, text in items]


def _no_task_message(sections):
    if sections:
        return _("Không tìm thấy nội dung thi đua được đánh số (1., 2., …) trong mục “NỘI DUNG THI ĐUA” của kế hoạch.")
    return _("Không tìm thấy nội dung thi đua nào: văn bản cần có các nội dung được đánh số “1.”, “2.”, …")


def _roman_value(numeral):
    values = [ROMAN_VALUES[char] for char in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _roman_sections(body):
    """[(heading, paragraphs)] for a plan whose sections are numbered I., II., III. in order; [] otherwise."""
    sections = []
    for paragraph in body:
        heading = ROMAN_HEADING.match(paragraph)
        if heading and _roman_value(heading["roman"]) == len(sections) + 1:
            sections.append((heading["heading"], []))
        elif sections:
            sections[-1][1].append(paragraph)
    return sections if len(sections) >= 2 else []


def _content_section(sections):
    def rank(section):
        heading = section[0].upper()
        return 2 if "NỘI DUNG" in heading and "THI ĐUA" in heading else 1 if "NỘI DUNG" in heading else 0

    best = max(sections, key=rank)
    if rank(best) == 0:
        headings = "; ".join(heading for heading, _paragraphs in sections)
        raise LaunchDocumentError(
            _("Kế hoạch không có mục “NỘI DUNG THI ĐUA”. Các mục tìm thấy: %(headings)s.") % {"headings": headings}
        )
    return best


def _numbered_items(paragraphs, warnings, *, closing_ends_list):
    """[(number, text)]: each numbered paragraph in sequence with the unnumbered paragraphs that follow it.

    An unnumbered paragraph between two tasks belongs to the task above it (2019: "Kết thúc phong trào thi đua…"
    after task 10). After the last task of a letter, a paragraph that is not a list item is the closing, not a task.
    """
    items = []
    trailing = []
    for paragraph in paragraphs:
        item = ITEM.match(paragraph)
        if item and int(item["number"]) == len(items) + 1:
            _extend_last(items, trailing)
            trailing = []
            items.append((int(item["number"]), item["text"]))
        elif items:
            if item:
                warnings.append(_out_of_sequence(paragraph, len(items)))
            trailing.append(paragraph)
    if closing_ends_list:
        trailing = _list_continuation(trailing)
    _extend_last(items, trailing)
    return items


def _extend_last(items, paragraphs):
    if items and paragraphs:
        number, text = items[-1]
        items[-1] = (number, "\n".join([text, *paragraphs]))


def _list_continuation(paragraphs):
    kept = []
    for paragraph in paragraphs:
        if not SUB_ITEM.match(paragraph):
            break
        kept.append(paragraph)
    return kept


def _out_of_sequence(paragraph, current):
    return _("Đoạn “%(start)s” có số thứ tự không liền mạch, đã được gộp vào nội dung %(number)s.") % {
        "start": paragraph[:40],
        "number": current,
    }


def short_title(text, limit=SHORT_TITLE_MAX):
    """A short form of a task for lists: its first clause, at most ``limit`` characters, cut between words."""
    first = re.split(r"(?<=[.;:!?])\s+", text.split("\n")[0], maxsplit=1)[0].rstrip(".;:!? ")
    if len(first) <= limit:
        return first
    space = first.rfind(" ", 0, limit)
    return first[:space if space > 0 else limit - 1].rstrip(",;: ") + "…"


# --- Recipients and signature ----------------------------------------------------------------------------------------


def _read_tail(tail, doc):
    start = next((i for i, p in enumerate(tail) if RECIPIENTS.match(p)), None)
    used = 0
    if start is not None:
        doc.recipients, used = _recipients(tail[start:])
        tail = tail[:start] + tail[start + used:]
    doc.signer_position, doc.signer_name = _signature(tail)


def _recipients(paragraphs):
    """(recipients, paragraphs consumed) from the "Nơi nhận:" paragraph on."""
    lines = [RECIPIENTS.match(paragraphs[0])["rest"], *paragraphs[1:]]
    items = []
    consumed = 0
    for line in lines:
        if line.startswith(("-", "+", "•", "–")):
            items.append(line.lstrip("-+•– ").strip())
        elif items and not items[-1].endswith((";", ".")) and not _is_authority_line(line):
            items[-1] = f"{items[-1]} {line}"
        elif line:
            break
        consumed += 1
    return [item.rstrip(";. ").strip() for item in items if item.rstrip(";. ")], max(consumed, 1)


def _signature(tail):
    """(position, name): the last authority line of the signature block and the name under it."""
    start = next((i for i, p in enumerate(tail) if _is_authority_line(p)), None)
    if start is None:
        return "", ""
    block = [p for p in tail[start:start + 8] if not SIGNED_NOTE.match(p)]
    authority = []
    for paragraph in block:
        if not _is_authority_line(paragraph):
            name = paragraph.title() if _is_upper(paragraph) else paragraph
            return (authority[-1] if authority else ""), name
        authority.append(paragraph)
    return authority[-1], ""


def _warn_missing(doc):
    checks = (
        (doc.title, _("Không tìm thấy tên phong trào: hãy nhập tên.")),
        (doc.end_date, _("Không tìm thấy ngày kết thúc (“đến ngày …”): hãy nhập ngày kết thúc.")),
        (doc.start_date, _("Văn bản không ghi ngày bắt đầu: hãy nhập ngày bắt đầu.")),
        (doc.theme, _("Không tìm thấy chủ đề (“với chủ đề: “…””).")),
        (doc.issuing_bodies, _("Không tìm thấy cơ quan phát động: hãy nhập, mỗi cơ quan một dòng.")),
        (doc.signer_name, _("Không tìm thấy người ký văn bản.")),
    )
    doc.warnings.extend(message for value, message in checks if not value)


def suggested_kind(doc):
    """The campaign kind the document suggests: "special", "thematic" or "regular" (CampaignKind values)."""
    words = f"{doc.title} {doc.theme}".lower()
    if "đặc biệt" in words or doc.anniversary_date:
        return "special"
    if "chuyên đề" in words:
        return "thematic"
    return "regular"
