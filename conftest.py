"""Fixtures shared by the whole suite: the people of the permission tests and their signed-in clients.

alice is Sở Nội vụ staff; bob is an officer of unit_a; charlie is an officer of unit_b (another unit);
dora sits on the council; the anonymous visitor has no account.
"""

import pytest
from django.test import Client

from portal.tests.factories import (
    ClusterFactory,
    CouncilMemberFactory,
    MembershipFactory,
    StaffFactory,
    UnitFactory,
    UserFactory,
)

pytest_plugins = ("celery.contrib.pytest",)


@pytest.fixture
def unit_a(db):
    return UnitFactory(code="A01", name="Huyện Văn Quan")


@pytest.fixture
def unit_b(db):
    return UnitFactory(code="B01", name="Huyện Bình Gia")


@pytest.fixture
def cluster_a(unit_a):
    cluster = ClusterFactory(name="Cụm thi đua các huyện nội địa")
    MembershipFactory(cluster=cluster, unit=unit_a, role="leader")
    return cluster


@pytest.fixture
def alice(db):
    return StaffFactory(username="alice", full_name="Hoàng Thị Alice")


@pytest.fixture
def bob(unit_a):
    return UserFactory(username="bob", full_name="Lương Văn Bob", units=[unit_a])


@pytest.fixture
def charlie(unit_b):
    return UserFactory(username="charlie", full_name="Vi Văn Charlie", units=[unit_b])


@pytest.fixture
def dora(db):
    return CouncilMemberFactory(user__username="dora", user__full_name="Lý Thị Dora").user


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def role_clients(alice, bob, charlie, dora):
    """A client per role: staff, the owning officer, an officer of another unit, a council member, anonymous."""
    return {
        "staff": signed_in(alice),
        "officer": signed_in(bob),
        "other_officer": signed_in(charlie),
        "council": signed_in(dora),
        "anonymous": Client(),
    }
