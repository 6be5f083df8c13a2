"""`opfolgning demo`: the example municipality, or demo accounts and an open round.

On an empty database it loads Eksempel Kommune (opfolgning.example); run again, it changes
nothing. With other agreements stored (`make run SEED=report.txt`) it adds demo accounts and
opens the next planned round of the newest agreement. Only with DEBUG on: the demo accounts
share one known password.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from opfolgning.accounts.models import Role
from opfolgning.accounts.services import AccountError, user_create
from opfolgning.agreements.budget_services import BudgetRefused
from opfolgning.agreements.models import Agreement, Center, Committee, Round, RoundState
from opfolgning.agreements.services import ImportRejected
from opfolgning.agreements.workflow_services import WorkflowError, round_open, round_update
from opfolgning.example.loader import PASSWORD, demo_accounts, is_loaded, load_example
from opfolgning.management.base import CleanCommand


class Command(CleanCommand):
    help = (
        "Load the example municipality (Eksempel Kommune) into an empty database, or, with "
        "other agreements stored, create demo accounts (finance officer, center editor, "
        f"committee reader; password '{PASSWORD}') and open the next planned round of the "
        "newest agreement. DEBUG only."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            self.fail("demo accounts have a known password; run this only with DEBUG=1")
        if is_loaded():
            self.stdout.write("Eksempel Kommune is loaded already; nothing changed")
            self._sign_in()
            return
        agreement = Agreement.objects.order_by("-year").first()
        if agreement is None:
            try:
                loaded = load_example()
            except (AccountError, WorkflowError, BudgetRefused, ImportRejected) as exc:
                self.fail(f"the example municipality could not be loaded: {exc}")
            self.stdout.write("Eksempel Kommune is loaded:")
            for line in loaded.lines:
                self.stdout.write(f"  {line}")
            self._sign_in()
            return
        try:
            with transaction.atomic():
                self._accounts(agreement)
                self._open_round(agreement)
        except (AccountError, WorkflowError) as exc:
            self.fail(str(exc))

    def _sign_in(self) -> None:
        self.stdout.write("Demo accounts (username / password: role):")
        for line in demo_accounts():
            self.stdout.write(f"  {line}")

    def _accounts(self, agreement: Agreement) -> None:
        # The center and committee with the most initiatives make the fullest demo.
        center = (
            Center.objects.filter(initiatives__agreement=agreement)
            .annotate(n=Count("initiatives"))
            .order_by("-n", "name")
            .first()
        )
        committee = (
            Committee.objects.filter(initiatives__agreement=agreement)
            .annotate(n=Count("initiatives"))
            .order_by("-n", "name")
            .first()
        )
        people = [
            ("okonomi", Role.FINANCE_OFFICER, (), (), "Kathrine", "Økonomi"),
            ("center", Role.DEPARTMENT_EDITOR, (center,) if center else (), (), "Jens", "Center"),
            (
                "politiker",
                Role.COMMITTEE_READER,
                (),
                (committee,) if committee else (),
                "Mette",
                "Politiker",
            ),
        ]
        users = get_user_model()._default_manager
        for username, role, centers, committees, first, last in people:
            if users.filter(username=username).exists():
                self.stdout.write(f"{username}: exists already")
                continue
            user_create(
                actor=None,
                username=username,
                email=f"{username}@kommune.example",
                role=role,
                centers=centers,
                committees=committees,
                password=PASSWORD,
                first_name=first,
                last_name=last,
            )
            where = ", ".join(str(x) for x in (*centers, *committees))
            self.stdout.write(
                f"{username} / {PASSWORD}: {role.label}" + (f" ({where})" if where else "")
            )

    def _open_round(self, agreement: Agreement) -> None:
        if Round.objects.filter(agreement=agreement, state=RoundState.OPEN).exists():
            self.stdout.write(f"{agreement}: a round is open already")
            return
        planned = (
            Round.objects.filter(agreement=agreement, state=RoundState.PLANNED)
            .order_by("number")
            .first()
        )
        if planned is None:
            self.stdout.write(f"{agreement}: no planned round to open")
            return
        deadline = timezone.localdate() + dt.timedelta(days=7)
        round_update(actor=None, round_obj=planned, label=planned.label, deadline=deadline)
        carried = round_open(actor=None, round_obj=planned)
        self.stdout.write(
            f"{agreement}: {planned} is open until {deadline:%d.%m.%Y} "
            f"({carried} happy smileys carried forward)"
        )
