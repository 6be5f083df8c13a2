"""The open-data JSON file as types: the file is written from them, and its JSON Schema is
generated from the same types, so the two cannot drift apart.

Each record is a dataclass whose fields are the file's keys in the file's order. A field's
metadata gives its Danish description (`doc`), a fixed set of values (`enum`) or a string
format (`format`). `to_data` turns records into JSON-ready data; `json_schema` describes
them as JSON Schema (draft 2020-12). Descriptions are in Danish and fixed (not translated), so
the schema file is stable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from ..followup.smileys import Smiley
from ..followup.vocabulary import (
    CHANGE_KIND_WORDS,
    CHANGE_STATUS_WORDS,
    KIND_WORDS,
    MONEY_KINDS,
    SMILEY_WORDS,
)

__all__ = ["OpenDataFile", "json_schema", "to_data"]


def _doc(text: str, **more: Any) -> dict[str, Any]:
    return {"doc": text, **more}


def _enum(values: list[str], text: str = "") -> dict[str, Any]:
    return {"enum": values, **({"doc": text} if text else {})}


_KINDS = list(KIND_WORDS)  # an initiative's: capital, operating or both
_MONEY_KINDS = list(MONEY_KINDS)  # money's: capital or operating


def _kinds_text() -> str:
    """Return "Anlæg (capital), Drift (operating) eller Anlæg og drift (…)"."""
    items = [f"{word.da} ({key})" for key, word in KIND_WORDS.items()]
    return ", ".join(items[:-1]) + " eller " + items[-1]


@dataclass(frozen=True)
class Amount:
    """Et beløb pr. år og art"""

    year: int
    kind: str = field(metadata=_enum(_MONEY_KINDS))
    amount: int = field(metadata=_doc("Hele kroner"))


@dataclass(frozen=True)
class ChangeAmount:
    """En ændrings beløb for ét år"""

    year: int
    amount: int = field(metadata=_doc("Hele kroner, ±"))


@dataclass(frozen=True)
class Change:
    """En ændring af budgettet"""

    kind: str = field(
        metadata=_enum(
            list(CHANGE_KIND_WORDS),
            ", ".join(f"{key} ({word.da})" for key, word in CHANGE_KIND_WORDS.items()),
        )
    )
    kind_of_money: str = field(metadata=_enum(_MONEY_KINDS))
    amounts: list[ChangeAmount] = field(metadata=_doc("Beløbene pr. år"))
    financing: str = field(metadata=_doc("Den alternative finansiering"))
    status: str = field(metadata=_enum(list(CHANGE_STATUS_WORDS)))
    decided_on: dt.date | None = field(metadata=_doc("Datoen for beslutningen"))
    reference: str = field(metadata=_doc("Sagsreference for beslutningen"))
    proposed_in_round: int | None = field(
        metadata=_doc("Opfølgningen, hvor ændringen blev foreslået")
    )


@dataclass(frozen=True)
class Budget:
    """Indsatsens budget; null hvor budgettet ikke er kendt"""

    no_money: bool = field(metadata=_doc("Der er ikke afsat økonomi"))
    lines: list[Amount] = field(metadata=_doc("Vedtaget budget pr. år og art"))
    changes: list[Change] = field(metadata=_doc("Ændringer af budgettet"))
    amended: list[Amount] = field(
        metadata=_doc(
            "Korrigeret budget: vedtaget plus godkendte ændringer til og med den nyeste "
            "opfølgnings dato"
        )
    )


@dataclass(frozen=True)
class Status:
    """En indsats ved én opfølgning"""

    round: int = field(metadata=_doc("Opfølgningens nummer (1–4)"))
    label: str = field(metadata=_doc("Opfølgningens betegnelse"))
    milestone: str = field(metadata=_doc("Milepælen for opfølgningen"))
    status_note: str = field(metadata=_doc("Status på milepælen"))
    smiley: Smiley | None = field(metadata=_doc("Smiley for indsatsen"))
    corrective_action: str = field(metadata=_doc("Korrigerende handling"))
    economy_smiley: Smiley | None = field(
        metadata=_doc("Smiley for økonomien; null hvor opfølgningen ikke er offentliggjort selv")
    )
    economy_text: str = field(metadata=_doc("Teksten om økonomien"))
    published: bool = field(
        metadata=_doc(
            "true: opfølgningen er offentliggjort for sig selv; false: som den nyeste rapport "
            "gengiver den, uden økonomi"
        )
    )


@dataclass(frozen=True)
class Planned:
    """En milepæl planlagt for en senere opfølgning"""

    round: int
    label: str
    milestone: str


@dataclass(frozen=True)
class Initiative:
    """En indsats i aftalen"""

    number: str = field(metadata=_doc("Indsatsens nummer, fx 1.11"))
    title: str = field(metadata=_doc("Indsatsens titel"))
    kind: str = field(metadata=_enum(_KINDS, _kinds_text()))
    theme: str = field(metadata=_doc("Temaets nummer"))
    center: str = field(metadata=_doc("Ansvarligt center"))
    committee: str = field(metadata=_doc("Ansvarligt udvalg"))
    involved_committees: str = field(metadata=_doc("Øvrige involverede udvalg"))
    description: str = field(metadata=_doc("Beskrivelse af indsatsen"))
    contributors: str = field(metadata=_doc("Bidragydere"))
    notes: str = field(metadata=_doc("Bemærkninger"))
    statuses: list[Status] = field(
        metadata=_doc("Indsatsen ved hver opfølgning til og med den nyeste")
    )
    planned: list[Planned] = field(metadata=_doc("Milepæle planlagt for senere opfølgninger"))
    budget: Budget | None = field(
        metadata=_doc("Indsatsens budget; null hvor budgettet ikke er kendt")
    )


@dataclass(frozen=True)
class Licence:
    """Licensen for data"""

    name: str
    url: str = field(metadata=_doc("Licensens adresse", format="uri"))


@dataclass(frozen=True)
class Source:
    """En offentliggjort opfølgning og version, filen er lavet af"""

    round: int
    version: int
    published_at: dt.datetime | None


@dataclass(frozen=True)
class AgreementName:
    """Budgetaftalen"""

    year: int
    name: str


@dataclass(frozen=True)
class Round:
    """En opfølgning til og med den nyeste offentliggjorte"""

    number: int
    label: str
    date: dt.date | None
    published: bool
    published_at: dt.datetime | None
    version: int | None


@dataclass(frozen=True)
class Theme:
    """Et tema i aftalen"""

    number: str
    title: str


@dataclass(frozen=True)
class OpenDataFile:
    """Alle offentliggjorte data om én budgetaftale. Felter kan komme til, men omdøbes eller
    fjernes ikke."""

    schema: str = field(metadata=_doc("Adressen på dette skema", format="uri"))
    licence: Licence = field(metadata=_doc("Licensen for data"))
    publisher: str = field(metadata=_doc("Udgiveren af data"))
    generated_from: list[Source] = field(
        metadata=_doc("De offentliggjorte opfølgninger og versioner, filen er lavet af")
    )
    agreement: AgreementName = field(metadata=_doc("Budgetaftalen"))
    rounds: list[Round] = field(
        metadata=_doc("Opfølgningerne til og med den nyeste offentliggjorte")
    )
    themes: list[Theme] = field(metadata=_doc("Aftalens temaer"))
    initiatives: list[Initiative] = field(
        metadata=_doc("Aftalens indsatser i rapportens rækkefølge")
    )


# --- writing -----------------------------------------------------------------------------


def to_data(value: Any) -> Any:
    """Return records as JSON-ready data: keys in field order, dates as ISO 8601 text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, Smiley):
        return value.value
    if isinstance(value, dt.datetime):
        # UTC to the second: the same moment is written the same way whatever the zone.
        return value.astimezone(dt.UTC).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- the schema ----------------------------------------------------------------------------

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
}
_FORMATS = {dt.datetime: "date-time", dt.date: "date"}


def _def_name(cls: Any) -> str:
    name = cls.__name__
    return name[0].lower() + name[1:]


def _object(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    schema: dict[str, Any] = {"type": "object"}
    if cls.__doc__:
        schema["description"] = " ".join(cls.__doc__.split())
    schema["required"] = [f.name for f in fields]
    schema["properties"] = {f.name: _field(hints[f.name], f.metadata, defs) for f in fields}
    # Fields are added over time, never removed: consumers must accept unknown ones.
    schema["additionalProperties"] = True
    return schema


def _field(hint: Any, metadata: Any, defs: dict[str, Any]) -> dict[str, Any]:
    schema = dict(_type(hint, defs))
    if "enum" in metadata:
        schema = {"enum": list(metadata["enum"])}
    if "format" in metadata:
        schema["format"] = metadata["format"]
    if "doc" in metadata:
        schema["description"] = metadata["doc"]
    return schema


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1 or len(args) != 2:
            raise TypeError(f"only X | None is described, not {hint!r}")
        (only,) = inner
        if only is Smiley:
            return {"$ref": "#/$defs/smiley"}
        if only in _FORMATS:
            return {"type": ["string", "null"], "format": _FORMATS[only]}
        if only in _SCALARS:
            return {"type": [_SCALARS[only]["type"], "null"]}
        return {"oneOf": [{"type": "null"}, _type(only, defs)]}
    if origin is list:
        return {"type": "array", "items": _type(args[0], defs)}
    if origin is Literal:
        return {"enum": list(args)}
    if hint in _SCALARS:
        return _SCALARS[hint]
    if hint in _FORMATS:
        return {"type": "string", "format": _FORMATS[hint]}
    if dataclasses.is_dataclass(hint):
        name = _def_name(hint)
        if name not in defs:
            defs[name] = {}  # reserved first: a record may refer to itself
            defs[name] = _object(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {hint!r}")


def json_schema(schema_url: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the open-data file, from its records."""
    defs: dict[str, Any] = {
        "smiley": {
            "description": ", ".join(f"{k} ({w.da})" for k, w in SMILEY_WORDS.items())
            + " eller null",
            "enum": [*SMILEY_WORDS, None],
        }
    }
    root = _object(OpenDataFile, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "Opfølgning på budgetaftale: åbne data",
        **root,
        "$defs": defs,
    }
