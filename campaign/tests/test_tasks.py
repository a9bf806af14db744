import pytest
from django.core import mail

from campaign import services
from campaign.models import CampaignStatus
from campaign.tasks import notify_campaign_launched
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
