"""`opfolgning report`: write a committee's report at a round to a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from opfolgning import exporters
from opfolgning.agreements import selectors
from opfolgning.management.base import CleanCommand


class Command(CleanCommand):
    help = "Write the report of a committee (or the whole agreement) at a round."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--agreement", type=int, required=True, help="budget year, e.g. 2019")
        parser.add_argument("--committee", help="committee name or slug; omit for all")
        parser.add_argument("--round", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument(
            "--format", default="html", help=f"one of: {', '.join(exporters.names())}"
        )
        parser.add_argument("-o", "--output", help="file to write; '-' or omitted: stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            exporter = exporters.get(options["format"])
        except KeyError as exc:
            self.fail(str(exc.args[0]))
        try:
            doc = selectors.report_document(
                year=options["agreement"],
                round_number=options["round"],
                committee=options["committee"],
            )
        except selectors.NotFound as exc:
            self.fail(str(exc))
        content = exporter.render(doc)
        data = content.encode("utf-8") if isinstance(content, str) else content
        output = options["output"]
        if not output or output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as exc:
            self.fail(f"cannot write {path}: {exc.strerror}")
        initiatives = len(doc.initiatives())
        self.stderr.write(f"wrote {path} ({len(data):,} bytes, {initiatives} initiatives)")
