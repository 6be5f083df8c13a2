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
