"""What every page knows of the site: the municipality, its logo, its contact."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from opfolgning.accounts.permissions import can


def site(request: HttpRequest) -> dict[str, Any]:
    """Return the municipality's name, logo and contact for the header and the footer, and
    whether the menu offers the finance office's user and organisation administration."""
    user = getattr(request, "user", None)
    return {
        "municipality": settings.MUNICIPALITY_NAME,
        "municipality_logo": settings.MUNICIPALITY_LOGO_URL,
        "site_contact": settings.CONTACT_EMAIL,
        "nav_users": bool(user and user.is_authenticated and can(user, "accounts.manage_users")),
        "nav_board": bool(user and user.is_authenticated and can(user, "agreements.view_progress")),
        "nav_imports": bool(
            user and user.is_authenticated and can(user, "agreements.import_report")
        ),
        "nav_organisation": bool(
            user and user.is_authenticated and can(user, "agreements.manage_organisation")
        ),
    }
