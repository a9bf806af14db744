"""Background jobs of evaluation: thin, they take ids and call a service."""

from celery import shared_task

from .services import ranking


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def recompute_campaign(campaign_id):
    """Recompute every total and every cluster's ranking of the campaign (idempotent: a second run changes
    nothing)."""
    return ranking.recompute_campaign(campaign_id)
