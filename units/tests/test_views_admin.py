"""The Django admin (/quan-tri/) is for Sở Nội vụ staff only."""

from django.contrib.admin import site
from django.urls import reverse

from portal.tests.factories import (
    ClusterFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
)
from units.models import User

ROLES = ("staff", "officer", "other_officer", "council", "anonymous")
TWO_LEADERS = "Mỗi cụm, khối chỉ có một cụm trưởng, khối trưởng."


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


def test_admin_keeps_staff_away_from_a_superuser(role_clients):
    root = StaffFactory(username="root", is_superuser=True)
    staff = role_clients["staff"]
    changelist = staff.get(reverse("admin:units_user_changelist"))
    answered = [
        staff.get(reverse("admin:units_user_change", args=[root.pk])).status_code,
        staff.get(f"/quan-tri/units/user/{root.pk}/password/").status_code,
        staff.post(
            f"/quan-tri/units/user/{root.pk}/password/",
            {"password1": "Chiem-quyen-2025-x", "password2": "Chiem-quyen-2025-x", "usable_password": "true"},
        ).status_code,
    ]
    root.refresh_from_db()
    assert "root" not in [user.username for user in changelist.context["cl"].result_list]
    assert (answered, root.check_password("Chiem-quyen-2025-x")) == ([302, 404, 404], False)


def test_admin_refuses_a_superuser_to_staff_even_when_asked_for_by_object(rf, alice):
    root = StaffFactory(username="root", is_superuser=True)
    request = rf.get("/quan-tri/")
    request.user = alice
    user_admin = site._registry[User]
    assert (user_admin.has_view_permission(request, root), user_admin.has_change_permission(request, root),
            user_admin.has_change_permission(request, alice)) == (False, False, True)


def test_admin_lets_a_superuser_manage_another_superuser(client, db):
    root, other = StaffFactory(username="root", is_superuser=True), StaffFactory(username="root2", is_superuser=True)
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/quan-tri/units/user/{other.pk}/password/").status_code == 200


def membership_formset(cluster, rows):
    """The admin's POST of the cluster form with its membership rows: (membership or None, unit, role)."""
    data = {"name": cluster.name, "kind": cluster.kind, "scope": cluster.scope, "year": cluster.year,
            "description": "", "memberships-TOTAL_FORMS": len(rows),
            "memberships-INITIAL_FORMS": sum(membership is not None for membership, __, __ in rows),
            "memberships-MIN_NUM_FORMS": 0, "memberships-MAX_NUM_FORMS": 1000}
    for index, (membership, unit, role) in enumerate(rows):
        prefix = f"memberships-{index}-"
        data |= {prefix + "unit": unit.pk, prefix + "role": role, prefix + "cluster": cluster.pk}
        if membership is not None:
            data[prefix + "id"] = membership.pk
    return data


def test_admin_refuses_two_leaders_in_one_cluster_with_a_message(role_clients, unit_a, unit_b):
    cluster = ClusterFactory()
    first = MembershipFactory(cluster=cluster, unit=unit_a)
    second = MembershipFactory(cluster=cluster, unit=unit_b)
    data = membership_formset(cluster, [(first, unit_a, "leader"), (second, unit_b, "leader")])
    response = role_clients["staff"].post(reverse("admin:units_cluster_change", args=[cluster.pk]), data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert (response.status_code, formset.non_form_errors()) == (200, [TWO_LEADERS])
    assert list(cluster.memberships.values_list("role", flat=True)) == ["member", "member"]


def test_admin_refuses_two_new_leaders_added_together(role_clients, unit_a, unit_b):
    cluster = ClusterFactory()
    data = membership_formset(cluster, [(None, unit_a, "leader"), (None, unit_b, "leader")])
    response = role_clients["staff"].post(reverse("admin:units_cluster_change", args=[cluster.pk]), data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert (response.status_code, formset.non_form_errors()) == (200, [TWO_LEADERS])
    assert cluster.memberships.count() == 0


def test_admin_saves_one_leader_and_a_deputy(role_clients, unit_a, unit_b):
    cluster = ClusterFactory()
    data = membership_formset(cluster, [(None, unit_a, "leader"), (None, unit_b, "deputy")])
    response = role_clients["staff"].post(reverse("admin:units_cluster_change", args=[cluster.pk]), data)
    assert response.status_code == 302
    assert sorted(cluster.memberships.values_list("unit__name", "role")) == [
        ("Huyện Bình Gia", "deputy"), ("Huyện Văn Quan", "leader")
    ]


def test_admin_autocomplete_drops_nul_bytes(role_clients, unit_a):
    query = {"app_label": "units", "model_name": "clustermembership", "field_name": "unit", "term": "Văn\x00"}
    response = role_clients["staff"].get("/quan-tri/autocomplete/", query)
    assert [result["text"] for result in response.json()["results"]] == ["Huyện Văn Quan"]
