"""The public pages in Debian's chromium driven by Playwright: an anonymous visitor reads the campaign (its tasks and
progress), opens an exemplary model, comments on a nominee of the open consultation and is told the comment waits for
moderation; on a phone (375 px) nothing scrolls sideways and no security policy is broken."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from awards.models import CommentStatus, PublicComment
from campaign.models import ExemplaryStatus, WorkStatus
from portal.tests.factories import (
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    ClusterFactory,
    ConsultationFactory,
    ExemplaryFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    RegistrationFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TODAY = timezone.localdate()


@pytest.fixture
def public_world(db):
    """A launched campaign of two tasks and two units (one registered, with a completed and a running work), a
    published exemplary model with its photo, and a consultation open today on the province's proposal."""
    cache.clear()  # the comment rate limit counts in the cache
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019", theme="Đoàn kết, sáng tạo, về đích")
    first = TaskFactory(campaign=campaign, number=1, short_title="Phát huy truyền thống",
                        text="Phát huy truyền thống yêu nước.")
    TaskFactory(campaign=campaign, number=2, short_title="Xây dựng nông thôn mới", text="Chung sức xây dựng.")
    cluster = ClusterFactory(name="Cụm thi đua các huyện nội địa")
    campaign.clusters.add(cluster)
    van_quan, binh_gia = UnitFactory(name="Huyện Văn Quan"), UnitFactory(name="Huyện Bình Gia")
    for unit in (van_quan, binh_gia):
        MembershipFactory(cluster=cluster, unit=unit)
    RegistrationFactory(campaign=campaign, unit=van_quan, status="accepted")
    WorkFactory(campaign=campaign, unit=van_quan, tasks=[first], status=WorkStatus.COMPLETED, percent=100)
    WorkFactory(campaign=campaign, unit=van_quan, tasks=[first], status=WorkStatus.IN_PROGRESS, percent=50)
    model = ExemplaryFactory(campaign=campaign, task=first, unit=van_quan, name="Hợp tác xã Tân Đoàn",
                             title="Làm giàu từ cây hồi", summary="Hợp tác xã trồng mới 50 ha hồi.",
                             story="Từ năm 2015, hợp tác xã liên kết tiêu thụ hồi cho 120 hộ.",
                             status=ExemplaryStatus.PUBLISHED)
    batch = BatchFactory(campaign=campaign, unit=UnitFactory(name="Sở Nội vụ", kind="department"), kind="province",
                         status="forwarded")
    nominee = NominationFactory(batch=batch, status="forwarded",
                                award_form=AwardFormFactory(regime=campaign.regime, code="bang_khen_thu_tuong"),
                                person=PersonFactory(unit=van_quan, full_name="Hoàng Văn Đức"))
    consultation = ConsultationFactory(batch=batch, title="Lấy ý kiến về đề nghị Bằng khen của Thủ tướng",
                                       opens_on=TODAY - datetime.timedelta(days=1),
                                       closes_on=TODAY + datetime.timedelta(days=7))
    return {"campaign": campaign, "model": model, "nominee": nominee, "consultation": consultation}


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_visitor_reads_the_campaign_opens_a_model_and_comments(page, live_server, public_world):
    console = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(f"{live_server.url}/cong-khai/")
    page.get_by_role("link", name="Phong trào thi đua đặc biệt năm 2019").click()
    page.get_by_role("heading", name="Phong trào thi đua đặc biệt năm 2019").wait_for()
    progress = page.locator("#tien-do").inner_text()
    assert ("1/2" in progress, "đơn vị đã đăng ký thi đua / đơn vị tham gia" in progress,
            "75%" in progress) == (True, True, True)
    assert page.get_by_role("heading", name="1. Phát huy truyền thống").is_visible()
    assert page.get_by_role("heading", name="2. Xây dựng nông thôn mới").is_visible()

    page.get_by_role("link", name="Làm giàu từ cây hồi").click()
    page.get_by_role("heading", name="Làm giàu từ cây hồi").wait_for()
    assert page.get_by_text("Từ năm 2015, hợp tác xã liên kết tiêu thụ hồi cho 120 hộ.").is_visible()
    assert page.locator("figure img").evaluate("image => image.complete && image.naturalWidth") == 64

    page.get_by_role("link", name="Phong trào", exact=True).click()
    page.get_by_role("link", name="Lấy ý kiến về đề nghị Bằng khen của Thủ tướng").click()
    nominee = page.locator(f"#de-nghi-{public_world['nominee'].pk}")
    nominee.get_by_text("Gửi ý kiến về người, tập thể này").click()
    nominee.get_by_label("Họ và tên").fill("Vy Thị Góp")
    nominee.get_by_label("Địa chỉ, điện thoại hoặc thư điện tử").fill("0911 222 333")
    nominee.get_by_label("Nội dung góp ý").fill("Anh Đức luôn giúp đỡ bà con trong thôn.")
    nominee.get_by_role("button", name="Gửi ý kiến").click()

    page.get_by_text("Ý kiến của bạn đã được gửi và sẽ được kiểm duyệt trước khi công bố.").wait_for()
    comment = PublicComment.objects.get()
    assert (comment.author_name, comment.contact, comment.status) == ("Vy Thị Góp", "0911 222 333",
                                                                       CommentStatus.PENDING)
    # Held for moderation: not on the page yet.
    assert page.get_by_text("Anh Đức luôn giúp đỡ bà con trong thôn.").count() == 0
    assert [text for text in console if "Content Security Policy" in text] == []


def test_public_pages_fit_a_phone_screen(page, live_server, public_world):
    campaign, model = public_world["campaign"], public_world["model"]
    page.set_viewport_size({"width": 375, "height": 812})
    paths = ["/cong-khai/", f"/cong-khai/phong-trao/{campaign.pk}/",
             f"/cong-khai/phong-trao/{campaign.pk}/guong-dien-hinh/",
             f"/cong-khai/phong-trao/{campaign.pk}/guong-dien-hinh/{model.pk}/",
             f"/cong-khai/lay-y-kien/{public_world['consultation'].pk}/"]

    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert (path, overflow(page)) == (path, 0)
    # The comment form, once opened, fits too.
    page.get_by_text("Gửi ý kiến về người, tập thể này").click()
    page.get_by_role("button", name="Gửi ý kiến").wait_for()
    assert overflow(page) == 0
