"""Receivers for changes made outside this app: ``units`` knows nothing of awards, so a renamed unit reaches the
keys that register records and nominations copy from it through ``post_save``."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from units.models import Unit

from .services.recipients import refresh_recipient_keys


@receiver(post_save, sender=Unit, dispatch_uid="awards_refresh_unit_keys")
def refresh_keys_of_renamed_unit(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if created or raw or (update_fields is not None and "name" not in update_fields):
        return
    refresh_recipient_keys(instance)
