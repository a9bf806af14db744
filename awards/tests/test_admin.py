"""The council's seats in the Django admin (/quan-tri/): kept by Sở Nội vụ staff, like units and accounts."""

from django.urls import reverse

from awards.models import CouncilMember
from units.tests.test_models import english_field_names

ROLES = ("staff", "officer", "other_officer", "council", "anonymous")


def test_admin_council_list_is_for_staff_only(role_clients):
    url = reverse("admin:awards_councilmember_changelist")
    assert {role: role_clients[role].get(url).status_code for role in ROLES} == {
        "staff": 200, "officer": 302, "other_officer": 302, "council": 302, "anonymous": 302
    }


def test_admin_lets_staff_add_and_change_a_seat_but_not_delete_it(role_clients, dora):
    seat = CouncilMember.objects.get(user=dora)
    pages = [
        reverse("admin:awards_councilmember_add"),
        reverse("admin:awards_councilmember_change", args=[seat.pk]),
        reverse("admin:awards_councilmember_history", args=[seat.pk]),
        reverse("admin:awards_councilmember_delete", args=[seat.pk]),
    ]
    assert [role_clients["staff"].get(page).status_code for page in pages] == [200, 200, 200, 403]


def test_admin_staff_edit_a_seat(role_clients, dora):
    seat = CouncilMember.objects.get(user=dora)
    data = {"user": dora.pk, "role": "vice_chair", "unit": seat.unit_id, "position": "Giám đốc Sở Nội vụ",
            "term_start": "01/07/2016", "term_end": "30/06/2021"}
    response = role_clients["staff"].post(reverse("admin:awards_councilmember_change", args=[seat.pk]), data)
    seat.refresh_from_db()
    assert (response.status_code, seat.role, seat.position, str(seat.term_end)) == (
        302, "vice_chair", "Giám đốc Sở Nội vụ", "2021-06-30"
    )


def test_admin_council_member_is_named_in_vietnamese():
    assert english_field_names("awards") == []
