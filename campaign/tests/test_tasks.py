import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core import mail

from campaign import services
from campaign.models import CampaignStatus
from campaign.tasks import notify_campaign_launched
from portal.celery import app
from portal.tests.factories import CampaignFactory, TaskFactory, UnitFactory, UserFactory


@pytest.mark.django_db
def test_notify_campaign_launched_runs_in_process_by_default(cluster_a, bob, alice, django_capture_on_commit_callbacks):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    TaskFactory(campaign=campaign)
    campaign.clusters.add(cluster_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_campaign(campaign, by=alice)
    notify_campaign_launched.delay(campaign.pk)
    assert [message.to for message in mail.outbox] == [[bob.email]]


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


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notify_campaign_launched_through_a_real_worker_sends_once(cluster_a, bob, real_worker, finished_tasks):
    colleague = UserFactory(units=[bob.units.get()])
    UserFactory(units=[UnitFactory()])  # an officer outside the participating clusters
    campaign = CampaignFactory(status=CampaignStatus.LAUNCHED)
    campaign.clusters.add(cluster_a)
    done, condition = finished_tasks
    sent = {notify_campaign_launched.delay(campaign.pk).id for _ in range(2)}
    with condition:
        assert condition.wait_for(lambda: sent <= set(done), timeout=30)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([bob.email, colleague.email])
    campaign.refresh_from_db()
    assert campaign.launch_notified_at is not None
