"""The catalogue on a phone, in Debian's chromium driven by Playwright."""

import pytest

from awards.models import AwardForm, EligibilityRule
from portal.tests.factories import StaffFactory
from portal.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_catalogue_fits_a_phone_and_staff_add_a_rule(page, live_server):
    StaffFactory(username="snv.tdkt")
    form = AwardForm.objects.get(regime__code="A", code="cstd_tinh")
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "snv.tdkt")
    page.goto(f"{live_server.url}/danh-muc-khen-thuong/")
    page.get_by_role("tab", name="Chế độ B").click()
    page.get_by_role("tabpanel").get_by_text("Luật Thi đua, khen thưởng 2022").first.wait_for()
    overflows = {}
    for path in ("/danh-muc-khen-thuong/", form.get_absolute_url(), f"{form.get_absolute_url()}dieu-kien/",
                 f"{form.get_absolute_url()}sua/", f"{form.get_absolute_url()}tai-lieu/"):
        page.goto(f"{live_server.url}{path}")
        overflows[path] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert set(overflows.values()) == {0}

    page.goto(f"{live_server.url}{form.get_absolute_url()}dieu-kien/")
    page.get_by_role("button", name="Thêm điều kiện").click()
    row = page.locator("#rules-forms > .card").last
    row.get_by_label("Phương án").fill("2")
    row.get_by_label("Loại điều kiện").select_option("consecutive_ratings")
    shown = row.locator("[data-rule-param]:visible")
    assert [shown.nth(i).get_attribute("data-rule-param") for i in range(shown.count())] == [
        "years", "until", "rating", "after_award"]
    row.get_by_label("Loại điều kiện").select_option("holds_award")
    assert [shown.nth(i).get_attribute("data-rule-param") for i in range(shown.count())] == ["awards"]
    row.get_by_label("Căn cứ").fill("Điều 22 Luật TĐKT")
    row.get_by_label("Bằng khen của Chủ tịch UBND tỉnh (bang_khen_tinh)").check()
    page.get_by_label("Lý do thay đổi").fill("Thêm phương án 2")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu: thêm 1, sửa 0, xóa 0 dòng.").wait_for()
    assert list(EligibilityRule.objects.filter(form=form, route=2).values_list("kind", "params")) == [
        ("holds_award", {"awards": ["bang_khen_tinh"]})]
    assert [text for text in console if "Content Security Policy" in text] == []
