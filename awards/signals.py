"""Receivers for changes made outside this app: ``units`` knows nothing of awards, so a renamed unit reaches the
keys that register records and nominations copy from it through ``post_save``."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from units.models import Unit

from .models import Dossier, DossierPart
from .services.recipients import refresh_recipient_keys


@receiver(post_save, sender=Unit, dispatch_uid="awards_refresh_unit_keys")
def refresh_keys_of_renamed_unit(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if created or raw or (update_fields is not None and "name" not in update_fields):
        return
    refresh_recipient_keys(instance)


@receiver(post_delete, sender=Dossier, dispatch_uid="awards_delete_dossier_files")
@receiver(post_delete, sender=DossierPart, dispatch_uid="awards_delete_dossier_part_files")
def delete_stored_files(sender, instance, **kwargs):
    """A deleted dossier (its session or batch deleted) takes its stored files with it, after the commit."""
    names = [field.name for field in (getattr(instance, "file", None), getattr(instance, "zip_file", None))
             if field and field.name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
