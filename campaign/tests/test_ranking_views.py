"""The ranking screens: a cluster's ranking beside its acclaim (page, Excel, PDF), the acclaim's form, the
campaign-wide comparison (page, Excel), staff's recompute button."""

import datetime
import io
from decimal import Decimal

import pdfplumber
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaign.models import Acclaim, RankingEntry, ScorecardStatus
from campaign.services.ranking import recompute_campaign
from portal.tests.factories import (
    CampaignFactory,
    CriterionFactory,
    MembershipFactory,
    ScoringTableFactory,
    TaskFactory,
    UnitFactory,
)
from portal.tests.helpers import answers, query_count, signed_in

from .test_ranking_services import make_card

D = Decimal
ROLES = ("staff", "officer", "other_officer", "council", "anonymous")


@pytest.fixture
def world(cluster_a, unit_a):
    """cluster_a (unit_a, bob's, leads it) with Huyện Cao Lộc and Huyện Lộc Bình; a launched campaign whose table
    has one regular criterion of 100 points under task 1; unit_a 90 and Cao Lộc 80 locked, Lộc Bình a draft."""
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a)
    cao_loc, loc_binh = UnitFactory(name="Huyện Cao Lộc"), UnitFactory(name="Huyện Lộc Bình")
    for unit in (cao_loc, loc_binh):
        MembershipFactory(cluster=cluster_a, unit=unit)
    task = TaskFactory(campaign=campaign, number=1, short_title="Phát triển kinh tế")
    table = ScoringTableFactory(campaign=campaign)
    CriterionFactory(table=table, task=task, code="1.1", max_points=100)
    make_card(campaign, unit_a, 90)
    make_card(campaign, cao_loc, 80)
    make_card(campaign, loc_binh, 50, status=ScorecardStatus.DRAFT)
    recompute_campaign(campaign.pk)
    return {"campaign": campaign, "cluster": cluster_a, "units": (unit_a, cao_loc, loc_binh)}


def url(name, world, **kwargs):
    return reverse(f"campaign:{name}", kwargs={"pk": world["campaign"].pk, **kwargs})


def cluster_url(name, world):
    return url(name, world, cluster_pk=world["cluster"].pk)


def acclaim(world, first, second=None, third=None):
    return Acclaim.objects.create(campaign=world["campaign"], cluster=world["cluster"],
                                  held_on=datetime.date(2019, 11, 20), first=first, second=second, third=third)


# --- The cluster's ranking ------------------------------------------------------------------------------------------


def test_cluster_ranking_answers_each_role(world, role_clients):
    assert answers(role_clients, cluster_url("cluster_ranking", world)) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302}


def test_cluster_ranking_lists_ranked_then_not_ranked_members(world, bob):
    response = signed_in(bob).get(cluster_url("cluster_ranking", world))
    rows = [(row.unit.name, row.entry.rank if row.entry else None, row.entry.is_leading if row.entry else None)
            for row in response.context["ranking"].rows]
    assert rows == [("Huyện Văn Quan", 1, True), ("Huyện Cao Lộc", 2, False), ("Huyện Lộc Bình", None, None)]
    assert response.context["can_record"] is True
    assert response.context["can_recompute"] is False
    assert "Chưa xếp hạng: bảng điểm đang tự chấm" in response.content.decode()
    assert "khac-suy-ton" not in response.content.decode()


def test_cluster_ranking_marks_an_acclaim_that_disagrees(world, alice):
    unit_a, cao_loc, _ = world["units"]
    acclaim(world, first=cao_loc, second=unit_a)
    response = signed_in(alice).get(cluster_url("cluster_ranking", world))
    marks = [(row.unit.name, row.acclaim_place, row.disagrees) for row in response.context["ranking"].rows]
    assert marks == [("Huyện Văn Quan", 2, True), ("Huyện Cao Lộc", 1, True), ("Huyện Lộc Bình", None, False)]
    assert 'id="khac-suy-ton"' in response.content.decode()
    assert response.content.decode().count("Khác thứ hạng") == 2


def test_cluster_ranking_an_acclaim_settling_a_tie_agrees(world, alice):
    unit_a, cao_loc, _ = world["units"]
    RankingEntry.objects.filter(campaign=world["campaign"]).update(rank=1, is_leading=True)
    acclaim(world, first=cao_loc, second=unit_a)
    response = signed_in(alice).get(cluster_url("cluster_ranking", world))
    assert response.context["ranking"].disagrees is False


def only_unit_a(world):
    """The cluster down to one member, its one ranked unit."""
    world["cluster"].memberships.exclude(unit=world["units"][0]).delete()
    recompute_campaign(world["campaign"].pk)


def test_cluster_ranking_query_count_is_flat(world, alice):
    client = signed_in(alice)
    address = cluster_url("cluster_ranking", world)
    only_unit_a(world)
    acclaim(world, first=world["units"][0])
    few = query_count(client, address)
    for number in range(6):
        unit = UnitFactory(name=f"Xã thử nghiệm {number}")
        MembershipFactory(cluster=world["cluster"], unit=unit)
        make_card(world["campaign"], unit, 40 + number)
    recompute_campaign(world["campaign"].pk)
    assert query_count(client, address) == few


def test_cluster_ranking_export_is_the_table(world, bob):
    unit_a, cao_loc, _ = world["units"]
    acclaim(world, first=cao_loc, second=unit_a)
    response = signed_in(bob).get(cluster_url("cluster_ranking_export", world))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row][:10] for row in sheet.iter_rows(min_row=5)]
    assert sheet["A3"].value == "Suy tôn ngày 20/11/2019: 1. Huyện Cao Lộc, 2. Huyện Văn Quan"
    assert rows == [
        [1, 1, "Huyện Văn Quan", "A01", 90, 0, 0, None, "Có", 2],
        [2, 2, "Huyện Cao Lộc", cao_loc.code, 80, 0, 0, None, "Không", 1],
        [3, None, "Huyện Lộc Bình", world["units"][2].code, 50, 0, 0, None, "Không", None],
    ]


def pdf_text(response):
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as document:
        return "\n".join(page.extract_text() for page in document.pages)


def test_cluster_ranking_pdf_is_the_administrative_document(world, dora):
    response = signed_in(dora).get(cluster_url("cluster_ranking_pdf", world))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ NỘI VỤ TỈNH LẠNG SƠN",
                     "BAN THI ĐUA – KHEN THƯỞNG", "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", "Huyện Văn Quan",
                     "Huyện Cao Lộc", "Huyện Lộc Bình", "Cụm thi đua các huyện nội địa"):
        assert expected in text, expected


def test_cluster_ranking_files_answer_each_role(world, role_clients):
    for name in ("cluster_ranking_export", "cluster_ranking_pdf"):
        assert answers(role_clients, cluster_url(name, world)) == {
            "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302}


# --- The acclaim's form ---------------------------------------------------------------------------------------------


def test_acclaim_edit_answers_each_role(world, role_clients):
    assert answers(role_clients, cluster_url("acclaim_edit", world)) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302}


def test_acclaim_edit_by_the_leaders_officer_saves_it(world, bob):
    unit_a, cao_loc, _ = world["units"]
    response = signed_in(bob).post(cluster_url("acclaim_edit", world), {
        "held_on": "20/11/2019", "place": "UBND huyện Văn Quan", "first": unit_a.pk, "second": cao_loc.pk,
        "minutes": "Các đơn vị thống nhất suy tôn.",
    })
    assert response.status_code == 302
    assert response["Location"] == cluster_url("cluster_ranking", world)
    saved = Acclaim.objects.get()
    assert (saved.held_on, saved.first, saved.second, saved.third, saved.recorded_by) == (
        datetime.date(2019, 11, 20), unit_a, cao_loc, None, bob)


def test_acclaim_edit_shows_mistakes_beside_the_fields(world, alice):
    unit_a, _, _ = world["units"]
    outsider = UnitFactory()
    response = signed_in(alice).post(cluster_url("acclaim_edit", world), {
        "held_on": "31/02/2019", "first": unit_a.pk, "second": unit_a.pk, "third": outsider.pk,
    })
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "held_on": ["Nhập một ngày hợp lệ."],
        "second": ["Mỗi đơn vị chỉ được suy tôn ở một thứ hạng."],
        "third": ["Đơn vị này không thuộc cụm, khối."],
    }
    assert Acclaim.objects.count() == 0


def test_acclaim_edit_by_a_council_member_is_refused(world, dora):
    response = signed_in(dora).post(cluster_url("acclaim_edit", world), {"held_on": "20/11/2019",
                                                                         "first": world["units"][0].pk})
    assert response.status_code == 403
    assert Acclaim.objects.count() == 0


# --- Recompute ------------------------------------------------------------------------------------------------------


def test_recompute_by_staff_rebuilds_the_ranking_after_the_commit(world, alice, django_capture_on_commit_callbacks):
    RankingEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = signed_in(alice).post(url("scoring_recompute", world))
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert response["Location"] == url("comparison", world)
    assert sorted(RankingEntry.objects.values_list("rank", flat=True)) == [1, 2]


def test_recompute_is_for_staff_only(world, role_clients):
    assert answers(role_clients, url("scoring_recompute", world), method="post") == {
        "staff": 302, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302}


# --- Comparison -----------------------------------------------------------------------------------------------------


def test_comparison_shows_clusters_and_tasks(world, alice):
    response = signed_in(alice).get(url("comparison", world))
    [cluster] = response.context["clusters"]
    assert (cluster["members"], cluster["ranked"], cluster["average"], cluster["maximum"]) == (3, 2, D(85), D(90))
    assert [unit.name for unit in cluster["leading"]] == ["Huyện Văn Quan"]
    [task] = response.context["tasks"]
    assert (task["maximum"], task["average"], task["percent"]) == (D(100), D(85), D(85))
    assert response.context["can_recompute"] is True


def test_comparison_answers_each_role(world, role_clients):
    for name in ("comparison", "comparison_export"):
        assert answers(role_clients, url(name, world)) == {
            "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302}


def test_comparison_of_an_officer_covers_the_clusters_they_see(world, charlie):
    response = signed_in(charlie).get(url("comparison", world))
    assert (response.context["clusters"], response.context["scorecards"]) == ([], 0)


def test_comparison_query_count_is_flat(world, alice):
    client = signed_in(alice)
    address = url("comparison", world)
    only_unit_a(world)
    few = query_count(client, address)
    for number in range(4):
        unit = UnitFactory(name=f"Xã thử nghiệm {number}")
        MembershipFactory(cluster=world["cluster"], unit=unit)
        make_card(world["campaign"], unit, 40 + number)
        TaskFactory(campaign=world["campaign"], number=number + 2)
    recompute_campaign(world["campaign"].pk)
    assert query_count(client, address) == few


def test_comparison_export_has_both_sheets(world, dora):
    response = signed_in(dora).get(url("comparison_export", world))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    clusters, tasks = book.worksheets
    assert [cell.value for cell in clusters[5]] == [1, "Cụm thi đua các huyện nội địa", 3, 2, 85, 90, "Huyện Văn Quan"]
    assert [cell.value for cell in tasks[5]] == [1, 1, "Phát triển kinh tế", 100, 85]
