import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name",
    ["admin:campaign_campaign_changelist", "admin:campaign_task_changelist", "admin:campaign_legalregime_changelist"],
)
def test_admin_lists_for_staff(role_clients, launched, name):
    assert role_clients["staff"].get(reverse(name)).status_code == 200


def test_admin_campaign_history_page(role_clients, launched):
    url = reverse("admin:campaign_campaign_history", args=[launched.pk])
    response = role_clients["staff"].get(url)
    assert response.status_code == 200
    assert "Phong trào thi đua đặc biệt năm 2019" in response.content.decode()


def test_admin_campaign_change_page(role_clients, launched):
    url = reverse("admin:campaign_campaign_change", args=[launched.pk])
    assert role_clients["staff"].get(url).status_code == 200
    assert role_clients["officer"].get(url).status_code == 302


def admin_form_data(response):
    """What the admin change page would post back unchanged: its form, inline forms and management forms."""
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    forms = [response.context["adminform"].form, *(form for fs in formsets for form in fs.forms)]
    forms += [fs.management_form for fs in formsets]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value if isinstance(value, list) else field.widget.format_value(value) or ""
    return data


def test_admin_campaign_status_is_read_only(role_clients, launched, django_capture_on_commit_callbacks):
    url = reverse("admin:campaign_campaign_change", args=[launched.pk])
    client = role_clients["staff"]
    response = client.get(url)
    assert "status" not in response.context["adminform"].form.fields
    data = {**admin_form_data(response), "status": "draft", "launch_notified_at": "01/01/2019 00:00", "theme": "Mới"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    launched.refresh_from_db()
    assert (launched.status, launched.launch_notified_at, launched.theme) == ("launched", None, "Mới")


def test_admin_campaign_add_starts_as_a_draft(role_clients):
    response = role_clients["staff"].get(reverse("admin:campaign_campaign_add"))
    assert "status" not in response.context["adminform"].form.fields
