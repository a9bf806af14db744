import datetime

from django.urls import reverse

from portal.tests.factories import ClusterFactory, MembershipFactory, UnitFactory
from portal.tests.helpers import answers, query_count, signed_in
from units import services
from units.models import Unit, UnitKind

ROLES_DENIED = {"officer": 403, "other_officer": 404, "council": 403, "anonymous": 302}
MERGE_DAY = datetime.date(2025, 7, 1)


def names(response):
    return [unit.name for unit in response.context["unit_list"]]


def form_errors(response):
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


# --- List ---------------------------------------------------------------------------------------------------------


def test_unit_list_answers_each_role(role_clients):
    assert answers(role_clients, reverse("units:unit_list")) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302
    }


def test_unit_list_redirects_anonymous_to_sign_in(client, db):
    response = client.get(reverse("units:unit_list"))
    assert response["Location"] == "/dang-nhap/?next=/don-vi/"


def test_unit_list_shows_an_officer_only_their_units(role_clients):
    assert names(role_clients["officer"].get(reverse("units:unit_list"))) == ["Huyện Văn Quan"]
    assert names(role_clients["other_officer"].get(reverse("units:unit_list"))) == ["Huyện Bình Gia"]


def test_unit_list_shows_staff_and_council_every_unit_in_vietnamese_order(role_clients, dora):
    council_unit = dora.council_seats.get().unit.name  # "Đơn vị thử nghiệm …": Đ sorts before H.
    UnitFactory(name="Huyện Đình Lập")
    UnitFactory(name="Huyện Bắc Sơn")
    for role in ("staff", "council"):
        assert names(role_clients[role].get(reverse("units:unit_list"))) == [
            council_unit, "Huyện Bắc Sơn", "Huyện Bình Gia", "Huyện Đình Lập", "Huyện Văn Quan"
        ]


def test_unit_list_search_ignores_case_tones_and_marks(role_clients):
    UnitFactory(name="Huyện Đình Lập", short_name="ĐL", code="DL01")
    url = reverse("units:unit_list")
    staff = role_clients["staff"]
    assert names(staff.get(url, {"q": "ĐINH LẬP"})) == ["Huyện Đình Lập"]
    assert names(staff.get(url, {"q": "đình"})) == ["Huyện Đình Lập"]
    assert names(staff.get(url, {"q": "dl01"})) == ["Huyện Đình Lập"]
    assert names(staff.get(url, {"q": "ĐL"})) == ["Huyện Đình Lập"]
    assert names(staff.get(url, {"q": "huyen dinh lap"})) == ["Huyện Đình Lập"]
    assert names(staff.get(url, {"q": "không có"})) == []


def test_unit_list_search_keeps_an_officer_in_their_units(role_clients):
    assert names(role_clients["officer"].get(reverse("units:unit_list"), {"q": "Bình Gia"})) == []


def test_unit_list_filters_by_kind_status_and_parent(role_clients, alice):
    province = UnitFactory(name="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE)
    commune = UnitFactory(name="Xã Hoàng Đồng", kind=UnitKind.COMMUNE, parent=province)
    UnitFactory(name="Xã Cũ", kind=UnitKind.COMMUNE, parent=province, is_active=False)
    merged = UnitFactory(name="Xã Sáp Nhập", kind=UnitKind.COMMUNE, parent=province)
    services.merge_unit(merged, into=commune, on=MERGE_DAY, by=alice)
    url, staff = reverse("units:unit_list"), role_clients["staff"]
    assert names(staff.get(url, {"kind": "commune"})) == ["Xã Cũ", "Xã Hoàng Đồng", "Xã Sáp Nhập"]
    assert names(staff.get(url, {"kind": "commune", "status": "active"})) == ["Xã Hoàng Đồng"]
    assert names(staff.get(url, {"kind": "commune", "status": "inactive"})) == ["Xã Cũ"]
    assert names(staff.get(url, {"status": "merged"})) == ["Xã Sáp Nhập"]
    assert names(staff.get(url, {"parent": province.pk, "status": "active"})) == ["Xã Hoàng Đồng"]


def test_unit_list_filters_by_cluster_and_by_year_of_membership(role_clients, cluster_a, unit_b):
    later = ClusterFactory(name="Cụm thi đua biên giới", year=2020)
    MembershipFactory(cluster=later, unit=unit_b)
    url, staff = reverse("units:unit_list"), role_clients["staff"]
    assert names(staff.get(url, {"cluster": cluster_a.pk})) == ["Huyện Văn Quan"]
    assert names(staff.get(url, {"year": "2020"})) == ["Huyện Bình Gia"]
    assert names(staff.get(url, {"year": "2019"})) == ["Huyện Văn Quan"]


def test_unit_list_offers_an_officer_only_clusters_of_their_units(role_clients, cluster_a):
    ClusterFactory(name="Cụm thi đua biên giới")
    response = role_clients["officer"].get(reverse("units:unit_list"))
    assert list(response.context["filter"].form.fields["cluster"].queryset) == [cluster_a]


def test_unit_list_paginates(alice, settings):
    for number in range(51):
        UnitFactory(name=f"Xã số {number:02d}")
    response = signed_in(alice).get(reverse("units:unit_list"), {"page": 2})
    assert names(response) == ["Xã số 50"]
    assert response.context["page_obj"].paginator.count == 51


def test_unit_list_falls_back_to_a_page_that_exists(alice):
    for number in range(51):
        UnitFactory(name=f"Xã số {number:02d}")
    client, url = signed_in(alice), reverse("units:unit_list")
    shown = {page: client.get(url, {"page": page}) for page in ["abc", "0", "99999", "-1", "2"]}
    assert {page: (response.status_code, response.context["page_obj"].number) for page, response in shown.items()} == {
        "abc": (200, 1), "0": (200, 2), "99999": (200, 2), "-1": (200, 2), "2": (200, 2)
    }


def test_unit_list_search_drops_nul_bytes(role_clients, dora):
    staff, url = role_clients["staff"], reverse("units:unit_list")
    assert names(staff.get(url, {"q": "Văn\x00 Quan"})) == ["Huyện Văn Quan"]
    assert names(staff.get(url, {"q": "\x00"})) == names(staff.get(url)) == [
        dora.council_seats.get().unit.name, "Huyện Bình Gia", "Huyện Văn Quan"
    ]


def test_unit_list_says_when_nothing_matches(role_clients):
    response = role_clients["staff"].get(reverse("units:unit_list"), {"q": "không có"})
    assert "Không có đơn vị nào khớp với điều kiện tìm kiếm." in response.content.decode()


def test_unit_list_query_count_does_not_grow_with_rows(alice, django_assert_num_queries):
    UnitFactory(name="Huyện Văn Quan")
    client, url = signed_in(alice), reverse("units:unit_list")
    expected = query_count(client, url)
    province = UnitFactory(name="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE)
    for number in range(30):
        unit = UnitFactory(parent=province)
        MembershipFactory(unit=unit)
    services.merge_unit(unit, into=province, on=MERGE_DAY, by=alice)
    with django_assert_num_queries(expected):
        client.get(url)


def test_unit_list_query_count_does_not_grow_for_an_officer(bob, unit_a, django_assert_num_queries):
    client, url = signed_in(bob), reverse("units:unit_list")
    expected = query_count(client, url)
    for number in range(10):
        bob.units.add(UnitFactory())
    with django_assert_num_queries(expected):
        client.get(url)


# --- Detail -------------------------------------------------------------------------------------------------------


def test_unit_detail_answers_each_role(role_clients, unit_a):
    assert answers(role_clients, reverse("units:unit_detail", args=[unit_a.pk])) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302
    }


def test_unit_detail_shows_officers_to_staff_only(role_clients, unit_a):
    url = reverse("units:unit_detail", args=[unit_a.pk])
    assert list(role_clients["staff"].get(url).context["officers"]) == [unit_a.officers.get()]
    assert role_clients["officer"].get(url).context["officers"] is None
    assert role_clients["council"].get(url).context["officers"] is None
    assert "Lương Văn Bob" in role_clients["staff"].get(url).content.decode()
    assert "Lương Văn Bob" not in role_clients["council"].get(url).content.decode()


def test_unit_detail_shows_memberships_by_year_with_role(role_clients, unit_a, cluster_a):
    later = ClusterFactory(name="Cụm thi đua nội địa", year=2020)
    MembershipFactory(cluster=later, unit=unit_a, role="deputy")
    response = role_clients["officer"].get(reverse("units:unit_detail", args=[unit_a.pk]))
    rows = [(m.cluster.year, m.cluster.name, m.get_role_display()) for m in response.context["memberships"]]
    assert rows == [
        (2020, "Cụm thi đua nội địa", "Cụm phó, khối phó"),
        (2019, "Cụm thi đua các huyện nội địa", "Cụm trưởng, khối trưởng"),
    ]


def test_unit_detail_of_a_merged_unit_links_to_its_successor(role_clients, alice, unit_a, unit_b):
    services.merge_unit(unit_b, into=unit_a, on=MERGE_DAY, by=alice)
    content = role_clients["staff"].get(reverse("units:unit_detail", args=[unit_b.pk])).content.decode()
    successor = reverse("units:unit_detail", args=[unit_a.pk])
    assert f'Đã sáp nhập vào <a href="{successor}" class="alert-link">Huyện Văn Quan</a> từ ngày 01/07/2025.' in content


def test_unit_detail_of_the_successor_lists_predecessors_and_their_memberships(role_clients, alice, unit_a, unit_b):
    cluster = ClusterFactory(name="Cụm thi đua biên giới", year=2019)
    MembershipFactory(cluster=cluster, unit=unit_b, role="leader")
    services.merge_unit(unit_b, into=unit_a, on=MERGE_DAY, by=alice)
    # bob, officer of the successor, sees what the merged unit did.
    response = role_clients["officer"].get(reverse("units:unit_detail", args=[unit_a.pk]))
    assert [(u.name, u.merged_on) for u in response.context["predecessors"]] == [("Huyện Bình Gia", MERGE_DAY)]
    assert [(m.cluster.name, m.unit.name) for m in response.context["memberships"]] == [
        ("Cụm thi đua biên giới", "Huyện Bình Gia")
    ]
    assert role_clients["officer"].get(reverse("units:unit_detail", args=[unit_b.pk])).status_code == 200


def test_unit_detail_stays_visible_to_officers_of_the_merged_unit(role_clients, alice, unit_a, unit_b):
    services.merge_unit(unit_b, into=unit_a, on=MERGE_DAY, by=alice)
    assert role_clients["other_officer"].get(reverse("units:unit_detail", args=[unit_b.pk])).status_code == 200


def test_unit_detail_lists_children(role_clients, unit_a):
    UnitFactory(name="Xã Tràng Các", parent=unit_a, kind=UnitKind.COMMUNE)
    UnitFactory(name="Thị trấn Văn Quan", parent=unit_a, kind=UnitKind.COMMUNE)
    response = role_clients["staff"].get(reverse("units:unit_detail", args=[unit_a.pk]))
    assert [child.name for child in response.context["children"]] == ["Thị trấn Văn Quan", "Xã Tràng Các"]


def test_unit_detail_shows_manage_buttons_to_staff_only(role_clients, unit_a):
    url = reverse("units:unit_detail", args=[unit_a.pk])
    edit = reverse("units:unit_edit", args=[unit_a.pk])
    assert edit in role_clients["staff"].get(url).content.decode()
    assert edit not in role_clients["officer"].get(url).content.decode()


# --- Create and edit ----------------------------------------------------------------------------------------------

UNIT_DATA = {"code": "VQ02", "name": "Xã  Tri Lễ", "short_name": "", "kind": "commune", "address": "Văn Quan"}


def test_unit_create_answers_each_role(role_clients):
    assert answers(role_clients, reverse("units:unit_create")) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302
    }


def test_unit_create_by_staff_saves_the_unit(role_clients, alice, unit_a):
    response = role_clients["staff"].post(reverse("units:unit_create"), {**UNIT_DATA, "parent": unit_a.pk})
    unit = Unit.objects.get(code="VQ02")
    assert response["Location"] == reverse("units:unit_detail", args=[unit.pk])
    assert (unit.name, unit.parent, unit.history.get().history_user) == ("Xã Tri Lễ", unit_a, alice)


def test_unit_create_is_refused_to_everyone_but_staff(role_clients):
    roles = ["officer", "other_officer", "council", "anonymous"]
    assert answers(role_clients, reverse("units:unit_create"), "post", UNIT_DATA, roles) == {
        "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302
    }
    assert Unit.objects.filter(code="VQ02").exists() is False


def test_unit_create_reports_a_taken_code_beside_the_field(role_clients, unit_a):
    response = role_clients["staff"].post(reverse("units:unit_create"), {**UNIT_DATA, "code": "A01"})
    assert form_errors(response) == {"code": ["Mã đơn vị này đã được dùng cho đơn vị khác."]}


def test_unit_edit_answers_each_role(role_clients, unit_a):
    assert answers(role_clients, reverse("units:unit_edit", args=[unit_a.pk])) == {"staff": 200, **ROLES_DENIED}


def test_unit_edit_by_staff_records_the_change(role_clients, unit_a):
    data = {"code": "A01", "name": "Huyện Văn Quan mới", "kind": "district", "short_name": "VQ", "address": ""}
    role_clients["staff"].post(reverse("units:unit_edit", args=[unit_a.pk]), data)
    unit_a.refresh_from_db()
    assert (unit_a.name, unit_a.short_name) == ("Huyện Văn Quan mới", "VQ")
    assert unit_a.history.order_by("-history_id").first().history_change_reason == "Sửa thông tin đơn vị"


def test_unit_edit_is_refused_to_everyone_but_staff(role_clients, unit_a):
    data = {"code": "A01", "name": "Bị sửa", "kind": "district"}
    roles = ["officer", "other_officer", "council", "anonymous"]
    assert answers(role_clients, reverse("units:unit_edit", args=[unit_a.pk]), "post", data, roles) == ROLES_DENIED
    unit_a.refresh_from_db()
    assert unit_a.name == "Huyện Văn Quan"


def test_unit_edit_refuses_a_sub_unit_as_parent(role_clients, unit_a):
    commune = UnitFactory(parent=unit_a)
    data = {"code": "A01", "name": "Huyện Văn Quan", "kind": "district", "parent": commune.pk}
    response = role_clients["staff"].post(reverse("units:unit_edit", args=[unit_a.pk]), data)
    assert form_errors(response) == {
        "parent": ["Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."]
    }


# --- Deactivate and reactivate ------------------------------------------------------------------------------------


def test_unit_deactivate_answers_each_role(role_clients, unit_a):
    assert answers(role_clients, reverse("units:unit_deactivate", args=[unit_a.pk])) == {"staff": 200, **ROLES_DENIED}


def test_unit_deactivate_page_asks_for_confirmation(role_clients, unit_a):
    content = role_clients["staff"].get(reverse("units:unit_deactivate", args=[unit_a.pk])).content.decode()
    assert 'data-confirm="Chuyển đơn vị này sang ngừng hoạt động?"' in content


def test_unit_deactivate_by_staff_with_a_reason(role_clients, unit_a):
    url = reverse("units:unit_deactivate", args=[unit_a.pk])
    response = role_clients["staff"].post(url, {"reason": "Giải thể"})
    unit_a.refresh_from_db()
    assert (response.status_code, unit_a.is_active) == (302, False)
    assert unit_a.history.order_by("-history_id").first().history_change_reason == "Ngừng hoạt động: Giải thể"


def test_unit_deactivate_needs_a_reason(role_clients, unit_a):
    response = role_clients["staff"].post(reverse("units:unit_deactivate", args=[unit_a.pk]), {"reason": " "})
    assert form_errors(response) == {"reason": ["Trường này là bắt buộc."]}


def test_unit_deactivate_is_refused_to_everyone_but_staff(role_clients, unit_a):
    roles = ["officer", "other_officer", "council", "anonymous"]
    url = reverse("units:unit_deactivate", args=[unit_a.pk])
    assert answers(role_clients, url, "post", {"reason": "x"}, roles) == ROLES_DENIED
    unit_a.refresh_from_db()
    assert unit_a.is_active is True


def test_unit_reactivate_answers_each_role(role_clients, unit_a):
    assert answers(role_clients, reverse("units:unit_reactivate", args=[unit_a.pk])) == {"staff": 200, **ROLES_DENIED}


def test_unit_reactivate_by_staff(role_clients, unit_a):
    Unit.objects.filter(pk=unit_a.pk).update(is_active=False)
    role_clients["staff"].post(reverse("units:unit_reactivate", args=[unit_a.pk]), {"reason": ""})
    unit_a.refresh_from_db()
    assert unit_a.is_active is True


def test_unit_reactivate_of_a_merged_unit_explains_why_not(role_clients, alice, unit_a, unit_b):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    response = role_clients["staff"].post(reverse("units:unit_reactivate", args=[unit_a.pk]), {"reason": ""})
    assert form_errors(response) == {
        "reason": ["Đơn vị đã sáp nhập vào đơn vị khác, không thể hoạt động trở lại."]
    }


def test_unit_reactivate_is_refused_to_everyone_but_staff(role_clients, unit_a):
    Unit.objects.filter(pk=unit_a.pk).update(is_active=False)
    roles = ["officer", "other_officer", "council", "anonymous"]
    url = reverse("units:unit_reactivate", args=[unit_a.pk])
    assert answers(role_clients, url, "post", {"reason": ""}, roles) == ROLES_DENIED
    unit_a.refresh_from_db()
    assert unit_a.is_active is False


# --- Merge --------------------------------------------------------------------------------------------------------


def test_unit_merge_answers_each_role(role_clients, unit_a):
    assert answers(role_clients, reverse("units:unit_merge", args=[unit_a.pk])) == {"staff": 200, **ROLES_DENIED}


def test_unit_merge_offers_active_units_but_itself_and_its_predecessors(role_clients, alice, dora, unit_a, unit_b):
    services.merge_unit(UnitFactory(name="Xã Cũ"), into=unit_a, on=MERGE_DAY, by=alice)
    UnitFactory(name="Huyện Đã Giải Thể", is_active=False)
    response = role_clients["staff"].get(reverse("units:unit_merge", args=[unit_a.pk]))
    offered = [label for value, label in response.context["form"].fields["into"].choices if value]
    assert offered == [dora.council_seats.get().unit.name, "Huyện Bình Gia"]


def test_unit_merge_by_staff_merges_and_shows_the_banner(role_clients, unit_a, unit_b):
    url = reverse("units:unit_merge", args=[unit_a.pk])
    response = role_clients["staff"].post(url, {"into": unit_b.pk, "on": "2025-07-01", "reason": "NQ 1656"})
    unit_a.refresh_from_db()
    assert response["Location"] == reverse("units:unit_detail", args=[unit_a.pk])
    assert (unit_a.merged_into, unit_a.merged_on, unit_a.is_active) == (unit_b, MERGE_DAY, False)


def test_unit_merge_accepts_a_day_written_dd_mm_yyyy(role_clients, unit_a, unit_b):
    role_clients["staff"].post(reverse("units:unit_merge", args=[unit_a.pk]), {"into": unit_b.pk, "on": "01/07/2025"})
    unit_a.refresh_from_db()
    assert unit_a.merged_on == MERGE_DAY


def test_unit_merge_into_itself_is_refused_beside_the_field(role_clients, unit_a):
    response = role_clients["staff"].post(
        reverse("units:unit_merge", args=[unit_a.pk]), {"into": unit_a.pk, "on": "2025-07-01"}
    )
    assert (response.status_code, form_errors(response)) == (200, {"into": ["Không thể sáp nhập đơn vị vào chính nó."]})


def test_unit_merge_into_a_unit_merged_later_is_refused(role_clients, alice, unit_a, unit_b):
    services.merge_unit(unit_b, into=UnitFactory(name="Tỉnh Lạng Sơn"), on=MERGE_DAY, by=alice)
    response = role_clients["staff"].post(
        reverse("units:unit_merge", args=[unit_a.pk]), {"into": unit_b.pk, "on": "2025-07-01"}
    )
    assert form_errors(response) == {
        "into": ["Huyện Bình Gia đã sáp nhập vào đơn vị khác: hãy chọn đơn vị kế thừa hiện nay."]
    }


def test_unit_merge_with_a_bad_date_is_refused_beside_the_field(role_clients, unit_a, unit_b):
    response = role_clients["staff"].post(
        reverse("units:unit_merge", args=[unit_a.pk]), {"into": unit_b.pk, "on": "31/02/2025"}
    )
    assert form_errors(response) == {"on": ["Nhập một ngày hợp lệ."]}


def test_unit_merge_is_refused_to_everyone_but_staff(role_clients, unit_a, unit_b):
    roles = ["officer", "other_officer", "council", "anonymous"]
    data = {"into": unit_b.pk, "on": "2025-07-01"}
    assert answers(role_clients, reverse("units:unit_merge", args=[unit_a.pk]), "post", data, roles) == ROLES_DENIED
    unit_a.refresh_from_db()
    assert unit_a.merged_into is None


# --- History ------------------------------------------------------------------------------------------------------


def test_unit_history_answers_each_role(role_clients, unit_a):
    assert answers(role_clients, reverse("units:unit_history", args=[unit_a.pk])) == {"staff": 200, **ROLES_DENIED}


def test_unit_history_shows_who_what_and_why(role_clients, alice, unit_a, unit_b):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice, reason="NQ 1656")
    response = role_clients["staff"].get(reverse("units:unit_history", args=[unit_a.pk]))
    newest = response.context["records"][0]
    assert (newest.history_user, newest.history_change_reason) == (alice, "NQ 1656")
    assert newest.changes == [
        ("Đang hoạt động", "Có", "Không"),
        ("Sáp nhập vào", "—", "Huyện Bình Gia"),
        ("Ngày sáp nhập", "—", "01/07/2025"),
    ]
    assert "Huyện Bình Gia" in response.content.decode()


def test_unit_history_shows_a_changed_kind_by_its_label(role_clients, alice, unit_a):
    unit_a.kind = UnitKind.COMMUNE
    services.save_unit(unit_a, by=alice)
    response = role_clients["staff"].get(reverse("units:unit_history", args=[unit_a.pk]))
    assert response.context["records"][0].changes == [("Loại đơn vị", "Đơn vị cấp huyện", "Đơn vị cấp xã")]


def edit(unit, number, by):
    unit.name = f"Huyện Văn Quan {number}"
    unit.parent = UnitFactory()
    services.save_unit(unit, by=by)


def test_unit_history_query_count_does_not_grow(alice, django_assert_num_queries):
    unit = UnitFactory(name="Huyện Văn Quan")
    edit(unit, 0, alice)
    client, url = signed_in(alice), reverse("units:unit_history", args=[unit.pk])
    expected = query_count(client, url)
    for number in range(1, 60):
        edit(unit, number, alice)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert len(response.context["records"]) == 50


# --- Shared -------------------------------------------------------------------------------------------------------


def test_unit_cluster_and_account_pages_name_their_breadcrumb_in_vietnamese(role_clients, unit_a, cluster_a, bob):
    pages = [
        reverse("units:unit_detail", args=[unit_a.pk]),
        reverse("units:unit_edit", args=[unit_a.pk]),
        reverse("units:unit_import"),
        reverse("units:cluster_detail", args=[cluster_a.pk]),
        reverse("units:cluster_edit", args=[cluster_a.pk]),
        reverse("units:user_edit", args=[bob.pk]),
    ]
    contents = [role_clients["staff"].get(page).content.decode() for page in pages]
    assert [('aria-label="Đường dẫn"' in content, 'aria-label="breadcrumb"' in content) for content in contents] == [
        (True, False)
    ] * len(pages)
