"""Web middleware: the chosen language, one change set per request, and "not found" as the
404 page."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from opfolgning.agreements.audit import change_set
from opfolgning.followup.errors import NotFound


class ChosenLanguageMiddleware:
    """Activate the language from the switcher's cookie, else Danish (not Accept-Language)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


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
