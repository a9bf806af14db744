"""System checks of the job settings the dossiers rely on."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def job_time_limits(app_configs, **kwargs):
    """A job must be stopped before the broker hands its message to another worker: soft limit < hard limit <
    visibility timeout (Redis redelivers an unacknowledged message after it)."""
    soft, hard = settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    if soft < hard < visibility:
        return []
    return [Error(f"CELERY_TASK_SOFT_TIME_LIMIT ({soft}) < CELERY_TASK_TIME_LIMIT ({hard}) < visibility_timeout "
                  f"({visibility}) must hold.", id="awards.E001")]
