"""The dossier's documents as plain values (selectors/dossier.py): the counts by award form and recipient kind of the
letters, the order of the list, the evidence list and the ZIP's folders, the data version, flat query counts, and
the templates rendering them."""

import datetime
import json

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from awards.models import AwardForm, Nomination, NominationFile
from awards.selectors.dossier import (
    batch_documents,
    data_version,
    evidence_files,
    session_documents,
)
from portal.tests.factories import (
    AgendaItemFactory,
    BatchFactory,
    CampaignFactory,
    HouseholdFactory,
    NominationFactory,
    NominationFileFactory,
    PersonFactory,
    SessionFactory,
    StaffFactory,
    StaffPostFactory,
    UnitFactory,
)

SUBMITTED = datetime.datetime(2019, 10, 20, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2019, 11, 20, 9, 30, tzinfo=datetime.UTC)
UPLOADED = datetime.datetime(2019, 10, 18, 2, 15, tzinfo=datetime.UTC)
BANG_KHEN = "Bằng khen của Chủ tịch UBND tỉnh"
CSTD = "Chiến sĩ thi đua cấp tỉnh"
KINDS = ["Tập thể", "Cá nhân", "Hộ gia đình"]


def form(code):
    return AwardForm.objects.get(regime__code="A", code=code)


def recipient(kind, name, unit):
    """Nomination keyword arguments for a nominee of ``kind`` named ``name`` (a unit under ``unit`` for a
    collective)."""
    if kind == "collective":
        return {"recipient_kind": kind, "person": None, "unit": UnitFactory(name=name, kind="commune", parent=unit)}
    if kind == "household":
        return {"recipient_kind": kind, "person": None,
                "household": HouseholdFactory(head_name=name, unit=unit, address="Thôn Nà Pàn",
                                              commune="Xã Yên Phúc")}
    return {"recipient_kind": kind, "person": PersonFactory(full_name=name, unit=unit, position="Trưởng phòng")}


def agenda_item(session, code, kind, name, position, *, agree, outcome, awarded=None, district=None):
    """A forwarded nominee of ``session`` with its fixed tally (of 9 members) and outcome."""
    district = district or UnitFactory(name="Huyện Văn Quan")
    batch = BatchFactory(campaign=session.campaign, unit=district, status="forwarded", submitted_at=SUBMITTED)
    nomination = NominationFactory(batch=batch, award_form=form(code), status="forwarded",
                                   summary=f"Thành tích của {name}.", **recipient(kind, name, district))
    awarded_form = None if outcome == "failed" else form(awarded or code)
    return AgendaItemFactory(session=session, nomination=nomination, position=position, agree=agree,
                             disagree=9 - agree, lower=0, invalid=0, not_voted=0, outcome=outcome,
                             awarded_form=awarded_form)


def closed_session(**campaign):
    return SessionFactory(campaign=CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019", **campaign),
                          status="closed", member_count=9, closed_at=CLOSED, opened_at=CLOSED)


@pytest.fixture
def province(db):
    return UnitFactory(code="TINH-LS", name="UBND tỉnh Lạng Sơn", kind="province")


@pytest.fixture
def session(province):
    """Six nominees created out of order; positions are the agenda's (form, kind, name)."""
    session = closed_session(doc_number="1234/KH-UBND", doc_date=datetime.date(2019, 3, 1))
    agenda_item(session, "cstd_tinh", "individual", "Nông Thị Lan", 6, agree=5, outcome="passed_lower",
                awarded="bang_khen_tinh")
    agenda_item(session, "bang_khen_tinh", "individual", "Vi Văn Bảo", 4, agree=8, outcome="passed")
    agenda_item(session, "cstd_tinh", "individual", "Lý Văn Cường", 5, agree=9, outcome="passed")
    agenda_item(session, "bang_khen_tinh", "household", "Nông Văn Hộ", 2, agree=8, outcome="passed")
    agenda_item(session, "bang_khen_tinh", "individual", "Hoàng Thị An", 3, agree=6, outcome="failed")
    agenda_item(session, "bang_khen_tinh", "collective", "Xã Tân Đoàn", 1, agree=9, outcome="passed")
    return session


def by_kind(documents):
    return {document["kind"]: document for document in documents if document["kind"] != "reports"}


def list_rows(document):
    return [(form["numeral"], form["form"], kind["kind"], row["number"], row["name"])
            for form in document["context"]["forms"] for kind in form["kinds"] for row in kind["rows"]]


def _nomination_named(name):
    for nomination in Nomination.objects.select_related("unit", "person", "household"):
        if str(nomination.recipient) in (name, f"Hộ ông/bà {name}"):
            return nomination
    raise LookupError(name)


def add_file(nomination, name, *, size, sha256, by, removed=False, role=""):
    """An active (or removed) file of the nomination or, with ``role``, of its batch; uploaded at UPLOADED."""
    file = NominationFileFactory(batch=nomination.batch, nomination=None if role else nomination,
                                 batch_role=role, original_name=name, size=size, sha256=sha256, uploaded_by=by,
                                 removed_at=UPLOADED if removed else None)
    NominationFile.objects.filter(pk=file.pk).update(uploaded_at=UPLOADED)
    file.refresh_from_db()
    return file


# --- Session: letter, list --------------------------------------------------------------------------------------


def test_session_documents_come_in_the_order_of_the_contract(session):
    documents = session_documents(session)

    assert [document["kind"] for document in documents] == [
        "letter", "minutes", "list", *["reports"] * 6, "decision", "evidence"]
    assert [document["template"] for document in documents if document["kind"] in ("letter", "list", "evidence")] == [
        "awards/dossier/letter.html", "awards/dossier/list.html", "awards/dossier/evidence.html"]


def test_session_letter_counts_passed_by_awarded_form_and_recipient_kind(session):
    context = by_kind(session_documents(session))["letter"]["context"]

    assert context["passed_counts"] == {
        "columns": KINDS,
        "rows": [
            {"form": BANG_KHEN, "award_kind": "form", "decided_by": "chairman", "cells": [1, 2, 1], "total": 4},
            {"form": CSTD, "award_kind": "title", "decided_by": "chairman", "cells": [0, 1, 0], "total": 1},
        ],
        "totals": [1, 3, 1], "total": 5,
    }
    assert context["failed_counts"]["rows"] == [
        {"form": BANG_KHEN, "award_kind": "form", "decided_by": "chairman", "cells": [0, 1, 0], "total": 1}]
    assert context["proposals"] == [
        f"Tặng {BANG_KHEN} cho 1 tập thể, 2 cá nhân, 1 hộ gia đình.",
        f"Tặng danh hiệu {CSTD} cho 1 cá nhân.",
    ]
    assert context["council"] == {
        "title": session.title, "date": "20/11/2019", "place": "Phòng họp số 1, UBND tỉnh Lạng Sơn",
        "member_count": 9, "ballot_count": 0, "considered": 6, "passed": 5, "failed": 1, "passed_lower": 1,
    }


def test_session_letter_header_grounds_signature(session):
    StaffPostFactory(function="head", user=StaffFactory(full_name="Đinh Văn Trưởng"))
    StaffPostFactory(function="specialist", user=StaffFactory(full_name="An Thị Chuyên"))
    context = by_kind(session_documents(session))["letter"]["context"]

    assert context["header"] == {"parent_body": "UBND TỈNH LẠNG SƠN", "issuer": "SỞ NỘI VỤ",
                                 "number": "Số:      /TTr-SNV",
                                 "date_line": "Lạng Sơn, ngày 20 tháng 11 năm 2019", "date": "20/11/2019"}
    assert (context["doc_type"], context["summary"], context["addressees"]) == (
        "TỜ TRÌNH", "Về việc đề nghị khen thưởng trong Phong trào thi đua đặc biệt năm 2019",
        ["Ủy ban nhân dân tỉnh Lạng Sơn"])
    assert context["grounds"] == [
        ("Căn cứ văn bản số 1234/KH-UBND ngày 01/03/2019 của Tỉnh ủy, UBND tỉnh phát động Phong trào thi đua đặc "
         "biệt năm 2019;"),
        "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP;",
        "Căn cứ Thông tư số 12/2019/TT-BNV;",
    ]
    assert context["signature"] == {"prefix": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Đinh Văn Trưởng"}
    assert context["recipients"] == ["Như trên", "Hội đồng TĐKT tỉnh", "Lưu: VT, TĐKT"]


def test_session_letter_without_head_of_board_or_launch_document_leaves_them_out(province):
    session = closed_session()
    agenda_item(session, "bang_khen_tinh", "individual", "Vi Văn Bảo", 1, agree=8, outcome="passed")
    context = by_kind(session_documents(session))["letter"]["context"]

    assert context["signature"]["name"] == ""
    assert context["grounds"][0] == "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013;"


def test_session_list_is_ordered_by_form_kind_and_name_with_the_vote_shares(session):
    document = by_kind(session_documents(session))["list"]
    context = document["context"]

    assert list_rows(document) == [
        ("I", BANG_KHEN, "Tập thể", 1, "Xã Tân Đoàn"),
        ("I", BANG_KHEN, "Hộ gia đình", 2, "Hộ ông/bà Nông Văn Hộ"),
        ("I", BANG_KHEN, "Cá nhân", 3, "Hoàng Thị An"),
        ("I", BANG_KHEN, "Cá nhân", 4, "Vi Văn Bảo"),
        ("II", CSTD, "Cá nhân", 5, "Lý Văn Cường"),
        ("II", CSTD, "Cá nhân", 6, "Nông Thị Lan"),
    ]
    rows = [row for form in context["forms"] for kind in form["kinds"] for row in kind["rows"]]
    assert [(row["share"], row["outcome"]) for row in rows] == [
        ("9/9 = 100,00 %", "Đạt"), ("8/9 = 88,89 %", "Đạt"), ("6/9 = 66,67 %", "Không đạt"),
        ("8/9 = 88,89 %", "Đạt"), ("9/9 = 100,00 %", "Đạt"), ("5/9 = 55,56 %", "Đạt ở hình thức thấp hơn")]
    assert rows[5]["awarded_form"] == BANG_KHEN
    assert [row["position_unit"] for row in rows[:4]] == [
        "Huyện Văn Quan", "Thôn Nà Pàn, Xã Yên Phúc", "Trưởng phòng, Huyện Văn Quan", "Trưởng phòng, Huyện Văn Quan"]
    assert (context["with_result"], context["total"], context["attachment"], context["header"]["number"]) == (
        True, 6, "(Kèm theo Tờ trình số      /TTr-SNV ngày 20/11/2019 của Sở Nội vụ)", "")


def test_session_reports_follow_the_list_order(session):
    reports = [document["label"] for document in session_documents(session) if document["kind"] == "reports"]

    assert reports == ["Xã Tân Đoàn", "Hộ ông/bà Nông Văn Hộ", "Hoàng Thị An", "Vi Văn Bảo", "Lý Văn Cường",
                       "Nông Thị Lan"]


def test_session_documents_are_plain_json(session):
    documents = session_documents(session)

    assert json.loads(json.dumps(documents)) == documents


# --- Evidence ---------------------------------------------------------------------------------------------------


def test_session_evidence_lists_active_files_per_nominee_not_the_batch_letters(session, alice):
    bao = _nomination_named("Vi Văn Bảo")
    first = add_file(bao, "bao-cao.pdf", size=1536, sha256="ab" * 32, by=alice)
    second = add_file(bao, "bao-cao.pdf", size=3 * 1024 * 1024, sha256="cd" * 32, by=alice)
    add_file(bao, "cu.pdf", size=100, sha256="ef" * 32, by=alice, removed=True)
    add_file(_nomination_named("Xã Tân Đoàn"), "to-trinh.pdf", size=2048, sha256="12" * 32, by=None, role="letter")

    sections = by_kind(session_documents(session))["evidence"]["context"]["sections"]

    assert [(section["folder"], section["title"], len(section["files"])) for section in sections] == [
        ("01-xa-tan-doan", f"01. Xã Tân Đoàn – {BANG_KHEN}", 0),
        ("02-ho-ongba-nong-van-ho", f"02. Hộ ông/bà Nông Văn Hộ – {BANG_KHEN}", 0),
        ("03-hoang-thi-an", f"03. Hoàng Thị An – {BANG_KHEN}", 0),
        ("04-vi-van-bao", f"04. Vi Văn Bảo – {BANG_KHEN}", 2),
        ("05-ly-van-cuong", f"05. Lý Văn Cường – {CSTD}", 0),
        ("06-nong-thi-lan", f"06. Nông Thị Lan – {CSTD}", 0),
    ]
    assert sections[3]["files"] == [
        {"number": 1, "name": "bao-cao.pdf", "document": "", "kind": "PDF", "size": "1,5 KB",
         "sha256": "abababababab", "uploaded_by": "Hoàng Thị Alice", "uploaded_at": "18/10/2019 09:15"},
        {"number": 2, "name": "bao-cao.pdf", "document": "", "kind": "PDF", "size": "3,0 MB",
         "sha256": "cdcdcdcdcdcd", "uploaded_by": "Hoàng Thị Alice", "uploaded_at": "18/10/2019 09:15"},
    ]
    assert evidence_files(session) == [
        {"folder": "04-vi-van-bao", "name": "bao-cao.pdf", "storage_name": first.file.name, "size": 1536,
         "sha256": "ab" * 32},
        {"folder": "04-vi-van-bao", "name": "bao-cao-2.pdf", "storage_name": second.file.name,
         "size": 3 * 1024 * 1024, "sha256": "cd" * 32},
    ]


# --- Data version -----------------------------------------------------------------------------------------------


def test_data_version_is_the_sha256_of_the_canonical_json():
    # sha256 of '[{"a": "Ả", "b": 1}]' in UTF-8: keys sorted, non-ASCII kept.
    expected = "c77ba25431a4faaa6bcadee6c9834a2fcacb3b810dad910fd1c9863d158c9284"
    assert data_version([{"b": 1, "a": "Ả"}]) == expected
    assert data_version([{"a": "Ả", "b": 1}]) == expected


def test_data_version_changes_with_a_nominees_summary_only(session):
    before = data_version(session_documents(session))
    other = closed_session()
    agenda_item(other, "bang_khen_tinh", "individual", "Người Khác", 1, agree=9, outcome="passed")
    unrelated = _nomination_named("Người Khác")
    unrelated.summary = "Đổi ở phiên khác."
    unrelated.save()
    assert data_version(session_documents(session)) == before

    bao = _nomination_named("Vi Văn Bảo")
    bao.summary = "Thành tích đã sửa."
    bao.save()
    assert data_version(session_documents(session)) != before


# --- Batch ------------------------------------------------------------------------------------------------------


@pytest.fixture
def batch(province):
    district = UnitFactory(name="Huyện Văn Quan", parent=province)
    batch = BatchFactory(unit=district, letter_number="15/TTr-UBND", letter_date=datetime.date(2019, 10, 2),
                         signer="Hoàng Văn Ký", signer_position="Chủ tịch UBND huyện",
                         summary="V/v đề nghị khen thưởng phong trào thi đua đặc biệt")
    for code, kind, name in [("bang_khen_tinh", "individual", "Vi Văn Bảo"),
                             ("cstd_tinh", "individual", "Lý Văn Cường"),
                             ("bang_khen_tinh", "collective", "Xã Tân Đoàn"),
                             ("bang_khen_tinh", "individual", "Hoàng Thị An")]:
        NominationFactory(batch=batch, award_form=form(code), summary=f"Thành tích của {name}.",
                          **recipient(kind, name, district))
    return batch


def test_batch_documents_letter_list_reports_evidence(batch):
    documents = batch_documents(batch)

    assert [document["kind"] for document in documents] == ["letter", "list", *["reports"] * 4, "evidence"]
    letter = documents[0]
    assert (letter["template"], letter["label"]) == (
        "awards/dossier/unit_letter.html", "Tờ trình số 15/TTr-UBND của Huyện Văn Quan")
    context = letter["context"]
    assert context["header"] == {"parent_body": "UBND tỉnh Lạng Sơn", "issuer": "Huyện Văn Quan",
                                 "number": "Số: 15/TTr-UBND", "date_line": "Lạng Sơn, ngày 02 tháng 10 năm 2019",
                                 "date": "02/10/2019"}
    assert context["counts"] == {
        "columns": KINDS,
        "rows": [
            {"form": BANG_KHEN, "award_kind": "form", "decided_by": "chairman", "cells": [1, 2, 0], "total": 3},
            {"form": CSTD, "award_kind": "title", "decided_by": "chairman", "cells": [0, 1, 0], "total": 1},
        ],
        "totals": [1, 3, 0], "total": 4,
    }
    assert (context["summary"], context["signature"]) == (
        "V/v đề nghị khen thưởng phong trào thi đua đặc biệt",
        {"prefix": "", "position": "Chủ tịch UBND huyện", "name": "Hoàng Văn Ký"})
    assert list_rows(documents[1]) == [
        ("I", BANG_KHEN, "Tập thể", 1, "Xã Tân Đoàn"),
        ("I", BANG_KHEN, "Cá nhân", 2, "Hoàng Thị An"),
        ("I", BANG_KHEN, "Cá nhân", 3, "Vi Văn Bảo"),
        ("II", CSTD, "Cá nhân", 4, "Lý Văn Cường"),
    ]
    assert documents[1]["context"]["with_result"] is False
    assert "share" not in documents[1]["context"]["forms"][0]["kinds"][0]["rows"][0]
    assert json.loads(json.dumps(documents)) == documents


def test_batch_evidence_always_lists_the_batch_letter_section(batch):
    sections = batch_documents(batch)[-1]["context"]["sections"]

    assert [(section["folder"], len(section["files"])) for section in sections] == [
        ("00-to-trinh", 0), ("01-xa-tan-doan", 0), ("02-hoang-thi-an", 0), ("03-vi-van-bao", 0),
        ("04-ly-van-cuong", 0)]
    assert evidence_files(batch) == []


# --- Queries ----------------------------------------------------------------------------------------------------


def populated_session(count, kind):
    """A closed session of ``count`` nominees of ``kind`` (units under a parent unit), each with a file and its batch
    with a letter."""
    session = closed_session(doc_number="12/KH-UBND")
    uploader = StaffFactory()
    for index in range(count):
        item = agenda_item(session, "bang_khen_tinh", kind, f"Người số {index}", index, agree=8, outcome="passed",
                           district=UnitFactory(parent=UnitFactory()))
        add_file(item.nomination, "minh-chung.pdf", size=1000, sha256="ab" * 32, by=uploader)
        add_file(item.nomination, "to-trinh.pdf", size=1000, sha256="ab" * 32, by=uploader, role="letter")
    return session


def populated_batch(count, kind):
    """A batch of ``count`` nominees of ``kind``, each with a file, and its letter."""
    district = UnitFactory(parent=UnitFactory())
    batch = BatchFactory(unit=district)
    uploader = StaffFactory()
    for index in range(count):
        nomination = NominationFactory(batch=batch, award_form=form("bang_khen_tinh"),
                                       **recipient(kind, f"Người số {index}", district))
        add_file(nomination, "minh-chung.pdf", size=1000, sha256="ab" * 32, by=uploader)
    add_file(nomination, "to-trinh.pdf", size=1000, sha256="ab" * 32, by=uploader, role="letter")
    return batch


def queries_of(function, subject):
    with CaptureQueriesContext(connection) as context:
        function(subject)
    return len(context.captured_queries)


@pytest.mark.parametrize("kind", ["collective", "individual", "household"])
def test_session_documents_queries_do_not_grow_with_nominees(province, kind, django_assert_num_queries):
    one, five = populated_session(1, kind), populated_session(5, kind)
    expected = queries_of(session_documents, one)
    with django_assert_num_queries(expected):
        session_documents(five)

    expected = queries_of(evidence_files, one)
    with django_assert_num_queries(expected):
        evidence_files(five)


@pytest.mark.parametrize("kind", ["collective", "individual", "household"])
def test_batch_documents_queries_do_not_grow_with_nominees(province, kind, django_assert_num_queries):
    one, five = populated_batch(1, kind), populated_batch(5, kind)
    expected = queries_of(batch_documents, one)
    with django_assert_num_queries(expected):
        batch_documents(five)

    expected = queries_of(evidence_files, one)
    with django_assert_num_queries(expected):
        evidence_files(five)


# --- Templates --------------------------------------------------------------------------------------------------


def rendered(document):
    return render_to_string(document["template"], document["context"])


def test_session_letter_renders(session):
    html = rendered(by_kind(session_documents(session))["letter"])

    for text in ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Số:      /TTr-SNV", "Lạng Sơn, ngày 20 tháng 11 năm 2019",
                 "TỜ TRÌNH", "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.", "Căn cứ Nghị định số 91/2017/NĐ-CP;",
                 "Tổng số thành viên Hội đồng: 9; số phiếu đã bỏ: 0.",
                 ("Hội đồng đã xem xét 6 hồ sơ đề nghị: 5 hồ sơ đạt, 1 hồ sơ không đạt (trong đó 1 hồ sơ đạt ở hình "
                  "thức thấp hơn hình thức đề nghị)."),
                 f"<td>{BANG_KHEN}</td>", f"- Tặng danh hiệu {CSTD} cho 1 cá nhân.", "KT. GIÁM ĐỐC",
                 "- Lưu: VT, TĐKT."]:
        assert text in html, text


def test_session_list_and_evidence_render(session, alice):
    add_file(_nomination_named("Vi Văn Bảo"), "bao-cao.pdf", size=1536, sha256="ab" * 32, by=alice)
    documents = by_kind(session_documents(session))
    html = rendered(documents["list"])

    for text in ["DANH SÁCH", "<th class=\"name\">Họ và tên / Tên tập thể</th>", "<th class=\"result\">Kết quả bỏ phiếu</th>",
                 "Hộ ông/bà Nông Văn Hộ", "8/9 = 88,89 %", "Tổng số: 6."]:
        assert text in html, text
    assert "Nơi nhận" not in html

    html = rendered(documents["evidence"])
    for text in ["DANH MỤC TÀI LIỆU, MINH CHỨNG", "04. Vi Văn Bảo", "Thư mục: 04-vi-van-bao", "bao-cao.pdf",
                 "1,5 KB", "abababababab", "Không có tài liệu."]:
        assert text in html, text


def test_batch_letter_and_list_render(batch):
    documents = batch_documents(batch)
    html = rendered(documents[0])

    for text in ["Huyện Văn Quan", "Số: 15/TTr-UBND", "Lạng Sơn, ngày 02 tháng 10 năm 2019",
                 "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội vụ).",
                 ("Huyện Văn Quan kính đề nghị Ủy ban nhân dân tỉnh xem xét, khen thưởng cho 4 tập thể, cá nhân, hộ "
                  "gia đình"), f"- Tặng {BANG_KHEN} cho 1 tập thể, 2 cá nhân.", "Hoàng Văn Ký"]:
        assert text in html, text

    html = rendered(documents[1])
    assert "Kết quả bỏ phiếu" not in html
    assert "(Kèm theo Tờ trình số 15/TTr-UBND ngày 02/10/2019 của Huyện Văn Quan)" in html
