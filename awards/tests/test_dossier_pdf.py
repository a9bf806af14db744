"""The compiled dossier read back as a PDF: every nominee's full name and the right vote shares in its text, A4
pages, text inside the margins of domain.md §7 (page numbers in the top margin, none on a document's first page),
and the embedded fonts the intended Times New Roman-compatible ones."""

import io
import re
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader

from awards.models import AgendaItem, DossierStatus
from awards.tests.test_dossier_jobs import closed_session, compile_now, own_media_root  # noqa: F401 (fixture)

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
# domain.md §7: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, (210 - 15) * MM, 20 * MM, (297 - 20) * MM
SLACK = 0.5  # points: glyph boxes may overhang their advance a hair


def fold(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@pytest.fixture
def compiled(db, alice, django_capture_on_commit_callbacks):
    session = closed_session(nominees=4, members=9, agree=8)
    item = session.items.order_by("position").last()
    AgendaItem.objects.filter(pk=item.pk).update(agree=7, disagree=2, outcome="failed", awarded_form=None)
    dossier = compile_now(session, alice, django_capture_on_commit_callbacks)
    assert dossier.status == DossierStatus.READY
    with dossier.file.open("rb") as stream:
        return session, dossier, stream.read()


def document_text(data, dossier, kind):
    entry = next(entry for entry in dossier.outline if entry["kind"] == kind and entry["level"] == 1)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages[entry["page"]:entry["page"] + entry["pages"]]
        return fold(" ".join(page.extract_text() or "" for page in pages))


def test_dossier_text_holds_every_nominee_and_the_vote_shares(compiled):
    session, dossier, data = compiled
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = fold(" ".join(page.extract_text() or "" for page in pdf.pages))
    items = list(session.items.select_related("nomination__person").order_by("position"))
    assert [item.nomination.person.full_name for item in items if fold(item.nomination.person.full_name) not in text] == []
    # The minutes: per nominee the votes for, against, lower, invalid and the share of all nine members.
    minutes = document_text(data, dossier, "minutes")
    rows = [f"{item.nomination.person.full_name} {item.agree} {item.disagree} 0 0 {item.agree}/9 = "
            f"{'88,89' if item.agree == 8 else '77,78'} % {'Đạt' if item.agree == 8 else 'Không đạt'}"
            for item in items]
    assert [row for row in rows if row not in minutes] == []
    assert (minutes.count("8/9 = 88,89 %"), minutes.count("7/9 = 77,78 %")) == (3, 1)
    # The list carries the same share beside each nominee.
    listing = document_text(data, dossier, "list")
    assert (listing.count("8/9 = 88,89 %"), listing.count("7/9 = 77,78 %")) == (3, 1)


def test_dossier_pages_are_a4(compiled):
    _, _, data = compiled
    sizes = {(round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))
             for page in PdfReader(io.BytesIO(data)).pages}
    assert sizes == {(round(A4[0], 1), round(A4[1], 1))}


def test_text_stays_inside_the_margins_and_page_numbers_sit_in_the_top_margin(compiled):
    _, dossier, data = compiled
    first_pages = {entry["page"] for entry in dossier.outline}
    outside, numbers = [], {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if not char["text"].strip():
                    continue
                if char["bottom"] < TOP:
                    numbers.setdefault(index, []).append(char)
                    continue
                if (char["x0"] < LEFT - SLACK or char["x1"] > RIGHT + SLACK or char["bottom"] > BOTTOM + SLACK):
                    outside.append((index, char["text"], round(char["x0"] / MM, 1), round(char["top"] / MM, 1)))
    assert outside == []
    assert set(numbers) == set(range(dossier.pages)) - first_pages
    for chars in numbers.values():
        assert all(char["text"].isdigit() and 13 <= round(char["size"]) <= 14 for char in chars)
        middle = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
        assert LEFT < middle < RIGHT


def test_page_numbers_restart_with_each_document(compiled):
    _, dossier, data = compiled
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        heads = [fold("".join(c["text"] for c in page.chars if c["bottom"] < TOP)) for page in pdf.pages]
    for entry in dossier.outline:
        if entry["level"] == 1 and entry["pages"] > 1 and entry["kind"] != "reports":
            assert heads[entry["page"]:entry["page"] + entry["pages"]] == [""] + [
                str(n) for n in range(2, entry["pages"] + 1)]


def test_dossier_embeds_liberation_serif_only(compiled):
    _, _, data = compiled
    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            # "ABCDEF+Liberation-Serif-Bold": the subset's tag, then the family and the style.
            fonts[str(font["/BaseFont"]).split("+", 1)[-1].replace("-", "")] = embedded
    assert set(fonts) <= {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic",
                          "LiberationSerifBoldItalic"}
    assert {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic"} <= set(fonts)
    assert all(fonts.values())


@pytest.mark.django_db
def test_list_table_header_repeats_on_every_page(alice):
    from awards.selectors.dossier import session_documents
    from awards.services.dossiers import render_documents

    session = closed_session(nominees=30)
    listing = next(doc for doc in session_documents(session) if doc["kind"] == "list")
    data, entries, pages = render_documents([listing])
    assert pages > 1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tops = [fold(page.extract_text() or "") for page in pdf.pages]
    header = "STT Họ và tên / Tên Chức vụ, đơn vị Tóm tắt thành tích Kết quả bỏ phiếu"
    assert [header in text for text in tops] == [True] * pages
