from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Generated report files and reminder e-mails (templates only; no models)."""

    name = "opfolgning.delivery"
    label = "delivery"
    verbose_name = _("Levering")
