"""Fixtures shared by the whole suite: the people of the permission tests and their signed-in clients.

alice is Sở Nội vụ staff; bob is an officer of unit_a; charlie is an officer of unit_b (another unit);
dora sits on the council; the anonymous visitor has no account.
"""

import threading
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.test import Client

from portal.celery import app
from portal.tests.factories import (
    ClusterFactory,
    CouncilMemberFactory,
    MembershipFactory,
    StaffFactory,
    UnitFactory,
    UserFactory,
)
from portal.tests.helpers import signed_in

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


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        conn.alias: conn._test_serialized_contents
        for conn in connections.all()
        if hasattr(conn, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        # While Playwright runs, its event loop counts as running in this thread, so Django hands out other,
        # context-local connection objects: give them the data serialized_rollback restores (the seeded rows),
        # or every test after a transactional one would start from an empty database.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page; on failure its screenshot is kept under test-artifacts/."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def forget_broker_connections():
    # Eager runs already made a producer pool for the configured broker: forget it, so the test broker is used.
    # (Not closed: kombu shares pools per broker URL across the process.)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def real_worker():
    """A Celery worker thread on the test broker (Redis in CI, memory:// otherwise); tasks are not run eagerly."""
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_TEST_BROKER_URL
    forget_broker_connections()
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=30):
            yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        forget_broker_connections()


@pytest.fixture
def finished_tasks():
    """Ids of the tasks the worker has finished, and a condition notified at each."""
    done = []
    condition = threading.Condition()

    def record(task_id=None, **kwargs):
        with condition:
            done.append(task_id)
            condition.notify_all()

    task_postrun.connect(record, weak=False)
    yield done, condition
    task_postrun.disconnect(record)
