"""The `opfolgning` command: Django's management commands plus the project's own."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `opfolgning parse FILE` or `opfolgning runserver`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opfolgning", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
