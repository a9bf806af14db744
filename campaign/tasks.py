"""Background jobs of campaigns: thin, they take ids and call a service."""

from celery import shared_task

from . import services
from .tasks_scoring import recompute_campaign  # noqa: F401  (autodiscovery imports only this module)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def notify_campaign_launched(campaign_id):
    """E-mail the officers of the participating units that the campaign was launched (once, however often run)."""
    return services.notify_campaign_launched(campaign_id)
