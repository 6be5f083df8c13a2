from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Generated report files, reminder and subscription e-mails (templates only; no models)."""

    name = "opfolgning.delivery"
    label = "delivery"
    verbose_name = _("Levering")

    def ready(self) -> None:
        # The subscribers are mailed when a round is published (agreements.signals).
        from . import subscriptions  # noqa: F401
