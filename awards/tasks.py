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
from django.utils.translation import gettext as _

from .services import dossiers

TRANSIENT = (OSError, OperationalError, InterfaceError)
JOB = {"bind": True, "acks_late": True, "reject_on_worker_lost": True, "max_retries": 5}


def _backoff(retries):
    return min(settings.PORTAL_DOSSIER_RETRY_SECONDS * 2 ** retries, 600)


def _retry(task, dossier_id, exc, countdown):
    """Retry later; past the last retry, fail the dossier with the reason."""
    if task.request.is_eager or task.request.retries >= task.max_retries:
        reason = (_("Tiến trình nền dừng giữa chừng nhiều lần khi lập hồ sơ; hãy lập lại.")
                  if isinstance(exc, dossiers.ClaimHeld) else dossiers.failure_reason(exc))
        dossiers.fail_dossier(dossier_id, reason)
        return None
    raise task.retry(exc=exc, countdown=countdown) from exc


def _run(task, dossier_id, step):
    """Run ``step``. A claim another job still holds (a redelivered message, a killed worker's part) is tried
    again when its lease runs out; a transient error is retried with back-off; any other error fails the dossier
    with its reason in Vietnamese."""
    try:
        return step()
    except dossiers.ClaimHeld as exc:
        return _retry(task, dossier_id, exc, exc.seconds)
    except FileNotFoundError as exc:
        dossiers.fail_dossier(dossier_id, dossiers.failure_reason(exc))
        return None
    except TRANSIENT as exc:
        return _retry(task, dossier_id, exc, _backoff(task.request.retries))
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


@shared_task(acks_late=True)
def sweep_dossiers():
    """Every few minutes (Celery beat): send again what a lost message or a dead worker left undone."""
    queued, parts, merges = dossiers.sweep()
    for dossier_id in queued:
        compile_dossier.delay(dossier_id)
    for part_id, dossier_id in parts:
        render_dossier_part.delay(part_id, dossier_id)
    for dossier_id in merges:
        merge_dossier.delay(dossier_id)
    return len(queued) + len(parts) + len(merges)
