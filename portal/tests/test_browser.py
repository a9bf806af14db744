"""Journeys a person makes, in Debian's chromium driven by Playwright."""

from pathlib import Path

import pytest

from portal.tests.factories import PASSWORD, ClusterFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DOCUMENT = Path(__file__).resolve().parents[2] / "campaign" / "data" / "launch-document-2019.txt"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_staff_creates_the_2019_campaign_from_its_launch_document(page, live_server):
    StaffFactory(username="snv.tdkt", full_name="Hoàng Thị Thu Hà")
    ClusterFactory(name="Cụm thi đua các huyện biên giới")
    sign_in(page, live_server, "snv.tdkt")
    page.get_by_role("heading", name="Ban Thi đua – Khen thưởng").wait_for()

    page.get_by_role("link", name="Tạo phong trào từ văn bản phát động").click()
    page.get_by_label("Tệp văn bản phát động").set_input_files(str(DOCUMENT))
    page.get_by_role("button", name="Đọc văn bản và xem trước").click()

    # The preview: nothing is saved yet, every field can be corrected.
    assert page.get_by_label("Tên phong trào").input_value().startswith(
        "Phong trào thi đua đặc biệt chào mừng kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ"
    )
    assert page.get_by_label("Ngày kết thúc").input_value() == "04/10/2019"
    assert page.locator("textarea[name$='-text']").count() == 12
    page.get_by_label("Ngày bắt đầu").fill("01/03/2019")
    page.get_by_role("button", name="Tạo phong trào").click()

    page.get_by_text("Nội dung thi đua (12)").wait_for()
    body = page.locator("main").inner_text()
    assert "Phạm Ngọc Thưởng" in body
    assert "01/03/2019 – 04/10/2019" in body
    assert "Huy động mọi nguồn lực" in body
    assert "**" not in body


def test_pages_fit_a_phone_screen_and_break_no_security_policy(page, live_server):
    StaffFactory(username="snv.tdkt")
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "snv.tdkt")
    for path in ("/can-bo/", "/don-vi/", "/cum-khoi/", "/phong-trao/", "/tai-khoan/", "/phong-trao/nhap-van-ban/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert (path, overflow) == (path, 0)
    assert [text for text in console if "Content Security Policy" in text] == []
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("link", name="Đơn vị").click()
    assert page.url == f"{live_server.url}/don-vi/"


def test_public_honour_roll_fits_a_phone_screen(page, live_server):
    from portal.tests.factories import AwardRecordFactory, CampaignFactory, DecisionFactory, PersonFactory, UnitFactory

    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    decision = DecisionFactory(kind="province", campaign=campaign, number="2468/QĐ-UBND",
                               issuer_unit=UnitFactory(code="TINH-LS", kind="province", name="Tỉnh Lạng Sơn"))
    person = PersonFactory(full_name="Vi Văn Hùng", unit=UnitFactory(name="Huyện Văn Quan"))
    AwardRecordFactory(person=person, decision=decision, decision_number=decision.number, award_code="bang_khen_tinh",
                       award_name="Bằng khen của Chủ tịch UBND tỉnh", year=2019, source="decision")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/bang-vang/")

    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    # The table stacks its rows into blocks: nothing is left to scroll sideways inside its frame either.
    assert page.evaluate("(() => { const t = document.querySelector('table');"
                         " return t.scrollWidth - t.parentElement.clientWidth; })()") <= 0
    assert page.get_by_text("Vi Văn Hùng").is_visible()
    assert page.get_by_text("Số 2468/QĐ-UBND", exact=False).is_visible()
