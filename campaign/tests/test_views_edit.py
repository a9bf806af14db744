import pytest
from django.urls import reverse

from campaign.models import Task
from portal.tests.factories import TaskFactory

from .conftest import statuses


def edit_url(campaign):
    return reverse("campaign:edit", kwargs={"pk": campaign.pk})


def form_data(campaign, **changes):
    return {
        "title": campaign.title, "kind": campaign.kind, "theme": campaign.theme, "doc_number": campaign.doc_number,
        "doc_date": "", "issuing_bodies": campaign.issuing_bodies, "signer_name": campaign.signer_name,
        "signer_position": campaign.signer_position, "recipients": campaign.recipients, "start_date": "01/03/2019",
        "end_date": "04/10/2019", "anniversary_date": "04/11/2019", "regime": campaign.regime_id, **changes,
    }


def test_campaign_edit_access_by_role(role_clients, launched):
    assert statuses(role_clients, "get", edit_url(launched)) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    assert statuses(role_clients, "post", edit_url(launched), form_data(launched))["officer"] == 403


def test_campaign_edit_saves_with_history(role_clients, launched, alice):
    response = role_clients["staff"].post(
        edit_url(launched), form_data(launched, theme="Chủ đề mới", issuing_bodies="Tỉnh ủy\n\n HĐND tỉnh ")
    )
    assert response.status_code == 302
    launched.refresh_from_db()
    assert (launched.theme, launched.issuing_bodies) == ("Chủ đề mới", "Tỉnh ủy\nHĐND tỉnh")
    record = launched.history.latest()
    assert (record.history_user, record.history_change_reason) == (alice, "Sửa thông tin phong trào")


def test_campaign_edit_shows_dates_as_dd_mm_yyyy(role_clients, launched):
    assert 'value="04/10/2019"' in role_clients["staff"].get(edit_url(launched)).content.decode()


def test_campaign_edit_refuses_an_end_before_the_start(role_clients, launched):
    response = role_clients["staff"].post(edit_url(launched), form_data(launched, end_date="01/01/2019"))
    assert response.context["form"].errors["end_date"] == ["Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."]


# --- Tasks ---------------------------------------------------------------------------------------------------------


def task_url(name, task):
    return reverse(f"campaign:{name}", kwargs={"pk": task.campaign_id, "task_pk": task.pk})


@pytest.mark.parametrize("name", ["task_edit", "task_delete"])
def test_task_screens_access_by_role(role_clients, launched, name):
    task = launched.tasks.get(number=1)
    assert statuses(role_clients, "get", task_url(name, task)) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    others = {role: client for role, client in role_clients.items() if role != "staff"}
    assert statuses(others, "post", task_url(name, task)) == {
        "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    assert Task.objects.filter(pk=task.pk).exists()


def test_task_add_access_by_role(role_clients, launched):
    url = reverse("campaign:task_add", kwargs={"pk": launched.pk})
    assert statuses(role_clients, "get", url) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }


def test_task_of_another_campaign_is_404(role_clients, launched, draft):
    url = reverse("campaign:task_edit", kwargs={"pk": launched.pk, "task_pk": draft.tasks.get().pk})
    assert role_clients["staff"].get(url).status_code == 404


def test_task_add_proposes_the_next_number_and_saves(role_clients, launched):
    url = reverse("campaign:task_add", kwargs={"pk": launched.pk})
    client = role_clients["staff"]
    assert client.get(url).context["form"].initial == {"number": 3}
    response = client.post(url, {"number": 3, "short_title": "", "text": "Thi đua chuyển đổi số: chính quyền số."})
    assert response.status_code == 302
    assert launched.tasks.get(number=3).short_title == "Thi đua chuyển đổi số"


def test_task_add_refuses_a_taken_number(role_clients, launched):
    url = reverse("campaign:task_add", kwargs={"pk": launched.pk})
    response = role_clients["staff"].post(url, {"number": 2, "short_title": "", "text": "Việc."})
    assert response.context["form"].errors["number"] == ["Đã có nội dung số 2."]


def test_task_edit_saves_short_title_and_text(role_clients, launched, alice):
    task = launched.tasks.get(number=2)
    response = role_clients["staff"].post(task_url("task_edit", task), {"short_title": "Cải cách", "text": "Mới."})
    assert response.url == f"/phong-trao/{launched.pk}/#noi-dung-2"
    task.refresh_from_db()
    assert (task.short_title, task.text, task.history.latest().history_user) == ("Cải cách", "Mới.", alice)


def test_task_delete_asks_then_deletes(role_clients, launched):
    task = launched.tasks.get(number=2)
    client = role_clients["staff"]
    page = client.get(task_url("task_delete", task)).content.decode()
    assert 'data-confirm="Xóa hẳn nội dung này?"' in page
    assert client.post(task_url("task_delete", task)).status_code == 302
    assert list(launched.tasks.values_list("number", flat=True)) == [1]
    assert Task.history.filter(id=task.pk, history_type="-").get().history_change_reason == "Xóa nội dung thi đua"


def test_task_numbers_can_be_reused_after_a_delete(role_clients, launched):
    TaskFactory(campaign=launched, number=3)
    client = role_clients["staff"]
    client.post(task_url("task_delete", launched.tasks.get(number=3)))
    url = reverse("campaign:task_add", kwargs={"pk": launched.pk})
    assert client.post(url, {"number": 3, "short_title": "Ba", "text": "Việc ba."}).status_code == 302
