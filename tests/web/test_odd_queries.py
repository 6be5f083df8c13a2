"""No page answers 500 to an odd query value (issue 18): every GET page of the URL conf,
as the finance office and as a citizen, with every query parameter the views read set to
digits of other scripts, huge numbers, control characters, broken percent-encoding and
very long text."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.personas import login
from tests.test_permission_matrix import RULES, matrix  # noqa: F401 (the fixture)

# Every query parameter a view reads (request.GET in src/opfolgning/web).
PARAMETERS = (
    "version", "format", "tilstand", "ret", "slags", "side", "q", "udvalg", "indsats",
    "fra", "into", "center", "tema", "smiley", "oekonomi", "type", "sso", "next",
)  # fmt: skip
ODD_VALUES = {
    "superscript": quote("²"),
    "arabic-indic": quote("٣"),
    "negative": "-1",
    "huge": "9" * 30,
    "very-huge": "9" * 5000,  # more digits than int() reads by default
    "nul": "%00",
    "non-character": quote("\ufffe"),
    "bad-utf8": "%ff%fe",
    "markup": quote("'\"<script>"),
    "long": "x" * 5000,
}
GET_PAGES = sorted(name for name, rule in RULES.items() if rule.method == "get")


@pytest.mark.parametrize("persona", ["finance_officer", "citizen"])
@pytest.mark.parametrize("value", list(ODD_VALUES), ids=list(ODD_VALUES))
def test_no_page_answers_500_to_an_odd_query_value(value, persona, matrix, db, client):  # noqa: F811
    world, personas = matrix
    login(client, personas[persona])
    query = "&".join(f"{name}={ODD_VALUES[value]}" for name in PARAMETERS)
    failures = []
    for name in GET_PAGES:
        url = reverse(name, args=RULES[name].args(world, "own"))
        response = client.get(f"{url}?{query}")
        if response.status_code >= 500:
            failures.append(f"{url}: HTTP {response.status_code}")
    assert not failures, failures
