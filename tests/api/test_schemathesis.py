"""Property tests of the whole API against its own OpenAPI schema (schemathesis).

Every operation gets a bounded number of generated requests, sent through the WSGI app with
a finance officer's token, and again without one, on the published seed (round 4 open): no
server error, every status documented, every body as the schema says.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def _keep_connection():
    """Keep the test's database connection (and transaction) open across WSGI requests.

    Django closes connections at the end of every request; the test client turns that off,
    a bare WSGI call does not, and PostgreSQL would lose the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, api_world, _keep_connection):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {api_world.officer_token}"}, checks=CHECKS
    )


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema_for_citizens(case, api_world, _keep_connection):
    """The same checks without a token: public reads, and 401 for what needs one."""
    headers = dict(case.headers or {})
    headers.pop("Authorization", None)
    case.headers = headers
    case.call_and_validate(headers=headers, checks=CHECKS)
