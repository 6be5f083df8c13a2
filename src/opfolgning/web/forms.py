"""Forms of the follow-up round: status entry, review, round settings, closing."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from opfolgning.followup import vocabulary
from opfolgning.followup.department_sheet import OWN_FIELDS, OWN_REQUIRED
from opfolgning.followup.money import ABSURD_LIMIT, AmountError, parse_amount
from opfolgning.followup.smileys import CANONICAL_GLYPH, Smiley
from opfolgning.followup.vocabulary import CHANGE_KIND_WORDS, Word, kind_words, money_kind_words


def _meaning(word: Word, meaning: Word) -> Any:
    """Return "glad – milepælen er nået": the smiley's word and the reading guide's meaning."""
    return format_lazy("{} – {}", _(word.da), _(meaning.da))


# The form shows each smiley's face beside its word and the reading guide's meaning of it.
SMILEY_CHOICES = [
    ("", _("Ingen smiley")),
    *(
        (key, _meaning(vocabulary.SMILEY_WORDS[key], meaning))
        for key, meaning in vocabulary.EFFORT_MEANINGS.items()
    ),
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
    """An initiative's milestone at the open round: status, smiley, corrective action (and plan).

    The planned milestone was set when the agreement was set up: a department reads it, and
    only the finance office (`plan_editable`) may change it here.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
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
    text = forms.CharField(
        label=_("Planlagt milepæl"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("Hvad skulle være nået ved denne opfølgning? Fastlagt ved aftalens opsætning."),
    )

    def __init__(self, *args: Any, plan_editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not plan_editable:
            del self.fields["text"]

    def planned(self) -> str | None:
        """Return the planned milestone as entered, or None when this form does not change it."""
        if "text" not in self.fields:
            return None
        return self.cleaned_data.get("text") or ""


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
        help_text=_("Datoen, rapporten bærer."),
    )
    meeting_date = forms.DateField(
        label=_("Udvalgsmøde"),
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


# Economy (issue 5): amounts are typed as people write them and stored as whole kroner.

_PLAIN_KRONER = re.compile(r"^\d{1,3}(?:[.\s\u00a0]\d{3})+$|^\d+$")


def parse_money_input(text: str, *, signed: bool = False) -> int | None:
    """Return whole kroner from "1,5 mio. kr.", "1.500.000" or "1500000"; None when empty.

    A bare number is kroner. With `signed`, a leading minus or plus is allowed (a change that
    takes money from a year). Raises forms.ValidationError with a Danish message.
    """
    value = " ".join(text.split()).replace("\u2212", "-")
    if not value:
        return None
    sign = 1
    if signed and value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        value = value[1:].strip()
    try:
        if _PLAIN_KRONER.match(value):
            amount = int(re.sub(r"[.\s\u00a0]", "", value))
            if amount > ABSURD_LIMIT:
                raise AmountError("for stort", "too large", value)
        else:
            amount = parse_amount(value)
    except AmountError as exc:
        raise forms.ValidationError(
            _(
                "%(value)s er ikke et beløb, vi kan læse (%(why)s). "
                "Skriv fx 1,5 mio. kr. eller 1500000."
            ),
            params={"value": text.strip(), "why": exc.message},
            code="amount",
        ) from None
    return sign * amount


class MoneyField(forms.CharField):
    """A text field for an amount in kroner (Danish forms accepted); cleans to int or None."""

    def __init__(self, *, signed: bool = False, **kwargs: Any) -> None:
        self.signed = signed
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "form-input input-width-s", "inputmode": "text"}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        """Show a stored amount in Danish form ("1,5 mio. kr.")."""
        if isinstance(value, int) and not isinstance(value, bool):
            return vocabulary.amount(value)
        return value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        """Return the amount in whole kroner."""
        text = super().to_python(value) or ""
        if len(text) > 40:
            raise forms.ValidationError(_("Skriv beløbet med højst 40 tegn."), code="max_length")
        return parse_money_input(text, signed=self.signed)


#: The kinds of money (a budget line's, a change's): capital or operating, never both.
KIND_CHOICES = [(kind, _(word)) for kind, word in money_kind_words().items()]
# The same words as on the report and in open data (followup.vocabulary).


def _word_label(word: Word) -> Any:
    """Return a choice label that says the vocabulary's word in the active language."""
    return lazy(lambda: capfirst(word.in_language(get_language() or "da")), str)()


CHANGE_KIND_CHOICES = [(kind, _word_label(word)) for kind, word in CHANGE_KIND_WORDS.items()]


class BudgetForm(forms.Form):
    """The adopted budget: one amount per year of the agreement's period and kind of money."""

    no_money = forms.BooleanField(
        label=_("Der er ikke afsat økonomi til indsatsen"),
        required=False,
        help_text=_("Så har indsatsen ingen økonomi-smiley. Lad beløbene stå tomme."),
    )

    reviewed = forms.BooleanField(
        label=_("Jeg har gennemgået punkterne til gennemsyn"),
        required=False,
        help_text=_("Så fjernes punkterne fra siden; historikken gemmer dem."),
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for kind, kind_label in KIND_CHOICES:
            for year in years:
                self.fields[f"{kind}_{year}"] = MoneyField(label=f"{kind_label} {year}")

    def cells(self) -> list[tuple[str, list[Any]]]:
        """Return the amount fields as rows per kind of money, a column per year."""
        return [
            (str(label), [self[f"{kind}_{year}"] for year in self.years])
            for kind, label in KIND_CHOICES
        ]

    def lines(self) -> list[tuple[int, str, int]]:
        """Return the entered amounts as (year, kind, kroner), leaving out empty cells."""
        result = []
        for kind, _label in KIND_CHOICES:
            for year in self.years:
                amount = self.cleaned_data.get(f"{kind}_{year}")
                if amount:
                    result.append((year, kind, amount))
        return result

    def clean(self) -> dict[str, Any]:
        """Refuse amounts together with "no money": one of them is a mistake."""
        data = super().clean() or {}
        if data.get("no_money") and any(
            data.get(f"{kind}_{year}") for kind, _label in KIND_CHOICES for year in self.years
        ):
            raise forms.ValidationError(
                _("Du har både skrevet beløb og markeret, at der ikke er afsat økonomi. Vælg én.")
            )
        return data


class BudgetChangeForm(forms.Form):
    """A proposed change to the budget, with the alternative financing it requires."""

    kind = forms.ChoiceField(
        label=_("Type ændring"),
        choices=CHANGE_KIND_CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind_of_money = forms.ChoiceField(
        label=_("Anlæg eller drift"),
        choices=KIND_CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    financing = forms.CharField(
        label=_("Alternativ finansiering"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("Hvor kommer pengene fra, eller hvor går de hen? Skal udfyldes."),
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"amount_{year}"] = MoneyField(
                label=str(year),
                signed=True,
                help_text=_("Minus tager penge fra året, plus lægger til."),
            )

    def amount_fields(self) -> list[Any]:
        """Return the amount fields, one per year."""
        return [self[f"amount_{year}"] for year in self.years]

    def amounts(self) -> list[tuple[int, int]]:
        """Return the entered amounts as (year, signed kroner), leaving out empty years."""
        return [
            (year, amount)
            for year in self.years
            if (amount := self.cleaned_data.get(f"amount_{year}"))
        ]


class ChangeDecisionForm(forms.Form):
    """The city council's decision on a proposed change, as the finance office records it."""

    action = forms.ChoiceField(
        choices=[("approve", _("Godkendt")), ("reject", _("Afvist"))], widget=forms.HiddenInput
    )
    decided_on = forms.DateField(label=_("Besluttet den"), widget=DateInput)
    reference = forms.CharField(
        label=_("Sags- eller dagsordensreference"),
        required=False,
        max_length=200,
        help_text=_("Fx sagsnummer eller 'KB 26.03.2019, pkt. 7'. Skal udfyldes ved godkendelse."),
    )


SAVING_CHOICES = [("", _("Ikke oplyst")), ("yes", _("Ja")), ("no", _("Nej"))]
ECONOMY_SMILEY_CHOICES = [
    ("", _("Beregnes ud fra tallene")),
    *(
        (key, _meaning(vocabulary.SMILEY_WORDS[key], meaning))
        for key, meaning in vocabulary.ECONOMY_MEANINGS.items()
    ),
]


class EconomyFiguresForm(forms.Form):
    """The economy of an initiative at a round: spending figures, saving, a note."""

    spent = MoneyField(label=_("Forbrugt til dato"))
    expected = MoneyField(label=_("Forventet forbrug i året"))
    saving_achieved = forms.ChoiceField(
        label=_("Er besparelsen opnået?"),
        choices=SAVING_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label=_("Supplerende bemærkning til økonomien"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
    )

    def __init__(self, *args: Any, inline: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if inline:
            # On the status page the figures are saved with the status only when changed:
            # the form carries what it showed, so has_changed() needs no read.
            for field in self.fields.values():
                field.show_hidden_initial = True

    def saving(self) -> bool | None:
        """Return the answer about the saving as True, False or None (not given)."""
        return {"yes": True, "no": False}.get(self.cleaned_data.get("saving_achieved") or "")


class EconomyOverrideForm(forms.Form):
    """The finance office sets the economy smiley itself, with the reason."""

    officer_smiley = forms.ChoiceField(
        label=_("Økonomi-smiley"),
        choices=ECONOMY_SMILEY_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    officer_note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
    )

    def clean(self) -> dict[str, Any]:
        """Require the reason whenever the smiley is set by hand."""
        data = super().clean() or {}
        if data.get("officer_smiley") and not (data.get("officer_note") or "").strip():
            self.add_error("officer_note", _("Skriv begrundelsen, når du selv sætter smileyen."))
        return data


_THEME_LINE_RE = re.compile(r"^\s*(?:tema\s+)?(?P<number>[0-9]+)\s*[.:)-]?\s*(?P<title>.*)$", re.I)


def theme_lines(text: str) -> list[tuple[int, str, str]]:
    """Return (line, number, title) for each non-empty line "2. Børn og unge" of a themes box."""
    found = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _THEME_LINE_RE.match(line)
        if match is None:
            raise forms.ValidationError(
                _("Linje %(line)d: %(text)s – skriv temaets nummer først, fx “2. Børn og unge”.")
                % {"line": line_number, "text": line.strip()[:60]}
            )
        found.append((line_number, match["number"], match["title"].strip()))
    return found


class DescribedForm(forms.Form):
    """A form whose fields name their hint and, once checked, their error (aria-describedby,
    aria-invalid), as web/_field.html shows them; web/_error_summary.html lists the errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self._field_id(name)}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            self._mark_invalid(name)

    def add_error(self, field: str | None, error: Any) -> None:
        """Add an error (also one a service found after cleaning) and mark its field."""
        super().add_error(field, error)
        if field:
            self._mark_invalid(field)

    def _field_id(self, name: str) -> str:
        # Not self[name].auto_id: a bound field made now would keep the help text as it is
        # now, before a subclass fills it in.
        auto_id = self.auto_id
        html_name = self.add_prefix(name)
        if isinstance(auto_id, str) and "%s" in auto_id:
            return auto_id % html_name
        return html_name if auto_id else ""

    def _mark_invalid(self, name: str) -> None:
        if name not in self.fields:
            return
        attrs = self.fields[name].widget.attrs
        attrs["aria-invalid"] = "true"
        error_id = f"{self._field_id(name)}-error"
        parts = attrs.get("aria-describedby", "").split()
        if error_id not in parts:
            attrs["aria-describedby"] = " ".join([*parts, error_id])


class AgreementForm(DescribedForm):
    """A new agreement: name, budget year, period and themes."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
        help_text=_("Tomt: “Aftale om budget <år>”."),
    )
    year = forms.IntegerField(
        label=_("Budgetår"),
        min_value=1970,
        max_value=2200,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
    )
    first_year = forms.IntegerField(
        label=_("Budgetperiodens første år"),
        min_value=1970,
        max_value=2200,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        help_text=_("Tomt: budgetåret."),
    )
    last_year = forms.IntegerField(
        label=_("Budgetperiodens sidste år"),
        min_value=1970,
        max_value=2200,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        help_text=_("Tomt: tre år efter det første (fire år i alt)."),
    )
    themes = forms.CharField(
        label=_("Temaer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 7}),
        help_text=_(
            "Ét tema pr. linje med nummer og titel, fx “1. Et økonomisk bæredygtigt fundament”."
        ),
    )

    def clean_themes(self) -> list[tuple[str, str]]:
        return [(number, title) for _, number, title in theme_lines(self.cleaned_data["themes"])]


class InitiativeForm(DescribedForm):
    """One initiative, typed in: number, title, kind, description, who, and its milestones."""

    number = forms.CharField(
        label=_("Nummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-input input-width-xs", "autocomplete": "off"}),
        help_text=_("Tema og løbenummer, fx 2.3."),
    )
    title = forms.CharField(
        label=_("Titel"), max_length=500, widget=forms.TextInput(attrs={"class": "form-input"})
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=lazy(lambda: list(kind_words(get_language() or "da").items()), list)(),
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
    )
    center = forms.ChoiceField(
        label=_("Ansvarligt center"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    committee = forms.ChoiceField(
        label=_("Ansvarligt udvalg"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    contributors = forms.CharField(
        label=_("Væsentlige bidragsydere"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    involved_committees = forms.CharField(
        label=_("Udvalg der involveres"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    milestone_1 = forms.CharField(
        label=_("Milepæl ved 1. opfølgning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
    )
    milestone_2 = forms.CharField(
        label=_("Milepæl ved 2. opfølgning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
    )
    milestone_3 = forms.CharField(
        label=_("Milepæl ved 3. opfølgning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
    )
    milestone_4 = forms.CharField(
        label=_("Milepæl pr. 31.12."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
    )

    def __init__(self, *args: Any, centers: list[str], committees: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        none = [("", _("– vælg –"))]
        center, committee = self.fields["center"], self.fields["committee"]
        assert isinstance(center, forms.ChoiceField) and isinstance(committee, forms.ChoiceField)
        center.choices = none + [(c, c) for c in centers]
        committee.choices = none + [(c, c) for c in committees]


class InviteForm(DescribedForm):
    """A new user: who, their role, and the centers they edit or committees they read."""

    first_name = forms.CharField(
        label=_("Fornavn"), max_length=150, widget=forms.TextInput(attrs={"class": "form-input"})
    )
    last_name = forms.CharField(
        label=_("Efternavn"), max_length=150, widget=forms.TextInput(attrs={"class": "form-input"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "form-input", "autocomplete": "off"}),
        help_text=_("Invitationen sendes hertil."),
    )
    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input input-width-m", "autocomplete": "off"}),
        help_text=_("Tomt: e-mailadressen."),
    )
    role = forms.ChoiceField(
        label=_("Rolle"), widget=forms.RadioSelect(attrs={"class": "form-radio"})
    )
    centers = forms.MultipleChoiceField(
        label=_("Centre, brugeren redigerer for"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
        help_text=_("Kun for rollen Redaktør for center."),
    )
    committees = forms.MultipleChoiceField(
        label=_("Udvalg, brugeren læser rapporter for"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
        help_text=_("Kun for rollen Udvalgslæser."),
    )

    def __init__(
        self, *args: Any, roles: list[tuple[str, str]], centers: list[str], committees: list[str],
        taken: Any, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.taken = taken  # username → bool: is the name in use?
        role, center, committee = (self.fields[n] for n in ("role", "centers", "committees"))
        assert isinstance(role, forms.ChoiceField)
        assert isinstance(center, forms.ChoiceField) and isinstance(committee, forms.ChoiceField)
        role.choices = roles
        center.choices = [(c, c) for c in centers]
        committee.choices = [(c, c) for c in committees]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        username = (data.get("username") or data.get("email") or "").strip()
        if username and self.taken(username):
            self.add_error(
                "username" if data.get("username") else "email",
                _("Der er allerede en bruger med brugernavnet %(name)s. Vælg et andet.")
                % {"name": username},
            )
        data["username"] = username
        role = data.get("role")
        if role == "department_editor" and not data.get("centers"):
            self.add_error(
                "centers",
                _("Rollen %(role)s skal have mindst ét center.")
                % {
                    "role": capfirst(
                        vocabulary.ROLE_WORDS["department_editor"].in_language(
                            get_language() or "da"
                        )
                    )
                },
            )
        if role == "committee_reader" and not data.get("committees"):
            self.add_error(
                "committees",
                _("Rollen %(role)s skal have mindst ét udvalg.")
                % {
                    "role": capfirst(
                        vocabulary.ROLE_WORDS["committee_reader"].in_language(
                            get_language() or "da"
                        )
                    )
                },
            )
        if role != "department_editor":
            data["centers"] = []
        if role != "committee_reader":
            data["committees"] = []
        return data


class AccessForm(InviteForm):
    """An existing user's role and the centers they edit or committees they read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, taken=lambda name: False, **kwargs)
        for name in ("first_name", "last_name", "email", "username"):
            del self.fields[name]


class ImportUploadForm(DescribedForm):
    """An uploaded file to import: a report (text export, DOCX, XLSX) or the adopted agreement."""

    file = forms.FileField(
        label=_("Fil"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-input", "accept": ".docx,.xlsx,.txt,.md"}
        ),
        help_text=_(
            "Tekst-eksport (.txt), Word (.docx) eller regneark (.xlsx), højst %(mb)s MB. "
            "Intet gemmes, før du har set forhåndsvisningen."
        ),
        error_messages={"required": _("Vælg den fil, der skal importeres.")},
    )
    kind = forms.ChoiceField(
        label=_("Hvad er filen?"),
        widget=forms.RadioSelect,
        initial="report",
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], max_mb: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        file_field = self.fields["file"]
        file_field.help_text = str(file_field.help_text) % {"mb": max_mb}


class SheetUploadForm(forms.Form):
    """A department's filled-in spreadsheet of a round (delivery.department_sheets)."""

    sheet = forms.FileField(
        label=_("Udfyldt regneark (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-file-input"}),
        help_text=_(
            "Det regneark, der er hentet under denne opfølgning, eller centrets eget regneark "
            "med kolonnerne Nr., Status, Smiley og Korrigerende handling. Intet gemmes, før "
            "du har set ændringerne og trykket Gem."
        ),
    )


#: The mapping's value for a column that is read as no field.
IGNORED = "ignore"


def _unless_ignored(key: str) -> str:
    return "" if key == IGNORED else key


class ColumnMappingForm(forms.Form):
    """Which column of a department's own spreadsheet is which field (or ignored).

    One select per column header found, prefilled with what the headers' synonyms guess;
    `token` carries the table read from the file (delivery.department_sheets.table_token).
    """

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        headers: list[str],
        samples: list[str],
        guesses: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        from openpyxl.utils import get_column_letter

        self.headers = headers
        # Every column takes a choice ("Ignorér" is one), so none is marked "(valgfri)".
        choices = [(IGNORED, _("Ignorér")), *((k, _(v)) for k, v in OWN_FIELDS.items())]
        for index, header in enumerate(headers):
            if not header:
                continue
            sample = samples[index] if index < len(samples) else ""
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=format_lazy(
                    _("Kolonne {letter}: «{header}»"),
                    letter=get_column_letter(index + 1),
                    header=header,
                ),
                choices=choices,
                initial=(guesses or {}).get(index, "") or IGNORED,
                help_text=(
                    format_lazy(_("Eksempel: {sample}"), sample=sample)
                    if sample
                    else _("Ingen værdier under overskriften")
                ),
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    @property
    def column_fields(self) -> list[forms.BoundField]:
        """Return the selects, one per column."""
        return [self[name] for name in self.fields if name.startswith("column_")]

    def columns(self) -> dict[int, str]:
        """Return the mapping chosen: column index → field key ("" ignored)."""
        return {
            int(name.removeprefix("column_")): _unless_ignored(self.cleaned_data.get(name, ""))
            for name in self.fields
            if name.startswith("column_")
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        columns = self.columns()
        by_field: dict[str, list[int]] = {}
        for index, key in columns.items():
            if key:
                by_field.setdefault(key, []).append(index)
        for key, indexes in by_field.items():
            if len(indexes) > 1:
                for index in indexes:
                    self.add_error(
                        f"column_{index}",
                        format_lazy(
                            _("«{field}» er valgt for flere kolonner; vælg den for én kolonne."),
                            field=_(OWN_FIELDS[key]),
                        ),
                    )
        missing = [f"«{_(OWN_FIELDS[k])}»" for k in OWN_REQUIRED if k not in by_field]
        if missing:
            self.add_error(
                None,
                format_lazy(
                    _("Vælg en kolonne for {fields}: de skal være i regnearket."),
                    fields=", ".join(missing),
                ),
            )
        return cleaned
