"""Shared pieces of the project's management commands: clear errors, never a traceback."""

from __future__ import annotations

import sys
from typing import NoReturn

from django.core.management.base import BaseCommand

from opfolgning.followup.smileys import Smiley


class CleanCommand(BaseCommand):
    """A command that reports bad input as one clear line on stderr and exits non-zero."""

    def fail(self, message: str, code: int = 2) -> NoReturn:
        self.stderr.write(f"opfolgning {self.name}: error: {message}")
        sys.exit(code)

    @property
    def name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]


def add_frown_argument(parser: object) -> None:
    """Add --frown-means, the stated rule for the ambiguous ☹ in effort cells."""
    parser.add_argument(  # type: ignore[attr-defined]
        "--frown-means",
        choices=[Smiley.NEUTRAL.value, Smiley.SAD.value],
        default=Smiley.NEUTRAL.value,
        help="how to read an ambiguous ☹ in an effort cell (default: neutral); "
        "every such cell is marked needs_review",
    )


def add_max_size_argument(parser: object) -> None:
    """Add --max-size-mb, the largest input file accepted (default: IMPORT_MAX_MB, 20)."""
    from django.conf import settings

    parser.add_argument(  # type: ignore[attr-defined]
        "--max-size-mb",
        type=float,
        default=settings.IMPORT_MAX_BYTES / (1024 * 1024),
        help="refuse larger files before reading them (default: %(default)g MB)",
    )


def max_bytes(options: dict[str, object]) -> int:
    """Return the size limit in bytes from the parsed options."""
    return int(float(options["max_size_mb"]) * 1024 * 1024)  # type: ignore[arg-type]
