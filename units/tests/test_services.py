import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.tests.factories import (
    ClusterFactory,
    MembershipFactory,
    StaffFactory,
    UnitFactory,
    UserFactory,
)
from units import services
from units.models import (
    Cluster,
    ClusterMembership,
    MemberRole,
    Role,
    Unit,
    UnitKind,
    User,
)
from units.rules import officer_unit_ids
from units.selectors import (
    cluster_with_members,
    lineage_memberships,
    predecessors_of,
    units_for_successor,
    units_visible_to,
)

MERGE_DAY = datetime.date(2025, 7, 1)


def errors_of(excinfo):
    return {field: [str(message) for message in messages] for field, messages in excinfo.value.message_dict.items()}


def last_history(obj):
    return obj.history.order_by("-history_id").first()


# --- Units --------------------------------------------------------------------------------------------------------


def test_save_unit_records_creation_by_its_author(alice):
    unit = services.save_unit(Unit(code="X1", name="Xã  Hoàng Đồng", kind=UnitKind.COMMUNE), by=alice)
    row = last_history(unit)
    assert (unit.name, row.history_type, row.history_user, row.history_change_reason) == (
        "Xã Hoàng Đồng", "+", alice, "Tạo đơn vị"
    )


def test_save_unit_turns_a_code_taken_meanwhile_into_a_form_error(alice, unit_a):
    # The form checked the code before another request took it: the database's constraint has the last word.
    with pytest.raises(ValidationError) as excinfo:
        services.save_unit(Unit(code="A01", name="Huyện Văn Quan mới", kind=UnitKind.DISTRICT), by=alice)
    assert errors_of(excinfo) == {"code": ["Mã đơn vị này đã được dùng cho đơn vị khác."]}
    assert list(Unit.objects.filter(code="A01").values_list("name", flat=True)) == ["Huyện Văn Quan"]


def test_deactivate_unit_keeps_the_row_and_records_the_reason(alice, unit_a):
    services.deactivate_unit(unit_a, by=alice, reason="Giải thể theo Nghị quyết 1656")
    unit_a.refresh_from_db()
    row = last_history(unit_a)
    assert unit_a.is_active is False
    assert (row.history_user, row.history_change_reason) == (alice, "Ngừng hoạt động: Giải thể theo Nghị quyết 1656")


def test_deactivate_unit_refuses_an_inactive_unit(alice):
    unit = UnitFactory(is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        services.deactivate_unit(unit, by=alice, reason="Lần hai")
    assert errors_of(excinfo) == {"reason": ["Đơn vị đã ngừng hoạt động."]}


def test_reactivate_unit_makes_it_active_again(alice):
    unit = UnitFactory(is_active=False)
    services.reactivate_unit(unit, by=alice, reason="Tái lập")
    unit.refresh_from_db()
    assert unit.is_active is True
    assert last_history(unit).history_change_reason == "Hoạt động trở lại: Tái lập"


def test_reactivate_unit_refuses_a_merged_unit(alice, unit_a, unit_b):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    with pytest.raises(ValidationError) as excinfo:
        services.reactivate_unit(unit_a, by=alice)
    assert errors_of(excinfo) == {"reason": ["Đơn vị đã sáp nhập vào đơn vị khác, không thể hoạt động trở lại."]}


def test_merge_unit_points_to_its_successor_and_becomes_inactive(alice, unit_a, unit_b):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice, reason="Nghị quyết 1656/NQ-UBTVQH15")
    unit_a.refresh_from_db()
    row = last_history(unit_a)
    assert (unit_a.merged_into, unit_a.merged_on, unit_a.is_active) == (unit_b, MERGE_DAY, False)
    assert (row.history_user, row.history_change_reason) == (alice, "Nghị quyết 1656/NQ-UBTVQH15")


def test_merge_unit_default_reason_names_the_successor(alice, unit_a, unit_b):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    assert last_history(unit_a).history_change_reason == "Sáp nhập vào Huyện Bình Gia"


def test_merge_unit_refuses_itself(alice, unit_a):
    with pytest.raises(ValidationError) as excinfo:
        services.merge_unit(unit_a, into=unit_a, on=MERGE_DAY, by=alice)
    assert errors_of(excinfo) == {"into": ["Không thể sáp nhập đơn vị vào chính nó."]}


def test_merge_unit_refuses_a_successor_merged_later(alice, unit_a, unit_b):
    province = UnitFactory(name="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE)
    services.merge_unit(unit_b, into=province, on=MERGE_DAY, by=alice)
    with pytest.raises(ValidationError) as excinfo:
        services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    assert errors_of(excinfo) == {
        "into": ["Huyện Bình Gia đã sáp nhập vào đơn vị khác: hãy chọn đơn vị kế thừa hiện nay."]
    }


def test_merge_unit_refuses_an_inactive_successor(alice, unit_a):
    closed = UnitFactory(name="Huyện Cũ", is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        services.merge_unit(unit_a, into=closed, on=MERGE_DAY, by=alice)
    assert errors_of(excinfo) == {"into": ["Huyện Cũ đã ngừng hoạt động."]}


def test_merge_errors_refuse_a_predecessor_of_the_unit(alice, unit_a, unit_b):
    services.merge_unit(unit_b, into=unit_a, on=MERGE_DAY, by=alice)
    # As if unit_b were active again (in memory only): the lineage in the database still forbids the cycle.
    unit_b.merged_into, unit_b.is_active = None, True
    assert services.merge_errors(unit_a, into=unit_b, on=MERGE_DAY) == {
        "into": "Huyện Bình Gia đã sáp nhập vào đơn vị này, không thể sáp nhập ngược lại."
    }


def test_merge_unit_refuses_a_date_in_the_future(alice, unit_a, unit_b):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.merge_unit(unit_a, into=unit_b, on=tomorrow, by=alice)
    assert errors_of(excinfo) == {"on": ["Ngày sáp nhập không được sau ngày hôm nay."]}


def test_merge_unit_refuses_a_unit_already_merged(alice, unit_a, unit_b):
    other = UnitFactory(name="Huyện Khác")
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    with pytest.raises(ValidationError) as excinfo:
        services.merge_unit(unit_a, into=other, on=MERGE_DAY, by=alice)
    assert errors_of(excinfo) == {"into": ["Đơn vị này đã sáp nhập vào Huyện Bình Gia."]}


def test_merge_keeps_history_visible_under_the_successor(alice, unit_a, unit_b, cluster_a):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    assert set(units_for_successor(unit_b)) == {unit_a, unit_b}
    assert list(predecessors_of(unit_b)) == [unit_a]
    assert [(m.cluster, m.unit, m.role) for m in lineage_memberships(unit_b)] == [(cluster_a, unit_a, "leader")]


def test_merge_follows_a_chain_of_merges(alice, unit_a, unit_b):
    province = UnitFactory(name="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE)
    services.merge_unit(unit_a, into=unit_b, on=datetime.date(2020, 1, 1), by=alice)
    services.merge_unit(unit_b, into=province, on=MERGE_DAY, by=alice)
    assert list(predecessors_of(province)) == [unit_a, unit_b]


def test_merge_lets_officers_of_the_successor_see_the_merged_unit(alice, unit_a, unit_b, bob, charlie):
    services.merge_unit(unit_a, into=unit_b, on=MERGE_DAY, by=alice)
    assert officer_unit_ids(charlie) == {unit_a.pk, unit_b.pk}
    assert list(units_visible_to(bob)) == [unit_a]


# --- Clusters -----------------------------------------------------------------------------------------------------


def test_save_cluster_turns_a_name_taken_meanwhile_into_a_form_error(alice, cluster_a):
    twin = Cluster(name="Cụm thi đua các huyện nội địa", kind="cum", scope="provincial", year=2019)
    with pytest.raises(ValidationError) as excinfo:
        services.save_cluster(twin, by=alice)
    assert errors_of(excinfo) == {"name": ["Năm 2019 đã có cụm, khối cùng tên."]}
    assert Cluster.objects.filter(name="Cụm thi đua các huyện nội địa").count() == 1


def test_add_member_adds_the_unit_with_its_role(alice, cluster_a, unit_b):
    membership = services.add_member(cluster_a, unit=unit_b, role=MemberRole.DEPUTY, by=alice)
    row = last_history(membership)
    assert (membership.cluster, membership.unit, membership.role) == (cluster_a, unit_b, "deputy")
    assert (row.history_user, row.history_change_reason) == (alice, "Thêm Huyện Bình Gia vào cụm, khối")


def test_add_member_refuses_a_second_leader(alice, cluster_a, unit_b):
    with pytest.raises(ValidationError) as excinfo:
        services.add_member(cluster_a, unit=unit_b, role=MemberRole.LEADER, by=alice)
    assert errors_of(excinfo) == {"role": ["Cụm, khối đã có cụm trưởng."]}
    assert cluster_a.memberships.count() == 1


def test_add_member_refuses_a_unit_already_in_the_cluster(alice, cluster_a, unit_a):
    with pytest.raises(ValidationError) as excinfo:
        services.add_member(cluster_a, unit=unit_a, role=MemberRole.MEMBER, by=alice)
    assert errors_of(excinfo) == {"unit": ["Huyện Văn Quan đã là thành viên của cụm, khối này."]}


def test_add_member_refuses_an_inactive_unit(alice, cluster_a):
    closed = UnitFactory(name="Huyện Cũ", is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        services.add_member(cluster_a, unit=closed, role=MemberRole.MEMBER, by=alice)
    assert errors_of(excinfo) == {"unit": ["Huyện Cũ đã ngừng hoạt động."]}


def test_set_member_role_refuses_a_second_leader(alice, cluster_a, unit_b):
    membership = MembershipFactory(cluster=cluster_a, unit=unit_b)
    with pytest.raises(ValidationError) as excinfo:
        services.set_member_role(membership, role=MemberRole.LEADER, by=alice)
    assert errors_of(excinfo) == {"role": ["Cụm, khối đã có cụm trưởng."]}
    membership.refresh_from_db()
    assert membership.role == "member"


def test_set_member_role_hands_over_the_lead(alice, cluster_a, unit_a, unit_b):
    membership = MembershipFactory(cluster=cluster_a, unit=unit_b)
    services.set_member_role(cluster_a.memberships.get(unit=unit_a), role=MemberRole.DEPUTY, by=alice)
    services.set_member_role(membership, role=MemberRole.LEADER, by=alice)
    roles = dict(cluster_a.memberships.values_list("unit__name", "role"))
    assert roles == {"Huyện Văn Quan": "deputy", "Huyện Bình Gia": "leader"}
    assert last_history(membership).history_change_reason == (
        "Đổi vai trò của Huyện Bình Gia: Thành viên → Cụm trưởng, khối trưởng"
    )


def test_set_member_role_keeps_the_leader_a_leader(alice, cluster_a, unit_a):
    membership = cluster_a.memberships.get(unit=unit_a)
    services.set_member_role(membership, role=MemberRole.LEADER, by=alice)
    assert cluster_a.memberships.get(unit=unit_a).role == "leader"


def test_remove_member_deletes_it_and_keeps_the_history(alice, cluster_a, unit_a):
    membership = cluster_a.memberships.get(unit=unit_a)
    services.remove_member(membership, by=alice)
    row = ClusterMembership.history.filter(cluster_id=cluster_a.pk).order_by("-history_id").first()
    assert cluster_a.memberships.count() == 0
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "-", alice, "Rút Huyện Văn Quan khỏi cụm, khối"
    )


def test_copy_cluster_copies_active_members_with_their_roles(alice, cluster_a, unit_b):
    MembershipFactory(cluster=cluster_a, unit=unit_b, role=MemberRole.DEPUTY)
    MembershipFactory(cluster=cluster_a, unit=UnitFactory(is_active=False))
    copy = services.copy_cluster(cluster_a, year=2020, by=alice)
    copied = cluster_with_members(Cluster.objects.filter(pk=copy.pk)).get()
    members = [(m.unit.name, m.role) for m in copied.memberships.all()]
    assert (copy.name, copy.kind, copy.scope, copy.year) == (cluster_a.name, "cum", "provincial", 2020)
    assert members == [("Huyện Văn Quan", "leader"), ("Huyện Bình Gia", "deputy")]
    assert cluster_a.memberships.count() == 3


def test_copy_cluster_refuses_a_year_that_has_the_same_name(alice, cluster_a):
    ClusterFactory(name=cluster_a.name, year=2020)
    with pytest.raises(ValidationError) as excinfo:
        services.copy_cluster(cluster_a, year=2020, by=alice)
    assert errors_of(excinfo) == {"year": ["Năm 2020 đã có cụm, khối cùng tên."]}


def test_cluster_with_members_orders_leader_deputy_then_members_by_name(alice, cluster_a):
    for name, role in [("Huyện Đình Lập", "member"), ("Huyện Bắc Sơn", "member"), ("Thành phố Lạng Sơn", "deputy"),
                       ("Huyện Bình Gia", "member")]:
        MembershipFactory(cluster=cluster_a, unit=UnitFactory(name=name), role=role)
    cluster = cluster_with_members(Cluster.objects.filter(pk=cluster_a.pk))[0]
    assert [m.unit.name for m in cluster.memberships.all()] == [
        "Huyện Văn Quan", "Thành phố Lạng Sơn", "Huyện Bắc Sơn", "Huyện Bình Gia", "Huyện Đình Lập"
    ]


# --- Accounts -----------------------------------------------------------------------------------------------------


def create(by, **kwargs):
    fields = {"username": "nhung", "password": "Mat-khau-rat-dai-2019", "full_name": "Hoàng Thị Nhung",
              "email": "nhung@example.vn", "phone": "", "position": "Chuyên viên"}
    return services.create_user(by=by, **{**fields, **kwargs})


def test_create_user_gives_staff_the_django_admin(alice):
    user = create(alice, role=Role.STAFF)
    assert (user.role, user.is_staff, user.check_password("Mat-khau-rat-dai-2019")) == ("staff", True, True)
    assert last_history(user).history_user == alice


def test_create_user_binds_an_officer_to_units_without_admin(alice, unit_a, unit_b):
    user = create(alice, role=Role.OFFICER, units=[unit_a, unit_b])
    assert (user.is_staff, set(user.units.all())) == (False, {unit_a, unit_b})


def test_create_user_refuses_an_officer_without_unit(alice):
    with pytest.raises(ValidationError) as excinfo:
        create(alice, role=Role.OFFICER, units=[])
    assert errors_of(excinfo) == {"units": ["Cán bộ đơn vị phải phụ trách ít nhất một đơn vị."]}


def test_create_user_drops_units_of_a_council_member(alice, unit_a):
    user = create(alice, role=Role.COUNCIL, units=[unit_a])
    assert (user.is_staff, list(user.units.all())) == (False, [])


def test_create_user_turns_a_username_taken_meanwhile_into_a_form_error(alice, bob):
    with pytest.raises(ValidationError) as excinfo:
        create(alice, username="bob", role=Role.COUNCIL)
    assert errors_of(excinfo) == {"username": ["Tên đăng nhập đã được sử dụng."]}
    assert list(User.objects.filter(username="bob").values_list("full_name", flat=True)) == ["Lương Văn Bob"]


def test_update_user_turns_a_username_taken_meanwhile_into_a_form_error(alice, bob, charlie, unit_b):
    with pytest.raises(ValidationError) as excinfo:
        services.update_user(charlie, by=alice, username="bob", units=[unit_b])
    assert errors_of(excinfo) == {"username": ["Tên đăng nhập đã được sử dụng."]}
    assert sorted(User.objects.values_list("username", flat=True)) == ["alice", "bob", "charlie"]


def test_update_user_takes_the_admin_from_a_former_staff_member(alice, unit_a):
    former = StaffFactory()
    services.update_user(former, by=alice, role=Role.OFFICER, units=[unit_a])
    former.refresh_from_db()
    assert (former.role, former.is_staff, list(former.units.all())) == ("officer", False, [unit_a])


def test_set_user_password_changes_the_password(alice, bob):
    services.set_user_password(bob, password="Mot-mat-khau-moi-2025", by=alice)
    bob.refresh_from_db()
    assert bob.check_password("Mot-mat-khau-moi-2025") is True
    assert last_history(bob).history_change_reason == "Đặt lại mật khẩu"


def test_deactivate_user_locks_the_account(alice, bob):
    services.deactivate_user(bob, by=alice)
    bob.refresh_from_db()
    assert bob.is_active is False
    services.reactivate_user(bob, by=alice)
    bob.refresh_from_db()
    assert bob.is_active is True


def test_deactivate_user_refuses_to_lock_oneself(alice):
    with pytest.raises(ValidationError) as excinfo:
        services.deactivate_user(alice, by=alice)
    assert excinfo.value.messages == ["Không thể khóa tài khoản của chính mình."]
    alice.refresh_from_db()
    assert alice.is_active is True


def test_user_save_keeps_is_staff_for_the_staff_role_only(db):
    officer = UserFactory(is_staff=True)
    superuser = UserFactory(is_superuser=True)
    assert (officer.is_staff, superuser.is_staff) == (False, True)


def test_a_long_reason_is_kept_whole_in_the_history(alice, cluster_a):
    long_name = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn và các khu công nghiệp tỉnh Lạng Sơn"
    membership = services.add_member(cluster_a, unit=UnitFactory(name=long_name), role=MemberRole.MEMBER, by=alice)
    services.set_member_role(membership, role=MemberRole.DEPUTY, by=alice)
    reason = last_history(membership).history_change_reason
    assert reason == f"Đổi vai trò của {long_name}: Thành viên → Cụm phó, khối phó"
