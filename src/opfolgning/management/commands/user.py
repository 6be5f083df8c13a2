"""`opfolgning user add|list|set-role|deactivate`: accounts from the shell."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth import get_user_model

from opfolgning.accounts.models import Role
from opfolgning.accounts.selectors import user_list
from opfolgning.accounts.services import (
    AccountError,
    role_from_text,
    user_create,
    user_deactivate,
    user_set_role,
)
from opfolgning.management.base import CleanCommand

ROLE_HELP = "finance_officer, department_editor, committee_reader (or the Danish name)"


class Command(CleanCommand):
    help = (
        "Manage accounts: add a user with a role, list users, set a user's role, centers and "
        "committees, or deactivate a user."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|list|set-role")
        add = sub.add_parser("add", help="create a user with a role")
        add.add_argument("username")
        add.add_argument("--email", default="", help="e-mail address (for reminders)")
        add.add_argument("--role", required=True, help=ROLE_HELP)
        self._memberships(add)
        add.add_argument("--first-name", default="")
        add.add_argument("--last-name", default="")
        pw = add.add_mutually_exclusive_group()
        pw.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        pw.add_argument(
            "--no-password",
            action="store_true",
            help="no password: the user signs in with the organisation's account (SSO)",
        )

        lst = sub.add_parser("list", help="list users with role, centers and committees")
        lst.add_argument("--role", help=ROLE_HELP)

        setr = sub.add_parser("set-role", help="replace a user's role, centers and committees")
        setr.add_argument("username")
        setr.add_argument("role", help=f"{ROLE_HELP}, or none")
        self._memberships(setr)

        off = sub.add_parser("deactivate", help="stop a user from signing in")
        off.add_argument("username")

    @staticmethod
    def _memberships(parser: Any) -> None:
        parser.add_argument(
            "--center",
            action="append",
            default=[],
            metavar="NAME",
            help="a center the department editor edits (repeat for more)",
        )
        parser.add_argument(
            "--committee",
            action="append",
            default=[],
            metavar="NAME",
            help="a committee the committee reader reads (name or slug; repeat for more)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "add":
                self._add(options)
            elif action == "list":
                self._list(options)
            elif action == "set-role":
                user = self._user(options["username"])
                user_set_role(
                    actor=None,
                    user=user,
                    role=options["role"],
                    centers=options["center"],
                    committees=options["committee"],
                )
                self.stdout.write(f"{user.username}: {self._describe(user)}")
            elif action == "deactivate":
                user = self._user(options["username"])
                user_deactivate(actor=None, user=user)
                self.stdout.write(f"{user.username}: deactivated")
        except AccountError as exc:
            self.fail(str(exc))

    def _user(self, username: str) -> Any:
        user = get_user_model()._default_manager.filter(username__iexact=username).first()
        if user is None:
            self.fail(f"no user named {username!r}; see `opfolgning user list`")
        return user

    def _password(self, options: dict[str, Any]) -> str | None:
        if options["no_password"]:
            return None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                self.fail("--password-stdin read an empty password")
            return password
        if not sys.stdin.isatty():
            self.fail("give a password with --password-stdin, or --no-password for SSO users")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            self.fail("the two passwords differ; nothing was created")
        return first

    def _add(self, options: dict[str, Any]) -> None:
        # Check the role before asking for a password, so a typo fails at once.
        role_from_text(options["role"])
        user = user_create(
            actor=None,
            username=options["username"],
            email=options["email"],
            role=options["role"],
            centers=options["center"],
            committees=options["committee"],
            password=self._password(options),
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        self.stdout.write(f"{user.username}: created, {self._describe(user)}")

    def _list(self, options: dict[str, Any]) -> None:
        role = role_from_text(options["role"]) if options.get("role") else None
        users = list(user_list(role=role))
        for user in users:
            state = "" if user.is_active else "  (deactivated)"
            self.stdout.write(f"{user.username}\t{user.email}\t{self._describe(user)}{state}")
        self.stdout.write(f"{len(users)} users")

    @staticmethod
    def _describe(user: Any) -> str:
        profile = getattr(user, "profile", None)
        if user.is_superuser:
            role_text = "superuser (finance officer)"
        elif profile is None or not profile.role:
            role_text = "no role"
        else:
            role_text = Role(profile.role).value
        parts = [role_text]
        if profile is not None:
            centers = ", ".join(c.name for c in profile.centers.all())
            committees = ", ".join(c.name for c in profile.committees.all())
            if centers:
                parts.append(f"centers: {centers}")
            if committees:
                parts.append(f"committees: {committees}")
        return "; ".join(parts)
