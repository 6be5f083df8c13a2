"""`opfolgning check`: Django's system checks, or with --agreement the smiley rule findings."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import check as django_check

from opfolgning.agreements import selectors
from opfolgning.followup.rules import Severity, report_findings
from opfolgning.management.base import CleanCommand


class Command(django_check.Command, CleanCommand):
    help = (
        "Without --agreement: Django's system checks (add --deploy for production). "
        "With --agreement YEAR --round N: list the smiley rule findings; exit 1 if any."
    )
    # Django's own checks need no tables; the rule findings do (checked in handle).
    needs_database = False

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agreement", type=int, help="budget year, e.g. 2019")
        parser.add_argument("--round", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--committee", help="only this committee (name or slug)")

    def handle(self, *app_labels: Any, **options: Any) -> None:
        if options.get("agreement") is None:
            if options.get("round") or options.get("committee"):
                self.fail("--round and --committee go with --agreement YEAR")
            super().handle(*app_labels, **options)
            return
        if options.get("round") is None:
            self.fail("--agreement needs --round 1, 2, 3 or 4")
        self.require_database()
        try:
            doc = selectors.report_document(
                year=options["agreement"],
                round_number=options["round"],
                committee=options.get("committee"),
            )
        except selectors.NotFound as exc:
            self.fail(str(exc))
        findings = report_findings(doc)
        errors = [f for f in findings if f.severity == Severity.ERROR]
        reviews = [f for f in findings if f.severity != Severity.ERROR]
        self.stdout.write(f"{doc.title}: {len(doc.initiatives())} initiatives")
        for f in errors:
            self.stdout.write(f"FEJL    {f.message_da}")
        for f in reviews:
            self.stdout.write(f"KONTROL {f.message_da}")
        self.stdout.write(
            f"{len(errors)} rule findings, {len(reviews)} smileys to review after import"
        )
        if errors:
            raise SystemExit(1)
