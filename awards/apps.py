from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng và Hội đồng")

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks, connects the receivers)
