"""Password validators of our own (settings.AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RepeatedCharactersValidator:
    """Refuse a password that is mostly one character or few ("aaaaaaaaaaaa", "abababababab").

    Django's validators let such a password through when it is long enough and not on the
    list of common ones. A password needs `min_distinct` different characters, and no one
    character may make up more than half of it.
    """

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user: Any = None) -> None:
        counts = Counter(password)
        if not counts:
            return
        if len(counts) < self.min_distinct or max(counts.values()) * 2 > len(password):
            raise ValidationError(
                _(
                    "Adgangskoden er for ensformig: den gentager de samme tegn. Brug mindst "
                    "%(n)d forskellige tegn, fx et par ord med mellemrum."
                ),
                code="password_repeated_characters",
                params={"n": self.min_distinct},
            )

    def get_help_text(self) -> str:
        return _("Din adgangskode skal indeholde mindst %(n)d forskellige tegn.") % {
            "n": self.min_distinct
        }
