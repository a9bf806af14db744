"""The staff dashboard in Debian's chromium driven by Playwright: staff open it from their home page, read the
figures and the charts, follow a figure to the filtered list behind it and a late unit to its page; printed, the
page keeps its figures and charts and drops the navigation."""

import datetime

import pytest

from campaign.models import WorkStatus
from portal.tests.factories import (
    PASSWORD,
    CampaignFactory,
    ClusterFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@pytest.fixture
def world(db):
    """A launched campaign whose registration deadline has passed: Văn Quan registered (accepted) and pledged two
    works; Bình Gia has done nothing."""
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019",
                               registration_deadline=datetime.date(2019, 3, 31))
    task = TaskFactory(campaign=campaign, number=3, short_title="Xây dựng nông thôn mới")
    cluster = ClusterFactory(name="Cụm thi đua các huyện nội địa")
    van_quan = UnitFactory(code="LS-VQ", name="Huyện Văn Quan")
    binh_gia = UnitFactory(code="LS-BG", name="Huyện Bình Gia")
    MembershipFactory(cluster=cluster, unit=van_quan, role="leader")
    MembershipFactory(cluster=cluster, unit=binh_gia)
    campaign.clusters.add(cluster)
    RegistrationFactory(campaign=campaign, unit=van_quan, status="accepted")
    WorkFactory(campaign=campaign, unit=van_quan, status=WorkStatus.IN_PROGRESS, percent=40, tasks=[task],
                title="Bê tông hóa đường thôn Nà Pàn")
    WorkFactory(campaign=campaign, unit=van_quan, status=WorkStatus.COMPLETED, percent=100, tasks=[task],
                title="Xây dựng nhà văn hóa thôn Bản Cảng")
    StaffFactory(username="snv.tdkt", full_name="Hoàng Thị Thu Hà")
    return campaign, cluster, binh_gia


def test_staff_read_the_dashboard_and_follow_a_figure_to_its_list(page, live_server, world):
    campaign, cluster, binh_gia = world
    refused = []
    # The charts are inline SVG with presentation attributes only: the CSP (no inline style) refuses nothing.
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)

    sign_in(page, live_server, "snv.tdkt")
    page.get_by_role("link", name="Bảng điều khiển").click()
    page.get_by_role("heading", name="Bảng điều khiển").wait_for()
    assert page.url == f"{live_server.url}/phong-trao/{campaign.pk}/bang-dieu-khien/"

    # The figures: 1 of 2 units registered, 1 of 2 accepted works completed; the charts drawn on the server.
    totals = page.locator(".dashboard-totals")
    assert totals.locator(".display-6").all_inner_texts() == ["1/2", "1/2", "0", "0"]
    charts = page.locator("svg.dashboard-chart")
    assert charts.count() == 3
    assert charts.first.is_visible()
    assert "Cụm thi đua các huyện nội địa" in charts.first.inner_html()
    assert ">70,0 %</text>" in page.locator("#bieu-do-noi-dung").inner_html()

    # Bình Gia is late with its registration: its name leads to its page in the campaign.
    late = page.locator("#giai-doan-registration")
    assert "1 đơn vị quá hạn:" in late.inner_text()
    late.get_by_role("link", name="Huyện Bình Gia").click()
    page.wait_for_url(f"{live_server.url}/phong-trao/{campaign.pk}/don-vi/{binh_gia.pk}/")
    page.go_back()

    # The cluster's accepted registrations: one figure, one row in the list behind it, filtered by cluster.
    row = page.locator(f"#cum-{cluster.pk}")
    row.get_by_role("link", name="Đã chấp nhận: 1").click()
    page.wait_for_url(f"{live_server.url}/phong-trao/{campaign.pk}/dang-ky/?cluster={cluster.pk}&status=accepted")
    assert page.get_by_text("1 đăng ký", exact=True).count() == 1
    assert page.locator("tbody tr").count() == 1
    assert "Huyện Văn Quan" in page.locator("tbody tr").inner_text()
    assert page.get_by_label("Cụm, khối").input_value() == str(cluster.pk)
    assert page.get_by_label("Trạng thái").input_value() == "accepted"

    # Printed: no navigation bar nor buttons; the figures and charts stay.
    page.go_back()
    page.emulate_media(media="print")
    assert not page.locator(".portal-navbar").is_visible()
    assert page.locator(".dashboard-table").first.is_visible()
    assert page.locator("svg.dashboard-chart").first.is_visible()
    assert refused == []
