from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Đơn vị, cụm khối và tài khoản")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save
        from simple_history.signals import post_create_historical_record

        from . import activity
        from .models import Unit, User

        post_create_historical_record.connect(activity.write_activity, dispatch_uid="units.activity")
        post_delete.connect(activity.forget_deleted_unit, sender=Unit, dispatch_uid="units.activity.unit")
        pre_save.connect(activity.skip_sign_in_history, sender=User, dispatch_uid="units.activity.sign_in")
        post_save.connect(activity.end_skip_sign_in_history, sender=User, dispatch_uid="units.activity.sign_in_end")
