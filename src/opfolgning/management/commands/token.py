"""`opfolgning token add|list|revoke`: personal API tokens from the shell.

For integration accounts that never sign in to the browser (with SSO, a service user may
have no password): the operator makes the token here and hands the secret to the system
that calls the API. The token acts as its user, with that user's role and permissions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from opfolgning.accounts.models import ApiToken
from opfolgning.accounts.tokens import TokenError, token_create, token_revoke, tokens_of
from opfolgning.management.base import CleanCommand


class Command(CleanCommand):
    help = "Manage personal API tokens: make one for a user, list a user's tokens, revoke one."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|list|revoke")
        add = sub.add_parser("add", help="make a token for a user; prints the secret once")
        add.add_argument("username")
        add.add_argument("--name", required=True, help="what the token is for, e.g. Intranettet")
        add.add_argument("--expires", help="last valid day, YYYY-MM-DD (default: never)")
        lst = sub.add_parser("list", help="list a user's tokens (never the secrets)")
        lst.add_argument("username")
        rev = sub.add_parser("revoke", help="revoke a token by its id (see list)")
        rev.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "list":
            self._list(options["username"])
        else:
            self._revoke(options["id"])

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            self.fail(f"no user called {username!r}; see `opfolgning user list`")
        return user

    def _add(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        expires_at = None
        if options.get("expires"):
            try:
                day = dt.date.fromisoformat(options["expires"])
            except ValueError:
                self.fail(f"--expires {options['expires']!r} is not a date; write YYYY-MM-DD")
            # Valid through the whole of the last day, in the site's time zone.
            end = dt.datetime.combine(day, dt.time.max)
            expires_at = timezone.make_aware(end)
        try:
            token, secret = token_create(actor=user, name=options["name"], expires_at=expires_at)
        except TokenError as exc:
            self.fail(f"{user.username}: {exc}")
        self.stderr.write(
            f"token {token.pk} {token.name!r} for {user.username}; the secret is shown once:"
        )
        self.stdout.write(secret)

    def _list(self, username: str) -> None:
        user = self._user(username)
        rows = tokens_of(user)
        if not rows:
            self.stdout.write(f"{user.username} has no API tokens")
        for t in rows:
            state = "revoked" if t.revoked_at else ("live" if t.is_live() else "expired")
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
            expires = f"expires {t.expires_at:%Y-%m-%d}" if t.expires_at else "no expiry"
            self.stdout.write(f"{t.pk}\t{t.prefix}…\t{state}\t{t.name}\t{expires}\t{used}")

    def _revoke(self, pk: int) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=pk).first()
        if token is None:
            self.fail(f"no API token with id {pk}; see `opfolgning token list USERNAME`")
        token_revoke(actor=token.user, token=token)
        self.stdout.write(f"token {pk} ({token.prefix}…) of {token.user.username} is revoked")
