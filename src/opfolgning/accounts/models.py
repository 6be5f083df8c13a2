"""Roles and memberships: which centers a user edits and which committees a user reads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opfolgning.agreements.models import Center, Committee


class Role(models.TextChoices):
    """What a user does in Opfølgning; each role is backed by a Django group."""

    FINANCE_OFFICER = "finance_officer", _("Økonomikonsulent")
    DEPARTMENT_EDITOR = "department_editor", _("Redaktør for center")
    COMMITTEE_READER = "committee_reader", _("Udvalgslæser")


# The Django group behind each role. Group names are stored data, so they stay Danish and
# fixed whatever the UI language is.
ROLE_GROUPS: dict[Role, str] = {
    Role.FINANCE_OFFICER: "Økonomikonsulent",
    Role.DEPARTMENT_EDITOR: "Redaktør for center",
    Role.COMMITTEE_READER: "Udvalgslæser",
}

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
