from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_TEXT = SEEDS / "000_c9d5bf20bb20a594.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED_TEXT.exists():
        pytest.fail(
            f"the example report is missing: {SEED_TEXT} (shared/ must sit beside the checkout)"
        )
    return SEED_TEXT


# Named personas (finance_officer, center_editor, other_center_editor, politician, citizen).
pytest_plugins = ["tests.personas"]


@pytest.fixture(autouse=True)
def _danish_by_default():
    """Start every test in Danish: a test that switches to English must not leak into the next."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Switch the rate limits off: the browser and API tests make many requests quickly.

    tests/test_ratelimit.py switches them on again where it tests them.
    """
    settings.RATE_LIMIT_API = ""
    settings.RATE_LIMIT_LOGIN = ""
