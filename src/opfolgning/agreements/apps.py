from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """Agreements, initiatives, rounds, milestones and economy."""

    name = "opfolgning.agreements"
    label = "agreements"
    verbose_name = _("Budgetaftaler")

    def ready(self) -> None:
        # Connects the receiver that marks each history row with its change set.
        from . import audit  # noqa: F401
