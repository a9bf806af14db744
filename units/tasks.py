"""Background jobs of notices: sending the e-mail outbox (thin: the work is in units.notify)."""

from celery import shared_task

from . import notify


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_outbox():
    """Send what the outbox holds queued; claimed one by one, so two runs at once never send a message twice."""
    return notify.send_outbox()
