"""Forms of the organisation pages: a new name, and what to merge into."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DescribedForm


class CreateForm(DescribedForm):
    """A new center's or committee's name (agreements.organisation_services checks it)."""

    name = forms.CharField(
        label=_("Nyt center"),
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["name"]
        if self.prefix == "committee":
            field.label = _("Nyt udvalg")
            field.error_messages["required"] = _("Skriv navnet på udvalget.")
        else:
            field.error_messages["required"] = _("Skriv navnet på centret.")


class RenameForm(DescribedForm):
    """A center's or committee's new name (agreements.organisation_services checks it)."""

    name = forms.CharField(
        label=_("Nyt navn"),
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, is_committee: bool, slug: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["name"]
        field.error_messages["required"] = (
            _("Skriv udvalgets nye navn.") if is_committee else _("Skriv centrets nye navn.")
        )
        if is_committee:
            field.help_text = _(
                "Det korte navn i adresserne (%(slug)s) forbliver det samme, så links til "
                "udvalgets rapporter, feeds og abonnementer virker fortsat. Det gamle navn "
                "står i historikken."
            ) % {"slug": slug}
        else:
            field.help_text = _(
                "Indsatserne og redaktørerne følger med. Det gamle navn står i historikken."
            )
        # DescribedForm names the hint of fields that had one when it was made.
        field.widget.attrs["aria-describedby"] = "id_name-hint"


class MergeForm(DescribedForm):
    """The center or committee to merge into, and (committees) which reports to keep."""

    into = forms.TypedChoiceField(
        label=_("Slå sammen med"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    keep_target_reports = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": "form-checkbox"})
    )

    def __init__(
        self, *args: Any, choices: list[tuple[int, str]], is_committee: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        into = self.fields["into"]
        assert isinstance(into, forms.TypedChoiceField)
        into.choices = [("", _("Vælg …")), *choices]
        if is_committee:
            into.help_text = _("Det udvalg, der overtager indsatserne, læserne og rapporterne.")
            into.error_messages["required"] = _("Vælg det udvalg, der skal overtage.")
        else:
            into.help_text = _("Det center, der overtager indsatserne og redaktørerne.")
            into.error_messages["required"] = _("Vælg det center, der skal overtage.")
        into.error_messages["invalid_choice"] = into.error_messages["required"]
        self.fields["into"].widget.attrs["aria-describedby"] = "id_into-hint"
