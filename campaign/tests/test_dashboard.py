"""The staff dashboard: its figures against the data (campaign.selectors.dashboard), the units behind and late per
phase, its charts (campaign.charts), its page (permissions, links to the lists behind the figures, query count)."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import NominationTask
from campaign.charts import cluster_registration_chart, cluster_work_chart, task_progress_chart
from campaign.models import EvidenceKind, Scorecard, WorkStatus
from campaign.selectors.dashboard import (
    PHASES,
    campaign_figures,
    cluster_figures,
    due_units,
    late_units,
    phase_deadline,
    units_behind,
)
from portal.tests.factories import (
    AchievementFactory,
    BatchFactory,
    CampaignFactory,
    ClusterFactory,
    CommitmentFactory,
    EvidenceFactory,
    MembershipFactory,
    NominationFactory,
    PactFactory,
    RegistrationFactory,
    ReportFactory,
    ScoringTableFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)
from portal.tests.helpers import query_count, signed_in

from .conftest import statuses

D = datetime.date
W = WorkStatus
TODAY = D(2019, 5, 1)
SENT = datetime.datetime(2019, 3, 20, 8, 0, tzinfo=datetime.timezone.utc)


def registration_states(**counts):
    return {"draft": 0, "submitted": 0, "returned": 0, "resubmitted": 0, "accepted": 0, **counts}


def work_states(**counts):
    return {"draft": 0, "submitted": 0, "returned": 0, "accepted": 0, "in_progress": 0, "completed": 0,
            "verified": 0, **counts}


def scorecard_states(**counts):
    return {"draft": 0, "submitted": 0, "proposed": 0, "answered": 0, "locked": 0, **counts}


def nomination_states(**counts):
    return {"pending": 0, "meets": 0, "fails": 0, "forwarded": 0, "rejected": 0, "consolidated": 0, **counts}


def phase_counts(**counts):
    return {phase: counts.get(phase, 0) for phase in PHASES}


@pytest.fixture
def world(db):
    """Two clusters: the first holds Bắc Sơn (registered, works in every pledged state, an achievement with files,
    a scorecard sent, a batch of two nominees sent) and Chi Lăng (a draft registration, a draft work); the second
    holds Đình Lập (no registration, a work sent late, a draft scorecard). An outsider (in no cluster of the
    campaign) has an accepted achievement. Registration and pledge deadlines have passed on TODAY; the others not.
    """
    campaign = CampaignFactory(
        title="Phong trào thi đua đặc biệt năm 2019", registration_deadline=D(2019, 3, 31),
        pledge_deadline=D(2019, 4, 15), report_deadline=D(2019, 10, 4),
    )
    task_1 = TaskFactory(campaign=campaign, number=1, short_title="Phát huy truyền thống")
    task_2 = TaskFactory(campaign=campaign, number=2, short_title="Cải cách hành chính")
    ScoringTableFactory(campaign=campaign, deadline=D(2019, 10, 10))
    bac_son = UnitFactory(code="LS-BS", name="Huyện Bắc Sơn")
    chi_lang = UnitFactory(code="LS-CL", name="Huyện Chi Lăng")
    dinh_lap = UnitFactory(code="LS-DL", name="Huyện Đình Lập")
    outsider = UnitFactory(code="SYT", name="Sở Y tế")
    first = ClusterFactory(name="Cụm thi đua số 1 (nội địa)")
    second = ClusterFactory(name="Cụm thi đua số 2 (biên giới)")
    MembershipFactory(cluster=first, unit=bac_son, role="leader")
    MembershipFactory(cluster=first, unit=chi_lang)
    MembershipFactory(cluster=second, unit=dinh_lap, role="leader")
    campaign.clusters.add(first, second)

    registration = RegistrationFactory(campaign=campaign, unit=bac_son, status="accepted", submitted_at=SENT)
    CommitmentFactory(registration=registration, task=task_1)
    CommitmentFactory(registration=registration, task=task_1, target="Một chỉ tiêu nữa")
    CommitmentFactory(registration=registration, task=task_2)
    EvidenceFactory(registration=registration, kind=EvidenceKind.PDF, original_name="dang-ky.pdf")
    draft = RegistrationFactory(campaign=campaign, unit=chi_lang)
    CommitmentFactory(registration=draft, task=task_1)

    def work(unit, status, percent=0, value=None, tasks=(), **extra):
        return WorkFactory(campaign=campaign, unit=unit, status=status, percent=percent, value_vnd=value,
                           tasks=list(tasks), **extra)

    work(bac_son, W.ACCEPTED, 0, tasks=[task_1])
    in_progress = work(bac_son, W.IN_PROGRESS, 40, 1_000_000, tasks=[task_1, task_2])
    work(bac_son, W.COMPLETED, 100, 3_000_000, tasks=[task_2])
    work(bac_son, W.VERIFIED, 100, tasks=[task_1])
    work(chi_lang, W.DRAFT, tasks=[task_1])
    work(dinh_lap, W.SUBMITTED, tasks=[task_2], is_late=True, submitted_at=SENT)
    EvidenceFactory(report=ReportFactory(work=in_progress, percent=40))

    achievement = AchievementFactory(campaign=campaign, unit=bac_son, task=task_1, status="submitted",
                                     is_late=True, submitted_at=SENT)
    EvidenceFactory(achievement=achievement)
    EvidenceFactory(achievement=achievement)
    EvidenceFactory(achievement=achievement, removed_at=timezone.now())  # a removed file does not count
    AchievementFactory(campaign=campaign, unit=outsider, task=task_2, status="accepted")
    EvidenceFactory(pact=PactFactory(campaign=campaign, cluster=first))

    Scorecard.objects.create(campaign=campaign, unit=bac_son, status="submitted")
    Scorecard.objects.create(campaign=campaign, unit=dinh_lap, status="draft")

    batch = BatchFactory(campaign=campaign, unit=bac_son, status="submitted", submitted_at=SENT)
    meets = NominationFactory(batch=batch, status="meets")
    NominationTask.objects.create(nomination=meets, task=task_1, text="Dẫn đầu phong trào.")
    NominationFactory(batch=batch)
    # A draft batch is still the unit's: it counts nowhere, and the unit has not done the phase.
    NominationFactory(batch=BatchFactory(campaign=campaign, unit=chi_lang))
    return {"campaign": campaign, "tasks": (task_1, task_2), "clusters": (first, second),
            "units": (bac_son, chi_lang, dinh_lap, outsider)}


def unit_row(unit, *clusters):
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "clusters": [cluster.name for cluster in clusters]}


# --- The figures ---------------------------------------------------------------------------------------------------


def test_campaign_figures_head(world):
    campaign = world["campaign"]
    figures = campaign_figures(campaign, today=TODAY)
    assert figures["campaign"] == {"id": campaign.pk, "title": "Phong trào thi đua đặc biệt năm 2019",
                                   "status": "launched", "status_label": "Đã phát động"}
    assert figures["today"] == "01/05/2019"
    assert figures["states"]["works"][:2] == [{"key": "draft", "label": "Đang soạn"},
                                              {"key": "submitted", "label": "Đã gửi"}]
    assert [state["key"] for state in figures["states"]["nominations"]] == list(nomination_states())
    assert [state["key"] for state in figures["states"]["scorecards"]] == list(scorecard_states())


def test_campaign_figures_per_cluster(world):
    first, second = world["clusters"]
    clusters = campaign_figures(world["campaign"], today=TODAY)["clusters"]
    assert clusters[0] == {
        "id": first.pk, "name": "Cụm thi đua số 1 (nội địa)", "year": 2019, "kind": "cum",
        "kind_label": "Cụm thi đua", "scope_label": "Cấp tỉnh",
        "units": 2,
        "registrations": {"by_state": registration_states(draft=1, accepted=1), "total": 2, "submitted_late": 0,
                          "not_registered": 0},
        "works": {"by_state": work_states(draft=1, accepted=1, in_progress=1, completed=1, verified=1), "total": 5,
                  "submitted_late": 0, "pledged": 4, "done": 2, "average_percent": 60.0, "progress": 67.5},
        "achievements": {"by_state": registration_states(submitted=1), "total": 1, "submitted_late": 1},
        "evidence": {"registrations": 1, "reports": 1, "achievements": 2, "pacts": 1, "total": 5},
        "scorecards": {"by_state": scorecard_states(submitted=1), "total": 1, "submitted_late": 0,
                       "not_started": 1},
        "nominations": {"by_state": nomination_states(pending=1, meets=1), "total": 2},
        "behind": phase_counts(registration=1, works=1, reports=1, scoring=1, nominations=1),
        "late": phase_counts(registration=1, works=1),
    }
    assert clusters[1] == {
        "id": second.pk, "name": "Cụm thi đua số 2 (biên giới)", "year": 2019, "kind": "cum",
        "kind_label": "Cụm thi đua", "scope_label": "Cấp tỉnh",
        "units": 1,
        "registrations": {"by_state": registration_states(), "total": 0, "submitted_late": 0, "not_registered": 1},
        "works": {"by_state": work_states(submitted=1), "total": 1, "submitted_late": 1, "pledged": 0, "done": 0,
                  "average_percent": None, "progress": None},
        "achievements": {"by_state": registration_states(), "total": 0, "submitted_late": 0},
        "evidence": {"registrations": 0, "reports": 0, "achievements": 0, "pacts": 0, "total": 0},
        "scorecards": {"by_state": scorecard_states(draft=1), "total": 1, "submitted_late": 0, "not_started": 0},
        "nominations": {"by_state": nomination_states(), "total": 0},
        "behind": phase_counts(registration=1, reports=1, scoring=1, nominations=1),
        "late": phase_counts(registration=1),
    }


def test_campaign_figures_totals_count_every_row_once(world):
    totals = campaign_figures(world["campaign"], today=TODAY)["totals"]
    assert totals == {
        "units": 3,
        "registrations": {"by_state": registration_states(draft=1, accepted=1), "total": 2, "submitted_late": 0,
                          "not_registered": 1},
        "works": {"by_state": work_states(draft=1, submitted=1, accepted=1, in_progress=1, completed=1, verified=1),
                  "total": 6, "submitted_late": 1, "pledged": 4, "done": 2, "average_percent": 60.0,
                  "progress": 67.5},
        # The outsider's achievement is the campaign's too (the lists show it), though in no cluster.
        "achievements": {"by_state": registration_states(submitted=1, accepted=1), "total": 2, "submitted_late": 1},
        "evidence": {"registrations": 1, "reports": 1, "achievements": 2, "pacts": 1, "total": 5},
        "scorecards": {"by_state": scorecard_states(draft=1, submitted=1), "total": 2, "submitted_late": 0,
                       "not_started": 1},
        "nominations": {"by_state": nomination_states(pending=1, meets=1), "total": 2},
        "behind": phase_counts(registration=2, works=1, reports=2, scoring=2, nominations=2),
        "late": phase_counts(registration=2, works=1),
    }


def test_campaign_figures_per_task(world):
    task_1, task_2 = world["tasks"]
    tasks = campaign_figures(world["campaign"], today=TODAY)["tasks"]
    assert tasks == [
        {
            "id": task_1.pk, "number": 1, "title": "Phát huy truyền thống",
            # Bắc Sơn's two commitments under the task are one registration.
            "registrations": {"by_state": registration_states(draft=1, accepted=1), "total": 2, "submitted_late": 0},
            "works": {"by_state": work_states(draft=1, accepted=1, in_progress=1, verified=1), "total": 4,
                      "submitted_late": 0, "pledged": 3, "done": 1, "average_percent": 46.7, "progress": 46.7},
            "achievements": {"by_state": registration_states(submitted=1), "total": 1, "submitted_late": 1},
            "evidence": {"reports": 1, "achievements": 2, "total": 3},
            "nominations": {"by_state": nomination_states(meets=1), "total": 1},
        },
        {
            "id": task_2.pk, "number": 2, "title": "Cải cách hành chính",
            "registrations": {"by_state": registration_states(accepted=1), "total": 1, "submitted_late": 0},
            "works": {"by_state": work_states(submitted=1, in_progress=1, completed=1), "total": 3,
                      "submitted_late": 1, "pledged": 2, "done": 1, "average_percent": 70.0, "progress": 85.0},
            "achievements": {"by_state": registration_states(accepted=1), "total": 1, "submitted_late": 0},
            # The report's file counts under each task of its work.
            "evidence": {"reports": 1, "achievements": 0, "total": 1},
            "nominations": {"by_state": nomination_states(), "total": 0},
        },
    ]


def test_campaign_figures_phases(world):
    first, second = world["clusters"]
    bac_son, chi_lang, dinh_lap, _outsider = world["units"]
    phases = campaign_figures(world["campaign"], today=TODAY)["phases"]
    chi, dinh = unit_row(chi_lang, first), unit_row(dinh_lap, second)
    assert phases == [
        {"key": "registration", "label": "Đăng ký thi đua", "deadline": "31/03/2019", "passed": True,
         "behind": [chi, dinh], "behind_count": 2, "late_count": 2},
        {"key": "works", "label": "Đăng ký công trình, phần việc", "deadline": "15/04/2019", "passed": True,
         "behind": [chi], "behind_count": 1, "late_count": 1},
        {"key": "reports", "label": "Báo cáo kết quả, thành tích", "deadline": "04/10/2019", "passed": False,
         "behind": [chi, dinh], "behind_count": 2, "late_count": 0},
        {"key": "scoring", "label": "Tự chấm điểm", "deadline": "10/10/2019", "passed": False,
         "behind": [chi, dinh], "behind_count": 2, "late_count": 0},
        {"key": "nominations", "label": "Gửi hồ sơ đề nghị khen thưởng", "deadline": None, "passed": False,
         "behind": [chi, dinh], "behind_count": 2, "late_count": 0},
    ]


def test_campaign_figures_on_the_deadline_day_nobody_is_late_yet(world):
    phases = campaign_figures(world["campaign"], today=D(2019, 3, 31))["phases"]
    assert [(phase["key"], phase["passed"], phase["late_count"]) for phase in phases[:2]] == [
        ("registration", False, 0), ("works", False, 0)]


def test_campaign_figures_a_unit_in_two_clusters_counts_in_both(world):
    first, second = world["clusters"]
    bac_son = world["units"][0]
    MembershipFactory(cluster=second, unit=bac_son)
    figures = campaign_figures(world["campaign"], today=TODAY)
    assert [cluster["works"]["pledged"] for cluster in figures["clusters"]] == [4, 4]
    assert figures["totals"]["works"]["pledged"] == 4
    assert figures["totals"]["units"] == 3
    assert figures["phases"][0]["behind"][0]["name"] == "Huyện Chi Lăng"


def test_campaign_figures_are_plain_data(world):
    figures = campaign_figures(world["campaign"], today=TODAY)

    def plain(value):
        if isinstance(value, dict):
            return all(type(key) is str and plain(item) for key, item in value.items())
        if isinstance(value, list):
            return all(plain(item) for item in value)
        return value is None or type(value) in (str, int, float, bool)

    assert plain(figures)


def test_campaign_figures_of_an_empty_campaign(db):
    campaign = CampaignFactory()
    figures = campaign_figures(campaign, today=TODAY)
    assert figures["clusters"] == [] and figures["tasks"] == []
    assert figures["totals"]["units"] == 0
    assert figures["totals"]["works"]["average_percent"] is None
    assert [phase["behind"] for phase in figures["phases"]] == [[]] * 5


def test_cluster_figures(world):
    first = world["clusters"][0]
    bac_son, chi_lang = world["units"][:2]
    task_1, task_2 = world["tasks"]
    report = cluster_figures(world["campaign"], first, today=TODAY)
    whole = campaign_figures(world["campaign"], today=TODAY)
    assert report["cluster"] == whole["clusters"][0]
    assert report["today"] == "01/05/2019"
    assert [(unit["name"], unit["role_label"], unit["units"]) for unit in report["units"]] == [
        ("Huyện Bắc Sơn", "Cụm trưởng", 1), ("Huyện Chi Lăng", "Thành viên", 1)]
    assert report["units"][0]["works"] == {
        "by_state": work_states(accepted=1, in_progress=1, completed=1, verified=1), "total": 4, "submitted_late": 0,
        "pledged": 4, "done": 2, "average_percent": 60.0, "progress": 67.5}
    assert report["units"][0]["evidence"] == {"registrations": 1, "reports": 1, "achievements": 2, "pacts": 0,
                                              "total": 4}
    assert report["units"][1]["registrations"]["by_state"] == registration_states(draft=1)
    assert report["units"][1]["late"] == phase_counts(registration=1, works=1)
    # Per task, only the members' rows: Đình Lập's late work under task 2 is not the cluster's.
    assert [task["id"] for task in report["tasks"]] == [task_1.pk, task_2.pk]
    assert report["tasks"][1]["works"] == {
        "by_state": work_states(in_progress=1, completed=1), "total": 2, "submitted_late": 0, "pledged": 2,
        "done": 1, "average_percent": 70.0, "progress": 85.0}
    assert report["tasks"][1]["achievements"]["total"] == 0
    assert [(phase["key"], [unit["name"] for unit in phase["behind"]]) for phase in report["phases"]] == [
        (phase, ["Huyện Chi Lăng"]) for phase in PHASES]


# --- Units behind, late, due -----------------------------------------------------------------------------------------


def test_units_behind_whatever_the_deadline(world):
    _bac_son, chi_lang, dinh_lap, _outsider = world["units"]
    campaign = world["campaign"]
    assert list(units_behind(campaign, "registration")) == [chi_lang, dinh_lap]
    assert list(units_behind(campaign, "works")) == [chi_lang]
    assert list(units_behind(campaign, "scoring")) == [chi_lang, dinh_lap]


def test_units_behind_a_returned_registration_is_not_done(world):
    campaign = world["campaign"]
    campaign.registrations.filter(status="accepted").update(status="returned", return_reason="Thiếu chữ ký.")
    assert len(units_behind(campaign, "registration")) == 3


def test_units_behind_with_today_only_while_due_or_late(world):
    campaign = world["campaign"]  # reminded 3 days before; the report deadline is 04/10/2019
    assert list(units_behind(campaign, "reports", today=D(2019, 9, 30))) == []
    assert len(units_behind(campaign, "reports", today=D(2019, 10, 1))) == 2
    assert len(units_behind(campaign, "reports", today=D(2019, 10, 20))) == 2
    # No deadline, no reminder.
    assert list(units_behind(campaign, "nominations", today=D(2019, 10, 20))) == []


def test_late_and_due_units(world):
    campaign = world["campaign"]
    _bac_son, chi_lang, dinh_lap, _outsider = world["units"]
    assert list(late_units(campaign, "registration", today=TODAY)) == [chi_lang, dinh_lap]
    assert list(late_units(campaign, "registration", today=D(2019, 3, 31))) == []
    assert list(due_units(campaign, "registration", today=D(2019, 3, 31))) == [chi_lang, dinh_lap]
    assert list(due_units(campaign, "registration", today=D(2019, 3, 28))) == [chi_lang, dinh_lap]
    assert list(due_units(campaign, "registration", today=D(2019, 3, 27))) == []
    assert list(due_units(campaign, "registration", today=TODAY)) == []
    assert list(late_units(campaign, "nominations", today=TODAY)) == []


def test_units_behind_in_nominations_once_a_batch_is_sent(world):
    campaign = world["campaign"]
    _bac_son, chi_lang, dinh_lap, _outsider = world["units"]
    assert list(units_behind(campaign, "nominations")) == [chi_lang, dinh_lap]
    campaign.nomination_batches.filter(unit=chi_lang).update(status="returned")
    assert list(units_behind(campaign, "nominations")) == [chi_lang, dinh_lap]
    campaign.nomination_batches.filter(unit=chi_lang).update(status="forwarded")
    assert list(units_behind(campaign, "nominations")) == [dinh_lap]


def test_phase_deadline(world):
    campaign = world["campaign"]
    assert [phase_deadline(campaign, phase) for phase in PHASES] == [
        D(2019, 3, 31), D(2019, 4, 15), D(2019, 10, 4), D(2019, 10, 10), None]


def test_units_behind_refuses_an_unknown_phase(world):
    with pytest.raises(ValueError):
        units_behind(world["campaign"], "decisions")


# --- Query count -----------------------------------------------------------------------------------------------------


def grow(campaign, clusters, units_per_cluster, works_per_unit):
    task = campaign.tasks.first() or TaskFactory(campaign=campaign, number=1)
    for _ in range(clusters):
        cluster = ClusterFactory()
        campaign.clusters.add(cluster)
        for _ in range(units_per_cluster):
            unit = UnitFactory()
            MembershipFactory(cluster=cluster, unit=unit)
            RegistrationFactory(campaign=campaign, unit=unit, status="submitted")
            for percent in range(works_per_unit):
                work = WorkFactory(campaign=campaign, unit=unit, status=W.IN_PROGRESS, percent=percent * 10,
                                   tasks=[task])
                EvidenceFactory(report=ReportFactory(work=work))
            AchievementFactory(campaign=campaign, unit=unit, task=task)
            Scorecard.objects.create(campaign=campaign, unit=unit)
            NominationFactory(batch=BatchFactory(campaign=campaign, unit=unit, status="submitted"))


def queries(function, *args):
    with CaptureQueriesContext(connection) as context:
        function(*args, today=TODAY)
    return len(context)


def test_figures_query_count_does_not_grow(db):
    small, large = CampaignFactory(), CampaignFactory()
    grow(small, 1, 1, 1)
    grow(large, 4, 3, 3)
    assert queries(campaign_figures, small) == queries(campaign_figures, large) == 24
    assert (queries(cluster_figures, small, small.clusters.get())
            == queries(cluster_figures, large, large.clusters.first()))


def test_dashboard_page_query_count_does_not_grow(alice):
    small, large = CampaignFactory(), CampaignFactory()
    grow(small, 1, 1, 1)
    grow(large, 4, 3, 3)
    client = signed_in(alice)
    assert query_count(client, url(small)) == query_count(client, url(large))


# --- The page ----------------------------------------------------------------------------------------------------------


def url(campaign):
    return reverse("campaign:dashboard", kwargs={"pk": campaign.pk})


def test_dashboard_permissions(role_clients, launched):
    assert statuses(role_clients, "get", url(launched)) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302}


def test_dashboard_anonymous_visitor_is_sent_to_sign_in(launched, client):
    response = client.get(url(launched))
    assert urlsplit(response["Location"]).path == reverse("login")


def test_dashboard_of_a_draft_for_staff(alice, draft):
    assert signed_in(alice).get(url(draft)).status_code == 200


def test_dashboard_of_a_missing_campaign_is_404(alice):
    assert signed_in(alice).get(reverse("campaign:dashboard", kwargs={"pk": 999999})).status_code == 404


def test_dashboard_links_lead_to_lists_of_as_many_rows(world, alice):
    """Every count of a following list (a total, a state, those sent late) links to the list, filtered so that it
    shows that many rows."""
    client = signed_in(alice)
    response = client.get(url(world["campaign"]))
    rows = [response.context["total_row"]] + [cells for _cluster, cells in response.context["cluster_rows"]]
    rows += [cells for _task, cells in response.context["task_rows"]]
    checked = 0
    for link in (link for cells in rows for cell in cells for link in cell):
        counts_rows = link.label == "Tổng số" or "status=" in link.url or "late=yes" in link.url
        if not link.url.startswith("/") or "/de-nghi/" in link.url or not counts_rows:
            continue
        listed = client.get(link.url).context["page_obj"].paginator.count
        assert (link.label, link.url, listed) == (link.label, link.url, link.value)
        checked += 1
    # Totals: 4 + 4 + 4 (campaign, clusters) + 3 + 3 (tasks); states: 12 + 9 + 2 + 7 + 5; sent late: 6.
    assert checked == 59


def test_dashboard_nomination_figures_link_to_the_batches_holding_them(world, alice):
    client = signed_in(alice)
    first, second = world["clusters"]
    task_1, task_2 = world["tasks"]
    batch_list = reverse("awards:batch_list", kwargs={"pk": world["campaign"].pk})

    def batches(**params):
        return [batch.unit.name for batch in client.get(batch_list, params).context["batches"]]

    assert batches(cluster=first.pk, screening="meets") == ["Huyện Bắc Sơn"]
    assert batches(cluster=second.pk) == []
    assert batches(task=task_1.pk, screening="meets") == ["Huyện Bắc Sơn"]
    assert batches(task=task_2.pk) == []
    cluster, cells = client.get(url(world["campaign"])).context["cluster_rows"][0]
    nominations = cells[6]
    assert [(link.label, link.value, link.url) for link in nominations] == [
        ("Tổng số", 2, f"{batch_list}?cluster={first.pk}"),
        ("Chưa thẩm định", 1, f"{batch_list}?cluster={first.pk}&screening=pending"),
        ("Đủ điều kiện", 1, f"{batch_list}?cluster={first.pk}&screening=meets"),
    ]


def test_dashboard_shows_the_late_units_with_links(world, alice):
    campaign = world["campaign"]
    chi_lang = world["units"][1]
    content = signed_in(alice).get(url(campaign)).content.decode()
    unit_page = reverse("campaign:unit_progress", kwargs={"pk": campaign.pk, "unit_pk": chi_lang.pk})
    assert f'<a href="{unit_page}" title="Cụm thi đua số 1 (nội địa)">Huyện Chi Lăng</a>' in content
    assert "2 đơn vị quá hạn:" in content
    assert 'id="giai-doan-registration"' in content


def test_dashboard_draws_its_charts(world, alice):
    content = signed_in(alice).get(url(world["campaign"])).content.decode()
    assert content.count('<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart"') == 3
    assert "Cụm thi đua số 1 (nội địa)</text>" in content


def test_campaign_page_links_to_the_dashboard_for_staff_only(launched, alice, dora):
    link = f'href="{url(launched)}"'
    detail = reverse("campaign:detail", kwargs={"pk": launched.pk})
    assert link in signed_in(alice).get(detail).content.decode()
    assert link not in signed_in(dora).get(detail).content.decode()


def test_staff_home_links_to_the_dashboard(launched, alice):
    assert f'href="{url(launched)}"' in signed_in(alice).get(reverse("staff_home")).content.decode()


# --- Charts ------------------------------------------------------------------------------------------------------------


HOSTILE = 'Cụm <script>alert("x")</script> & \'B\''
ESCAPED = "Cụm &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;B&#x27;"


def test_charts_escape_every_label(world, alice):
    first = world["clusters"][0]
    first.name = HOSTILE
    first.save()
    task = world["tasks"][0]
    task.short_title = "<b>Truyền thống</b>"
    task.save()
    figures = campaign_figures(world["campaign"], today=TODAY)
    registration_chart = cluster_registration_chart(figures)
    assert f"<title>{ESCAPED}</title>" in registration_chart
    assert "<script>" not in registration_chart
    assert "<script>" not in cluster_work_chart(figures)
    assert "1. &lt;b&gt;Truyền thống&lt;/b&gt;" in task_progress_chart(figures)
    content = signed_in(alice).get(url(world["campaign"])).content.decode()
    assert "<script>alert" not in content
    assert ESCAPED in content


def test_registration_chart_stacks_each_clusters_units(world):
    svg = cluster_registration_chart(campaign_figures(world["campaign"], today=TODAY))
    # The first cluster: one accepted, one draft (two units); the second: one not registered.
    assert svg.count('font-weight="bold">2</text>') == 1
    assert svg.count('font-weight="bold">1</text>') == 1
    assert "Chưa đăng ký" in svg and "Đã chấp nhận" in svg
    assert 'id="bieu-do-dang-ky-hatch"' in svg


def test_task_chart_writes_the_percents(world):
    svg = task_progress_chart(campaign_figures(world["campaign"], today=TODAY))
    assert ">46,7 %</text>" in svg and ">70,0 %</text>" in svg


def test_charts_of_nothing_are_empty(db):
    figures = campaign_figures(CampaignFactory(), today=TODAY)
    assert cluster_registration_chart(figures) == cluster_work_chart(figures) == task_progress_chart(figures) == ""
