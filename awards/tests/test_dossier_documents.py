"""The council's documents of a dossier (awards.selectors.dossier_council): the minutes with each nominee's votes and
share of ALL members, one achievement report per nominee in its form's template, the chairman's decision (draft or
recorded) with its counts per form and kind, its cash and its list. Every document is plain JSON, renders without a
query, and its PDF's text holds the names and the shares."""

import datetime
import io
import json

import pdfplumber
import pytest
import weasyprint
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from awards.models import (
    AgendaItem,
    AwardForm,
    BallotKind,
    Choice,
    CouncilRole,
    CouncilSession,
    Nomination,
    NominationTask,
    SessionStatus,
)
from awards.selectors.dossier_council import decision_document, minutes_document, report_documents
from awards.services.ballots import cast_ballot, close_ballot
from awards.services.decisions import cash_total, record_decision
from campaign.pdf import FONT_CONFIG
from portal.tests.factories import (
    AchievementFactory,
    AgendaItemFactory,
    AwardRecordFactory,
    BatchFactory,
    CampaignFactory,
    CouncilMemberFactory,
    DecisionFactory,
    HouseholdFactory,
    NominationFactory,
    PersonFactory,
    SessionFactory,
    SessionMemberFactory,
    StaffFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)
from units.vietnamese import nfc

SUBMITTED = datetime.datetime(2019, 10, 20, tzinfo=datetime.UTC)
CAMPAIGN = "Phong trào thi đua đặc biệt năm 2019"
AGREE, DISAGREE, LOWER, INVALID = Choice.AGREE, Choice.DISAGREE, Choice.LOWER, Choice.INVALID
BK = "Bằng khen của Chủ tịch UBND tỉnh"
CSTD = "Chiến sĩ thi đua cấp tỉnh"
BKTT = "Bằng khen của Thủ tướng Chính phủ"


def form(code):
    return AwardForm.objects.get(regime__code="A", code=code)


@pytest.fixture
def district(db):
    return UnitFactory(code="VQ", name="Huyện Văn Quan")


@pytest.fixture
def batch(district):
    campaign = CampaignFactory(title=CAMPAIGN)
    return BatchFactory(campaign=campaign, unit=district, status="forwarded", submitted_at=SUBMITTED)


@pytest.fixture
def council(batch):
    """A session of 10 sitting members on the batch's campaign: chair, secretary, 8 members; the last two absent."""
    chair = CouncilMemberFactory(role=CouncilRole.CHAIR, user__full_name="Phạm Ngọc Thưởng",
                                 position="Chủ tịch UBND tỉnh")
    secretary = CouncilMemberFactory(role=CouncilRole.SECRETARY, user__full_name="Hoàng Thị Thư",
                                     position="Trưởng Ban Thi đua – Khen thưởng")
    session = SessionFactory(campaign=batch.campaign, title="Phiên họp thứ nhất", chair=chair, secretary=secretary)
    others = [CouncilMemberFactory(user__full_name=f"Ủy viên số {n}") for n in range(1, 9)]
    seats = [chair, secretary, *others]
    for index, seat in enumerate(seats):
        SessionMemberFactory(session=session, member=seat, attendance="absent" if index >= 8 else "present")
    return session, seats


def nominate(session, batch, code, *, person=None, unit=None, household=None, **fields):
    kind = "collective" if unit else "household" if household else "individual"
    nomination = NominationFactory(batch=batch, award_form=form(code), recipient_kind=kind, unit=unit,
                                   person=person, household=household, status="forwarded", **fields)
    return AgendaItemFactory(session=session, nomination=nomination)


# Each nominee's votes from the 9 ballots: seats 0–6 on line, seat 7 on paper (may be invalid), seat 8 in writing.
VOTES = {
    "duc": [AGREE] * 9,                                # CSTĐ: 9/10 = 90 % → passed
    "lan": [AGREE] * 7 + [LOWER] * 2,                  # CSTĐ: 7/10, with Bằng khen named 9/10 → passed lower
    "tan_doan": [AGREE] * 8 + [DISAGREE],              # Bằng khen, collective: 8/10 = 80 % → passed
    "bao": [AGREE] * 6 + [DISAGREE, INVALID, DISAGREE],  # Bằng khen: 6/10 → failed
    "mai": [AGREE] * 9,                                # Thủ tướng's Bằng khen: passed, decided above the province
    "ho": [AGREE] * 9,                                 # Bằng khen, household: passed
}


@pytest.fixture
def closed(council, batch, district):
    """The council's session, voted and closed; {key: agenda item}."""
    session, seats = council
    commune = UnitFactory(name="Xã Tân Đoàn", kind="commune", parent=district, address="Thôn Bản Cằm, xã Tân Đoàn")
    items = {
        "duc": nominate(session, batch, "cstd_tinh", person=PersonFactory(
            unit=district, full_name="Hoàng Văn Đức", birth_year=1978, position="Trưởng phòng Nông nghiệp",
            department="Phòng Nông nghiệp và PTNT"), situation="Công tác tại huyện từ năm 2002.\nĐảng viên.",
            summary="Ba năm liền hoàn thành xuất sắc nhiệm vụ."),
        "lan": nominate(session, batch, "cstd_tinh", person=PersonFactory(unit=district, full_name="Nông Thị Lan")),
        "tan_doan": nominate(session, batch, "bang_khen_tinh", unit=commune,
                             situation="Xã có 12 thôn, 1.250 hộ.", summary="Về đích nông thôn mới năm 2019."),
        "bao": nominate(session, batch, "bang_khen_tinh", person=PersonFactory(unit=district, full_name="Vi Văn Bảo")),
        "mai": nominate(session, batch, "bang_khen_thu_tuong",
                        person=PersonFactory(unit=district, full_name="Lường Thị Mai")),
        "ho": nominate(session, batch, "bang_khen_tinh",
                       household=HouseholdFactory(unit=district, head_name="Nông Văn Hộ")),
    }
    CouncilSession.objects.filter(pk=session.pk).update(status=SessionStatus.OPEN, member_count=10)
    session.refresh_from_db()
    staff = StaffFactory()
    bk = form("bang_khen_tinh")
    for index, seat in enumerate(seats[:9]):
        choices = {item: (VOTES[key][index], bk if VOTES[key][index] == LOWER else None) for key, item in items.items()}
        kind = BallotKind.ONLINE if index < 7 else BallotKind.PAPER if index == 7 else BallotKind.WRITTEN
        cast_ballot(session, member=seat, choices=choices, kind=kind, by=seat.user if index < 7 else staff)
    close_ballot(session, by=session.chair.user)
    session.refresh_from_db()
    return session, {key: AgendaItem.objects.get(pk=item.pk) for key, item in items.items()}


@pytest.fixture
def province(db):
    return UnitFactory(code="TINH-LS", name="UBND tỉnh Lạng Sơn", kind="province")


def decide(session, items, by, number="2345/QĐ-UBND"):
    values = {"number": number, "date": datetime.date(2019, 12, 20), "signer": "Phạm Ngọc Thưởng",
              "signer_position": "Chủ tịch UBND tỉnh", "summary": "Về việc khen thưởng phong trào thi đua đặc biệt"}
    return record_decision(session, items=items, values=values, by=by)


def plain(document):
    """The document after a JSON round trip (equal only when it held nothing but JSON's own types)."""
    return json.loads(json.dumps(document, ensure_ascii=False))


def pdf_text(document):
    html = render_to_string(document["template"], document["context"])
    data = weasyprint.HTML(string=html).write_pdf(font_config=FONT_CONFIG)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return nfc(" ".join(page.extract_text() or "" for page in pdf.pages))


# --- Minutes -------------------------------------------------------------------------------------------------------


def test_minutes_document_frames_the_minutes_of_the_council(closed):
    session, _items = closed
    document = minutes_document(session)
    context = document["context"]

    assert (document["kind"], document["template"], document["label"]) == (
        "minutes", "awards/dossier/minutes.html", "Biên bản họp Hội đồng Thi đua – Khen thưởng")
    assert context["header"] == {"parent_body": "UBND TỈNH LẠNG SƠN", "issuer": "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
                                 "number": "Số:      /BB-HĐTĐKT", "date_line": "Lạng Sơn, ngày 20 tháng 11 năm 2019"}
    assert (context["doc_type"], context["draft"]) == ("BIÊN BẢN", False)
    assert context["summary"] == f"Họp Hội đồng Thi đua – Khen thưởng tỉnh xét đề nghị khen thưởng trong {CAMPAIGN}"
    assert context["opening"] == (
        "Hồi 15 giờ 00 ngày 20/11/2019, tại Phòng họp số 1, UBND tỉnh Lạng Sơn, Hội đồng Thi đua – Khen thưởng tỉnh "
        f"Lạng Sơn họp xét đề nghị khen thưởng trong {CAMPAIGN} (Phiên họp thứ nhất).")
    assert context["signatures"] == [{"position": "THƯ KÝ", "name": "Hoàng Thị Thư"},
                                     {"position": "CHỦ TỊCH", "name": "Phạm Ngọc Thưởng"}]


def test_minutes_document_counts_members_and_written_opinions(closed):
    session, _items = closed
    context = minutes_document(session)["context"]
    minutes = context["minutes"]

    assert (minutes["member_count"], minutes["ballot_count"], len(minutes["present"]), context["written_count"]) == (
        10, 9, 8, 1)
    assert [(person["name"], person["written_opinion"]) for person in minutes["absent"]] == [
        ("Ủy viên số 7", True), ("Ủy viên số 8", False)]


def test_minutes_document_groups_votes_by_form_and_kind_with_shares_of_all_members(closed):
    session, _items = closed
    groups = minutes_document(session)["context"]["groups"]

    assert [(group["form"], group["kind"], [
        (n["name"], n["agree"], n["disagree"], n["lower"], n["invalid"], n["share"], n["lower_share"], n["outcome"])
        for n in group["nominees"]]) for group in groups] == [
        (BK, "Tập thể", [("Xã Tân Đoàn", 8, 1, 0, 0, "8/10 = 80,00 %", "", "Đạt")]),
        (BK, "Hộ gia đình", [("Hộ ông/bà Nông Văn Hộ", 9, 0, 0, 0, "9/10 = 90,00 %", "", "Đạt")]),
        (BK, "Cá nhân", [("Vi Văn Bảo", 6, 2, 0, 1, "6/10 = 60,00 %", "", "Không đạt")]),
        (CSTD, "Cá nhân", [("Hoàng Văn Đức", 9, 0, 0, 0, "9/10 = 90,00 %", "", "Đạt"),
                           ("Nông Thị Lan", 7, 0, 2, 0, "7/10 = 70,00 %", "9/10 = 90,00 %",
                            "Đạt ở hình thức thấp hơn")]),
        (BKTT, "Cá nhân", [("Lường Thị Mai", 9, 0, 0, 0, "9/10 = 90,00 %", "", "Đạt")]),
    ]


def test_minutes_document_signs_as_presiding_when_the_chair_is_not_the_council_chairman(closed):
    session, _items = closed
    session.chair.role = CouncilRole.VICE_CHAIR
    session.chair.save()

    assert minutes_document(session)["context"]["signatures"][1] == {"position": "CHỦ TRÌ",
                                                                     "name": "Phạm Ngọc Thưởng"}


def test_minutes_document_is_plain_and_renders_without_queries(closed, django_assert_num_queries):
    session, _items = closed
    document = minutes_document(session)

    assert plain(document) == document
    with django_assert_num_queries(0):
        html = render_to_string(document["template"], document["context"])
    assert html.count('<table class="grid votes">') == 5
    assert html.count("<thead>") == 5
    for text in ("Số:      /BB-HĐTĐKT", "Hoàng Văn Đức", "7/10 = 70,00 %", "Ở hình thức Bằng khen của Chủ tịch UBND "
                 "tỉnh: 9/10 = 90,00 %", "THƯ KÝ", "Ủy viên số 7 – Ủy viên, Giám đốc Sở – có ý kiến bằng văn bản"):
        assert text in html


def test_minutes_document_pdf_holds_names_and_shares(closed):
    session, _items = closed
    text = pdf_text(minutes_document(session))

    for expected in ("BIÊN BẢN", "Hoàng Văn Đức 9 0 0 0 9/10 = 90,00 %", "Nông Thị Lan 7 0 2 0 7/10 = 70,00 %",
                     "Xã Tân Đoàn 8 1 0 0 8/10 = 80,00 %", "Hộ ông/bà Nông Văn Hộ", "Phạm Ngọc Thưởng",
                     "Hoàng Thị Thư"):
        assert expected in text


# --- Reports -------------------------------------------------------------------------------------------------------


@pytest.fixture
def achievements(closed, batch, district):
    """Đức's achievements under two campaign tasks (one with a pledged work and a reported achievement), and his
    register: one award in force, one of a cancelled decision."""
    _session, items = closed
    campaign = batch.campaign
    roads = TaskFactory(campaign=campaign, number=1, short_title="Xây dựng nông thôn mới")
    poverty = TaskFactory(campaign=campaign, number=2, short_title="Giảm nghèo bền vững")
    nomination = items["duc"].nomination
    second = NominationTask.objects.create(nomination=nomination, task=poverty, text="Giúp 20 hộ thoát nghèo.")
    first = NominationTask.objects.create(nomination=nomination, task=roads,
                                          text="Vận động hiến 2.000 m² đất làm đường.\n\nTham gia 30 ngày công.")
    first.works.set([WorkFactory(campaign=campaign, unit=district, title="Đường bê tông thôn Nà Pàn"),
                     WorkFactory(campaign=campaign, unit=district, title="Cầu treo Bản Cằm")])
    first.achievements.set([AchievementFactory(campaign=campaign, unit=district, task=roads,
                                               title="Về đích nông thôn mới")])
    person = nomination.person
    AwardRecordFactory(person=person, award_name="Chiến sĩ thi đua cơ sở", year=2018,
                       decision_number="12/QĐ-UBND", decision_date=datetime.date(2018, 12, 20),
                       issuer="UBND huyện Văn Quan")
    AwardRecordFactory(person=person, award_name="Lao động tiên tiến", year=2017,
                       decision_number="10/QĐ-UBND", decision_date=datetime.date(2017, 12, 15),
                       issuer="UBND huyện Văn Quan")
    cancelled = DecisionFactory(cancelled_at=SUBMITTED, cancel_reason="Ghi nhầm")
    AwardRecordFactory(person=person, award_name="Giấy khen", year=2019, decision=cancelled)
    return second


def test_report_documents_follow_the_order_given_and_name_each_nominee(closed):
    _session, items = closed
    nominations = [items[key].nomination for key in ("tan_doan", "duc", "ho")]
    documents = report_documents(nominations)

    assert [(d["kind"], d["template"], d["label"]) for d in documents] == [
        ("reports", "awards/dossier/report.html", "Xã Tân Đoàn"),
        ("reports", "awards/dossier/report.html", "Hoàng Văn Đức"),
        ("reports", "awards/dossier/report.html", "Hộ ông/bà Nông Văn Hộ"),
    ]
    assert report_documents([]) == []


def test_report_document_of_an_individual_in_the_individual_template(closed, achievements):
    _session, items = closed
    (document,) = report_documents([items["duc"].nomination])
    context = document["context"]
    report = context["report"]

    assert context["header"] == {"parent_body": "", "issuer": "Huyện Văn Quan", "number": "",
                                 "date_line": "Lạng Sơn, ngày 20 tháng 10 năm 2019"}
    assert (context["doc_type"], context["summary"]) == ("BÁO CÁO THÀNH TÍCH", f"Đề nghị tặng {CSTD}")
    assert (report["template"], report["template_name"], report["kind"], report["name"]) == (
        "individual", "Mẫu số 02, Nghị định 91/2017/NĐ-CP (báo cáo thành tích của cá nhân)", "Cá nhân",
        "Hoàng Văn Đức")
    assert report["facts"] == [
        {"label": "Họ và tên", "value": "Hoàng Văn Đức"}, {"label": "Giới tính", "value": "Nam"},
        {"label": "Năm sinh", "value": "1978"}, {"label": "Dân tộc", "value": "Tày"},
        {"label": "Chức vụ", "value": "Trưởng phòng Nông nghiệp"},
        {"label": "Phòng, ban, bộ phận", "value": "Phòng Nông nghiệp và PTNT"},
        {"label": "Đơn vị công tác", "value": "Huyện Văn Quan"},
    ]
    assert report["situation"] == ["Công tác tại huyện từ năm 2002.", "Đảng viên."]
    assert report["tasks"] == [
        {"number": 1, "title": "Xây dựng nông thôn mới",
         "paragraphs": ["Vận động hiến 2.000 m² đất làm đường.", "Tham gia 30 ngày công."],
         "works": ["Cầu treo Bản Cằm", "Đường bê tông thôn Nà Pàn"], "achievements": ["Về đích nông thôn mới"]},
        {"number": 2, "title": "Giảm nghèo bền vững", "paragraphs": ["Giúp 20 hộ thoát nghèo."], "works": [],
         "achievements": []},
    ]
    assert report["summary"] == ["Ba năm liền hoàn thành xuất sắc nhiệm vụ."]
    assert report["earlier_awards"] == [
        {"year": 2018, "name": "Chiến sĩ thi đua cơ sở",
         "decision": "Quyết định số 12/QĐ-UBND ngày 20/12/2018 của UBND huyện Văn Quan"},
        {"year": 2017, "name": "Lao động tiên tiến",
         "decision": "Quyết định số 10/QĐ-UBND ngày 15/12/2017 của UBND huyện Văn Quan"},
    ]
    assert [section["title"] for section in report["sections"]] == [
        "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. TÓM TẮT THÀNH TÍCH",
        "IV. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC NHẬN"]
    assert context["signature"] == {"prefix": "", "position": "NGƯỜI BÁO CÁO THÀNH TÍCH", "name": "Hoàng Văn Đức"}
    assert context["certifier"] == {"title": "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "unit": "Huyện Văn Quan",
                                    "position": "Chủ tịch UBND huyện", "name": "Hoàng Văn Ký"}


def test_report_document_of_a_collective_in_the_campaign_template(closed):
    _session, items = closed
    (document,) = report_documents([items["tan_doan"].nomination])
    context = document["context"]
    report = context["report"]

    assert (context["header"]["parent_body"], context["header"]["issuer"]) == ("Huyện Văn Quan", "Xã Tân Đoàn")
    assert context["summary"] == f"Đề nghị tặng {BK} về thành tích trong {CAMPAIGN}"
    assert report["template_name"] == (
        "Mẫu số 07, Nghị định 91/2017/NĐ-CP (báo cáo thành tích khen thưởng theo đợt, chuyên đề)")
    assert report["facts"] == [{"label": "Tên tập thể", "value": "Xã Tân Đoàn"},
                               {"label": "Địa chỉ", "value": "Thôn Bản Cằm, xã Tân Đoàn"},
                               {"label": "Đơn vị cấp trên", "value": "Huyện Văn Quan"}]
    assert [section["title"] for section in report["sections"]] == [
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "II. THÀNH TÍCH ĐẠT ĐƯỢC TRONG PHONG TRÀO THI ĐUA",
        "III. TÓM TẮT THÀNH TÍCH"]
    # The district proposes the commune: the commune's head signs, not the district's.
    assert context["signature"] == {"prefix": "", "position": "THỦ TRƯỞNG ĐƠN VỊ", "name": ""}


def test_report_document_of_a_household_is_signed_by_its_head(closed):
    _session, items = closed
    (document,) = report_documents([items["ho"].nomination])
    context = document["context"]

    assert context["report"]["facts"] == [
        {"label": "Chủ hộ", "value": "Nông Văn Hộ"}, {"label": "Địa chỉ", "value": "Thôn Nà Pàn"},
        {"label": "Xã, phường, thị trấn", "value": "Xã Yên Phúc"},
        {"label": "Đơn vị quản lý", "value": "Huyện Văn Quan"}]
    assert context["signature"] == {"prefix": "", "position": "CHỦ HỘ", "name": "Nông Văn Hộ"}


def test_report_document_renders_without_queries_and_holds_its_parts(closed, achievements,
                                                                     django_assert_num_queries):
    _session, items = closed
    (document,) = report_documents([items["duc"].nomination])

    assert plain(document) == document
    with django_assert_num_queries(0):
        html = render_to_string(document["template"], document["context"])
    for text in ("Mẫu số 02, Nghị định 91/2017/NĐ-CP", "BÁO CÁO THÀNH TÍCH", "Cá nhân: Hoàng Văn Đức",
                 "1. Xây dựng nông thôn mới", "Cầu treo Bản Cằm", "Về đích nông thôn mới",
                 "Năm 2018: Chiến sĩ thi đua cơ sở (Quyết định số 12/QĐ-UBND ngày 20/12/2018 của UBND huyện Văn Quan).",
                 "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "NGƯỜI BÁO CÁO THÀNH TÍCH"):
        assert text in html


def test_report_document_pdf_holds_the_nominee_and_the_achievements(closed, achievements):
    _session, items = closed
    text = pdf_text(report_documents([items["duc"].nomination])[0])

    for expected in ("Mẫu số 02", "BÁO CÁO THÀNH TÍCH", "Cá nhân: Hoàng Văn Đức", "Xây dựng nông thôn mới",
                     "Vận động hiến 2.000 m² đất làm đường.", "Đường bê tông thôn Nà Pàn"):
        assert expected in text


def nominations_with_reports(batch, district, count):
    """``count`` nominations, each with a task result linked to a work and an achievement, and an earlier award."""
    task = TaskFactory(campaign=batch.campaign)
    ids = []
    for _ in range(count):
        nomination = NominationFactory(batch=batch, person=PersonFactory(unit=district))
        result = NominationTask.objects.create(nomination=nomination, task=task, text="Thành tích.")
        result.works.set([WorkFactory(campaign=batch.campaign, unit=district)])
        result.achievements.set([AchievementFactory(campaign=batch.campaign, unit=district, task=task)])
        AwardRecordFactory(person=nomination.person)
        ids.append(nomination.pk)
    return ids


def queries_of_reports(ids):
    with CaptureQueriesContext(connection) as queries:
        documents = report_documents(Nomination.objects.filter(pk__in=ids).order_by("pk"))
    assert len(documents) == len(ids)
    return len(queries)


def test_report_documents_queries_do_not_grow_with_the_nominations(batch, district):
    one = nominations_with_reports(batch, district, 1)
    five = nominations_with_reports(batch, district, 5)

    # The nominations; their form, batch, batch unit, campaign, person, person's unit; tasks, works, achievements;
    # the register.
    assert queries_of_reports(one) == queries_of_reports(five) == 11


# --- Decision ------------------------------------------------------------------------------------------------------


def test_decision_document_drafts_the_chairmans_decision(closed):
    session, _items = closed
    document = decision_document(session)
    context = document["context"]

    assert (document["kind"], document["template"], document["label"]) == (
        "decision", "awards/dossier/decision.html", "Dự thảo Quyết định khen thưởng")
    assert context["header"] == {"parent_body": "", "issuer": "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
                                 "number": "Số:      /QĐ-UBND",
                                 "date_line": "Lạng Sơn, ngày      tháng      năm 2019"}
    assert (context["draft"], context["doc_type"], context["authority"]) == (
        True, "QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    assert context["summary"] == (f"Về việc tặng {BK} và danh hiệu “{CSTD}” cho các tập thể, cá nhân, hộ gia đình "
                                  f"đã có thành tích xuất sắc trong {CAMPAIGN}")
    assert context["grounds"] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP;", "Căn cứ Thông tư số 12/2019/TT-BNV;",
        "Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng tỉnh ngày 20/11/2019;",
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số      /TTr-SNV.",
    ]
    assert context["signature"] == {"prefix": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": ""}


def test_decision_document_article_1_counts_each_chairman_form_by_recipient_kind(closed):
    session, _items = closed
    article = decision_document(session)["context"]["article_1"]

    # Passed lower, Nông Thị Lan counts under Bằng khen; the Prime Minister's Bằng khen goes up, not in here.
    assert article["intro"] == ("Khen thưởng các tập thể, cá nhân, hộ gia đình đã có thành tích xuất sắc trong "
                                f"{CAMPAIGN} (có danh sách kèm theo), cụ thể:")
    assert [(line["form"], line["counts"], line["total"], line["text"]) for line in article["lines"]] == [
        (BK, {"collective": 1, "individual": 1, "household": 1}, 3,
         f"Tặng {BK} cho 1 tập thể, 1 cá nhân và 1 hộ gia đình."),
        (CSTD, {"collective": 0, "individual": 1, "household": 0}, 1, f"Tặng danh hiệu “{CSTD}” cho 1 cá nhân."),
    ]


def test_decision_document_article_2_counts_the_cash_on_the_base_salary_of_the_session_date(closed):
    session, _items = closed
    article = decision_document(session)["context"]["article_2"]

    assert article == {
        "base_salary": 1_490_000, "base_salary_basis": "Nghị định 38/2019/NĐ-CP", "total": 8_940_000,
        "forms": [
            {"form": BK, "coefficient": "1", "amount": 1_490_000, "count": 3, "each": "tập thể, cá nhân, hộ gia đình",
             "subtotal": 4_470_000},
            {"form": CSTD, "coefficient": "3", "amount": 4_470_000, "count": 1, "each": "cá nhân",
             "subtotal": 4_470_000},
        ],
    }


def test_decision_document_lists_the_nominees_by_form_and_kind(closed):
    session, _items = closed
    listing = decision_document(session)["context"]["list"]

    assert listing["title"] == "DANH SÁCH TẬP THỂ, CÁ NHÂN, HỘ GIA ĐÌNH ĐƯỢC KHEN THƯỞNG"
    assert listing["reference"] == (
        "(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2019 của Chủ tịch UBND tỉnh Lạng Sơn)")
    assert [(group["form"], group["kind"], [(row["number"], row["name"], row["unit"], row["form"], row["amount"])
                                            for row in group["rows"]]) for group in listing["groups"]] == [
        (BK, "Tập thể", [(1, "Xã Tân Đoàn", "Xã Tân Đoàn", BK, 1_490_000)]),
        (BK, "Cá nhân", [(1, "Nông Thị Lan", "Huyện Văn Quan", BK, 1_490_000)]),
        (BK, "Hộ gia đình", [(1, "Hộ ông/bà Nông Văn Hộ", "Huyện Văn Quan", BK, 1_490_000)]),
        (CSTD, "Cá nhân", [(1, "Hoàng Văn Đức", "Huyện Văn Quan", CSTD, 4_470_000)]),
    ]
    assert listing["total"] == 8_940_000


def test_decision_document_is_plain_and_renders_the_list_after_the_decision(closed, django_assert_num_queries):
    session, _items = closed
    document = decision_document(session)

    assert plain(document) == document
    with django_assert_num_queries(0):
        html = render_to_string(document["template"], document["context"])
    closing, after = html.index('<table class="closing">'), html.index('<div class="appendix">')
    assert closing < after
    assert html[after:].count("<thead>") == 1
    for text in ("DỰ THẢO", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 2.", "Điều 3.",
                 "Tiền thưởng tính theo mức lương cơ sở 1.490.000 đồng (Nghị định 38/2019/NĐ-CP):",
                 f"{CSTD}: mỗi cá nhân được thưởng 3 lần mức lương cơ sở, bằng 4.470.000 đồng; 1 suất, cộng "
                 "4.470.000 đồng.", "Tổng số tiền thưởng: 8.940.000 đồng", "TM. ỦY BAN NHÂN DÂN", "Như Điều 3"):
        assert text in html
    for text in ("Hoàng Văn Đức", "4.470.000 đồng", "Tổng cộng", "8.940.000 đồng"):
        assert text in html[after:]


def test_decision_document_shows_the_recorded_decision_once_all_are_decided(closed, alice, province):
    session, items = closed
    decision = decide(session, [items[key] for key in ("duc", "lan", "tan_doan", "ho")], alice)
    document = decision_document(session)
    context = document["context"]

    assert document["label"] == "Quyết định khen thưởng số 2345/QĐ-UBND"
    assert (context["draft"], context["header"]["number"], context["header"]["date_line"]) == (
        False, "Số: 2345/QĐ-UBND", "Lạng Sơn, ngày 20 tháng 12 năm 2019")
    assert context["summary"] == "Về việc khen thưởng phong trào thi đua đặc biệt"
    assert context["signature"] == {"prefix": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                                    "name": "Phạm Ngọc Thưởng"}
    assert context["list"]["reference"] == (
        "(Kèm theo Quyết định số 2345/QĐ-UBND ngày 20/12/2019 của Chủ tịch UBND tỉnh Lạng Sơn)")
    assert context["article_2"]["total"] == context["list"]["total"] == cash_total(decision)[1] == 8_940_000


def test_decision_document_drafts_only_what_is_still_undecided(closed, alice, province):
    session, items = closed
    decide(session, [items["duc"]], alice)
    context = decision_document(session)["context"]

    assert context["draft"] is True
    assert [(line["form"], line["total"]) for line in context["article_1"]["lines"]] == [(BK, 3)]
    assert context["article_2"]["total"] == 4_470_000


def test_decision_document_pdf_holds_the_articles_and_the_list(closed):
    session, _items = closed
    text = pdf_text(decision_document(session))

    for expected in ("QUYẾT ĐỊNH", "Điều 1.", "Hoàng Văn Đức", "Hộ ông/bà Nông Văn Hộ", "8.940.000 đồng"):
        assert expected in text



def test_decision_document_without_chairman_forms_says_so(council):
    session, _seats = council
    document = decision_document(session)
    context = document["context"]

    assert (context["draft"], context["article_1"], context["article_2"]["total"], context["list"]["groups"]) == (
        True, {"intro": "", "lines": []}, 0, [])
    assert context["summary"] == f"Về việc khen thưởng trong {CAMPAIGN}"
    html = render_to_string(document["template"], context)
    assert "Không có tập thể, cá nhân nào được khen thưởng thuộc thẩm quyền của Chủ tịch UBND tỉnh." in html
