from django.urls import reverse

from portal.tests.factories import StaffFactory, UnitFactory, UserFactory
from portal.tests.helpers import answers, query_count, signed_in
from units.models import User

STAFF_ONLY = {"staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302}
# Accounts are scoped: bob sees his own account but may not manage it; anyone else's answers 404.
ON_BOB = {"officer": 403, "other_officer": 404, "council": 404, "anonymous": 302}
OTHERS = ["officer", "other_officer", "council", "anonymous"]
PASSWORD = "Lang-son-thi-dua-2019"


def usernames(response):
    return [account.username for account in response.context["user_list"]]


def form_errors(response):
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


def account_data(**changes):
    data = {"username": "nhung", "full_name": "Hoàng Thị Nhung", "email": "nhung@example.vn", "phone": "0205 3812 345",
            "position": "Chuyên viên", "role": "officer", "password1": PASSWORD, "password2": PASSWORD}
    return {**data, **changes}


# --- List ---------------------------------------------------------------------------------------------------------


def test_user_list_answers_each_role(role_clients):
    assert answers(role_clients, reverse("units:user_list")) == STAFF_ONLY


def test_user_list_searches_name_username_and_email(role_clients):
    url, staff = reverse("units:user_list"), role_clients["staff"]
    assert usernames(staff.get(url, {"q": "Lương Văn"})) == ["bob"]
    assert usernames(staff.get(url, {"q": "CHARLIE"})) == ["charlie"]
    assert usernames(staff.get(url, {"q": "dora@example"})) == ["dora"]


def test_user_list_filters_role_unit_and_status(role_clients, unit_a, bob):
    UserFactory(username="khoa", full_name="Nông Văn Khóa", is_active=False, units=[unit_a])
    url, staff = reverse("units:user_list"), role_clients["staff"]
    assert usernames(staff.get(url, {"role": "council"})) == ["dora"]
    assert usernames(staff.get(url, {"role": "staff"})) == ["alice"]
    assert usernames(staff.get(url, {"unit": "Văn Quan"})) == ["bob", "khoa"]
    assert usernames(staff.get(url, {"unit": unit_a.code, "status": "active"})) == ["bob"]
    assert usernames(staff.get(url, {"status": "inactive"})) == ["khoa"]


def test_user_list_searches_without_nul_bytes(role_clients):
    url, staff = reverse("units:user_list"), role_clients["staff"]
    assert usernames(staff.get(url, {"q": "Lương\x00 Văn"})) == ["bob"]
    assert usernames(staff.get(url, {"unit": "\x00Văn Quan"})) == ["bob"]


def test_user_list_falls_back_to_a_page_that_exists(alice):
    for number in range(51):
        UserFactory(username=f"canbo{number:02d}")
    client, url = signed_in(alice), reverse("units:user_list")
    shown = {page: client.get(url, {"page": page}) for page in ["abc", "0", "99999"]}
    assert {page: (response.status_code, response.context["page_obj"].number) for page, response in shown.items()} == {
        "abc": (200, 1), "0": (200, 2), "99999": (200, 2)
    }


def test_user_list_hides_superusers_from_staff(role_clients, alice):
    StaffFactory(username="root", is_superuser=True)
    url = reverse("units:user_list")
    assert usernames(role_clients["staff"].get(url, {"q": "root"})) == []
    alice.is_superuser = True
    alice.save()
    assert usernames(role_clients["staff"].get(url, {"q": "root"})) == ["root"]


def test_user_screens_of_a_superuser_answer_staff_404(role_clients):
    root = StaffFactory(username="root", is_superuser=True)
    staff = role_clients["staff"]
    answered = [
        staff.get(reverse("units:user_edit", args=[root.pk])).status_code,
        staff.post(reverse("units:user_set_password", args=[root.pk]), {"password1": PASSWORD, "password2": PASSWORD})
        .status_code,
        staff.post(reverse("units:user_deactivate", args=[root.pk])).status_code,
    ]
    root.refresh_from_db()
    assert (answered, root.is_active, root.check_password(PASSWORD)) == ([404, 404, 404], True, False)


def test_user_list_query_count_does_not_grow_with_rows(alice, django_assert_num_queries):
    client, url = signed_in(alice), reverse("units:user_list")
    expected = query_count(client, url)
    for number in range(20):
        UserFactory(units=[UnitFactory(), UnitFactory()])
    with django_assert_num_queries(expected):
        client.get(url)


def test_user_list_hides_the_lock_button_of_ones_own_account(role_clients, alice, bob):
    content = role_clients["staff"].get(reverse("units:user_list")).content.decode()
    assert reverse("units:user_deactivate", args=[alice.pk]) not in content
    assert reverse("units:user_deactivate", args=[bob.pk]) in content


# --- Create -------------------------------------------------------------------------------------------------------


def test_user_create_answers_each_role(role_clients):
    assert answers(role_clients, reverse("units:user_create")) == STAFF_ONLY


def test_user_create_makes_an_officer_of_units_without_admin(role_clients, unit_a, unit_b):
    response = role_clients["staff"].post(reverse("units:user_create"), account_data(units=[unit_a.pk, unit_b.pk]))
    user = User.objects.get(username="nhung")
    assert response["Location"] == reverse("units:user_list")
    assert (user.full_name, user.role, user.is_staff, user.check_password(PASSWORD)) == (
        "Hoàng Thị Nhung", "officer", False, True
    )
    assert set(user.units.all()) == {unit_a, unit_b}


def test_user_create_gives_a_staff_member_the_admin(role_clients):
    role_clients["staff"].post(reverse("units:user_create"), account_data(role="staff"))
    assert User.objects.get(username="nhung").is_staff is True


def test_user_create_refuses_an_officer_without_unit(role_clients):
    response = role_clients["staff"].post(reverse("units:user_create"), account_data())
    assert form_errors(response) == {"units": ["Cán bộ đơn vị phải phụ trách ít nhất một đơn vị."]}


def test_user_create_checks_the_password_in_vietnamese(role_clients, unit_a):
    data = account_data(units=[unit_a.pk], password1="nhung123", password2="nhung123")
    response = role_clients["staff"].post(reverse("units:user_create"), data)
    assert form_errors(response) == {
        "password2": ["Mật khẩu quá giống với Tên đăng nhập."]
    }


def test_user_create_refuses_a_short_password(role_clients, unit_a):
    data = account_data(units=[unit_a.pk], password1="Xy-91", password2="Xy-91")
    response = role_clients["staff"].post(reverse("units:user_create"), data)
    assert form_errors(response) == {"password2": ["Mật khẩu quá ngắn: cần ít nhất 8 ký tự."]}


def test_user_create_refuses_different_passwords(role_clients, unit_a):
    data = account_data(units=[unit_a.pk], password2=PASSWORD + "x")
    response = role_clients["staff"].post(reverse("units:user_create"), data)
    assert form_errors(response) == {"password2": ["Hai trường mật khẩu không giống nhau."]}


def test_user_create_refuses_a_taken_username_whatever_its_case(role_clients, unit_a):
    response = role_clients["staff"].post(reverse("units:user_create"), account_data(username="BOB", units=[unit_a.pk]))
    assert form_errors(response) == {"username": ["Tên đăng nhập đã được sử dụng."]}


def test_user_create_is_refused_to_everyone_but_staff(role_clients, unit_a):
    data = account_data(units=[unit_a.pk])
    assert answers(role_clients, reverse("units:user_create"), "post", data, OTHERS) == {
        "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302
    }
    assert User.objects.filter(username="nhung").exists() is False


# --- Edit and password --------------------------------------------------------------------------------------------


def edit_data(user, **changes):
    data = {"username": user.username, "full_name": user.full_name, "email": user.email, "phone": "",
            "position": "", "role": user.role, "units": [unit.pk for unit in user.units.all()]}
    return {**data, **changes}


def test_user_edit_answers_each_role(role_clients, bob):
    assert answers(role_clients, reverse("units:user_edit", args=[bob.pk])) == {"staff": 200, **ON_BOB}


def test_user_edit_by_staff_changes_units_and_role(role_clients, bob, unit_b):
    url = reverse("units:user_edit", args=[bob.pk])
    role_clients["staff"].post(url, edit_data(bob, units=[unit_b.pk], position="Chánh Văn phòng"))
    bob.refresh_from_db()
    assert (bob.position, list(bob.units.all())) == ("Chánh Văn phòng", [unit_b])
    role_clients["staff"].post(url, edit_data(bob, role="staff", units=[]))
    bob.refresh_from_db()
    assert (bob.role, bob.is_staff, list(bob.units.all())) == ("staff", True, [])


def test_user_edit_keeps_an_officer_bound_to_a_unit(role_clients, bob):
    response = role_clients["staff"].post(reverse("units:user_edit", args=[bob.pk]), edit_data(bob, units=[]))
    assert form_errors(response) == {"units": ["Cán bộ đơn vị phải phụ trách ít nhất một đơn vị."]}


def test_user_edit_refuses_to_change_ones_own_role(role_clients, alice):
    response = role_clients["staff"].post(reverse("units:user_edit", args=[alice.pk]), edit_data(alice, role="council"))
    assert form_errors(response) == {"role": ["Không thể tự đổi vai trò của chính mình."]}


def test_user_edit_is_refused_to_everyone_but_staff(role_clients, bob):
    url = reverse("units:user_edit", args=[bob.pk])
    assert answers(role_clients, url, "post", edit_data(bob, position="Giám đốc"), OTHERS) == ON_BOB
    bob.refresh_from_db()
    assert bob.position == ""


def test_user_set_password_answers_each_role(role_clients, bob):
    assert answers(role_clients, reverse("units:user_set_password", args=[bob.pk])) == {"staff": 200, **ON_BOB}


def test_user_set_password_by_staff(role_clients, bob):
    url = reverse("units:user_set_password", args=[bob.pk])
    response = role_clients["staff"].post(url, {"password1": PASSWORD, "password2": PASSWORD})
    bob.refresh_from_db()
    assert (response["Location"], bob.check_password(PASSWORD)) == (reverse("units:user_list"), True)


def test_user_set_password_checks_the_password(role_clients, bob):
    url = reverse("units:user_set_password", args=[bob.pk])
    response = role_clients["staff"].post(url, {"password1": "12345678", "password2": "12345678"})
    assert form_errors(response) == {"password2": ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]}


def test_user_set_password_is_refused_to_everyone_but_staff(role_clients, bob):
    url = reverse("units:user_set_password", args=[bob.pk])
    data = {"password1": PASSWORD, "password2": PASSWORD}
    assert answers(role_clients, url, "post", data, OTHERS) == ON_BOB
    bob.refresh_from_db()
    assert bob.check_password(PASSWORD) is False


# --- Lock and unlock ----------------------------------------------------------------------------------------------


def test_user_deactivate_answers_get_with_405_to_staff(role_clients, bob):
    assert answers(role_clients, reverse("units:user_deactivate", args=[bob.pk])) == {"staff": 405, **ON_BOB}


def test_user_reactivate_answers_get_with_405_to_staff(role_clients, bob):
    assert answers(role_clients, reverse("units:user_reactivate", args=[bob.pk])) == {"staff": 405, **ON_BOB}


def test_user_deactivate_by_staff_locks_the_account_out(role_clients, bob):
    role_clients["staff"].post(reverse("units:user_deactivate", args=[bob.pk]))
    bob.refresh_from_db()
    assert bob.is_active is False
    assert role_clients["officer"].get(reverse("officer_home")).status_code == 302


def test_user_deactivate_of_ones_own_account_is_refused_with_a_message(role_clients, alice):
    response = role_clients["staff"].post(reverse("units:user_deactivate", args=[alice.pk]), follow=True)
    alice.refresh_from_db()
    assert alice.is_active is True
    assert [str(message) for message in response.context["messages"]] == ["Không thể khóa tài khoản của chính mình."]


def test_user_deactivate_is_refused_to_everyone_but_staff(role_clients, bob):
    assert answers(role_clients, reverse("units:user_deactivate", args=[bob.pk]), "post", {}, OTHERS) == ON_BOB
    bob.refresh_from_db()
    assert bob.is_active is True


def test_user_reactivate_by_staff(role_clients, alice):
    locked = StaffFactory(is_active=False)
    role_clients["staff"].post(reverse("units:user_reactivate", args=[locked.pk]))
    locked.refresh_from_db()
    assert locked.is_active is True


def test_user_reactivate_is_refused_to_everyone_but_staff(role_clients, bob):
    User.objects.filter(pk=bob.pk).update(is_active=False)
    roles = ["other_officer", "council", "anonymous"]
    assert answers(role_clients, reverse("units:user_reactivate", args=[bob.pk]), "post", {}, roles) == {
        "other_officer": 404, "council": 404, "anonymous": 302
    }
    bob.refresh_from_db()
    assert bob.is_active is False
