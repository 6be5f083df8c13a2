"""The header's language switch: Django's `set_language`, and for a signed-in user the
choice is also stored on their profile, so it comes back when they sign in again
(web.middleware.ChosenLanguageMiddleware) and their e-mails are written in it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language

from opfolgning.accounts import services as account_services

from .middleware import remember_language


def language_set(request: HttpRequest) -> HttpResponse:
    """Set the language cookie (Django's view); a signed-in user's profile keeps the choice."""
    response = set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    known = {code for code, _name in settings.LANGUAGES}
    if language in known and request.user.is_authenticated:
        account_services.profile_language_set(
            actor=request.user, user=request.user, language=language
        )
        remember_language(request, language)
    return response
