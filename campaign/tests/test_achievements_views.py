"""The achievement screens: who gets what, the forms with figures and files, the buttons per state, the history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from campaign.evidence_files import check_upload
from campaign.models import Achievement, AchievementFigure, Evidence, ReviewStatus
from campaign.services import achievements as services
from campaign.services.evidence import attach_evidence
from portal.tests.factories import (
    PDF_BYTES,
    AchievementFactory,
    FigureFactory,
    MembershipFactory,
    UnitFactory,
    UserFactory,
    png_bytes,
)
from portal.tests.helpers import query_count, signed_in

from .conftest import statuses

S = ReviewStatus


@pytest.fixture
def task(launched):
    return launched.tasks.get(number=1)


@pytest.fixture
def achievement(launched, unit_a, task):
    return AchievementFactory(campaign=launched, unit=unit_a, task=task, title="Giảm nghèo bền vững")


def url(name, achievement, **extra):
    kwargs = {"pk": achievement.campaign_id, "achievement_pk": achievement.pk, **extra}
    return reverse(f"campaign:{name}", kwargs=kwargs)


def create_url(campaign, unit):
    return reverse("campaign:achievement_create", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def attach(achievement, by, name="anh.png", data=None):
    return attach_evidence(achievement, files=[check_upload(upload(name, data or png_bytes()))], by=by)[0]


def submitted(achievement, by):
    attach(achievement, by)
    return services.submit_achievement(achievement, by=by)


def management(prefix="figures", total=1, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "50"}


def figure_rows(*rows, start=0):
    data = {}
    for index, row in enumerate(rows, start=start):
        data.update({f"figures-{index}-{key}": value for key, value in row.items()})
    return data


def form_data(task, **overrides):
    return {"task": task.pk if task else "", "title": "Giảm nghèo bền vững", "description": "Giúp 120 hộ thoát nghèo.",
            "achieved_on": "01/09/2019", **overrides}


# --- access ----------------------------------------------------------------------------------------------------------


def test_create_page_by_role(role_clients, launched, unit_a):
    assert statuses(role_clients, "get", create_url(launched, unit_a)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_create_page_for_a_unit_not_taking_part_is_404(role_clients, launched, unit_b):
    assert role_clients["other_officer"].get(create_url(launched, unit_b)).status_code == 404


def test_create_page_of_a_closed_campaign_is_403(role_clients, launched, unit_a):
    launched.status = "closed"
    launched.save()
    assert role_clients["officer"].get(create_url(launched, unit_a)).status_code == 403


def test_detail_page_by_role(role_clients, achievement):
    assert statuses(role_clients, "get", url("achievement_detail", achievement)) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302,
    }


def test_detail_of_a_draft_campaign_is_404_for_all_but_staff(role_clients, draft, unit_a):
    achievement = AchievementFactory(campaign=draft, unit=unit_a, task=draft.tasks.get())
    assert statuses(role_clients, "get", url("achievement_detail", achievement)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302,
    }


def test_edit_page_by_role(role_clients, achievement):
    assert statuses(role_clients, "get", url("achievement_edit", achievement)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_action_is_post_only(role_clients, achievement):
    assert statuses(role_clients, "get", url("achievement_action", achievement, action="submit")) == {
        "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_unknown_action_is_404(role_clients, achievement):
    assert role_clients["officer"].post(url("achievement_action", achievement, action="delete")).status_code == 404


def test_return_page_by_role(role_clients, achievement):
    assert statuses(role_clients, "get", url("achievement_return", achievement)) == {
        "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_evidence_page_by_role(role_clients, achievement):
    assert statuses(role_clients, "get", url("achievement_evidence", achievement)) == {
        "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def warnings_of(response):
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


def test_evidence_page_of_a_submitted_achievement_goes_back_with_a_warning(role_clients, achievement, bob):
    submitted(achievement, bob)
    response = role_clients["officer"].get(url("achievement_evidence", achievement))
    assert (response.status_code, response["Location"]) == (302, achievement.get_absolute_url())
    assert warnings_of(response) == ["Thành tích đang chờ xét: hãy rút lại trước khi sửa."]


# --- create ----------------------------------------------------------------------------------------------------------


def test_create_with_figures_and_files(role_clients, launched, unit_a, task, bob):
    data = {
        **form_data(task), **management(total=2),
        **figure_rows({"label": "Số hộ thoát nghèo", "value": "1.200", "measure": "hộ"},
                      {"label": "Đường bê tông", "value": "14,5", "measure": "km"}),
        "files": [upload("Biên bản.pdf", PDF_BYTES), upload("anh.png", png_bytes())],
    }
    response = role_clients["officer"].post(create_url(launched, unit_a), data, follow=True)
    achievement = Achievement.objects.get()
    assert response.redirect_chain == [(achievement.get_absolute_url(), 302)]
    assert "Đã thêm thành tích (đang soạn). Gửi để xét khi đã đủ số liệu và minh chứng." in response.content.decode()
    assert (achievement.title, achievement.unit, achievement.task, achievement.achieved_on, achievement.status) == (
        "Giảm nghèo bền vững", unit_a, task, datetime.date(2019, 9, 1), S.DRAFT,
    )
    assert [(f.label, f.value, f.measure) for f in achievement.figures.order_by("id")] == [
        ("Số hộ thoát nghèo", Decimal("1200.00"), "hộ"), ("Đường bê tông", Decimal("14.50"), "km"),
    ]
    assert [(e.original_name, e.kind, e.uploaded_by) for e in achievement.evidence.order_by("id")] == [
        ("Biên bản.pdf", "pdf", bob), ("anh.png", "png", bob),
    ]


def test_create_with_an_empty_extra_figure_row(role_clients, launched, unit_a, task):
    data = {**form_data(task), **management(total=1), **figure_rows({"label": "", "value": "", "measure": ""})}
    response = role_clients["officer"].post(create_url(launched, unit_a), data)
    assert response.status_code == 302
    assert AchievementFigure.objects.count() == 0


def test_create_with_a_bad_file_names_it_and_saves_nothing(role_clients, launched, unit_a, task):
    data = {**form_data(task), **management(total=1),
            **figure_rows({"label": "Số hộ thoát nghèo", "value": "120", "measure": "hộ"}),
            "files": [upload("tot.pdf", PDF_BYTES), upload("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 100)]}
    response = role_clients["officer"].post(create_url(launched, unit_a), data)
    assert response.status_code == 200
    message = ("Tệp “bao-cao.pdf” không được nhận: nội dung của nó không phải PDF, ảnh JPEG/PNG, văn bản Word (DOCX) "
               "hay bảng tính Excel (XLSX), dù tên tệp là gì.")
    assert response.context["form"].errors == {"files": [message]}
    assert message in response.content.decode()
    assert (Achievement.objects.count(), AchievementFigure.objects.count(), Evidence.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(("value", "error"), [
    ("-3", "Giá trị không được âm."),
    ("nhiều", "Hãy nhập một số, ví dụ 120 hoặc 14,5."),
    ("1,234", "Chỉ ghi tối đa 2 chữ số sau dấu phẩy."),
    ("", "Trường này là bắt buộc."),
])
def test_create_with_a_bad_figure_shows_it_beside_the_field(role_clients, launched, unit_a, task, value, error):
    data = {**form_data(task), **management(total=1), **figure_rows({"label": "Số hộ", "value": value, "measure": ""})}
    response = role_clients["officer"].post(create_url(launched, unit_a), data)
    assert response.status_code == 200
    assert response.context["formset"].errors == [{"value": [error]}]
    assert Achievement.objects.count() == 0


def test_create_shows_the_forms_and_the_figures_errors_at_once(role_clients, launched, unit_a, task):
    data = {**form_data(task, title=""), **management(total=1),
            **figure_rows({"label": "Số hộ", "value": "nhiều", "measure": ""})}
    response = role_clients["officer"].post(create_url(launched, unit_a), data)
    assert response.context["form"].errors == {"title": ["Trường này là bắt buộc."]}
    assert response.context["formset"].errors == [{"value": ["Hãy nhập một số, ví dụ 120 hoặc 14,5."]}]
    page = response.content.decode()
    assert ("Trường này là bắt buộc." in page, "Hãy nhập một số, ví dụ 120 hoặc 14,5." in page) == (True, True)
    assert Achievement.objects.count() == 0


def test_edit_shows_the_forms_and_the_figures_errors_at_once(role_clients, achievement):
    figure = FigureFactory(achievement=achievement, label="Số hộ")
    data = edit_data(achievement, [figure], title="")
    data["figures-0-value"] = "-2"
    response = role_clients["officer"].post(url("achievement_edit", achievement), data)
    assert (response.context["form"].errors, response.context["formset"].errors) == (
        {"title": ["Trường này là bắt buộc."]}, [{"value": ["Giá trị không được âm."]}],
    )


def test_create_form_errors(role_clients, launched, unit_a, task):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    data = {**form_data(None, title="", achieved_on=tomorrow), **management(total=0)}
    response = role_clients["officer"].post(create_url(launched, unit_a), data)
    assert response.context["form"].errors == {
        "task": ["Trường này là bắt buộc."],
        "title": ["Trường này là bắt buộc."],
        "achieved_on": ["Ngày đạt được không thể sau hôm nay."],
    }


def test_create_offers_only_this_campaigns_tasks(role_clients, launched, unit_a, draft):
    response = role_clients["officer"].get(create_url(launched, unit_a))
    choices = [label for value, label in response.context["form"].fields["task"].choices if value]
    assert choices == ["1. Phát huy truyền thống", "2. Cải cách hành chính"]
    wrong = {**form_data(draft.tasks.get()), **management(total=0)}
    response = role_clients["officer"].post(create_url(launched, unit_a), wrong)
    assert list(response.context["form"].errors) == ["task"]


def test_create_page_has_the_formset_helper_and_file_field(role_clients, launched, unit_a):
    page = role_clients["officer"].get(create_url(launched, unit_a)).content.decode()
    assert 'data-formset-add="figures"' in page
    assert 'id="figures-empty-form"' in page
    assert 'id="id_figures-TOTAL_FORMS"' in page
    assert 'enctype="multipart/form-data"' in page
    assert '<input type="file" name="files" class="form-control" multiple accept=' in page
    assert '<form method="post" novalidate enctype="multipart/form-data">' in page


# --- detail ----------------------------------------------------------------------------------------------------------


def test_detail_shows_fields_figures_evidence_and_history(role_clients, achievement, bob):
    FigureFactory(achievement=achievement, label="Số km đường", value=Decimal("1200.5"), measure="km")
    attach(achievement, bob, name="Ảnh lễ khánh thành.png")
    page = role_clients["council"].get(url("achievement_detail", achievement)).content.decode()
    assert "Giảm nghèo bền vững" in page
    assert "Số km đường" in page
    assert "1.200,50" in page
    assert "Ảnh lễ khánh thành.png" in page
    assert reverse("campaign:evidence_thumbnail", kwargs={"evidence_pk": achievement.evidence.get().pk}) in page
    assert '<td data-label="Đối tượng">Minh chứng: Ảnh lễ khánh thành.png</td>' in page
    assertInHTML('<span class="badge state-badge text-bg-secondary">Đang soạn</span>', page, count=1)
    assert f'href="{url("achievement_evidence", achievement)}">Tải lên minh chứng</a>' not in page  # council


def test_detail_leaves_removed_files_out(role_clients, achievement, bob):
    evidence = attach(achievement, bob, name="nham.png")
    evidence.removed_at = timezone.now()
    evidence.save()
    response = role_clients["officer"].get(url("achievement_detail", achievement))
    assert list(response.context["evidence_items"]) == []


def return_box(achievement, title, css):
    achievement.refresh_from_db()
    when = timezone.localtime(achievement.reviewed_at).strftime("%d/%m/%Y %H:%M")
    return (f'<div class="alert {css} return-reason" role="status"><strong>{title}</strong> '
            f'<span class="small">({achievement.reviewed_by}, {when})</span>: {achievement.return_reason}</div>')


def buttons(response):
    return response.context["can"]


NONE = {"edit": False, "submit": False, "withdraw": False, "accept": False, "return": False, "files": False}


def test_detail_buttons_of_a_draft(role_clients, achievement):
    detail = url("achievement_detail", achievement)
    assert buttons(role_clients["officer"].get(detail)) == {
        **NONE, "edit": True, "submit": True, "files": True,
    }
    assert buttons(role_clients["staff"].get(detail)) == NONE
    assert buttons(role_clients["council"].get(detail)) == NONE
    page = role_clients["officer"].get(detail).content.decode()
    assert url("achievement_action", achievement, action="submit") in page
    assert url("achievement_edit", achievement) in page


def test_detail_buttons_of_a_submitted_achievement(role_clients, achievement, bob):
    submitted(achievement, bob)
    detail = url("achievement_detail", achievement)
    assert buttons(role_clients["officer"].get(detail)) == {**NONE, "withdraw": True}
    assert buttons(role_clients["staff"].get(detail)) == {**NONE, "accept": True, "return": True}
    assert buttons(role_clients["council"].get(detail)) == NONE
    page = role_clients["staff"].get(detail).content.decode()
    assert url("achievement_action", achievement, action="accept") in page
    assert url("achievement_return", achievement) in page
    assert url("achievement_action", achievement, action="submit") not in page


def test_detail_of_a_returned_achievement_shows_the_reason(role_clients, achievement, bob, alice):
    submitted(achievement, bob)
    services.return_achievement(achievement, by=alice, reason="Số liệu chưa khớp báo cáo thống kê.")
    response = role_clients["officer"].get(url("achievement_detail", achievement))
    assert buttons(response)["edit"] is True
    page = response.content.decode()
    assertInHTML(return_box(achievement, "Lý do trả lại", "alert-warning"), page, count=1)
    assertInHTML('<button type="submit" class="btn btn-sm btn-primary">Gửi lại</button>', page, count=1)
    assert f'<form method="post" action="{url("achievement_action", achievement, action="submit")}"' in page
    assert [(row.subject, row.history_change_reason) for row in response.context["history"].object_list[:1]] == [
        ("Thành tích", "Trả lại: Số liệu chưa khớp báo cáo thống kê."),
    ]


def test_detail_keeps_the_last_return_reason_once_resubmitted(role_clients, achievement, bob, alice):
    submitted(achievement, bob)
    services.return_achievement(achievement, by=alice, reason="Số liệu chưa khớp báo cáo thống kê.")
    services.submit_achievement(achievement, by=bob)
    page = role_clients["staff"].get(url("achievement_detail", achievement)).content.decode()
    assertInHTML(return_box(achievement, "Lần trả lại trước", "alert-secondary"), page, count=1)
    assertInHTML('<span class="badge state-badge text-bg-primary">Đã gửi lại</span>', page, count=1)
    assertInHTML(f'<a class="btn btn-sm btn-outline-warning" href="{url("achievement_return", achievement)}">'
                 'Trả lại</a>', page, count=1)


def test_detail_shows_the_late_badge(role_clients, launched, achievement, bob):
    launched.report_deadline = datetime.date(2019, 10, 4)
    launched.save()
    achievement.refresh_from_db()
    submitted(achievement, bob)
    page = role_clients["staff"].get(url("achievement_detail", achievement)).content.decode()
    assertInHTML('<span class="badge late-badge text-bg-danger">Gửi quá hạn</span>', page, count=1)


def test_detail_query_count_does_not_grow(role_clients, launched, unit_a, task, bob):
    client = role_clients["officer"]
    one = AchievementFactory(campaign=launched, unit=unit_a, task=task)
    FigureFactory(achievement=one)
    attach(one, bob)
    many = AchievementFactory(campaign=launched, unit=unit_a, task=task)
    for index in range(6):
        FigureFactory(achievement=many, label=f"Chỉ số {index}")
        attach(many, bob, name=f"anh-{index}.png")
    services.update_achievement(many, data={"title": "Tên khác"}, task=task, by=bob)
    assert query_count(client, url("achievement_detail", one)) == query_count(client, url("achievement_detail", many))


def test_detail_history_pages_with_the_shared_pagination(role_clients, achievement, bob, settings):
    settings.PAGE_SIZE = 2
    for index in range(4):
        services.add_figure(achievement, label=f"Chỉ số {index}", value=index, by=bob)
    detail = url("achievement_detail", achievement)
    response = role_clients["officer"].get(detail, {"page": 2})
    assert (response.context["history"].number, response.context["history"].paginator.num_pages) == (2, 3)
    assert '<a class="page-link" href="?page=3">Sau</a>' in response.content.decode()


def test_detail_breadcrumbs_and_heading(role_clients, launched, unit_a, achievement):
    page = role_clients["officer"].get(url("achievement_detail", achievement)).content.decode()
    unit_page = reverse("campaign:unit_progress", kwargs={"pk": launched.pk, "unit_pk": unit_a.pk})
    assertInHTML(f'<li class="breadcrumb-item"><a href="{unit_page}">{unit_a.name}</a></li>', page, count=1)
    assertInHTML('<li class="breadcrumb-item active" aria-current="page">Giảm nghèo bền vững</li>', page, count=1)
    assertInHTML('<h1 class="h3 mb-1">Giảm nghèo bền vững</h1>', page, count=1)


# --- edit ------------------------------------------------------------------------------------------------------------


def edit_data(achievement, figures, **overrides):
    rows = [{"id": figure.pk, "label": figure.label, "value": str(figure.value), "measure": figure.measure}
            for figure in figures]
    return {**form_data(achievement.task, **overrides), **management(total=len(rows), initial=len(rows)),
            **figure_rows(*rows)}


def test_edit_changes_fields_and_figures_with_history(role_clients, launched, achievement, bob):
    kept, gone = FigureFactory(achievement=achievement, label="Giữ"), FigureFactory(achievement=achievement, label="Bỏ")
    data = edit_data(achievement, [kept, gone], title="Xây dựng nông thôn mới")
    data["task"] = launched.tasks.get(number=2).pk
    data.update({"figures-1-DELETE": "on", "figures-TOTAL_FORMS": "3",
                 **figure_rows({"label": "Sáng kiến", "value": "3", "measure": "sáng kiến"}, start=2)})
    response = role_clients["officer"].post(url("achievement_edit", achievement), data)
    assert (response.status_code, response["Location"]) == (302, achievement.get_absolute_url())
    achievement.refresh_from_db()
    assert (achievement.title, achievement.task.number) == ("Xây dựng nông thôn mới", 2)
    assert [f.label for f in achievement.figures.order_by("id")] == ["Giữ", "Sáng kiến"]
    assert achievement.history.latest().history_user == bob
    assert sorted(row.history_type for row in AchievementFigure.history.filter(history_user=bob)) == ["+", "-"]
    page = role_clients["officer"].get(achievement.get_absolute_url()).content.decode()
    assert "Xây dựng nông thôn mới" in page and "Số liệu: Bỏ" in page


def test_edit_without_changes_writes_no_history(role_clients, achievement):
    figure = FigureFactory(achievement=achievement)
    data = edit_data(achievement, [figure], title=achievement.title, description=achievement.description,
                     achieved_on="")
    assert role_clients["officer"].post(url("achievement_edit", achievement), data).status_code == 302
    assert achievement.history.count() == 1
    assert figure.history.count() == 1


def test_edit_of_a_returned_achievement_shows_the_reason(role_clients, achievement, bob, alice):
    submitted(achievement, bob)
    services.return_achievement(achievement, by=alice, reason="Thiếu số liệu năm 2019.")
    page = role_clients["officer"].get(url("achievement_edit", achievement)).content.decode()
    assert "Thiếu số liệu năm 2019." in page


def test_edit_of_a_submitted_achievement_goes_back_to_its_page(role_clients, achievement, bob):
    submitted(achievement, bob)
    response = role_clients["officer"].get(url("achievement_edit", achievement))
    assert (response.status_code, response["Location"]) == (302, achievement.get_absolute_url())
    assert warnings_of(response) == ["Thành tích đang chờ xét: hãy rút lại trước khi sửa."]
    response = role_clients["officer"].post(url("achievement_edit", achievement), edit_data(achievement, []))
    assert response.status_code == 302
    assert Achievement.objects.get().title == "Giảm nghèo bền vững"


def test_edit_shows_the_figures(role_clients, achievement):
    FigureFactory(achievement=achievement, label="Đường bê tông", value=Decimal("14.5"), measure="km")
    FigureFactory(achievement=achievement, label="Số hộ", value=Decimal("1200"), measure="hộ")
    response = role_clients["officer"].get(url("achievement_edit", achievement))
    page = response.content.decode()
    assert 'value="Đường bê tông"' in page
    assert 'value="14,5"' in page
    assert 'value="1200"' in page
    assert 'enctype="multipart/form-data"' not in page


# --- actions ---------------------------------------------------------------------------------------------------------


def test_submit_through_the_page(role_clients, achievement, bob):
    attach(achievement, bob)
    response = role_clients["officer"].post(url("achievement_action", achievement, action="submit"), follow=True)
    assert "Đã gửi thành tích để xét." in response.content.decode()
    assert Achievement.objects.get().status == S.SUBMITTED


def test_submit_without_evidence_explains_why(role_clients, achievement):
    response = role_clients["officer"].post(url("achievement_action", achievement, action="submit"), follow=True)
    assert "Hãy tải lên ít nhất một tệp minh chứng trước khi gửi." in response.content.decode()
    assert Achievement.objects.get().status == S.DRAFT


def test_submit_refused_to_others(role_clients, achievement, bob):
    attach(achievement, bob)
    others = {role: client for role, client in role_clients.items() if role != "officer"}
    assert statuses(others, "post", url("achievement_action", achievement, action="submit")) == {
        "staff": 403, "other_officer": 404, "council": 403, "anonymous": 302,
    }


def test_withdraw_through_the_page(role_clients, achievement, bob):
    submitted(achievement, bob)
    response = role_clients["officer"].post(url("achievement_action", achievement, action="withdraw"), follow=True)
    assert "Đã rút lại thành tích để sửa." in response.content.decode()
    assert Achievement.objects.get().status == S.DRAFT


def test_accept_by_staff_not_by_the_unit(role_clients, achievement, bob, alice):
    submitted(achievement, bob)
    assert role_clients["officer"].post(url("achievement_action", achievement, action="accept")).status_code == 403
    assert role_clients["council"].post(url("achievement_action", achievement, action="accept")).status_code == 403
    response = role_clients["staff"].post(url("achievement_action", achievement, action="accept"), follow=True)
    assert "Đã chấp nhận thành tích." in response.content.decode()
    achievement.refresh_from_db()
    assert (achievement.status, achievement.reviewed_by) == (S.ACCEPTED, alice)


def test_cluster_leader_reviews_a_members_achievement(launched, cluster_a, task, bob):
    member = UnitFactory(name="Huyện Bắc Sơn")
    MembershipFactory(cluster=cluster_a, unit=member)
    officer = UserFactory(units=[member])
    achievement = AchievementFactory(campaign=launched, unit=member, task=task)
    submitted(achievement, officer)
    leader = signed_in(bob)
    assert buttons(leader.get(url("achievement_detail", achievement)))["accept"] is True
    assert leader.post(url("achievement_action", achievement, action="accept")).status_code == 302
    assert Achievement.objects.get(pk=achievement.pk).reviewed_by == bob


def test_return_through_the_page(role_clients, achievement, bob):
    submitted(achievement, bob)
    response = role_clients["staff"].post(url("achievement_return", achievement),
                                          {"reason": "Thiếu ảnh công trình."}, follow=True)
    assert "Đã trả lại thành tích cho đơn vị." in response.content.decode()
    achievement.refresh_from_db()
    assert (achievement.status, achievement.return_reason) == (S.RETURNED, "Thiếu ảnh công trình.")


def test_return_without_a_reason_is_a_form_error(role_clients, achievement, bob):
    submitted(achievement, bob)
    response = role_clients["staff"].post(url("achievement_return", achievement), {"reason": ""})
    assert response.context["form"].errors == {"reason": ["Trường này là bắt buộc."]}


def test_return_of_a_draft_explains_why(role_clients, achievement):
    response = role_clients["staff"].post(url("achievement_return", achievement), {"reason": "Thiếu"})
    assert response.context["form"].non_field_errors() == ["Chỉ trả lại được khi đã gửi và chưa được xét."]


# --- evidence upload page --------------------------------------------------------------------------------------------


def test_upload_evidence_through_the_page(role_clients, achievement, bob):
    response = role_clients["officer"].post(url("achievement_evidence", achievement),
                                            {"files": [upload("a.pdf", PDF_BYTES)], "caption": "Bản scan"},
                                            follow=True)
    assert "Đã tải lên 1 tệp minh chứng." in response.content.decode()
    evidence = Evidence.objects.get()
    assert (evidence.achievement, evidence.caption, evidence.uploaded_by) == (achievement, "Bản scan", bob)
    assert default_storage.exists(evidence.file.name)


def test_upload_after_the_achievement_was_submitted_is_refused(role_clients, achievement):
    # The page was opened while the achievement was a draft; it was submitted (in another tab) before the upload.
    page = url("achievement_evidence", achievement)
    assert role_clients["officer"].get(page).status_code == 200
    Achievement.objects.filter(pk=achievement.pk).update(status=S.ACCEPTED)
    response = role_clients["officer"].post(page, {"files": [upload("a.pdf", PDF_BYTES)]})
    assert (response.status_code, response["Location"]) == (302, achievement.get_absolute_url())
    assert warnings_of(response) == ["Thành tích đã được chấp nhận: không sửa được nữa."]
    assert Evidence.objects.count() == 0
