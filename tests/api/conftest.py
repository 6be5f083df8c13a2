"""The API's world: the example report imported and published (round 3), round 4 open.

Tokens of a department editor (Ejendomme), of the editor of another center and of a finance
officer, made through the token service the UI uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from opfolgning.accounts.models import Role
from opfolgning.accounts.tokens import token_create
from opfolgning.agreements.models import Center, Initiative, Round
from opfolgning.agreements.services import report_import
from opfolgning.agreements.workflow_services import round_open, round_publish
from opfolgning.importers import parse_path
from tests.personas import make_user

YEAR = 2019
OWN_CENTER = "Ejendomme"
OTHER_CENTER = "By, Erhverv og Miljø"


@dataclass
class ApiWorld:
    """The published seed with round 4 open, and the initiatives the tokens write."""

    own_number: str
    other_number: str
    editor: Any
    editor_token: str
    other_editor_token: str
    officer: Any
    officer_token: str

    def bearer(self, token: str) -> dict[str, str]:
        """Return the header that sends a token with the Django test client."""
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def publish_seed(seed_path: Path) -> None:
    """Import the example report, publish its round (3) and open round 4."""
    doc = parse_path(seed_path)
    report_import(actor=None, document=doc, source_name=seed_path.name)
    published = Round.objects.get(agreement__year=YEAR, number=doc.round)
    round_publish(actor=None, round_obj=published)
    round_open(actor=None, round_obj=Round.objects.get(agreement__year=YEAR, number=4))


@pytest.fixture(autouse=True)
def _no_rate_limit(settings: Any) -> None:
    # The rate limit has its own tests; here it would only make runs order-dependent.
    settings.RATE_LIMIT_API = ""


@pytest.fixture
def api_world(db: None, seed_path: Path) -> ApiWorld:
    """The published seed, round 4 open, and three tokens."""
    publish_seed(seed_path)
    own = Center.objects.get(name=OWN_CENTER)
    other = Center.objects.get(name=OTHER_CENTER)
    editor = make_user("ejendomme", Role.DEPARTMENT_EDITOR, centers=(own,))
    other_editor = make_user("bem", Role.DEPARTMENT_EDITOR, centers=(other,))
    officer = make_user("okonomi", Role.FINANCE_OFFICER, first_name="Kathrine")
    initiatives = Initiative.objects.filter(agreement__year=YEAR).order_by("sort_key")
    return ApiWorld(
        own_number=initiatives.filter(center=own).values_list("number", flat=True)[0],
        other_number=initiatives.filter(center=other).values_list("number", flat=True)[0],
        editor=editor,
        editor_token=token_create(actor=editor, name="test")[1],
        other_editor_token=token_create(actor=other_editor, name="test")[1],
        officer=officer,
        officer_token=token_create(actor=officer, name="test")[1],
    )
