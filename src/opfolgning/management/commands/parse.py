"""`opfolgning parse FILE`: print the report document as JSON without touching a database."""

from __future__ import annotations

from typing import Any

from opfolgning.followup.errors import ReportFormatError
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_path
from opfolgning.management.base import (
    CleanCommand,
    add_frown_argument,
    add_max_size_argument,
    max_bytes,
)


class Command(CleanCommand):
    help = "Parse a follow-up report (text export) and print it as JSON (INTERCHANGE.md)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    needs_database = False

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the report file")
        add_frown_argument(parser)
        add_max_size_argument(parser)
        parser.add_argument("--compact", action="store_true", help="one line of JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            doc = parse_path(
                options["file"],
                frown_means=Smiley(options["frown_means"]),
                max_bytes=max_bytes(options),
            )
        except ReportFormatError as exc:
            self.fail(str(exc))
        text = doc.to_json(indent=None if options["compact"] else 2)
        out: Any = self.stdout._out  # the raw stream, so UTF-8 is written as is
        encoding = getattr(out, "encoding", None) or "utf-8"
        if encoding.lower().replace("-", "") != "utf8" and hasattr(out, "buffer"):
            out.buffer.write((text + "\n").encode("utf-8"))
            out.flush()
        else:
            out.write(text + "\n")
