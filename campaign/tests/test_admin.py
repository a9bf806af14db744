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
