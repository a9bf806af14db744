"""Background jobs of campaigns: thin, they take ids and call a service."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import services
from .services import reminders
from .tasks_scoring import recompute_campaign  # noqa: F401  (autodiscovery imports only this module)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def notify_campaign_launched(campaign_id):
    """E-mail the officers of the participating units that the campaign was launched (once, however often run)."""
    return services.notify_campaign_launched(campaign_id)


@shared_task(acks_late=True)
def send_deadline_reminders(day=None):
    """Daily (Celery beat): remind the units that are late or near a phase's deadline; ``day`` (ISO date) reruns a
    past day. Once per unit, phase and day however often it runs. Returns how many units were reminded."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return len(reminders.send_reminders(today=today))
