from django.urls import reverse

from portal.tests.factories import (
    CampaignFactory,
    ClusterFactory,
    MembershipFactory,
    UnitFactory,
)
from portal.tests.helpers import answers, query_count, signed_in
from units import services
from units.models import Cluster, ClusterMembership

DENIED = {"officer": 403, "other_officer": 404, "council": 403, "anonymous": 302}
OTHERS = ["officer", "other_officer", "council", "anonymous"]
CLUSTER_DATA = {"name": "Khối các cơ quan tổng hợp", "kind": "khoi", "scope": "provincial", "year": "2019",
                "description": ""}


def listed(response):
    return [(cluster.name, cluster.year, cluster.member_count) for cluster in response.context["cluster_list"]]


def form_errors(response):
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


def membership_of(cluster, unit):
    return cluster.memberships.get(unit=unit)


# --- List ---------------------------------------------------------------------------------------------------------


def test_cluster_list_answers_each_role(role_clients):
    assert answers(role_clients, reverse("units:cluster_list")) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302
    }


def test_cluster_list_shows_an_officer_the_clusters_of_their_units(role_clients, cluster_a, unit_b):
    MembershipFactory(cluster=cluster_a, unit=unit_b)
    ClusterFactory(name="Cụm thi đua biên giới")
    assert listed(role_clients["officer"].get(reverse("units:cluster_list"))) == [
        ("Cụm thi đua các huyện nội địa", 2019, 2)
    ]


def test_cluster_list_shows_staff_every_cluster_newest_year_first(role_clients, cluster_a):
    ClusterFactory(name="Cụm thi đua biên giới", year=2019)
    ClusterFactory(name="Cụm thi đua 7 tỉnh", year=2020, scope="inter_provincial")
    assert listed(role_clients["staff"].get(reverse("units:cluster_list"))) == [
        ("Cụm thi đua 7 tỉnh", 2020, 0), ("Cụm thi đua biên giới", 2019, 0), ("Cụm thi đua các huyện nội địa", 2019, 1)
    ]


def test_cluster_list_searches_and_filters(role_clients, cluster_a):
    ClusterFactory(name="Khối các cơ quan tổng hợp", kind="khoi", year=2019)
    ClusterFactory(name="Cụm thi đua 7 tỉnh", year=2020, scope="inter_provincial")
    url, staff = reverse("units:cluster_list"), role_clients["staff"]
    assert [row[0] for row in listed(staff.get(url, {"q": "NỘI ĐỊA"}))] == ["Cụm thi đua các huyện nội địa"]
    assert [row[0] for row in listed(staff.get(url, {"kind": "khoi"}))] == ["Khối các cơ quan tổng hợp"]
    assert [row[0] for row in listed(staff.get(url, {"scope": "inter_provincial"}))] == ["Cụm thi đua 7 tỉnh"]
    assert [row[0] for row in listed(staff.get(url, {"year": "2020"}))] == ["Cụm thi đua 7 tỉnh"]


def test_cluster_list_offers_the_years_that_have_clusters(role_clients, cluster_a):
    ClusterFactory(year=2020)
    response = role_clients["staff"].get(reverse("units:cluster_list"))
    assert list(response.context["filter"].form.fields["year"].choices) == [("", "Tất cả"), (2020, 2020), (2019, 2019)]


def test_cluster_list_search_drops_nul_bytes(role_clients, cluster_a):
    staff, url = role_clients["staff"], reverse("units:cluster_list")
    assert listed(staff.get(url, {"q": "nội\x00 địa"})) == [("Cụm thi đua các huyện nội địa", 2019, 1)]


def test_cluster_list_falls_back_to_a_page_that_exists(alice):
    for number in range(51):
        ClusterFactory(name=f"Cụm số {number:02d}")
    client, url = signed_in(alice), reverse("units:cluster_list")
    shown = {page: client.get(url, {"page": page}) for page in ["abc", "0", "99999"]}
    assert {page: (response.status_code, response.context["page_obj"].number) for page, response in shown.items()} == {
        "abc": (200, 1), "0": (200, 2), "99999": (200, 2)
    }


def test_cluster_list_says_when_an_officer_has_no_cluster(role_clients):
    content = role_clients["other_officer"].get(reverse("units:cluster_list")).content.decode()
    assert "Đơn vị của bạn chưa thuộc cụm, khối thi đua nào." in content


def test_cluster_list_query_count_does_not_grow_with_rows(alice, django_assert_num_queries):
    ClusterFactory()
    client, url = signed_in(alice), reverse("units:cluster_list")
    expected = query_count(client, url)
    for number in range(25):
        MembershipFactory(cluster=ClusterFactory(year=2019 + number % 3))
    with django_assert_num_queries(expected):
        client.get(url)


def test_cluster_list_query_count_does_not_grow_for_an_officer(bob, cluster_a, unit_a, django_assert_num_queries):
    client, url = signed_in(bob), reverse("units:cluster_list")
    expected = query_count(client, url)
    for number in range(10):
        MembershipFactory(cluster=ClusterFactory(), unit=unit_a)
    with django_assert_num_queries(expected):
        client.get(url)


# --- Detail -------------------------------------------------------------------------------------------------------


def test_cluster_detail_answers_each_role(role_clients, cluster_a):
    assert answers(role_clients, reverse("units:cluster_detail", args=[cluster_a.pk])) == {
        "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302
    }


def test_cluster_detail_lists_leader_deputy_then_members_by_name(role_clients, cluster_a):
    for name, role in [("Huyện Đình Lập", "member"), ("Thành phố Lạng Sơn", "deputy"), ("Huyện Bắc Sơn", "member")]:
        MembershipFactory(cluster=cluster_a, unit=UnitFactory(name=name), role=role)
    response = role_clients["officer"].get(reverse("units:cluster_detail", args=[cluster_a.pk]))
    rows = [(m.get_role_display(), m.unit.name) for m in response.context["cluster"].memberships.all()]
    assert rows == [
        ("Cụm trưởng, khối trưởng", "Huyện Văn Quan"),
        ("Cụm phó, khối phó", "Thành phố Lạng Sơn"),
        ("Thành viên", "Huyện Bắc Sơn"),
        ("Thành viên", "Huyện Đình Lập"),
    ]


def test_cluster_detail_links_units_for_staff_but_not_for_officers(role_clients, cluster_a, unit_a):
    url, link = reverse("units:cluster_detail", args=[cluster_a.pk]), reverse("units:unit_detail", args=[unit_a.pk])
    assert f'<a href="{link}">Huyện Văn Quan</a>' in role_clients["staff"].get(url).content.decode()
    assert f'<a href="{link}">Huyện Văn Quan</a>' not in role_clients["officer"].get(url).content.decode()


def test_cluster_detail_lists_the_campaigns_it_takes_part_in(role_clients, cluster_a):
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    campaign.clusters.add(cluster_a)
    CampaignFactory(title="Phong trào dự thảo", status="draft").clusters.add(cluster_a)
    url = reverse("units:cluster_detail", args=[cluster_a.pk])
    officer_page = role_clients["officer"].get(url).content.decode()
    staff_page = role_clients["staff"].get(url).content.decode()
    launched, draft = "Phong trào thi đua đặc biệt năm 2019", "Phong trào dự thảo"
    assert (launched in officer_page, draft in officer_page) == (True, False)
    assert (launched in staff_page, draft in staff_page) == (True, True)


def test_cluster_detail_query_count_does_not_grow_with_members(alice, django_assert_num_queries):
    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster)
    client, url = signed_in(alice), reverse("units:cluster_detail", args=[cluster.pk])
    expected = query_count(client, url)
    for number in range(20):
        MembershipFactory(cluster=cluster)
    with django_assert_num_queries(expected):
        client.get(url)


# --- Create, edit, copy -------------------------------------------------------------------------------------------


def test_cluster_create_answers_each_role(role_clients):
    assert answers(role_clients, reverse("units:cluster_create")) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302
    }


def test_cluster_create_by_staff(role_clients, alice):
    response = role_clients["staff"].post(reverse("units:cluster_create"), CLUSTER_DATA)
    cluster = Cluster.objects.get(name="Khối các cơ quan tổng hợp")
    assert response["Location"] == reverse("units:cluster_detail", args=[cluster.pk])
    assert (cluster.kind, cluster.year, cluster.history.get().history_user) == ("khoi", 2019, alice)


def test_cluster_create_is_refused_to_everyone_but_staff(role_clients):
    assert answers(role_clients, reverse("units:cluster_create"), "post", CLUSTER_DATA, OTHERS) == {
        "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302
    }
    assert Cluster.objects.filter(name="Khối các cơ quan tổng hợp").exists() is False


def test_cluster_create_reports_a_duplicate_name_of_the_year_beside_the_name(role_clients, cluster_a):
    data = {**CLUSTER_DATA, "name": "Cụm thi đua các huyện  nội địa"}
    response = role_clients["staff"].post(reverse("units:cluster_create"), data)
    assert form_errors(response) == {"name": ["Năm 2019 đã có cụm, khối cùng tên."]}


def test_cluster_create_refuses_an_unlikely_year(role_clients):
    response = role_clients["staff"].post(reverse("units:cluster_create"), {**CLUSTER_DATA, "year": "19"})
    assert form_errors(response) == {"year": ["Năm phải từ 1990 trở về sau."]}


def test_cluster_edit_answers_each_role(role_clients, cluster_a):
    assert answers(role_clients, reverse("units:cluster_edit", args=[cluster_a.pk])) == {"staff": 200, **DENIED}


def test_cluster_edit_by_staff(role_clients, cluster_a):
    role_clients["staff"].post(reverse("units:cluster_edit", args=[cluster_a.pk]), {**CLUSTER_DATA, "kind": "cum"})
    cluster_a.refresh_from_db()
    assert (cluster_a.name, cluster_a.kind) == ("Khối các cơ quan tổng hợp", "cum")


def test_cluster_edit_is_refused_to_everyone_but_staff(role_clients, cluster_a):
    url = reverse("units:cluster_edit", args=[cluster_a.pk])
    assert answers(role_clients, url, "post", CLUSTER_DATA, OTHERS) == DENIED
    cluster_a.refresh_from_db()
    assert cluster_a.name == "Cụm thi đua các huyện nội địa"


def test_cluster_copy_answers_each_role(role_clients, cluster_a):
    assert answers(role_clients, reverse("units:cluster_copy", args=[cluster_a.pk])) == {"staff": 200, **DENIED}


def test_cluster_copy_proposes_the_next_year(role_clients, cluster_a):
    response = role_clients["staff"].get(reverse("units:cluster_copy", args=[cluster_a.pk]))
    assert response.context["form"].initial == {"year": 2020}


def test_cluster_copy_by_staff_makes_the_cluster_of_the_new_year(role_clients, cluster_a, unit_a):
    response = role_clients["staff"].post(reverse("units:cluster_copy", args=[cluster_a.pk]), {"year": "2020"})
    copy = Cluster.objects.get(name=cluster_a.name, year=2020)
    assert response["Location"] == reverse("units:cluster_detail", args=[copy.pk])
    assert list(copy.memberships.values_list("unit__name", "role")) == [("Huyện Văn Quan", "leader")]


def test_cluster_copy_to_a_year_that_has_it_is_refused_beside_the_year(role_clients, cluster_a):
    response = role_clients["staff"].post(reverse("units:cluster_copy", args=[cluster_a.pk]), {"year": "2019"})
    assert form_errors(response) == {"year": ["Năm 2019 đã có cụm, khối cùng tên."]}


def test_cluster_copy_is_refused_to_everyone_but_staff(role_clients, cluster_a):
    url = reverse("units:cluster_copy", args=[cluster_a.pk])
    assert answers(role_clients, url, "post", {"year": "2020"}, OTHERS) == DENIED
    assert Cluster.objects.filter(year=2020).exists() is False


# --- Members ------------------------------------------------------------------------------------------------------


def test_member_add_answers_each_role(role_clients, cluster_a):
    assert answers(role_clients, reverse("units:cluster_member_add", args=[cluster_a.pk])) == {"staff": 200, **DENIED}


def test_member_add_search_narrows_the_units_offered(role_clients, cluster_a, unit_b):
    UnitFactory(name="Huyện Đình Lập")
    UnitFactory(name="Huyện Cũ", is_active=False)
    url = reverse("units:cluster_member_add", args=[cluster_a.pk])
    everything = role_clients["staff"].get(url).context["form"].fields["unit"].queryset
    searched = role_clients["staff"].get(url, {"q": "đinh lâp"}).context["form"].fields["unit"].queryset
    assert "Huyện Văn Quan" not in [unit.name for unit in everything]
    assert "Huyện Cũ" not in [unit.name for unit in everything]
    assert [unit.name for unit in searched] == ["Huyện Đình Lập"]


def test_member_add_search_drops_nul_bytes(role_clients, cluster_a, unit_b):
    response = role_clients["staff"].get(reverse("units:cluster_member_add", args=[cluster_a.pk]), {"q": "Bình\x00"})
    assert ([unit.name for unit in response.context["form"].fields["unit"].queryset], response.context["search"]) == (
        ["Huyện Bình Gia"], "Bình"
    )


def test_member_add_by_staff(role_clients, cluster_a, unit_b):
    url = reverse("units:cluster_member_add", args=[cluster_a.pk])
    response = role_clients["staff"].post(url, {"unit": unit_b.pk, "role": "deputy"})
    assert response["Location"] == reverse("units:cluster_detail", args=[cluster_a.pk])
    assert membership_of(cluster_a, unit_b).role == "deputy"


def test_member_add_of_a_second_leader_is_a_form_error_not_a_500(role_clients, cluster_a, unit_b):
    url = reverse("units:cluster_member_add", args=[cluster_a.pk])
    response = role_clients["staff"].post(url, {"unit": unit_b.pk, "role": "leader"})
    assert (response.status_code, form_errors(response)) == (200, {"role": ["Cụm, khối đã có cụm trưởng."]})


def test_member_add_is_refused_to_everyone_but_staff(role_clients, cluster_a, unit_b):
    url = reverse("units:cluster_member_add", args=[cluster_a.pk])
    assert answers(role_clients, url, "post", {"unit": unit_b.pk, "role": "member"}, OTHERS) == DENIED
    assert cluster_a.memberships.count() == 1


def member_url(name, cluster, unit):
    return reverse(name, kwargs={"pk": cluster.pk, "membership_pk": membership_of(cluster, unit).pk})


def test_member_edit_answers_each_role(role_clients, cluster_a, unit_a):
    assert answers(role_clients, member_url("units:cluster_member_edit", cluster_a, unit_a)) == {"staff": 200, **DENIED}


def test_member_edit_of_a_membership_of_another_cluster_answers_404(role_clients, cluster_a, unit_b):
    other = MembershipFactory(unit=unit_b)
    url = reverse("units:cluster_member_edit", kwargs={"pk": cluster_a.pk, "membership_pk": other.pk})
    assert role_clients["staff"].get(url).status_code == 404


def test_member_edit_by_staff_changes_the_role(role_clients, cluster_a, unit_a):
    role_clients["staff"].post(member_url("units:cluster_member_edit", cluster_a, unit_a), {"role": "member"})
    assert membership_of(cluster_a, unit_a).role == "member"


def test_member_edit_to_a_second_leader_is_refused_beside_the_role(role_clients, cluster_a, unit_b):
    MembershipFactory(cluster=cluster_a, unit=unit_b)
    url = member_url("units:cluster_member_edit", cluster_a, unit_b)
    response = role_clients["staff"].post(url, {"role": "leader"})
    assert (response.status_code, form_errors(response)) == (200, {"role": ["Cụm, khối đã có cụm trưởng."]})


def test_member_edit_is_refused_to_everyone_but_staff(role_clients, cluster_a, unit_a):
    url = member_url("units:cluster_member_edit", cluster_a, unit_a)
    assert answers(role_clients, url, "post", {"role": "member"}, OTHERS) == DENIED
    assert membership_of(cluster_a, unit_a).role == "leader"


def test_member_remove_answers_get_with_405_to_staff(role_clients, cluster_a, unit_a):
    assert answers(role_clients, member_url("units:cluster_member_remove", cluster_a, unit_a)) == {
        "staff": 405, **DENIED
    }


def test_member_remove_by_staff(role_clients, cluster_a, unit_a):
    response = role_clients["staff"].post(member_url("units:cluster_member_remove", cluster_a, unit_a))
    assert response["Location"] == reverse("units:cluster_detail", args=[cluster_a.pk])
    assert cluster_a.memberships.count() == 0


def test_member_remove_is_refused_to_everyone_but_staff(role_clients, cluster_a, unit_a):
    url = member_url("units:cluster_member_remove", cluster_a, unit_a)
    assert answers(role_clients, url, "post", {}, OTHERS) == DENIED
    assert cluster_a.memberships.count() == 1


def test_cluster_detail_asks_before_removing_a_member(role_clients, cluster_a):
    content = role_clients["staff"].get(reverse("units:cluster_detail", args=[cluster_a.pk])).content.decode()
    assert 'data-confirm="Rút Huyện Văn Quan khỏi cụm, khối này?"' in content


# --- History ------------------------------------------------------------------------------------------------------


def test_cluster_history_answers_each_role(role_clients, cluster_a):
    assert answers(role_clients, reverse("units:cluster_history", args=[cluster_a.pk])) == {"staff": 200, **DENIED}


def test_cluster_history_merges_cluster_and_membership_changes(role_clients, alice, cluster_a, unit_a, unit_b):
    services.add_member(cluster_a, unit=unit_b, role="member", by=alice)
    services.set_member_role(membership_of(cluster_a, unit_a), role="deputy", by=alice)
    services.set_member_role(membership_of(cluster_a, unit_b), role="leader", by=alice)
    services.remove_member(membership_of(cluster_a, unit_a), by=alice)
    response = role_clients["staff"].get(reverse("units:cluster_history", args=[cluster_a.pk]))
    rows = [(type(r).__name__, r.history_type, r.history_change_reason, r.changes) for r in response.context["records"]]
    assert rows == [
        ("HistoricalClusterMembership", "-", "Rút Huyện Văn Quan khỏi cụm, khối", []),
        ("HistoricalClusterMembership", "~", "Đổi vai trò của Huyện Bình Gia: Thành viên → Cụm trưởng, khối trưởng",
         [("Vai trò", "Thành viên", "Cụm trưởng, khối trưởng")]),
        ("HistoricalClusterMembership", "~",
         "Đổi vai trò của Huyện Văn Quan: Cụm trưởng, khối trưởng → Cụm phó, khối phó",
         [("Vai trò", "Cụm trưởng, khối trưởng", "Cụm phó, khối phó")]),
        ("HistoricalClusterMembership", "+", "Thêm Huyện Bình Gia vào cụm, khối", []),
        ("HistoricalClusterMembership", "+", None, []),
        ("HistoricalCluster", "+", None, []),
    ]


def test_cluster_history_query_count_does_not_grow(alice, django_assert_num_queries):
    cluster = ClusterFactory()
    membership = services.add_member(cluster, unit=UnitFactory(), role="member", by=alice)
    services.set_member_role(membership, role="deputy", by=alice)
    services.save_cluster(cluster, by=alice)
    client, url = signed_in(alice), reverse("units:cluster_history", args=[cluster.pk])
    expected = query_count(client, url)
    for number in range(15):
        membership = services.add_member(cluster, unit=UnitFactory(), role="member", by=alice)
        services.set_member_role(membership, role="deputy", by=alice)
        cluster.description = f"Ghi chú {number}"
        services.save_cluster(cluster, by=alice)
    with django_assert_num_queries(expected):
        client.get(url)
    assert ClusterMembership.history.filter(cluster_id=cluster.pk).count() == 32
