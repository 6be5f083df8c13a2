"""Shared pieces of the project's management commands: clear errors, never a traceback."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import OperationalError

from opfolgning.followup.smileys import Smiley

#: A table every migrated database has; its absence means `opfolgning migrate` never ran.
PROBE_TABLE = "agreements_agreement"


def database_place(alias: str = DEFAULT_DB_ALIAS) -> str:
    """Return where the database is, for a message: the SQLite file or host/name."""
    settings_dict = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return str(settings_dict["NAME"])
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"{host}{port}/{settings_dict['NAME']}"


def unmigrated_message(alias: str = DEFAULT_DB_ALIAS) -> str:
    """Return the one line that says the database has no tables and what to run."""
    return f"the database at {database_place(alias)} has no tables: run `opfolgning migrate`"


def database_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """Return why the database cannot be used (unreachable or not migrated), or None."""
    try:
        with connections[alias].cursor() as cursor:
            tables = connections[alias].introspection.table_names(cursor)
    except OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"cannot open the database at {database_place(alias)}: {first}"
    if PROBE_TABLE not in tables:
        return unmigrated_message(alias)
    return None


class CleanCommand(BaseCommand):
    """A command that reports bad input as one clear line on stderr and exits non-zero.

    A command that reads or writes the database first checks that it is there and migrated
    (`needs_database`), so an unmigrated database is one line, not a traceback.
    """

    needs_database = True

    def execute(self, *args: Any, **options: Any) -> Any:
        if self.needs_database:
            self.require_database()
        return super().execute(*args, **options)

    def require_database(self) -> None:
        """Stop with one line unless the database is reachable and migrated."""
        problem = database_problem()
        if problem is not None:
            self.fail(problem)

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
