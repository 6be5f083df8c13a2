"""Roles and memberships: which centers a user edits and which committees a user reads."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opfolgning.agreements.models import Center, Committee
from opfolgning.followup.vocabulary import ROLE_WORDS


class Role(models.TextChoices):
    """What a user does in Opfølgning; each role is backed by a Django group."""

    FINANCE_OFFICER = "finance_officer", _(ROLE_WORDS["finance_officer"].da)
    DEPARTMENT_EDITOR = "department_editor", _(ROLE_WORDS["department_editor"].da)
    COMMITTEE_READER = "committee_reader", _(ROLE_WORDS["committee_reader"].da)


# The Django group behind each role. Group names are stored data, so they stay Danish and
# fixed whatever the UI language is.
ROLE_GROUPS: dict[Role, str] = {role: ROLE_WORDS[role.value].da for role in Role}

# When a sign-in maps to several roles, the first one here wins.
ROLE_PRECEDENCE: tuple[Role, ...] = (
    Role.FINANCE_OFFICER,
    Role.DEPARTMENT_EDITOR,
    Role.COMMITTEE_READER,
)


class Profile(models.Model):
    """A user's role, the centers they edit and the committees they read."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("bruger"),
    )
    # The role is kept here (with history: who got which role when); the user's Django
    # group mirrors it, so group-based model permissions and the admin agree.
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True, default="")
    centers = models.ManyToManyField(
        Center,
        blank=True,
        related_name="editors",
        verbose_name=_("centre"),
        help_text=_("De centre, hvis indsatser en redaktør for center redigerer."),
    )
    committees = models.ManyToManyField(
        Committee,
        blank=True,
        related_name="readers",
        verbose_name=_("udvalg"),
        help_text=_("De udvalg, hvis rapporter (også kladder) en udvalgslæser læser."),
    )
    # The language the user chose with the header's switch; it is restored when they sign
    # in, and their e-mails (a status sent back, …) are written in it. Blank: the site's
    # default (Danish).
    language = models.CharField(
        _("sprog"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )
    history = HistoricalRecords(m2m_fields=[centers, committees])

    class Meta:
        verbose_name = _("brugerprofil")
        verbose_name_plural = _("brugerprofiler")
        ordering = ["user__username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["", *Role.values]), name="profile_role_valid"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class ApiToken(models.Model):
    """A personal API token: acts as its user with the user's role; only its digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("bruger"),
    )
    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Hvad nøglen bruges til, fx “Intranettet”.")
    )
    # The first characters of the secret, so the owner can tell tokens apart in the list.
    prefix = models.CharField(_("begyndelse"), max_length=16)
    # sha256 of the full secret in hex; the secret itself is shown once and never stored.
    digest = models.CharField(_("fingeraftryk"), max_length=64, unique=True, db_index=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    expires_at = models.DateTimeField(_("udløber"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    # Who created and revoked the token, when (last_used_at is written by .update(), so
    # use does not add history rows).
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_live(self, now: datetime | None = None) -> bool:
        """Return whether the token still works: not revoked and not expired."""
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
