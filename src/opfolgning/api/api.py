"""The NinjaAPI: routers, token auth, JSON errors and ETags (OpenAPI at /api/openapi.json)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.operation import Operation

from . import errors, public, rounds, statuses
from .auth import TokenAuth, is_anonymous
from .etag import conditional

DESCRIPTION = """\
Published follow-up of the budget agreements, for everyone; statuses of the open round for
holders of a personal API token (`Authorization: Bearer <token>`, made at /konto/api-noegler/).
Without a token you read published rounds only. See docs/api.md.
"""


class OpfolgningAPI(NinjaAPI):
    """NinjaAPI with ETags and Cache-Control on every successful read."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Name an operation after its view (``agreement_list``), not its module path.

        A generated client names its functions after these: ``agreement_list.sync(...)``.
        """
        return operation.view_func.__name__

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        """Render the response; a 200 GET gets its ETag and may become a 304."""
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method == "GET" and response.status_code == 200:
            return conditional(request, response, anonymous=is_anonymous(request))
        if response.status_code >= 400:
            response["Cache-Control"] = "no-store"
        return response


api = OpfolgningAPI(
    title="Opfolgning API",  # ASCII: client generators name their package after it
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
)
errors.install(api)
api.add_router("", public.router)
api.add_router("", rounds.router)
api.add_router("", statuses.router)
