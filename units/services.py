"""Writes of units, clusters and accounts.

Every function records who did it and why in the object's simple-history row (``_history_user``,
``_change_reason``). Guards raise ``ValidationError`` with a message per form field, so a form can show it beside
the field that caused it.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Cluster, ClusterMembership, MemberRole, Role, User
from .selectors import with_predecessor_ids


def _record(obj, *, by, reason):
    obj._history_user = by
    obj._change_reason = str(reason)


def _save(obj, *, by, reason, **kwargs):
    _record(obj, by=by, reason=reason)
    obj.save(**kwargs)
    return obj


def _save_unique(obj, *, by, reason, errors, **kwargs):
    """Saves in a savepoint, so that a row another request inserted after the form's check (a lost race on a unique
    constraint) becomes ``errors`` beside the form's fields, not a broken transaction and a 500."""
    try:
        with transaction.atomic():
            return _save(obj, by=by, reason=reason, **kwargs)
    except IntegrityError as exc:
        raise ValidationError(errors) from exc


# --- Units --------------------------------------------------------------------------------------------------------


def save_unit(unit, *, by, reason=""):
    """Creates or updates a unit from its form; the history row says which."""
    default = _("Sửa thông tin đơn vị") if unit.pk else _("Tạo đơn vị")
    errors = {"code": _("Mã đơn vị này đã được dùng cho đơn vị khác.")}
    return _save_unique(unit, by=by, reason=reason or default, errors=errors)


def deactivate_unit(unit, *, by, reason):
    """Marks the unit inactive; its rows, memberships and history stay."""
    if not unit.is_active:
        raise ValidationError({"reason": _("Đơn vị đã ngừng hoạt động.")})
    unit.is_active = False
    reason = _("Ngừng hoạt động: %(reason)s") % {"reason": reason}
    return _save(unit, by=by, reason=reason, update_fields=["is_active"])


def reactivate_unit(unit, *, by, reason=""):
    """Marks an inactive unit active again; a merged unit cannot come back (it lives on in its successor)."""
    if unit.merged_into_id:
        raise ValidationError({"reason": _("Đơn vị đã sáp nhập vào đơn vị khác, không thể hoạt động trở lại.")})
    if unit.is_active:
        raise ValidationError({"reason": _("Đơn vị đang hoạt động.")})
    unit.is_active = True
    reason = _("Hoạt động trở lại: %(reason)s") % {"reason": reason} if reason else _("Hoạt động trở lại")
    return _save(unit, by=by, reason=reason, update_fields=["is_active"])


def merge_errors(unit, *, into, on):
    """What forbids merging ``unit`` into ``into`` on ``on``, by form field; empty when the merge may go ahead."""
    errors = {}
    if unit.merged_into_id:
        errors["into"] = _("Đơn vị này đã sáp nhập vào %(name)s.") % {"name": unit.merged_into.name}
    elif into is not None and into.pk == unit.pk:
        errors["into"] = _("Không thể sáp nhập đơn vị vào chính nó.")
    elif into is not None and into.merged_into_id:
        errors["into"] = _("%(name)s đã sáp nhập vào đơn vị khác: hãy chọn đơn vị kế thừa hiện nay.") % {
            "name": into.name
        }
    elif into is not None and not into.is_active:
        errors["into"] = _("%(name)s đã ngừng hoạt động.") % {"name": into.name}
    elif into is not None and into.pk in with_predecessor_ids([unit.pk]):
        errors["into"] = _("%(name)s đã sáp nhập vào đơn vị này, không thể sáp nhập ngược lại.") % {
            "name": into.name
        }
    if on is not None and on > timezone.localdate():
        errors["on"] = _("Ngày sáp nhập không được sau ngày hôm nay.")
    return errors


def merge_unit(unit, *, into, on, by, reason=""):
    """Merges ``unit`` into ``into`` from ``on``: the unit becomes inactive and points to its successor.

    Nothing else moves: memberships, officers and everything the unit did stay on its own rows, and the successor's
    pages show them through ``units_for_successor``.
    """
    errors = merge_errors(unit, into=into, on=on)
    if errors:
        raise ValidationError(errors)
    unit.merged_into, unit.merged_on, unit.is_active = into, on, False
    default = _("Sáp nhập vào %(name)s") % {"name": into.name}
    return _save(unit, by=by, reason=reason or default, update_fields=["merged_into", "merged_on", "is_active"])


# --- Clusters -----------------------------------------------------------------------------------------------------


def save_cluster(cluster, *, by, reason=""):
    default = _("Sửa thông tin cụm, khối") if cluster.pk else _("Tạo cụm, khối")
    errors = {"name": _("Năm %(year)s đã có cụm, khối cùng tên.") % {"year": cluster.year}}
    return _save_unique(cluster, by=by, reason=reason or default, errors=errors)


def _leader_taken(cluster, *, excluding=None):
    leaders = cluster.memberships.filter(role=MemberRole.LEADER)
    if excluding is not None:
        leaders = leaders.exclude(pk=excluding.pk)
    return leaders.exists()


def _save_membership(membership, *, by, reason):
    errors = {"role": _("Cụm, khối đã có cụm trưởng hoặc đã có đơn vị này.")}
    return _save_unique(membership, by=by, reason=reason, errors=errors)


def add_member(cluster, *, unit, role, by):
    """Adds ``unit`` to ``cluster`` (of the cluster's year) with ``role``."""
    errors = {}
    if cluster.memberships.filter(unit=unit).exists():
        errors["unit"] = _("%(name)s đã là thành viên của cụm, khối này.") % {"name": unit.name}
    elif not unit.is_active:
        errors["unit"] = _("%(name)s đã ngừng hoạt động.") % {"name": unit.name}
    if role == MemberRole.LEADER and _leader_taken(cluster):
        errors["role"] = _("Cụm, khối đã có cụm trưởng.")
    if errors:
        raise ValidationError(errors)
    membership = ClusterMembership(cluster=cluster, unit=unit, role=role)
    reason = _("Thêm %(name)s vào cụm, khối") % {"name": unit.name}
    return _save_membership(membership, by=by, reason=reason)


def set_member_role(membership, *, role, by):
    """Changes the role of a member; there is at most one leader per cluster."""
    if role == MemberRole.LEADER and _leader_taken(membership.cluster, excluding=membership):
        raise ValidationError({"role": _("Cụm, khối đã có cụm trưởng.")})
    old = membership.get_role_display()
    membership.role = role
    reason = _("Đổi vai trò của %(name)s: %(old)s → %(new)s") % {
        "name": membership.unit.name, "old": old, "new": membership.get_role_display()
    }
    return _save_membership(membership, by=by, reason=reason)


def remove_member(membership, *, by):
    """Removes a unit from a cluster; the history keeps the membership row."""
    _record(membership, by=by, reason=_("Rút %(name)s khỏi cụm, khối") % {"name": membership.unit.name})
    membership.delete()


@transaction.atomic
def copy_cluster(cluster, *, year, by):
    """A new cluster like ``cluster`` for ``year``, with its active members in the same roles.

    Inactive and merged units are left out: they no longer take part.
    """
    errors = {"year": _("Năm %(year)s đã có cụm, khối cùng tên.") % {"year": year}}
    if Cluster.objects.filter(name=cluster.name, year=year).exists():
        raise ValidationError(errors)
    copy = Cluster(
        name=cluster.name, kind=cluster.kind, scope=cluster.scope, year=year, description=cluster.description
    )
    _save_unique(copy, by=by, reason=_("Sao chép từ %(cluster)s") % {"cluster": cluster}, errors=errors)
    reason = _("Sao chép từ %(cluster)s") % {"cluster": cluster}
    for membership in cluster.memberships.filter(unit__is_active=True).select_related("unit"):
        _save(ClusterMembership(cluster=copy, unit=membership.unit, role=membership.role), by=by, reason=reason)
    return copy


# --- Accounts -----------------------------------------------------------------------------------------------------


def _username_taken():
    return {"username": _("Tên đăng nhập đã được sử dụng.")}


def _check_units(role, units):
    if role == Role.OFFICER and not units:
        raise ValidationError({"units": _("Cán bộ đơn vị phải phụ trách ít nhất một đơn vị.")})


@transaction.atomic
def create_user(*, by, username, password, role, units=(), **profile):
    """Creates an account. Only Sở Nội vụ staff may use the Django admin (``User.save`` keeps is_staff in step)."""
    _check_units(role, units)
    user = User(username=username, role=role, **profile)
    user.set_password(password)
    _save_unique(user, by=by, reason=_("Tạo tài khoản"), errors=_username_taken())
    user.units.set(units if role == Role.OFFICER else [])
    return user


@transaction.atomic
def update_user(user, *, by, units=(), **fields):
    """Updates an account's profile, role and units; units only matter for officers."""
    _check_units(fields.get("role", user.role), units)
    for name, value in fields.items():
        setattr(user, name, value)
    _save_unique(user, by=by, reason=_("Sửa thông tin tài khoản"), errors=_username_taken())
    user.units.set(units if user.role == Role.OFFICER else [])
    return user


def set_user_password(user, *, password, by):
    """Sets a new password chosen by staff (validated by the form with Django's password validators)."""
    user.set_password(password)
    return _save(user, by=by, reason=_("Đặt lại mật khẩu"), update_fields=["password"])


def deactivate_user(user, *, by):
    """Locks an account out; a staff member cannot lock themselves out."""
    if user.pk == by.pk:
        raise ValidationError(_("Không thể khóa tài khoản của chính mình."))
    user.is_active = False
    return _save(user, by=by, reason=_("Khóa tài khoản"), update_fields=["is_active"])


def reactivate_user(user, *, by):
    user.is_active = True
    return _save(user, by=by, reason=_("Mở khóa tài khoản"), update_fields=["is_active"])
