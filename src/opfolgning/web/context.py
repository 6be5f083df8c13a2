"""What every page knows of the site: the municipality, its logo, its contact."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Return the municipality's name, logo and contact for the header and the footer."""
    return {
        "municipality": settings.MUNICIPALITY_NAME,
        "municipality_logo": settings.MUNICIPALITY_LOGO_URL,
        "site_contact": settings.CONTACT_EMAIL,
    }
