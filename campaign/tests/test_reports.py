"""The campaign's summary report and a cluster's report (campaign.reports): their context against the dashboard's
figures, the PDF's text and page size, the workbook's cells, who may download them."""

import datetime
import io
import re
import unicodedata

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from campaign.models import CampaignStatus, Scorecard, WorkStatus
from campaign.reports import (
    campaign_facts,
    cluster_context,
    cluster_workbook,
    summary_context,
    summary_workbook,
)
from campaign.selectors.dashboard import campaign_figures, cluster_figures
from portal.tests.factories import (
    AchievementFactory,
    CampaignFactory,
    ClusterFactory,
    CommitmentFactory,
    EvidenceFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffPostFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)
from portal.tests.helpers import signed_in

from .conftest import statuses

D = datetime.date
W = WorkStatus
TODAY = D(2019, 5, 6)
MM = 72 / 25.4
A4 = (round(210 * MM, 1), round(297 * MM, 1))


def fold(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@pytest.fixture
def world(unit_a, cluster_a):
    """cluster_a: unit_a (Huyện Văn Quan, bob's unit, the leader) registered and accepted, two pledged works (one
    completed), an accepted achievement with two files; Huyện Bắc Sơn with a draft registration. A border cluster:
    Huyện Đình Lập (leader) registered, a verified work, a locked scorecard. The registration deadline has passed on
    TODAY; the pledge deadline has not."""
    campaign = CampaignFactory(
        title="Phong trào thi đua đặc biệt năm 2019", theme="Đoàn kết, sáng tạo, thi đua lập thành tích",
        doc_number="12/KH-UBND", doc_date=D(2019, 3, 1), registration_deadline=D(2019, 3, 31),
        pledge_deadline=D(2019, 6, 30),
    )
    task_1 = TaskFactory(campaign=campaign, number=1, short_title="Phát huy truyền thống")
    task_2 = TaskFactory(campaign=campaign, number=2, short_title="Cải cách hành chính")
    bac_son = UnitFactory(code="LS-BS", name="Huyện Bắc Sơn")
    dinh_lap = UnitFactory(code="LS-DL", name="Huyện Đình Lập")
    MembershipFactory(cluster=cluster_a, unit=bac_son)
    border = ClusterFactory(name="Cụm thi đua các huyện biên giới")
    MembershipFactory(cluster=border, unit=dinh_lap, role="leader")
    campaign.clusters.add(cluster_a, border)

    registration = RegistrationFactory(campaign=campaign, unit=unit_a, status="accepted")
    CommitmentFactory(registration=registration, task=task_1)
    RegistrationFactory(campaign=campaign, unit=bac_son)
    RegistrationFactory(campaign=campaign, unit=dinh_lap, status="submitted")

    WorkFactory(campaign=campaign, unit=unit_a, status=W.IN_PROGRESS, percent=40, tasks=[task_1])
    WorkFactory(campaign=campaign, unit=unit_a, status=W.COMPLETED, percent=100, tasks=[task_2])
    WorkFactory(campaign=campaign, unit=dinh_lap, status=W.VERIFIED, percent=100, tasks=[task_2])
    achievement = AchievementFactory(campaign=campaign, unit=unit_a, task=task_1, status="accepted")
    EvidenceFactory(achievement=achievement)
    EvidenceFactory(achievement=achievement)
    Scorecard.objects.create(campaign=campaign, unit=dinh_lap, status="locked", locked_at=timezone.now())
    return {"campaign": campaign, "clusters": (cluster_a, border), "units": (unit_a, bac_son, dinh_lap)}


def summary(world):
    campaign = world["campaign"]
    figures = campaign_figures(campaign, today=TODAY)
    return figures, summary_context(figures, facts=campaign_facts(campaign), today=TODAY, signer="Hoàng Văn Bảo")


def cluster_report(world):
    campaign, (cluster, _border) = world["campaign"], world["clusters"]
    figures = cluster_figures(campaign, cluster, today=TODAY)
    return figures, cluster_context(figures, facts=campaign_facts(campaign), today=TODAY)


# --- The context -------------------------------------------------------------------------------------------------------

ROW_KEYS = ("units", "registered", "registrations_accepted", "not_sent", "not_registered", "works_pledged", "works_done",
            "progress", "achievements", "achievements_accepted", "evidence", "scorecards_sent", "scorecards_locked",
            "nominations")


def selector_row(name, figures):
    """What a row of the report must say, read straight off the dashboard's figures."""
    registrations, scorecards = figures["registrations"]["by_state"], figures["scorecards"]["by_state"]
    return {
        "name": name, "units": figures["units"],
        "registered": registrations["submitted"] + registrations["resubmitted"] + registrations["accepted"],
        "registrations_accepted": registrations["accepted"],
        "not_sent": figures["behind"]["registration"],
        "not_registered": figures["registrations"]["not_registered"],
        "works_pledged": figures["works"]["pledged"], "works_done": figures["works"]["done"],
        "progress": figures["works"]["progress"], "achievements": figures["achievements"]["total"],
        "achievements_accepted": figures["achievements"]["by_state"]["accepted"],
        "evidence": figures["evidence"]["total"],
        "scorecards_sent": sum(scorecards[state] for state in ("submitted", "proposed", "answered", "locked")),
        "scorecards_locked": scorecards["locked"], "nominations": figures["nominations"]["total"],
    }


def picked(row):
    return {key: row[key] for key in ("name", *ROW_KEYS)}


def test_summary_context_rows_are_the_selectors_figures(world):
    figures, context = summary(world)
    assert [picked(row) for row in context["rows"]] == [
        selector_row(cluster["name"], cluster) for cluster in figures["clusters"]
    ]
    assert picked(context["total"]) == selector_row("Toàn phong trào", figures["totals"])
    assert [picked(row) for row in context["rows"]] == [
        {"name": "Cụm thi đua các huyện biên giới", "units": 1, "registered": 1, "registrations_accepted": 0,
         "not_sent": 0, "not_registered": 0, "works_pledged": 1, "works_done": 1, "progress": 100.0, "achievements": 0,
         "achievements_accepted": 0, "evidence": 0, "scorecards_sent": 1, "scorecards_locked": 1, "nominations": 0},
        {"name": "Cụm thi đua các huyện nội địa", "units": 2, "registered": 1, "registrations_accepted": 1,
         "not_sent": 1, "not_registered": 0, "works_pledged": 2, "works_done": 1, "progress": 70.0, "achievements": 1,
         "achievements_accepted": 1, "evidence": 2, "scorecards_sent": 0, "scorecards_locked": 0, "nominations": 0},
    ]


def test_summary_context_tasks_and_phases_are_the_selectors_figures(world):
    figures, context = summary(world)
    assert [(task["number"], task["title"], task["registered"], task["works_pledged"], task["works_done"],
             task["progress"], task["achievements"], task["evidence"]) for task in context["tasks"]] == [
        (task["number"], task["title"], task["registrations"]["by_state"]["accepted"], task["works"]["pledged"],
         task["works"]["done"], task["works"]["progress"], task["achievements"]["total"], task["evidence"]["total"])
        for task in figures["tasks"]
    ]
    assert [(task["number"], task["registered"], task["works_pledged"], task["progress_text"])
            for task in context["tasks"]] == [(1, 1, 1, "40,0"), (2, 0, 2, "100,0")]
    late = {phase["key"]: (phase["deadline"], phase["late"], phase["state"]) for phase in context["phases"]}
    assert late["registration"] == ("31/03/2019", 1, "Huyện Bắc Sơn")
    assert late["works"] == ("30/06/2019", 0, "Chưa đến hạn")
    assert late["nominations"] == ("", 0, "Chưa đặt thời hạn")


def test_summary_context_document_frame(world):
    _figures, context = summary(world)
    assert context["header"] == {"parent_body": "UBND TỈNH LẠNG SƠN", "issuer": "SỞ NỘI VỤ",
                                 "number": "Số:      /BC-SNV", "date_line": "Lạng Sơn, ngày 06 tháng 5 năm 2019"}
    assert (context["doc_type"], context["summary"]) == ("BÁO CÁO", "Tổng kết phong trào thi đua đặc biệt năm 2019")
    assert context["signature"] == {"prefix": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Hoàng Văn Bảo"}
    assert context["situation"] == [
        "Thực hiện văn bản số 12/KH-UBND ngày 01/03/2019 của Tỉnh ủy, UBND tỉnh về việc phát động phong trào thi "
        "đua đặc biệt năm 2019, thời gian thực hiện từ ngày 01/03/2019 đến ngày 04/10/2019.",
        "Chủ đề của phong trào: “Đoàn kết, sáng tạo, thi đua lập thành tích”.",
        "Tham gia phong trào có 2 cụm, khối thi đua với 3 đơn vị.",
        "Phong trào có 2 nội dung thi đua:",
    ]


def test_summary_context_assessment_is_written_from_the_numbers(world):
    _figures, context = summary(world)
    assert context["assessment"] == [
        "Đến ngày 06/05/2019, có 2/3 đơn vị đã gửi đăng ký thi đua (66,7%), trong đó 1 bản đăng ký đã được chấp "
        "nhận; 1 đơn vị chưa gửi đăng ký.",
        "Các đơn vị có 3 công trình, phần việc được chấp nhận, trong đó 2 công trình, phần việc đã hoàn thành; "
        "tiến độ chung đạt 80,0%.",
        "Đã báo cáo 1 thành tích, trong đó 1 thành tích đã được công nhận; tổng số tệp minh chứng là 2.",
        "Có 1 bảng tự chấm điểm đã gửi, trong đó 1 bảng điểm đã được chốt; 2 đơn vị chưa mở bảng tự chấm điểm.",
        "Chưa có đơn vị nào gửi hồ sơ đề nghị khen thưởng.",
        "Cụm, khối có tiến độ cao nhất: Cụm thi đua các huyện biên giới (100,0%); thấp nhất: Cụm thi đua các huyện "
        "nội địa (70,0%).",
    ]
    assert context["proposals"] == [
        "Đề nghị 1 đơn vị chưa hoàn thành việc đăng ký thi đua (hạn 31/03/2019) khẩn trương thực hiện.",
    ]


def test_cluster_context_rows_are_its_members_figures(world):
    figures, context = cluster_report(world)
    assert [picked(row) for row in context["rows"]] == [
        selector_row(unit["name"], unit) for unit in figures["units"]
    ]
    assert [(row["name"], row["registered"], row["works_pledged"], row["progress"]) for row in context["rows"]] == [
        ("Huyện Bắc Sơn", 0, 0, None), ("Huyện Văn Quan", 1, 2, 70.0),
    ]
    assert picked(context["total"]) == selector_row("Cả cụm, khối", figures["cluster"])


def test_cluster_context_is_issued_by_the_leader(world):
    _figures, context = cluster_report(world)
    assert context["header"] == {"parent_body": "Cụm thi đua các huyện nội địa", "issuer": "Huyện Văn Quan",
                                 "number": "Số:      /BC", "date_line": "Lạng Sơn, ngày 06 tháng 5 năm 2019"}
    assert context["signature"] == {"prefix": "TM. Cụm thi đua", "position": "Cụm trưởng", "name": ""}
    assert context["summary"] == "Tổng kết phong trào thi đua đặc biệt năm 2019 – Cụm thi đua các huyện nội địa"
    assert context["situation"][2] == ("Cụm thi đua các huyện nội địa (năm 2019) có 2 đơn vị thành viên: "
                                       "Huyện Bắc Sơn, Huyện Văn Quan (Cụm trưởng).")


# --- The PDF -----------------------------------------------------------------------------------------------------------


def pdf_of(response):
    data = b"".join(response.streaming_content)
    with pdfplumber.open(io.BytesIO(data)) as document:
        text = fold(" ".join(page.extract_text() or "" for page in document.pages))
    sizes = {(round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))
             for page in PdfReader(io.BytesIO(data)).pages}
    return text, sizes


def test_summary_pdf_holds_the_title_clusters_and_figures(world, alice):
    StaffPostFactory(user=alice, function="head")
    response = signed_in(alice).get(reverse("campaign:summary_report_pdf", args=[world["campaign"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text, sizes = pdf_of(response)
    assert sizes == {A4}
    assert fold(world["campaign"].title).lower() in text.lower()
    for expected in ("UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                     "Tổng kết phong trào thi đua đặc biệt năm 2019", "I. ĐẶC ĐIỂM TÌNH HÌNH",
                     "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG, KIẾN NGHỊ", "Cụm thi đua các huyện nội địa",
                     "Cụm thi đua các huyện biên giới", "tiến độ chung đạt 80,0%", "Huyện Bắc Sơn", "KT. GIÁM ĐỐC",
                     "PHÓ GIÁM ĐỐC", "Hoàng Thị Alice", "Nơi nhận:"):
        assert fold(expected) in text, expected


def test_cluster_pdf_holds_its_members(world, bob):
    campaign, (cluster, _border) = world["campaign"], world["clusters"]
    response = signed_in(bob).get(reverse("campaign:cluster_report_pdf", args=[campaign.pk, cluster.pk]))
    text, sizes = pdf_of(response)
    assert sizes == {A4}
    # The title inside a sentence starts lower case ("Tổng kết phong trào thi đua …").
    assert fold(campaign.title).lower() in text.lower()
    for expected in ("Cụm thi đua các huyện nội địa (năm 2019)", "HUYỆN VĂN QUAN",
                     "Huyện Bắc Sơn", "Huyện Văn Quan", "Cả cụm, khối", "70,0", "CỤM TRƯỞNG"):
        assert fold(expected) in text, expected
    assert "Huyện Đình Lập" not in text


# --- The workbook ------------------------------------------------------------------------------------------------------


def rows_of(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_summary_workbook_holds_the_exact_numbers(world):
    figures = campaign_figures(world["campaign"], today=TODAY)
    book = load_workbook(io.BytesIO(summary_workbook(figures)))
    assert book.sheetnames == ["Thông tin chung", "Cụm, khối", "Nội dung thi đua", "Thời hạn", "Đơn vị chậm"]
    cover = rows_of(book["Thông tin chung"])
    assert cover[:4] == [["BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA", None],
                         ["Phong trào", "Phong trào thi đua đặc biệt năm 2019"],
                         ["Trạng thái", "Đã phát động"], ["Ngày lập báo cáo", datetime.datetime(2019, 5, 6)]]
    assert cover[-1] == ["Tiến độ chung (%)", 80.0]
    sheet = book["Cụm, khối"]
    assert (sheet.freeze_panes, sheet["A1"].font.bold, sheet["B1"].value) == ("C2", True, "Cụm, khối thi đua")
    assert sheet.column_dimensions["B"].width == 40
    assert [row[:17] for row in rows_of(sheet)[1:]] == [
        [1, "Cụm thi đua các huyện biên giới", 1, 1, 0, 0, 0, 0, 1, 1, 1, 100.0, 0, 0, 0, 1, 1],
        [2, "Cụm thi đua các huyện nội địa", 2, 1, 1, 1, 0, 0, 2, 2, 1, 70.0, 1, 1, 2, 0, 0],
        [None, "Toàn phong trào", 3, 2, 1, 1, 0, 0, 3, 3, 2, 80.0, 1, 1, 2, 1, 1],
    ]
    assert (sheet["L1"].value, sheet["L2"].number_format) == ("Tiến độ (%)", "0.0")
    assert sheet["B4"].font.bold is True
    tasks = rows_of(book["Nội dung thi đua"])
    assert tasks[1:] == [[1, 1, "Phát huy truyền thống", 1, 1, 0, 40.0, 1, 1, 2, 0],
                         [2, 2, "Cải cách hành chính", 0, 2, 2, 100.0, 0, 0, 0, 0]]
    assert rows_of(book["Đơn vị chậm"])[1:] == [
        [1, "Đăng ký thi đua", datetime.datetime(2019, 3, 31), "LS-BS", "Huyện Bắc Sơn",
         "Cụm thi đua các huyện nội địa"],
    ]


def test_cluster_workbook_holds_its_members(world):
    campaign, (cluster, _border) = world["campaign"], world["clusters"]
    book = load_workbook(io.BytesIO(cluster_workbook(cluster_figures(campaign, cluster, today=TODAY))))
    assert book.sheetnames == ["Thông tin chung", "Đơn vị", "Nội dung thi đua", "Thời hạn", "Đơn vị chậm"]
    rows = rows_of(book["Đơn vị"])
    assert rows[0][:5] == ["STT", "Đơn vị", "Mã đơn vị", "Vai trò", "Đã gửi đăng ký thi đua"]
    assert [row[:13] for row in rows[1:]] == [
        [1, "Huyện Bắc Sơn", "LS-BS", "Thành viên", 0, 0, 1, 0, 0, 0, 0, 0, None],
        [2, "Huyện Văn Quan", "A01", "Cụm trưởng", 1, 1, 0, 0, 0, 2, 2, 1, 70.0],
        [None, "Cả cụm, khối", None, None, 1, 1, 1, 0, 0, 2, 2, 1, 70.0],
    ]
    assert [row[1:4] for row in rows_of(book["Nội dung thi đua"])[1:]] == [
        [1, "Phát huy truyền thống", 1], [2, "Cải cách hành chính", 0]]


def test_summary_xlsx_download(world, alice):
    response = signed_in(alice).get(reverse("campaign:summary_report_xlsx", args=[world["campaign"].pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-tong-ket-')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book["Cụm, khối"]["B2"].value == "Cụm thi đua các huyện biên giới"


# --- Who may download them ---------------------------------------------------------------------------------------------


def test_summary_report_is_for_staff(world, role_clients):
    for name in ("summary_report_pdf", "summary_report_xlsx"):
        url = reverse(f"campaign:{name}", args=[world["campaign"].pk])
        assert statuses(role_clients, "get", url) == {
            "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
        }, name


def test_cluster_report_is_for_staff_and_the_leaders_officers(world, role_clients):
    campaign, (cluster, _border) = world["campaign"], world["clusters"]
    for name in ("cluster_report_pdf", "cluster_report_xlsx"):
        url = reverse(f"campaign:{name}", args=[campaign.pk, cluster.pk])
        assert statuses(role_clients, "get", url) == {
            "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
        }, name


def test_cluster_report_of_a_cluster_the_officer_does_not_lead_is_refused(world, bob, unit_a):
    campaign, (cluster, border) = world["campaign"], world["clusters"]
    # bob's unit as a plain member of the border cluster: he sees it, he does not lead it.
    MembershipFactory(cluster=border, unit=unit_a)
    client = signed_in(bob)
    assert client.get(reverse("campaign:cluster_report_xlsx", args=[campaign.pk, border.pk])).status_code == 403
    assert client.get(reverse("campaign:cluster_report_xlsx", args=[campaign.pk, cluster.pk])).status_code == 200


def test_draft_campaign_report_is_404_for_the_leader(world, bob, alice):
    campaign, (cluster, _border) = world["campaign"], world["clusters"]
    campaign.status = CampaignStatus.DRAFT
    campaign.save(update_fields=["status"])
    url = reverse("campaign:cluster_report_pdf", args=[campaign.pk, cluster.pk])
    assert signed_in(bob).get(url).status_code == 404
    assert signed_in(alice).get(reverse("campaign:summary_report_xlsx", args=[campaign.pk])).status_code == 200


# --- Where the reports are linked from ---------------------------------------------------------------------------------


def test_campaign_page_links_the_summary_report_for_staff(world, alice, bob):
    campaign = world["campaign"]
    address = reverse("campaign:detail", args=[campaign.pk])
    links = (reverse("campaign:summary_report_pdf", args=[campaign.pk]),
             reverse("campaign:summary_report_xlsx", args=[campaign.pk]))
    staff_page, officer_page = signed_in(alice).get(address).content.decode(), signed_in(bob).get(address).content.decode()
    assert [link in staff_page for link in links] == [True, True]
    assert [link in officer_page for link in links] == [False, False]


def test_dashboard_links_both_reports(world, alice):
    campaign, (cluster, border) = world["campaign"], world["clusters"]
    page = signed_in(alice).get(reverse("campaign:dashboard", args=[campaign.pk])).content.decode()
    for name, args in (("summary_report_pdf", [campaign.pk]), ("summary_report_xlsx", [campaign.pk]),
                       ("cluster_report_pdf", [campaign.pk, cluster.pk]),
                       ("cluster_report_xlsx", [campaign.pk, border.pk])):
        assert reverse(f"campaign:{name}", args=args) in page, name


def test_cluster_pages_link_the_cluster_report_for_the_leader_only(world, bob, dora):
    campaign, (cluster, _border) = world["campaign"], world["clusters"]
    link = reverse("campaign:cluster_report_pdf", args=[campaign.pk, cluster.pk])
    for address in (reverse("campaign:cluster_ranking", args=[campaign.pk, cluster.pk]),
                    reverse("units:cluster_detail", args=[cluster.pk])):
        assert (link in signed_in(bob).get(address).content.decode(),
                link in signed_in(dora).get(address).content.decode()) == (True, False), address
