"""Web middleware: the chosen language (restored on sign-in), one change set per request,
"not found" as the 404 page, and no caching of what a signed-in user sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from opfolgning.accounts.selectors import language_of
from opfolgning.agreements.audit import change_set
from opfolgning.followup.errors import NotFound

# Set on the request by a sign-in (`restore_language`): the language stored on the user's
# profile, which ChosenLanguageMiddleware puts in the language cookie of the response.
_SIGNED_IN_LANGUAGE = "_opfolgning_signed_in_language"
# The signed-in user's language in their session too: the cookie lasts as long as the
# browser is open, the session longer (SESSION_COOKIE_AGE), and is flushed at sign-out.
SESSION_LANGUAGE = "opfolgning_language"


def remember_language(request: HttpRequest, language: str) -> None:
    """Keep a signed-in user's language in their session, for when the cookie is gone."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_LANGUAGE] = language


def restore_language(
    sender: object, request: HttpRequest | None, user: Any, **kwargs: object
) -> None:
    """On sign-in (django.contrib.auth's user_logged_in): bring back the user's language."""
    if request is not None:
        language = language_of(user)
        if language:
            setattr(request, _SIGNED_IN_LANGUAGE, language)
            remember_language(request, language)


class ChosenLanguageMiddleware:
    """Activate the language from the switcher's cookie, else Danish (not Accept-Language).

    A signed-in user's choice is also stored on their profile (web.language_views); when
    they sign in, in any browser, the response sets the cookie to it (`restore_language`),
    and while they stay signed in their session keeps it should the cookie be gone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        restored = ""
        if chosen not in self.known:
            # No query for a visitor without a session; a signed-in user's session is
            # loaded once per request anyway (the sign-in reads the same cached copy).
            session = getattr(request, "session", None)
            restored = session.get(SESSION_LANGUAGE, "") if session is not None else ""
        language = next((c for c in (chosen, restored) if c in self.known), settings.LANGUAGE_CODE)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        restored = getattr(request, _SIGNED_IN_LANGUAGE, "") or restored
        if restored in self.known and restored != chosen:
            _set_language_cookie(response, restored)
        response.headers.setdefault("Content-Language", language)
        return response


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    """Set the language cookie as Django's set_language view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class ChangeSetMiddleware:
    """Make every write of one request one change set (agreements/audit.py).

    A click that saves a status and submits it, or saves the status and the economy
    figures, runs several services; in the history they are one save, so the initiative's
    timeline shows one entry for it. (A read writes nothing, so its change set stays unused.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with change_set():
            return self.get_response(request)


class NotFoundMiddleware:
    """Answer 404 when a view asks for something that does not exist.

    Selectors raise `NotFound` (an agreement, round, committee or initiative asked for by its
    URL); this is the one place where the pages turn it into Django's 404 page, so views
    call the selectors without wrapping each call. (The API has its own handler, api.errors.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotFound):
            raise Http404(str(exception)) from exception


PRIVATE_CACHE_CONTROL = "private, no-store"


class PrivateCacheMiddleware:
    """Keep what a signed-in user (or an API token's holder) sees out of every cache.

    A signed-in page, a draft download or an API answer for a token may hold what the
    public must not read; `Cache-Control: private, no-store` keeps shared caches (a proxy)
    and the browser's back-forward store from keeping it after sign-out. What anonymous
    readers get keeps the caching its view gives it (static files are served before this).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            response.headers.pop("Expires", None)
        return response
