"""`opfolgning import FILE…`: parse and store reports, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from opfolgning.agreements.models import Round, RoundState
from opfolgning.agreements.services import ImportRejected, report_import
from opfolgning.agreements.workflow_services import WorkflowError, round_publish
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
    help = "Import follow-up reports into the database (all files or none)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+", help="report files")
        add_frown_argument(parser)
        add_max_size_argument(parser)
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish each report's round for citizens (freezing its reports) after import",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        frown = Smiley(options["frown_means"])
        limit = max_bytes(options)
        docs = []
        for name in options["files"]:
            try:
                docs.append((name, parse_path(name, frown_means=frown, max_bytes=limit)))
            except ReportFormatError as exc:
                self.fail(f"{exc}\nNothing was imported.")
        try:
            with transaction.atomic():
                for name, doc in docs:
                    result = report_import(actor=None, document=doc, source_name=Path(name).name)
                    created = sum(result.created.values())
                    updated = sum(result.updated.values())
                    summary = (
                        f"{name}: {doc.title} — {len(doc.initiatives())} initiatives; "
                        f"{created} records created, {updated} updated"
                    )
                    if not result.changed:
                        summary += " (nothing changed)"
                    if result.kept:
                        summary += f"; {result.kept} earlier-round milestones kept as stored"
                    self.stdout.write(summary)
                    if doc.warnings:
                        self.stdout.write(f"  {len(doc.warnings)} warnings to review:")
                        for w in doc.warnings:
                            self.stdout.write(f"  - {w.where}: {w.message}")
                    if options["publish"]:
                        self.stdout.write(f"  {self._publish(doc.agreement.year, doc.round)}")
        except (ImportRejected, WorkflowError) as exc:
            self.fail(f"{name}: {exc}\nNothing was imported.")

    def _publish(self, year: int, number: int) -> str:
        round_obj = Round.objects.select_related("agreement").get(
            agreement__year=year, number=number
        )
        if round_obj.state == RoundState.PUBLISHED:
            return f"{round_obj} is published already"
        round_publish(actor=None, round_obj=round_obj)
        return f"{round_obj} is now published"
