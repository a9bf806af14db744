"""A unit's journey through a campaign in Debian's chromium driven by Playwright: an officer pledges a work, staff
accept it, the officer reports progress with photos and documents (a renamed executable is refused), staff confirm it
complete."""

import datetime

import pytest

from campaign.models import Evidence, PledgedWork, WorkStatus
from portal.tests.factories import (
    PASSWORD,
    PDF_BYTES,
    CampaignFactory,
    ClusterFactory,
    MembershipFactory,
    StaffFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
    png_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def sign_out(page):
    page.context.clear_cookies()


@pytest.fixture
def world(db):
    unit = UnitFactory(code="LS-VQ", name="Huyện Văn Quan")
    cluster = ClusterFactory(name="Cụm thi đua các huyện nội địa")
    MembershipFactory(cluster=cluster, unit=unit)
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019", pledge_deadline=datetime.date(2019, 4, 15))
    campaign.clusters.add(cluster)
    TaskFactory(campaign=campaign, number=3, short_title="Xây dựng nông thôn mới")
    TaskFactory(campaign=campaign, number=9, short_title="Công trình, phần việc chào mừng")
    UserFactory(username="vanquan", full_name="Lương Văn Minh", units=[unit])
    StaffFactory(username="snv.tdkt", full_name="Hoàng Thị Thu Hà")
    return campaign, unit


def test_officer_pledges_a_work_reports_with_evidence_and_staff_accept_and_verify(page, live_server, world):
    campaign, unit = world
    page.on("dialog", lambda dialog: dialog.accept())

    # The officer pledges a work from the unit's page in the campaign and sends it for review.
    sign_in(page, live_server, "vanquan")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/don-vi/{unit.pk}/")
    page.get_by_role("link", name="Thêm công trình, phần việc").click()
    page.get_by_label("Tên công trình, phần việc").fill("Bê tông hóa đường thôn Nà Pàn, xã Tràng Các")
    page.get_by_label("3. Xây dựng nông thôn mới").check()
    page.get_by_label("9. Công trình, phần việc chào mừng").check()
    page.get_by_label("Giá trị (đồng)").fill("1.850.000.000")
    page.get_by_label("Ngày khởi công, bắt đầu").fill("15/03/2019")
    page.get_by_label("Ngày dự kiến hoàn thành").fill("30/11/2019")
    page.locator("#id_responsible_name").fill("Hoàng Văn Long")
    page.get_by_role("button", name="Lưu").click()
    # A target after the campaign's end is refused beside the field; what was typed stays.
    target_error = page.locator("#div_id_target_date .invalid-feedback")
    target_error.wait_for()
    assert target_error.inner_text() == "Ngày phải nằm trong thời gian phong trào, từ 01/03/2019 đến 04/10/2019."
    assert page.locator(".invalid-feedback").count() == 1
    assert page.get_by_label("Tên công trình, phần việc").input_value() == "Bê tông hóa đường thôn Nà Pàn, xã Tràng Các"
    assert page.get_by_label("Giá trị (đồng)").input_value() == "1.850.000.000"
    page.get_by_label("Ngày dự kiến hoàn thành").fill("30/09/2019")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Bê tông hóa đường thôn Nà Pàn, xã Tràng Các").wait_for()
    assert page.get_by_text("1.850.000.000 đ", exact=True).count() == 1
    page.get_by_role("button", name="Gửi để xét").click()
    page.locator(".state-badge", has_text="Đã gửi").wait_for()
    assert page.locator(".state-badge").all_inner_texts() == ["Đã gửi"]
    work = PledgedWork.objects.get()
    assert work.status == WorkStatus.SUBMITTED

    # Staff find it among the works waiting for review and accept it.
    sign_out(page)
    sign_in(page, live_server, "snv.tdkt")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/cong-trinh/?status=submitted")
    page.get_by_role("link", name="Bê tông hóa đường thôn Nà Pàn, xã Tràng Các").click()
    page.get_by_role("button", name="Chấp nhận").click()
    page.locator(".state-badge", has_text="Đã chấp nhận").wait_for()
    work.refresh_from_db()
    assert work.status == WorkStatus.ACCEPTED

    # The officer reports the work finished, with a photo and the acceptance record; a renamed program is refused.
    sign_out(page)
    sign_in(page, live_server, "vanquan")
    page.goto(f"{live_server.url}{work.get_absolute_url()}")
    page.get_by_role("link", name="Thêm báo cáo tiến độ").click()
    page.get_by_label("Ngày báo cáo").fill("30/09/2019")
    page.get_by_label("Phần trăm hoàn thành (%)").fill("100")
    page.get_by_label("Nội dung báo cáo").fill("Đã nghiệm thu, bàn giao đưa vào sử dụng.")
    files = page.get_by_label("Tệp minh chứng")
    files.set_input_files([{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64}])
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Tệp “bien-ban.pdf” không được nhận").wait_for()
    assert Evidence.objects.count() == 0
    page.get_by_label("Tệp minh chứng").set_input_files([
        {"name": "anh-cong-trinh.png", "mimeType": "image/png", "buffer": png_bytes((800, 600))},
        {"name": "bien-ban-nghiem-thu.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
    ])
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="bien-ban-nghiem-thu.pdf").wait_for()
    assert page.locator("img.evidence-thumb").count() == 1
    work.refresh_from_db()
    assert (work.status, work.percent) == (WorkStatus.COMPLETED, 100)
    with page.expect_download() as download:
        page.get_by_role("link", name="bien-ban-nghiem-thu.pdf").click()
    assert download.value.suggested_filename == "bien-ban-nghiem-thu.pdf"

    # Staff confirm it complete; the history names who did what.
    sign_out(page)
    sign_in(page, live_server, "snv.tdkt")
    page.goto(f"{live_server.url}{work.get_absolute_url()}")
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    page.locator(".state-badge", has_text="Đã xác nhận hoàn thành").wait_for()
    work.refresh_from_db()
    assert work.status == WorkStatus.VERIFIED
    history = page.locator("#lich-su")
    staff_rows = history.locator("tbody tr", has=page.get_by_role("cell", name="Hoàng Thị Thu Hà", exact=True))
    assert [row.locator("td").nth(4).inner_text() for row in staff_rows.all()] == ["Xác nhận hoàn thành", "Chấp nhận"]
    assert history.get_by_role("cell", name="Lương Văn Minh", exact=True).count() == 8
    subjects = history.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert (subjects.count("Công trình, phần việc"), subjects.count("Báo cáo ngày 30/09/2019"),
            subjects.count("Minh chứng: anh-cong-trinh.png"), subjects.count("Minh chứng: bien-ban-nghiem-thu.pdf")) == (
        7, 1, 1, 1,
    )
