"""Evaluation in Debian's chromium driven by Playwright: a unit fills and submits its scorecard (points above the
maximum refused beside the field, evidence required), staff lock it and the cluster's ranking shows it."""

import pytest

from campaign.models import Criterion, CriterionKind, RankingEntry, Scorecard, ScorecardStatus, ScoringTable
from portal.tests.factories import (
    AchievementFactory,
    CampaignFactory,
    ClusterFactory,
    EvidenceFactory,
    MembershipFactory,
    StaffFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
)

from .test_browser import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(db):
    unit = UnitFactory(code="LS-VQ", name="Huyện Văn Quan")
    cluster = ClusterFactory(name="Cụm thi đua các huyện nội địa")
    MembershipFactory(cluster=cluster, unit=unit)
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    campaign.clusters.add(cluster)
    task = TaskFactory(campaign=campaign, number=3, short_title="Xây dựng nông thôn mới")
    table = ScoringTable.objects.create(campaign=campaign)
    Criterion.objects.create(table=table, task=task, code="3.1", title="Kết quả giảm nghèo", max_points=10,
                             requires_evidence=True, position=1)
    Criterion.objects.create(table=table, task=task, code="3.2", title="Huy động nguồn lực", max_points=5, position=2)
    Criterion.objects.create(table=table, code="T1", title="Điển hình được biểu dương", max_points=3,
                             kind=CriterionKind.BONUS, position=3)
    achievement = AchievementFactory(campaign=campaign, unit=unit, task=task, title="Giảm nghèo bền vững")
    EvidenceFactory(achievement=achievement, original_name="anh-giam-ngheo.png")
    UserFactory(username="vanquan", full_name="Lương Văn Minh", units=[unit])
    StaffFactory(username="snv.tdkt", full_name="Hoàng Thị Thu Hà")
    return campaign, unit, cluster


def test_unit_submits_its_scorecard_and_staff_lock_it(page, live_server, world):
    campaign, unit, cluster = world
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, live_server, "vanquan")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/don-vi/{unit.pk}/")
    page.get_by_role("link", name="Tự chấm điểm").click()
    page.get_by_role("button", name="Mở bảng tự chấm điểm").click()
    page.get_by_role("link", name="Chấm điểm", exact=True).click()
    points = page.get_by_label("Điểm tự chấm")
    points.nth(0).fill("12")
    points.nth(1).fill("4,5")
    points.nth(2).fill("2")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Điểm tối đa của tiêu chí này là 10.").wait_for()
    assert page.get_by_label("Điểm tự chấm").nth(1).input_value() == "4,5"
    page.get_by_label("Điểm tự chấm").nth(0).fill("9")
    evidence = page.locator("select[name$='-evidence']").first
    # Only the unit's own file is offered, named with what it belongs to.
    assert evidence.locator("option").all_inner_texts() == ["anh-giam-ngheo.png (Giảm nghèo bền vững)"]
    evidence.select_option(index=0)
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_role("button", name="Gửi bảng tự chấm").click()
    page.get_by_text("Đã gửi", exact=True).first.wait_for()
    scorecard = Scorecard.objects.get()
    assert (scorecard.status, scorecard.total) == (ScorecardStatus.SUBMITTED, 15.5)

    sign_out(page)
    sign_in(page, live_server, "snv.tdkt")
    page.goto(f"{live_server.url}{scorecard.get_absolute_url()}")
    page.get_by_role("button", name="Chốt điểm").click()
    page.get_by_text("Đã chốt", exact=True).first.wait_for()
    scorecard.refresh_from_db()
    assert scorecard.status == ScorecardStatus.LOCKED
    # The recomputation ran (eagerly here, after the lock committed): the unit leads its cluster.
    entry = RankingEntry.objects.get()
    assert (entry.rank, entry.is_leading, entry.total) == (1, True, scorecard.total)
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/cum-khoi/{cluster.pk}/xep-hang/")
    page.get_by_role("cell", name="Huyện Văn Quan").wait_for()
