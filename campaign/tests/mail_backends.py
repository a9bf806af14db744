"""E-mail backends standing in for the outside world in tests."""

import smtplib

from django.conf import settings
from django.core.mail.backends import locmem


class RefusingBackend(locmem.EmailBackend):
    """An SMTP server that refuses the addresses of settings.TEST_REFUSED_RECIPIENTS, one message at a time."""

    def send_messages(self, messages):
        sent = 0
        for message in messages:
            refused = set(message.recipients()) & set(getattr(settings, "TEST_REFUSED_RECIPIENTS", ()))
            if refused:
                raise smtplib.SMTPRecipientsRefused({address: (550, b"Mailbox unavailable") for address in refused})
            sent += super().send_messages([message])
        return sent
