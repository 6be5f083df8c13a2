"""The `opfolgning` command: Django's management commands plus the project's own."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `opfolgning parse FILE` or `opfolgning runserver`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["opfolgning", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which and what to do, not a traceback.
        sys.exit(f"opfolgning: error: {exc}")
    except (OperationalError, ProgrammingError) as exc:
        # Django's own commands (createsuperuser, changepassword, …) on a database that was
        # never migrated; the project's commands check before they start (management/base).
        if not _missing_table(exc):
            raise
        from opfolgning.management.base import unmigrated_message

        sys.exit(f"opfolgning: error: {unmigrated_message()}")


def _missing_table(exc: Exception) -> bool:
    """Return whether a database error says a table does not exist (SQLite, PostgreSQL)."""
    text = str(exc)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


if __name__ == "__main__":
    main()
