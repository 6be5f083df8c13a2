from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, roles, memberships of centers and committees, permission rules and SSO."""

    name = "opfolgning.accounts"
    label = "accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        # The rules live in permissions.py (not rules.py), so register them explicitly.
        from . import permissions  # noqa: F401
        from .services import ensure_role_groups

        def _ensure_groups(**kwargs: object) -> None:
            ensure_role_groups()

        post_migrate.connect(_ensure_groups, sender=self, weak=False)
