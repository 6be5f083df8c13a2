"""Forms of the follow-up round: status entry, review, round settings, closing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opfolgning.followup.smileys import CANONICAL_GLYPH, Smiley

# The form shows each smiley's face and word beside these descriptions.
SMILEY_CHOICES = [
    ("", _("Ingen smiley")),
    ("happy", _("indsatsen følger planen")),
    ("neutral", _("mindre afvigelser fra planen")),
    ("sad", _("væsentlige afvigelser fra planen")),
]


def smiley_glyph(value: str) -> str:
    """Return the text glyph of a smiley value ('' for none)."""
    return CANONICAL_GLYPH[Smiley(value)] if value else ""


class DateInput(forms.DateInput):
    """An HTML5 date field (the browser's date picker, ISO value)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StatusForm(forms.Form):
    """An initiative's milestone at the open round: plan, status, smiley, corrective action."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text = forms.CharField(
        label=_("Milepæl"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("Hvad skulle være nået ved denne opfølgning?"),
    )
    status_note = forms.CharField(
        label=_("Status"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-input"}),
        help_text=_("Hvor står indsatsen? Skriv altid en status, når smileyen ændrer sig."),
    )
    smiley = forms.ChoiceField(
        label=_("Smiley for indsatsen"),
        required=False,
        choices=SMILEY_CHOICES,
        widget=forms.RadioSelect,
    )
    corrective_action = forms.CharField(
        label=_("Korrigerende handling"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("Skal udfyldes ved en sur smiley: hvad gøres for at komme tilbage på sporet?"),
    )


class ReviewForm(forms.Form):
    """The finance officer's decision on a submitted status."""

    action = forms.ChoiceField(
        choices=[("approve", _("Godkend")), ("return", _("Send retur"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Kommentar til centret"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("Skal udfyldes, når indberetningen sendes retur."),
    )


class RoundSettingsForm(forms.Form):
    """A round's label, deadline and report date."""

    label = forms.CharField(
        label=_("Betegnelse"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input"}),
        help_text=_("Fx “3. budgetopfølgning 2019”."),
    )
    deadline = forms.DateField(
        label=_("Frist for indberetning"),
        required=False,
        widget=DateInput(attrs={"class": "form-input"}),
    )
    date = forms.DateField(
        label=_("Rapportdato"),
        required=False,
        widget=DateInput(attrs={"class": "form-input"}),
        help_text=_("Datoen for udvalgsmødet, hvor rapporten behandles."),
    )


class RoundCreateForm(RoundSettingsForm):
    """A new round of an agreement."""

    number = forms.TypedChoiceField(
        label=_("Opfølgning"),
        coerce=int,
        choices=[
            (1, _("1. opfølgning")),
            (2, _("2. opfølgning")),
            (3, _("3. opfølgning")),
            (4, _("Opfølgningen pr. 31.12.")),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    field_order = ["number", "label", "deadline", "date"]


class CloseForm(forms.Form):
    """Close a round, with a recorded reason when findings or unapproved initiatives remain."""

    override_reason = forms.CharField(
        label=_("Begrundelse for at lukke trods udestående"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_(
            "Kun nødvendig, hvis der er regelbrud eller indsatser, der ikke er godkendt. "
            "Begrundelsen gemmes ved opfølgningen."
        ),
    )


class CorrectForm(forms.Form):
    """Freeze corrected data of a closed round as a new report version."""

    reason = forms.CharField(
        label=_("Hvad er rettet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
        help_text=_("Vises ved den nye version af rapporten."),
    )
