"""Background jobs of dossiers: thin, they take ids and call services.dossiers. Compiling is three kinds of job:
plan (once per dossier), a part (several at once, on any worker), the merge (once, queued by the last part).

Time limits come from the settings (CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < the broker's visibility
timeout, checked by awards.checks): a message is never handed to a second worker while the first may still run it.
Transient errors (storage or database unreachable) are retried with exponential back-off; any other error, or the
last retry, marks the dossier failed with its reason in Vietnamese."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .services import dossiers

TRANSIENT = (OSError, OperationalError, InterfaceError)
JOB = {"bind": True, "acks_late": True, "reject_on_worker_lost": True, "max_retries": 5}


def _backoff(retries):
    return min(settings.PORTAL_DOSSIER_RETRY_SECONDS * 2 ** retries, 600)


def _run(task, dossier_id, step):
    """Run ``step``; retry a transient error with back-off; fail the dossier with the reason otherwise."""
    try:
        return step()
    except TRANSIENT as exc:
        if task.request.retries >= task.max_retries or task.request.is_eager:
            dossiers.fail_dossier(dossier_id, dossiers.failure_reason(exc))
            return None
        raise task.retry(exc=exc, countdown=_backoff(task.request.retries)) from exc
    except (SoftTimeLimitExceeded, Exception) as exc:
        dossiers.fail_dossier(dossier_id, dossiers.failure_reason(exc))
        return None


def _dispatch(dossier_id, part_ids):
    for part_id in part_ids:
        render_dossier_part.delay(part_id, dossier_id)
    if not part_ids and dossiers.merge_due(dossier_id):
        merge_dossier.delay(dossier_id)


@shared_task(**JOB)
def compile_dossier(self, dossier_id):
    """Plan the dossier (once) and send a job per part still to render; run again, it sends what is unfinished."""
    part_ids = _run(self, dossier_id, lambda: dossiers.plan_dossier(dossier_id))
    if part_ids is not None:
        _dispatch(dossier_id, part_ids)


@shared_task(**JOB)
def render_dossier_part(self, part_id, dossier_id):
    """Render one part; the one that finishes the last part sends the merge."""
    if _run(self, dossier_id, lambda: dossiers.render_part(part_id)):
        merge_dossier.delay(dossier_id)


@shared_task(**JOB)
def merge_dossier(self, dossier_id):
    _run(self, dossier_id, lambda: dossiers.merge_dossier(dossier_id))
