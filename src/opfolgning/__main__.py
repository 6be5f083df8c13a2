"""The `opfolgning` command: Django's management commands plus the project's own."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `opfolgning parse FILE` or `opfolgning runserver`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["opfolgning", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which and what to do, not a traceback.
        sys.exit(f"opfolgning: error: {exc}")


if __name__ == "__main__":
    main()
