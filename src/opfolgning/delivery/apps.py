from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Report files; reminder, return and subscription e-mails (templates only; no models)."""

    name = "opfolgning.delivery"
    label = "delivery"
    verbose_name = _("Levering")

    def ready(self) -> None:
        # The subscribers are mailed when a round is published, a center's editors when
        # one of its statuses is sent back (agreements.signals).
        from . import returns, subscriptions  # noqa: F401
