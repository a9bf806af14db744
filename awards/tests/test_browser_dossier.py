"""A closed session's dossier in Debian's chromium driven by Playwright: staff compile it (in-process on the embedded
default), read its SHA-256 and page count, see it checked against the current data, download the PDF and find the
same SHA-256; once a nominee's summary changes, the page says the dossier is out of date. At phone width the page
does not scroll sideways."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from awards.models import Dossier, DossierStatus
from awards.tests.test_browser_council import sign_in
from awards.tests.test_dossier_jobs import closed_session, own_media_root  # noqa: F401 (fixture)
from portal.tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MATCHES = "Hồ sơ khớp với dữ liệu hiện tại."
OUT_OF_DATE = ("Dữ liệu đã thay đổi sau khi lập hồ sơ này: hồ sơ đã cũ. "
               "Hãy lập lại để có hồ sơ theo dữ liệu hiện tại.")


@pytest.fixture
def session(db):
    StaffFactory(username="snv.chuyenvien", full_name="Hoàng Thị Thu Hà")
    return closed_session(nominees=2)


def fact(page, term):
    """The value the ready dossier's facts list shows beside ``term``."""
    return page.locator(f"dt:text-is('{term}') + dd").inner_text().strip()


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_staff_compile_download_and_see_the_dossier_go_out_of_date(page, live_server, session):
    sign_in(page, live_server, "snv.chuyenvien")
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("link", name="Hồ sơ khen thưởng", exact=True).click()
    page.get_by_text("Hồ sơ chưa được lập lần nào.").wait_for()
    assert page.url == f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/ho-so/"

    # The embedded default runs the job in-process: the POST compiles the dossier before it redirects.
    page.get_by_role("button", name="Lập hồ sơ").click()
    page.get_by_text("Đã yêu cầu lập hồ sơ; trang tự cập nhật khi lập xong.").wait_for()
    page.get_by_text(MATCHES).wait_for()  # loaded afterwards by HTMX
    dossier = Dossier.objects.get(session=session)
    assert dossier.status == DossierStatus.READY
    shown_sha256, shown_pages = fact(page, "Mã SHA-256"), fact(page, "Số trang")
    assert (shown_sha256, shown_pages) == (dossier.sha256, str(dossier.pages))
    names = sorted(str(item.nomination.recipient) for item in session.items.select_related("nomination__person"))
    reports = page.locator("#ho-so-hien-tai ol li a").all_inner_texts()
    assert sorted(reports) == names

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải hồ sơ (PDF)").click()
    assert download.value.suggested_filename == f"ho-so-phien-hop-{session.pk}.pdf"
    with open(download.value.path(), "rb") as stream:
        data = stream.read()
    assert data[:5] == b"%PDF-"
    assert hashlib.sha256(data).hexdigest() == shown_sha256
    assert str(len(PdfReader(io.BytesIO(data)).pages)) == shown_pages

    nomination = session.items.order_by("position").first().nomination
    nomination.summary = "Tóm tắt thành tích sửa lại sau khi lập hồ sơ."
    nomination.save()
    page.reload()
    page.get_by_text(OUT_OF_DATE).wait_for()
    assert page.get_by_text(MATCHES).count() == 0


def test_dossier_page_has_no_horizontal_scroll_on_a_phone(page, live_server, session):
    page.on("dialog", lambda dialog: dialog.accept())  # compiling again asks to confirm first
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in(page, live_server, "snv.chuyenvien")
    page.goto(f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/ho-so/")
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Lập hồ sơ").click()
    page.get_by_text(MATCHES).wait_for()
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Lập hồ sơ").click()  # compiled again, the first goes to the earlier ones
    page.get_by_role("heading", name="Các lần lập trước").wait_for()
    page.get_by_text(MATCHES).wait_for()
    assert Dossier.objects.filter(session=session, status=DossierStatus.READY).count() == 2
    assert no_horizontal_scroll(page)
