"""The public pages (issue 8): the campaigns open to the public, a campaign's page and its exemplary models, read
without signing in and showing nothing private; staff write and publish the exemplary models; robots.txt and the
meta robots tag let search engines index these pages and nothing else."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from campaign.models import CampaignStatus, ExemplaryModel, ExemplaryStatus, WorkStatus
from campaign.selectors.public import PublicFigures, public_figures
from campaign.services.exemplary import PHOTO_MAX_SIDE
from portal.tests.factories import (
    PDF_BYTES,
    CampaignFactory,
    ExemplaryFactory,
    MembershipFactory,
    RegistrationFactory,
    TaskFactory,
    UnitFactory,
    WorkFactory,
    jpeg_bytes,
    png_bytes,
)
from portal.tests.helpers import answers, query_count


def url(name, *args):
    return reverse(name, args=args)


def page(path, client=None):
    response = (client or Client()).get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def world(launched, unit_a, cluster_a, bob):
    """The launched campaign (cluster_a: unit_a, plus unit_c) with unit_a's submitted registration (signed by its
    head), two accepted works (one completed), a draft work; a published model and a draft one."""
    unit_c = UnitFactory(code="C01", name="Huyện Chi Lăng")
    MembershipFactory(cluster=cluster_a, unit=unit_c)
    RegistrationFactory(campaign=launched, unit=unit_a, status="submitted", head_name="Lương Văn Bob")
    RegistrationFactory(campaign=launched, unit=unit_c, status="draft")
    task = launched.tasks.get(number=1)
    WorkFactory(campaign=launched, unit=unit_a, tasks=[task], status=WorkStatus.COMPLETED, percent=100,
                responsible_name="Nông Văn Dũng")
    WorkFactory(campaign=launched, unit=unit_a, tasks=[task], status=WorkStatus.IN_PROGRESS, percent=40)
    WorkFactory(campaign=launched, unit=unit_c, tasks=[task], status=WorkStatus.DRAFT)
    published = ExemplaryFactory(campaign=launched, task=task, unit=unit_a, name="Hợp tác xã Tân Đoàn",
                                 title="Hợp tác xã làm giàu từ cây hồi", status=ExemplaryStatus.PUBLISHED,
                                 story="Từ năm 2015, hợp tác xã trồng mới 50 ha hồi.")
    draft = ExemplaryFactory(campaign=launched, name="Bản nháp bí mật", title="Gương điển hình chưa duyệt")
    return {"campaign": launched, "published": published, "draft": draft, "unit_c": unit_c}


# --- The public pages -------------------------------------------------------------------------------------------


def test_public_campaign_list_shows_public_campaigns_only(world, draft):
    closed = CampaignFactory(title="Phong trào đã kết thúc", status=CampaignStatus.CLOSED,
                             start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2018, 12, 31))

    response = Client().get(url("campaign:public_campaigns"))

    assert response.status_code == 200
    assert [campaign.pk for campaign in response.context["campaigns"]] == [world["campaign"].pk, closed.pk]
    assert "Phong trào dự thảo" not in response.content.decode()


def test_public_campaign_page_shows_theme_period_tasks_and_figures(world):
    campaign = world["campaign"]

    response = Client().get(url("campaign:public_campaign", campaign.pk))
    text = response.content.decode()

    assert response.status_code == 200
    assert response.context["figures"] == PublicFigures(units_taking_part=2, units_registered=1, works_pledged=2,
                                                        works_completed=1, percent=Decimal("70.0"))
    assert ("“Đoàn kết, sáng tạo, thi đua lập thành tích”" in text, "Từ ngày 01/03/2019 đến ngày 04/10/2019" in text,
            "1. Phát huy truyền thống" in text, "2. Cải cách hành chính" in text, "Đẩy mạnh cải cách." in text,
            "1/2" in text) == (True, True, True, True, True, True)
    assert [model.pk for model in response.context["models"]] == [world["published"].pk]
    assert f'href="{url("awards:honour_roll", campaign.pk)}"' in text
    assert f'href="{url("campaign:public_exemplary_detail", campaign.pk, world["published"].pk)}"' in text


def test_public_figures_of_a_campaign_without_works(launched):
    assert public_figures(launched) == PublicFigures(units_taking_part=1, units_registered=0, works_pledged=0,
                                                     works_completed=0, percent=None)


def test_public_pages_of_a_draft_campaign_are_not_found_even_for_staff(draft, role_clients):
    model = ExemplaryFactory(campaign=draft, status=ExemplaryStatus.PUBLISHED)
    for path in (url("campaign:public_campaign", draft.pk), url("campaign:public_exemplary_list", draft.pk),
                 url("campaign:public_exemplary_detail", draft.pk, model.pk),
                 url("campaign:public_exemplary_photo", draft.pk, model.pk)):
        assert answers(role_clients, path) == {role: 404 for role in role_clients}


def test_public_pages_never_show_private_data(world, alice):
    campaign, draft = world["campaign"], world["draft"]
    ExemplaryModel.objects.filter(pk=world["published"].pk).update(created_by=alice)
    paths = [url("campaign:public_campaigns"), url("campaign:public_campaign", campaign.pk),
             url("campaign:public_exemplary_list", campaign.pk),
             url("campaign:public_exemplary_detail", campaign.pk, world["published"].pk)]
    for path in paths:
        text = page(path)
        found = {secret: secret in text for secret in (draft.title, draft.name, "Lương Văn Bob", "Hoàng Thị Alice",
                                                       "Nông Văn Dũng", "minh-chung")}
        assert (path, found) == (path, dict.fromkeys(found, False))


def test_public_exemplary_detail_shows_the_story_and_the_photo(world):
    campaign, model = world["campaign"], world["published"]

    text = page(url("campaign:public_exemplary_detail", campaign.pk, model.pk))

    assert ("Hợp tác xã làm giàu từ cây hồi" in text, "Từ năm 2015, hợp tác xã trồng mới 50 ha hồi." in text,
            "Hợp tác xã Tân Đoàn – Huyện Văn Quan" in text, "1. Phát huy truyền thống" in text,
            "01/11/2019" in text) == (True, True, True, True, True)
    assert f'src="{url("campaign:public_exemplary_photo", campaign.pk, model.pk)}"' in text


def test_public_photo_streams_a_published_models_photo_only(world):
    campaign = world["campaign"]

    response = Client().get(url("campaign:public_exemplary_photo", campaign.pk, world["published"].pk))

    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
        200, "image/jpeg", "public, max-age=3600")
    with world["published"].photo.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    for pk in (world["draft"].pk, 999999):
        assert Client().get(url("campaign:public_exemplary_photo", campaign.pk, pk)).status_code == 404
        assert Client().get(url("campaign:public_exemplary_detail", campaign.pk, pk)).status_code == 404


def test_public_model_of_another_campaign_is_not_found(world):
    other = CampaignFactory()
    model = world["published"]

    assert Client().get(url("campaign:public_exemplary_detail", other.pk, model.pk)).status_code == 404


def test_public_lists_keep_their_query_count(db, launched):
    client = Client()
    ExemplaryFactory(campaign=launched, status=ExemplaryStatus.PUBLISHED)
    one = {path: query_count(client, path) for path in (
        url("campaign:public_campaigns"), url("campaign:public_campaign", launched.pk),
        url("campaign:public_exemplary_list", launched.pk))}
    for _ in range(5):
        other = CampaignFactory()
        TaskFactory(campaign=other)
        ExemplaryFactory(campaign=launched, status=ExemplaryStatus.PUBLISHED)
        TaskFactory(campaign=launched, number=launched.tasks.count() + 1)
    many = {path: query_count(client, path) for path in one}

    assert many == one
    assert list(one.values()) == [2, 6, 3]


# --- Robots ---------------------------------------------------------------------------------------------------


def test_robots_txt_allows_the_public_pages_and_nothing_else(db):
    response = Client().get("/robots.txt")

    assert (response.status_code, response["Content-Type"]) == (200, "text/plain; charset=utf-8")
    assert response.content.decode() == (
        "User-agent: *\n"
        "Allow: /cong-khai/\n"
        "Allow: /phong-trao/*/bang-vang/\n"
        "Allow: /static/\n"
        "Disallow: /\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


def test_sitemap_lists_the_public_pages(world):
    campaign, model = world["campaign"], world["published"]

    response = Client().get("/sitemap.xml")

    locations = re.findall(r"<loc>(.*?)</loc>", response.content.decode())
    assert locations == [f"http://testserver{path}" for path in (
        "/cong-khai/", f"/cong-khai/phong-trao/{campaign.pk}/", f"/cong-khai/phong-trao/{campaign.pk}/guong-dien-hinh/",
        f"/phong-trao/{campaign.pk}/bang-vang/", f"/cong-khai/phong-trao/{campaign.pk}/guong-dien-hinh/{model.pk}/")]


def test_public_pages_may_be_indexed_and_staff_pages_not(world, role_clients):
    campaign = world["campaign"]
    index, noindex = '<meta name="robots" content="index, follow">', '<meta name="robots" content="noindex, nofollow">'
    public = page(url("campaign:public_campaign", campaign.pk))
    staff = page(url("campaign:exemplary_list", campaign.pk), role_clients["staff"])
    signed_in_page = page(url("campaign:detail", campaign.pk), role_clients["officer"])

    assert (index in public, noindex in public) == (True, False)
    assert (index in staff, noindex in staff) == (False, True)
    assert (index in signed_in_page, noindex in signed_in_page) == (False, True)


# --- Staff: exemplary models ----------------------------------------------------------------------------------


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def model_data(**extra):
    return {"name": "Bà Hoàng Thị Mai", "title": "Người giữ nghề dệt thổ cẩm", "summary": "Truyền nghề cho 40 chị em.",
            "story": "Bà Mai mở lớp dạy dệt từ năm 2016.", "photo_caption": "Bà Mai bên khung dệt", **extra}


def test_staff_create_an_exemplary_model_as_a_draft_with_a_clean_jpeg(launched, unit_a, role_clients):
    client = role_clients["staff"]
    task = launched.tasks.get(number=1)
    big = jpeg_bytes(size=(2400, 1200))

    response = client.post(url("campaign:exemplary_create", launched.pk),
                           model_data(task=task.pk, unit=unit_a.pk, photo=upload("mai.jpg", big)))

    assert response.status_code == 302
    model = ExemplaryModel.objects.get()
    assert (model.title, model.status, model.task, model.unit, model.published_at) == (
        "Người giữ nghề dệt thổ cẩm", ExemplaryStatus.DRAFT, task, unit_a, None)
    with model.photo.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (PHOTO_MAX_SIDE, 800), {})
    assert model.photo.name.startswith(f"exemplary/{launched.pk}/")
    assert [(row.history_type, row.history_user.username, row.history_change_reason)
            for row in model.history.all()] == [("+", "alice", "Thêm gương điển hình")]
    # A draft is for staff: not on the public pages.
    assert Client().get(url("campaign:public_exemplary_detail", launched.pk, model.pk)).status_code == 404


def test_staff_may_upload_a_png_photo(launched, role_clients):
    response = role_clients["staff"].post(url("campaign:exemplary_create", launched.pk),
                                          model_data(photo=upload("anh.png", png_bytes(), "image/png")))

    assert response.status_code == 302
    with ExemplaryModel.objects.get().photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize("name, content, message", [
    ("anh.jpg", PDF_BYTES, "Tệp “anh.jpg” không phải ảnh JPEG hoặc PNG, dù tên tệp là gì."),
    ("bao-cao.pdf", PDF_BYTES, "Tệp “bao-cao.pdf” không phải ảnh JPEG hoặc PNG, dù tên tệp là gì."),
    ("anh.png", b"MZ\x90\x00 not a picture", "Tệp “anh.png” không phải ảnh JPEG hoặc PNG, dù tên tệp là gì."),
    ("rong.jpg", b"", "Tệp “rong.jpg” rỗng."),
])
def test_staff_photo_is_checked_by_its_content(launched, role_clients, name, content, message):
    response = role_clients["staff"].post(url("campaign:exemplary_create", launched.pk),
                                          model_data(photo=upload(name, content)))

    assert response.status_code == 200
    assert response.context["form"].errors == {"photo": [message]}
    assert ExemplaryModel.objects.count() == 0


def test_staff_photo_is_checked_by_its_size(launched, role_clients, settings):
    settings.PORTAL_EVIDENCE_MAX_BYTES = 1000
    content = b"\xff\xd8\xff" + bytes(2045)  # 2 KB: refused by its size before its content is read

    response = role_clients["staff"].post(url("campaign:exemplary_create", launched.pk),
                                          model_data(photo=upload("lon.jpg", content)))

    assert response.context["form"].errors == {"photo": [
        "Tệp “lon.jpg” có dung lượng 2,0\xa0KB, vượt mức tối đa 1000\xa0byte mỗi tệp."]}


def test_staff_form_names_missing_fields_in_vietnamese(launched, role_clients):
    response = role_clients["staff"].post(url("campaign:exemplary_create", launched.pk), {})

    assert response.context["form"].errors == {field: ["Trường này là bắt buộc."]
                                               for field in ("name", "title", "summary", "story")}


def test_staff_edit_replaces_the_photo_and_removes_the_old_file(world, role_clients, django_capture_on_commit_callbacks):
    campaign, model = world["campaign"], world["published"]
    old = model.photo.name
    storage = model.photo.storage

    with django_capture_on_commit_callbacks(execute=True):
        response = role_clients["staff"].post(
            url("campaign:exemplary_edit", campaign.pk, model.pk),
            model_data(title="Hợp tác xã hồi Tân Đoàn", photo=upload("moi.jpg", jpeg_bytes(size=(80, 60)))))

    assert response.status_code == 302
    model.refresh_from_db()
    assert (model.title, model.status, model.photo.name != old, storage.exists(old)) == (
        "Hợp tác xã hồi Tân Đoàn", ExemplaryStatus.PUBLISHED, True, False)


def test_staff_edit_may_remove_the_photo(world, role_clients, django_capture_on_commit_callbacks):
    campaign, model = world["campaign"], world["published"]
    old = model.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        role_clients["staff"].post(url("campaign:exemplary_edit", campaign.pk, model.pk),
                                   model_data(remove_photo="on"))

    model.refresh_from_db()
    assert (model.photo.name, model.photo.storage.exists(old)) == ("", False)
    assert Client().get(url("campaign:public_exemplary_photo", campaign.pk, model.pk)).status_code == 404


def test_staff_publish_asks_first_then_shows_the_model(world, role_clients):
    campaign, draft = world["campaign"], world["draft"]
    path = url("campaign:exemplary_publish", campaign.pk, draft.pk)

    confirm = page(path, role_clients["staff"])
    response = role_clients["staff"].post(path)

    assert "Công bố gương điển hình này?" in confirm
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.published_at is not None) == (ExemplaryStatus.PUBLISHED, True)
    assert "Gương điển hình chưa duyệt" in page(url("campaign:public_exemplary_list", campaign.pk))
    assert [row.history_change_reason for row in draft.history.order_by("history_id")] == [
        None, "Công bố gương điển hình"]


def test_staff_unpublish_takes_the_model_off_the_public_pages(world, role_clients):
    campaign, model = world["campaign"], world["published"]

    role_clients["staff"].post(url("campaign:exemplary_unpublish", campaign.pk, model.pk))

    model.refresh_from_db()
    assert (model.status, model.published_at) == (ExemplaryStatus.DRAFT, None)
    assert Client().get(url("campaign:public_exemplary_detail", campaign.pk, model.pk)).status_code == 404


def test_staff_publish_twice_is_refused_with_a_message(world, role_clients):
    campaign, model = world["campaign"], world["published"]

    response = role_clients["staff"].post(url("campaign:exemplary_publish", campaign.pk, model.pk), follow=True)

    assert [str(message) for message in response.context["messages"]] == ["Gương điển hình này đã được công bố."]


def test_staff_delete_asks_first_then_deletes_the_model_and_its_photo(world, role_clients,
                                                                      django_capture_on_commit_callbacks):
    campaign, model = world["campaign"], world["published"]
    name, storage = model.photo.name, model.photo.storage
    path = url("campaign:exemplary_delete", campaign.pk, model.pk)

    assert "Xóa hẳn gương điển hình này và ảnh của nó?" in page(path, role_clients["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        role_clients["staff"].post(path)

    assert (ExemplaryModel.objects.filter(pk=model.pk).exists(), storage.exists(name)) == (False, False)
    deleted = ExemplaryModel.history.filter(id=model.pk).latest("history_id")
    assert (deleted.history_type, deleted.history_user.username) == ("-", "alice")


def test_staff_list_filters_by_status_and_keeps_its_query_count(world, role_clients):
    client, campaign = role_clients["staff"], world["campaign"]
    path = url("campaign:exemplary_list", campaign.pk)

    drafts = client.get(path, {"status": "draft"}).context["models"]
    everything = client.get(path).context["models"]
    one = query_count(client, path)
    for _ in range(5):
        ExemplaryFactory(campaign=campaign)

    assert ([m.pk for m in drafts], [m.pk for m in everything]) == (
        [world["draft"].pk], [world["draft"].pk, world["published"].pk])
    assert query_count(client, path) == one


def test_staff_photo_view_shows_a_drafts_photo_to_staff_only(world, role_clients):
    path = url("campaign:exemplary_photo", world["campaign"].pk, world["draft"].pk)

    assert answers(role_clients, path) == {"staff": 200, "officer": 403, "other_officer": 403, "council": 403,
                                           "anonymous": 302}


def test_exemplary_screens_are_for_staff(world, role_clients):
    campaign, model = world["campaign"], world["published"]
    for path in (url("campaign:exemplary_list", campaign.pk), url("campaign:exemplary_create", campaign.pk),
                 url("campaign:exemplary_edit", campaign.pk, model.pk),
                 url("campaign:exemplary_delete", campaign.pk, model.pk)):
        assert answers(role_clients, path) == {"staff": 200, "officer": 403, "other_officer": 403, "council": 403,
                                               "anonymous": 302}
    assert answers(role_clients, url("campaign:exemplary_delete", campaign.pk, model.pk), method="post",
                   roles=["officer", "anonymous"]) == {"officer": 403, "anonymous": 302}
    assert ExemplaryModel.objects.filter(pk=model.pk).exists()


def test_public_pages_answer_everyone(world, role_clients):
    campaign, model = world["campaign"], world["published"]
    for path in (url("campaign:public_campaigns"), url("campaign:public_campaign", campaign.pk),
                 url("campaign:public_exemplary_list", campaign.pk),
                 url("campaign:public_exemplary_detail", campaign.pk, model.pk)):
        assert answers(role_clients, path) == {role: 200 for role in role_clients}


def test_public_photo_of_a_model_whose_file_is_gone_is_not_found(world):
    model = world["published"]
    model.photo.storage.delete(model.photo.name)

    assert Client().get(url("campaign:public_exemplary_photo", world["campaign"].pk, model.pk)).status_code == 404



def test_story_keeps_its_paragraphs(launched, role_clients):
    role_clients["staff"].post(url("campaign:exemplary_create", launched.pk),
                               model_data(story="Đoạn một.\n\nĐoạn  hai.", title="  Tiêu   đề  "))

    model = ExemplaryModel.objects.get()
    assert (model.story, model.title) == ("Đoạn một.\n\nĐoạn  hai.", "Tiêu đề")


def demo_world():
    """What campaign.demo_public needs: the 2019 campaign as the demo names it, its tasks, four units and snv.tdkt."""
    from campaign.demo import DOCUMENT, START_DATE
    from campaign.launch_document import parse_launch_document, text_from_bytes
    from portal.tests.factories import StaffFactory

    title = parse_launch_document(text_from_bytes(DOCUMENT.read_bytes())).title
    campaign = CampaignFactory(title=title, start_date=START_DATE)
    for number in range(1, 13):
        TaskFactory(campaign=campaign, number=number)
    for code in ("LS-VQ", "SYT", "LS-TP", "LS-CLO"):
        UnitFactory(code=code)
    StaffFactory(username="snv.tdkt")
    return campaign


def test_demo_loads_three_published_models_and_a_draft_once(db):
    from campaign.demo_public import load

    campaign = demo_world()

    assert load() == {"published": 3, "drafts": 1}
    assert load() is None
    models = ExemplaryModel.objects.filter(campaign=campaign)
    assert sorted((m.status, m.published_at and m.published_at.date().isoformat(), m.task.number, bool(m.photo))
                  for m in models) == [
        ("draft", None, 7, True), ("published", "2019-08-15", 3, True), ("published", "2019-09-20", 6, True),
        ("published", "2019-10-01", 5, True)]
    response = Client().get(url("campaign:public_exemplary_list", campaign.pk))
    assert [m.title for m in response.context["models"]] == [
        "Một cửa điện tử: người dân không phải đi lại nhiều lần",
        "Mười năm bám bản khám chữa bệnh cho đồng bào vùng cao",
        "Tân Đoàn đổi thay nhờ chung sức xây dựng nông thôn mới"]


def test_demo_without_its_campaign_does_nothing(db):
    from io import StringIO

    from campaign.demo_public import load

    out = StringIO()

    assert load(out) is None
    assert out.getvalue() == "  Chưa có phong trào minh họa: bỏ qua gương điển hình."
