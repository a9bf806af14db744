"""A batch's journey through Sở Nội vụ's screening in Debian's chromium driven by Playwright: the officer submits it,
the clerk receives and assigns it, the specialist accepts one nominee and rejects the other with a reason and
completes, the head forwards it to the council."""

import pytest

from awards.models import Board, NominationBatch
from portal.tests.factories import (
    PASSWORD,
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    NominationFactory,
    NominationFileFactory,
    PersonFactory,
    StaffPostFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@pytest.fixture
def world(db):
    """A draft batch of Huyện Văn Quan with two nominees, its letter and minutes: ready but for the submit click."""
    unit = UnitFactory(code="LS-VQ", name="Huyện Văn Quan")
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    form = AwardFormFactory(regime=campaign.regime, code="thu_nghiem", name="Giấy chứng nhận thử nghiệm",
                            report_template="individual")
    batch = BatchFactory(campaign=campaign, unit=unit, letter_number="25/TTr-UBND")
    for name in ("Hoàng Văn Đạt", "Nông Thị Chưa"):
        NominationFactory(batch=batch, award_form=form, person=PersonFactory(unit=unit, full_name=name))
    NominationFileFactory(batch=batch)
    NominationFileFactory(batch=batch, batch_role="minutes", original_name="bien-ban.pdf")
    UserFactory(username="vanquan", full_name="Lương Văn Minh", units=[unit])
    board = Board.objects.create(name="Phòng Khen thưởng")
    StaffPostFactory(function="clerk", user__username="snv.vanthu", user__full_name="Lăng Thị Thư")
    StaffPostFactory(function="specialist", board=board, user__username="snv.chuyenvien",
                     user__full_name="Hoàng Thị Thu Hà")
    StaffPostFactory(function="head", user__username="snv.truongban", user__full_name="Vi Văn Trưởng")
    return batch


def open_batch(page, live_server, box):
    page.goto(f"{live_server.url}/tham-dinh/?box={box}")
    page.get_by_role("link", name="Số 25/TTr-UBND").click()
    page.get_by_role("heading", name="Tờ trình số 25/TTr-UBND của Huyện Văn Quan").wait_for()


def screen(page, nominee, verdict, reason=""):
    page.get_by_role("row").filter(has_text=nominee).get_by_role("link", name="Thẩm định").click()
    page.get_by_label(verdict, exact=True).check()
    if reason:
        page.get_by_label("Nhận xét, lý do").fill(reason)
    page.get_by_role("button", name="Ghi kết quả").click()
    page.get_by_text(f"Đã ghi kết quả thẩm định của {nominee}").wait_for()


def test_batch_goes_from_the_unit_through_screening_to_the_council(page, live_server, world):
    batch = world
    page.on("dialog", lambda dialog: dialog.accept())

    # The officer sends the batch.
    sign_in(page, live_server, "vanquan")
    page.goto(f"{live_server.url}{batch.get_absolute_url()}")
    page.get_by_role("button", name="Gửi Ban TĐKT").click()
    page.locator(".badge", has_text="Đã gửi, chờ tiếp nhận").wait_for()

    # The clerk receives it from the inbox and assigns it to the specialist.
    sign_in(page, live_server, "snv.vanthu")
    open_batch(page, live_server, "waiting")
    page.get_by_role("button", name="Tiếp nhận").click()
    page.get_by_text("Đã tiếp nhận tờ trình").wait_for()
    page.get_by_role("link", name="Phân công thẩm định").click()
    page.get_by_label("Chuyên viên thẩm định").select_option(label="Hoàng Thị Thu Hà – Chuyên viên thẩm định")
    page.get_by_label("Ghi chú").fill("Thẩm định trong 5 ngày làm việc")
    page.get_by_role("button", name="Phân công").click()
    page.get_by_text("Đã phân công thẩm định cho Hoàng Thị Thu Hà.").wait_for()

    # The specialist accepts one nominee, rejects the other with a reason, and completes.
    sign_in(page, live_server, "snv.chuyenvien")
    open_batch(page, live_server, "mine")
    screen(page, "Hoàng Văn Đạt", "Đủ điều kiện")
    screen(page, "Nông Thị Chưa", "Không đủ điều kiện", "Chưa có thành tích nổi bật trong phong trào")
    page.get_by_role("button", name="Hoàn thành thẩm định").click()
    page.get_by_text("Đã hoàn thành thẩm định").wait_for()

    # The head sees who goes forward and who does not, and forwards the batch.
    sign_in(page, live_server, "snv.truongban")
    open_batch(page, live_server, "head")
    page.get_by_role("link", name="Chuyển Hội đồng").click()
    assert page.locator(".forward-list li").all_inner_texts() == ["Hoàng Văn Đạt – Giấy chứng nhận thử nghiệm"]
    assert page.locator(".reject-list li").all_inner_texts() == [
        "Nông Thị Chưa – Giấy chứng nhận thử nghiệm\nLý do: Chưa có thành tích nổi bật trong phong trào"]
    page.get_by_role("button", name="Chuyển Hội đồng").click()
    page.get_by_text("Đã chuyển tờ trình đến Hội đồng Thi đua – Khen thưởng.").wait_for()

    batch = NominationBatch.objects.get(pk=batch.pk)
    assert (batch.status, batch.holder) == ("forwarded", None)
    assert list(batch.steps.values_list("action", "by__username")) == [
        ("submit", "vanquan"), ("receive", "snv.vanthu"), ("assign", "snv.vanthu"),
        ("complete", "snv.chuyenvien"), ("forward", "snv.truongban")]
    assert list(batch.nominations.order_by("person__full_name").values_list("person__full_name", "status",
                                                                            "screening_reason")) == [
        ("Hoàng Văn Đạt", "forwarded", ""),
        ("Nông Thị Chưa", "rejected", "Chưa có thành tích nổi bật trong phong trào")]
