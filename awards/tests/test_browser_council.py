"""The council's ballot in Debian's chromium driven by Playwright: two members vote on two nominees (one agrees with
both, the other disagrees with one), the chair closes the ballot and reads the result, staff record the decision."""

import datetime

import pytest

from awards.models import AgendaItem, Ballot, CouncilRole, Outcome
from awards.services.sessions import open_ballot
from portal.tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    CouncilMemberFactory,
    NominationFactory,
    PersonFactory,
    SessionFactory,
    SessionMemberFactory,
    StaffFactory,
    UnitFactory,
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
def session(db):
    """An open session of two members (the chair and a member) on two nominees for a form needing 80 %."""
    unit = UnitFactory(code="LS-VQ", name="Huyện Văn Quan")
    UnitFactory(code="TINH-LS", name="UBND tỉnh Lạng Sơn", kind="province")  # issues the province's decisions
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    form = AwardFormFactory(regime=campaign.regime, code="bang_khen_thu", name="Bằng khen thử nghiệm",
                            council_threshold=80)
    chair = CouncilMemberFactory(role=CouncilRole.CHAIR, user__username="hd.chutich",
                                 user__full_name="Lý Thị Dora")
    member = CouncilMemberFactory(user__username="hd.uyvien", user__full_name="Hoàng Văn Ủy")
    session = SessionFactory(campaign=campaign, chair=chair, secretary=member, title="Phiên họp thử nghiệm")
    for seat in (chair, member):
        SessionMemberFactory(session=session, member=seat)
    batch = BatchFactory(campaign=campaign, unit=unit, status="forwarded",
                         submitted_at=datetime.datetime(2019, 10, 20, tzinfo=datetime.timezone.utc))
    for position, name in enumerate(("Hoàng Văn Đạt", "Nông Thị Chưa")):
        nomination = NominationFactory(batch=batch, award_form=form, status="forwarded",
                                       person=PersonFactory(unit=unit, full_name=name))
        AgendaItemFactory(session=session, nomination=nomination, position=position)
    staff = StaffFactory(username="snv.chuyenvien", full_name="Hoàng Thị Thu Hà")
    return open_ballot(session, by=staff)


def cast(page, live_server, session, choices):
    page.goto(f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/bo-phieu/")
    for name, choice in choices.items():
        page.locator("fieldset", has_text=name).get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Gửi phiếu bầu").click()
    page.get_by_text("Đã ghi nhận phiếu của bạn. Phiếu bầu là bí mật: cổng không lưu bạn đã chọn gì.").wait_for()
    page.get_by_text("Bạn đã bỏ phiếu trong phiên họp này.").wait_for()


def test_two_members_vote_the_chair_closes_and_staff_record_the_decision(page, live_server, session):
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, live_server, "hd.chutich")
    cast(page, live_server, session, {"Hoàng Văn Đạt": "Đồng ý", "Nông Thị Chưa": "Đồng ý"})
    sign_in(page, live_server, "hd.uyvien")
    cast(page, live_server, session, {"Hoàng Văn Đạt": "Đồng ý", "Nông Thị Chưa": "Không đồng ý"})
    assert Ballot.objects.filter(session=session).count() == 2

    # The chair closes the ballot and reads the result.
    sign_in(page, live_server, "hd.chutich")
    page.goto(f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/ket-thuc/")
    page.get_by_text("2/2 thành viên đã bỏ phiếu.").wait_for()
    page.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    page.get_by_role("heading", name="Kết quả bỏ phiếu").wait_for()
    passed = page.get_by_role("row").filter(has_text="Hoàng Văn Đạt")
    failed = page.get_by_role("row").filter(has_text="Nông Thị Chưa")
    assert "2/2 = 100,00 %" in passed.inner_text() and "Đạt" in passed.inner_text()
    assert "1/2 = 50,00 %" in failed.inner_text() and "Không đạt" in failed.inner_text()

    # Staff record the decision on the nominee who passed.
    sign_in(page, live_server, "snv.chuyenvien")
    page.goto(f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/ket-qua/")
    page.get_by_role("link", name="Ghi quyết định khen thưởng").click()
    page.get_by_label("Số, ký hiệu").fill("2345/QĐ-UBND")
    page.get_by_label("Ngày ký").fill("2019-11-25")
    page.locator("#id_signer").fill("Hồ Tiến Thiệu")
    page.get_by_role("button", name="Ghi quyết định").click()
    page.get_by_text("vào sổ khen thưởng.").wait_for()

    items = {item.nomination.person.full_name: item for item in
             AgendaItem.objects.filter(session=session).select_related("nomination__person", "decision")}
    assert (items["Hoàng Văn Đạt"].outcome, items["Hoàng Văn Đạt"].decision.number) == (
        Outcome.PASSED, "2345/QĐ-UBND")
    assert (items["Nông Thị Chưa"].outcome, items["Nông Thị Chưa"].decision) == (Outcome.FAILED, None)
