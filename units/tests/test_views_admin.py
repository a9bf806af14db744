"""The Django admin (/quan-tri/) is for Sở Nội vụ staff only."""

from django.urls import reverse

from portal.tests.factories import UserFactory
from units.models import User

ROLES = ("staff", "officer", "other_officer", "council", "anonymous")


def answers(role_clients, url):
    return {role: role_clients[role].get(url).status_code for role in ROLES}


def test_admin_index_is_for_staff_only(role_clients):
    assert answers(role_clients, "/quan-tri/") == {
        "staff": 200, "officer": 302, "other_officer": 302, "council": 302, "anonymous": 302
    }


def test_admin_redirects_an_officer_to_the_admin_sign_in(role_clients):
    response = role_clients["officer"].get("/quan-tri/units/unit/")
    assert response["Location"] == "/quan-tri/login/?next=/quan-tri/units/unit/"


def test_admin_lets_staff_manage_units_clusters_and_accounts(role_clients, unit_a, cluster_a, bob):
    pages = [
        reverse("admin:units_unit_changelist"),
        reverse("admin:units_unit_change", args=[unit_a.pk]),
        reverse("admin:units_unit_history", args=[unit_a.pk]),
        reverse("admin:units_cluster_change", args=[cluster_a.pk]),
        reverse("admin:units_user_changelist"),
        reverse("admin:units_user_change", args=[bob.pk]),
        reverse("admin:units_user_add"),
    ]
    assert [role_clients["staff"].get(page).status_code for page in pages] == [200] * len(pages)


def test_admin_shows_cluster_members_inline(role_clients, cluster_a):
    response = role_clients["staff"].get(reverse("admin:units_cluster_change", args=[cluster_a.pk]))
    assert [form.instance.unit.name for form in response.context["inline_admin_formsets"][0].formset] == [
        "Huyện Văn Quan"
    ]


def test_admin_lets_no_staff_member_delete_a_unit(role_clients, unit_a):
    assert role_clients["staff"].get(reverse("admin:units_unit_delete", args=[unit_a.pk])).status_code == 403


def test_admin_hides_superuser_rights_from_staff(role_clients, bob):
    form = role_clients["staff"].get(reverse("admin:units_user_change", args=[bob.pk])).context["adminform"].form
    assert ("role" in form.fields, "is_superuser" in form.fields, "user_permissions" in form.fields) == (
        True, False, False
    )


def test_admin_gives_the_admin_to_a_user_made_staff(role_clients, bob):
    url = reverse("admin:units_user_change", args=[bob.pk])
    data = {"username": "bob", "full_name": "Lương Văn Bob", "email": "", "phone": "", "position": "",
            "role": "staff", "is_active": "on", "units": []}
    response = role_clients["staff"].post(url, data)
    bob.refresh_from_db()
    assert (response.status_code, bob.role, bob.is_staff) == (302, "staff", True)


def test_admin_sign_in_refuses_an_officer(client, db):
    UserFactory(username="lan")
    response = client.post("/quan-tri/login/", {"username": "lan", "password": "Mat-khau-thu-nghiem-2019"})
    assert (response.status_code, "_auth_user_id" in client.session) == (200, False)


def test_admin_keeps_an_officer_bound_to_a_unit(role_clients, bob):
    url = reverse("admin:units_user_change", args=[bob.pk])
    data = {"username": "bob", "full_name": "Lương Văn Bob", "email": "", "phone": "", "position": "",
            "role": "officer", "is_active": "on", "units": []}
    response = role_clients["staff"].post(url, data)
    assert response.context["adminform"].form.errors == {"units": ["Cán bộ đơn vị phải phụ trách ít nhất một đơn vị."]}
    assert list(bob.units.values_list("name", flat=True)) == ["Huyện Văn Quan"]


def test_admin_adds_an_officer_with_a_unit(role_clients, unit_a):
    data = {"username": "lan", "usable_password": "true", "password1": "Lang-son-thi-dua-2019",
            "password2": "Lang-son-thi-dua-2019", "full_name": "Hà Thị Lan", "email": "", "role": "officer",
            "units": [unit_a.pk]}
    response = role_clients["staff"].post(reverse("admin:units_user_add"), data)
    lan = User.objects.get(username="lan")
    assert (response.status_code, lan.is_staff, list(lan.units.all())) == (302, False, [unit_a])
