"""Telling people: a notice in the portal and an e-mail through the outbox, written in one place.

``notify`` writes the notices and queues the e-mails in the caller's transaction; after the commit a job sends what
is queued (``send_outbox``). Each queued e-mail is claimed with a conditional UPDATE before it is sent, so a retry
or a second worker never sends it twice; one that cannot be sent stays in the outbox with its error, for staff.
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import EmailStatus, Notification, OutboxEmail

MAX_ATTEMPTS = 5


def absolute(url):
    return f"{settings.PORTAL_BASE_URL}{url}" if url.startswith("/") else url


def notify(users, *, kind, text, url="", subject="", body="", key=None, email=True):
    """A notice for each of ``users`` (inactive accounts skipped) and, with ``email``, an e-mail to each who has an
    address. ``key`` (with the user's id appended) makes the e-mail go once however often this is called; the notice
    is then written only with the e-mail. Returns the notices written."""
    notices, queued = [], False
    body = body or (f"{text}\n\n{absolute(url)}" if url else text)
    for user in users:
        if not user.is_active:
            continue
        user_key = f"{key}:{user.pk}" if key else None
        if email and user.email:
            if not _queue(user, kind=kind, subject=subject or text, key=user_key, body=body):
                continue
            queued = True
        elif user_key and Notification.objects.filter(user=user, kind=kind, url=url, text=text).exists():
            continue
        notices.append(Notification(user=user, kind=kind, text=text[:500], url=url))
    Notification.objects.bulk_create(notices)
    if queued:
        from .tasks import send_outbox

        transaction.on_commit(partial(send_outbox.delay))
    return notices


def _queue(user, *, kind, subject, body, key):
    """Queue one e-mail; False when ``key`` was queued before."""
    try:
        with transaction.atomic():
            OutboxEmail.objects.create(key=key, to=user.email, user=user, subject=subject[:255], body=body, kind=kind)
    except IntegrityError:
        return False
    return True


def send_outbox(limit=200):
    """Send the queued e-mails (oldest first), each claimed before it is sent. Returns how many were sent."""
    sent = 0
    ids = list(OutboxEmail.objects.filter(status=EmailStatus.QUEUED, attempts__lt=MAX_ATTEMPTS)
               .order_by("created_at", "id").values_list("pk", flat=True)[:limit])
    with get_connection() as connection:
        for pk in ids:
            sent += _send_one(pk, connection)
    return sent


def _send_one(pk, connection):
    claimed = OutboxEmail.objects.filter(pk=pk, status=EmailStatus.QUEUED).update(
        status=EmailStatus.SENT, attempts=F("attempts") + 1, sent_at=timezone.now())
    if not claimed:
        return 0
    message = OutboxEmail.objects.get(pk=pk)
    try:
        connection.send_messages([EmailMessage(message.subject, message.body, to=[message.to])])
    except OSError as exc:
        status = EmailStatus.FAILED if message.attempts >= MAX_ATTEMPTS else EmailStatus.QUEUED
        OutboxEmail.objects.filter(pk=pk).update(status=status, sent_at=None, error=str(exc)[:1000])
        return 0
    return 1


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True)


def mark_read(user, ids=None):
    """Mark the user's notices read (those of ``ids``, or all); returns how many."""
    notices = unread(user)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return notices.update(read_at=timezone.now())
