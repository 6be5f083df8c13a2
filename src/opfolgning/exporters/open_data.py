"""Published agreement → open data: one JSON file, CSV tables and the JSON Schema.

Everything here is built from a `PublicAgreement` (followup.publication, built by
agreements.public_selectors), which holds published rounds only and no personal data. The
files are stable: keys and columns in a fixed order, initiatives in report order, no "now"
anywhere, so the same published data gives byte-identical files (and the same ETag). Fields
are added, never renamed or removed.

CSV: comma-separated, UTF-8 with a byte order mark, CRLF line ends and RFC 4180 quoting
(texts keep their line breaks inside quotes). A text cell beginning with = + - @ TAB or CR
gets a leading ' so a spreadsheet shows it instead of running it as a formula; the JSON file
carries every text exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_noop

from opfolgning.followup.vocabulary import kind_words

from ..followup.budget import amended_budget
from ..followup.document import BudgetDoc, budget_model, budget_to_dict
from ..followup.smileys import LABELS_DA, Smiley
from . import open_data_records as records
from .csv import BOM, escape_cell

if TYPE_CHECKING:  # the exporter only reads the selector's dataclasses
    from ..followup.publication import PublicAgreement, PublicInitiative

__all__ = [
    "Column",
    "DataFile",
    "Publication",
    "data_files",
    "initiatives_csv",
    "json_schema",
    "last_published",
    "open_data_dict",
    "render_file",
    "render_json",
    "render_schema",
    "status_csv",
]

KIND_DA = {kind: word.lower() for kind, word in kind_words().items()}
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
SCHEMA_TYPE = "application/schema+json"


@dataclass(frozen=True)
class Publication:
    """Who publishes the data, under which licence, and where the schema lives."""

    licence_name: str
    licence_url: str
    publisher: str
    schema_url: str


@dataclass(frozen=True)
class Column:
    """A CSV column: its name, its type and what it means (Danish, for gettext)."""

    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class DataFile:
    """One downloadable file of an agreement."""

    key: str  # json, indsatser, status, budget
    filename: str
    content_type: str
    description: str  # Danish, for gettext
    columns: tuple[Column, ...] = ()


# Column types as shown on the page (Danish, for gettext).
TEXT = gettext_noop("tekst")
INTEGER = gettext_noop("heltal")
BOOLEAN = gettext_noop("true/false")
SMILEY = gettext_noop("happy, neutral, sad eller tom")
SMILEY_DA = gettext_noop("glad, mellemfornøjet, sur eller tom")
ECONOMY = gettext_noop("happy, sad eller tom")
ECONOMY_DA = gettext_noop("glad, sur eller tom")
KIND = gettext_noop("capital eller operating")
INITIATIVE_KIND = gettext_noop("capital, operating eller capital_and_operating")

_YEAR = Column("agreement_year", INTEGER, gettext_noop("Budgetaftalens år"))
_NUMBER = Column("number", TEXT, gettext_noop("Indsatsens nummer, fx 1.11 (temaets nummer først)"))
_TITLE = Column("title", TEXT, gettext_noop("Indsatsens titel"))

INITIATIVE_COLUMNS = (
    _YEAR,
    _NUMBER,
    _TITLE,
    Column(
        "kind",
        INITIATIVE_KIND,
        gettext_noop("Anlæg (capital), drift (operating) eller begge dele (capital_and_operating)"),
    ),
    Column("kind_da", TEXT, gettext_noop("Typen på dansk: anlæg, drift eller anlæg og drift")),
    Column("theme", TEXT, gettext_noop("Temaets nummer")),
    Column("theme_title", TEXT, gettext_noop("Temaets titel")),
    Column("center", TEXT, gettext_noop("Ansvarligt center")),
    Column("committee", TEXT, gettext_noop("Ansvarligt udvalg")),
    Column("involved_committees", TEXT, gettext_noop("Øvrige involverede udvalg")),
    Column("contributors", TEXT, gettext_noop("Bidragydere (centre og afdelinger)")),
    Column(
        "description",
        TEXT,
        gettext_noop("Beskrivelse af indsatsen; afsnit adskilt af en tom linje"),
    ),
    Column("notes", TEXT, gettext_noop("Bemærkninger")),
    Column("round", INTEGER, gettext_noop("Den nyeste offentliggjorte opfølgning (1–4)")),
    Column("smiley", SMILEY, gettext_noop("Smiley for indsatsen ved den nyeste opfølgning")),
    Column("smiley_da", SMILEY_DA, gettext_noop("Samme smiley på dansk")),
    Column(
        "economy_smiley", ECONOMY, gettext_noop("Smiley for økonomien ved den nyeste opfølgning")
    ),
    Column("economy_smiley_da", ECONOMY_DA, gettext_noop("Samme smiley på dansk")),
)

STATUS_COLUMNS = (
    _YEAR,
    _NUMBER,
    _TITLE,
    Column("round", INTEGER, gettext_noop("Opfølgningens nummer (1–4; 4 er pr. 31.12.)")),
    Column("label", TEXT, gettext_noop("Opfølgningens betegnelse")),
    Column(
        "published",
        BOOLEAN,
        gettext_noop(
            "true: opfølgningen er offentliggjort for sig selv; false: som en senere rapport "
            "gengiver den (uden økonomi) eller planlagt"
        ),
    ),
    Column(
        "planned",
        BOOLEAN,
        gettext_noop("true: en milepæl planlagt for en senere opfølgning, endnu uden status"),
    ),
    Column("milestone", TEXT, gettext_noop("Milepælen for opfølgningen")),
    Column("status_note", TEXT, gettext_noop("Status på milepælen")),
    Column("smiley", SMILEY, gettext_noop("Smiley for indsatsen")),
    Column("smiley_da", SMILEY_DA, gettext_noop("Samme smiley på dansk")),
    Column("corrective_action", TEXT, gettext_noop("Korrigerende handling (ved sur smiley)")),
    Column(
        "economy_smiley",
        ECONOMY,
        gettext_noop("Smiley for økonomien (kun kendt ved offentliggjorte opfølgninger)"),
    ),
    Column("economy_smiley_da", ECONOMY_DA, gettext_noop("Samme smiley på dansk")),
    Column("economy_text", TEXT, gettext_noop("Teksten om økonomien")),
)

BUDGET_COLUMNS = (
    _YEAR,
    _NUMBER,
    _TITLE,
    Column("budget_year", INTEGER, gettext_noop("Budgetåret pengene er afsat til")),
    Column("kind", KIND, gettext_noop("Anlæg (capital) eller drift (operating)")),
    Column("kind_da", TEXT, gettext_noop("Anlæg eller drift på dansk: anlæg, drift")),
    Column("adopted", INTEGER, gettext_noop("Vedtaget budget i hele kroner")),
    Column(
        "amended",
        INTEGER,
        gettext_noop(
            "Korrigeret budget i hele kroner: vedtaget plus godkendte ændringer til og med "
            "den nyeste opfølgnings dato"
        ),
    ),
)


def _smiley(value: Smiley | None) -> str | None:
    return value.value if value else None


def _smiley_da(value: Smiley | None) -> str:
    return LABELS_DA[value] if value else ""


def has_budget(agreement: PublicAgreement) -> bool:
    """Return whether any initiative has budget lines in the published data."""
    return any(ini.budget is not None and ini.budget.lines for ini in agreement.initiatives())


def data_files(agreement: PublicAgreement) -> list[DataFile]:
    """Return the agreement's files; the budget file only where budgets are published."""
    year = agreement.year
    files = [
        DataFile(
            "json",
            f"opfolgning-{year}.json",
            JSON_TYPE,
            gettext_noop("Alle offentliggjorte data om aftalen i én fil (JSON)"),
        ),
        DataFile(
            "indsatser",
            f"opfolgning-{year}-indsatser.csv",
            CSV_TYPE,
            gettext_noop("Én række pr. indsats med status ved den nyeste opfølgning"),
            INITIATIVE_COLUMNS,
        ),
        DataFile(
            "status",
            f"opfolgning-{year}-status.csv",
            CSV_TYPE,
            gettext_noop("Én række pr. indsats pr. opfølgning (og planlagte milepæle)"),
            STATUS_COLUMNS,
        ),
    ]
    if has_budget(agreement):
        files.append(
            DataFile(
                "budget",
                f"opfolgning-{year}-budget.csv",
                CSV_TYPE,
                gettext_noop("Én række pr. indsats, budgetår og art (anlæg eller drift)"),
                BUDGET_COLUMNS,
            )
        )
    return files


def last_published(agreement: PublicAgreement) -> dt.datetime | None:
    """Return when the newest of the agreement's published rounds was published."""
    moments = [r.published_at for r in agreement.rounds if r.published_at is not None]
    return max(moments) if moments else None


def _budget_dict(budget: BudgetDoc | None, as_of: dt.date | None) -> dict[str, Any] | None:
    # The interchange shape, less the review notes and the finance office's working notes on
    # changes: they are a to-do list for staff, not published data.
    if budget is None:
        return None
    data = budget_to_dict(budget, as_of=as_of)
    data.pop("review", None)
    for change in data["changes"]:
        change.pop("note", None)
    return data


def _amended(budget: BudgetDoc, as_of: dt.date | None) -> dict[tuple[int, str], int]:
    if budget.no_money:
        return {}
    adopted, changes = budget_model(budget)
    return {
        (year, str(kind)): amount
        for (year, kind), amount in amended_budget(adopted, changes, as_of=as_of).items()
    }


def _as_of(agreement: PublicAgreement) -> dt.date | None:
    return agreement.latest_round.date


def _budget_record(budget: BudgetDoc | None, as_of: dt.date | None) -> records.Budget | None:
    data = _budget_dict(budget, as_of)
    if data is None:
        return None
    return records.Budget(
        no_money=data["no_money"],
        lines=[records.Amount(**line) for line in data["lines"]],
        changes=[
            records.Change(
                kind=c["kind"],
                kind_of_money=c["kind_of_money"],
                amounts=[records.ChangeAmount(**a) for a in c["amounts"]],
                financing=c["financing"],
                status=c["status"],
                decided_on=dt.date.fromisoformat(c["decided_on"]) if c["decided_on"] else None,
                reference=c["reference"],
                proposed_in_round=c["proposed_in_round"],
            )
            for c in data["changes"]
        ],
        amended=[records.Amount(**line) for line in data["amended"]],
    )


def _initiative_record(ini: PublicInitiative, as_of: dt.date | None) -> records.Initiative:
    return records.Initiative(
        number=ini.number,
        title=ini.title,
        kind=ini.kind,
        theme=ini.theme_number,
        center=ini.center,
        committee=ini.committee,
        involved_committees=ini.involved_committees,
        description=ini.description,
        contributors=ini.contributors,
        notes=ini.notes,
        statuses=[
            records.Status(
                round=s.round,
                label=s.label,
                milestone=s.milestone,
                status_note=s.status_note,
                smiley=s.smiley,
                corrective_action=s.corrective_action,
                economy_smiley=s.economy_smiley if s.has_economy else None,
                economy_text=s.economy_text if s.has_economy else "",
                published=s.has_economy,
            )
            for s in ini.statuses
        ],
        planned=[records.Planned(m.round, m.label, m.text) for m in ini.planned],
        budget=_budget_record(ini.budget, as_of),
    )


def open_data_file(agreement: PublicAgreement, publication: Publication) -> records.OpenDataFile:
    """Return everything published about the agreement as the open-data file's records."""
    as_of = _as_of(agreement)
    return records.OpenDataFile(
        schema=publication.schema_url,
        licence=records.Licence(publication.licence_name, publication.licence_url),
        publisher=publication.publisher,
        generated_from=[
            records.Source(r.number, r.version or 0, r.published_at)
            for r in agreement.rounds
            if r.published
        ],
        agreement=records.AgreementName(agreement.year, agreement.name),
        rounds=[
            records.Round(r.number, r.label, r.date, r.published, r.published_at, r.version)
            for r in agreement.rounds
        ],
        themes=[records.Theme(t.number, t.title) for t in agreement.themes],
        initiatives=[_initiative_record(ini, as_of) for ini in agreement.initiatives()],
    )


def open_data_dict(agreement: PublicAgreement, publication: Publication) -> dict[str, Any]:
    """Return everything published about the agreement as JSON-ready data, keys in order."""
    data: dict[str, Any] = records.to_data(open_data_file(agreement, publication))
    return data


def render_json(agreement: PublicAgreement, publication: Publication) -> bytes:
    """Return the agreement's JSON file: UTF-8, indented, non-ASCII kept, newline at the end."""
    data = open_data_dict(agreement, publication)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(value: str | int | bool | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    return escape_cell(value) if value else ""


def _csv(columns: tuple[Column, ...], rows: Iterable[Iterable[str | int | bool | None]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def initiatives_csv(agreement: PublicAgreement) -> bytes:
    """Return one row per initiative with its status at the newest published round."""
    rows = []
    for ini in agreement.initiatives():
        latest = ini.latest
        economy = latest.economy_smiley if latest and latest.has_economy else None
        rows.append(
            (
                agreement.year,
                ini.number,
                ini.title,
                ini.kind,
                KIND_DA.get(ini.kind, ""),
                ini.theme_number,
                ini.theme_title,
                ini.center,
                ini.committee,
                ini.involved_committees,
                ini.contributors,
                ini.description,
                ini.notes,
                latest.round if latest else agreement.source_round,
                _smiley(ini.smiley),
                _smiley_da(ini.smiley),
                _smiley(economy),
                _smiley_da(economy),
            )
        )
    return _csv(INITIATIVE_COLUMNS, rows)


def status_csv(agreement: PublicAgreement) -> bytes:
    """Return one row per initiative and round, then its planned milestones."""
    rows: list[tuple[str | int | bool | None, ...]] = []
    for ini in agreement.initiatives():
        for s in ini.statuses:
            economy = s.economy_smiley if s.has_economy else None
            rows.append(
                (
                    agreement.year,
                    ini.number,
                    ini.title,
                    s.round,
                    s.label,
                    s.has_economy,
                    False,
                    s.milestone,
                    s.status_note,
                    _smiley(s.smiley),
                    _smiley_da(s.smiley),
                    s.corrective_action,
                    _smiley(economy),
                    _smiley_da(economy),
                    s.economy_text if s.has_economy else "",
                )
            )
        for m in ini.planned:
            rows.append(
                (agreement.year, ini.number, ini.title, m.round, m.label, False, True, m.text)
                + ("",) * 7
            )
    return _csv(STATUS_COLUMNS, rows)


def budget_csv(agreement: PublicAgreement) -> bytes:
    """Return one row per initiative, budget year and kind: adopted and amended kroner."""
    as_of = _as_of(agreement)
    order = {"capital": 0, "operating": 1}
    rows = []
    for ini in agreement.initiatives():
        if ini.budget is None or not ini.budget.lines:
            continue
        adopted: dict[tuple[int, str], int] = {}
        for line in ini.budget.lines:
            key = (line.year, line.kind)
            adopted[key] = adopted.get(key, 0) + line.amount
        amended = _amended(ini.budget, as_of)
        for year, kind in sorted({*adopted, *amended}, key=lambda k: (k[0], order.get(k[1], 9))):
            rows.append(
                (
                    agreement.year,
                    ini.number,
                    ini.title,
                    year,
                    kind,
                    KIND_DA.get(kind, ""),
                    adopted.get((year, kind), 0),
                    amended.get((year, kind), 0),
                )
            )
    return _csv(BUDGET_COLUMNS, rows)


def render_file(
    agreement: PublicAgreement, filename: str, publication: Publication
) -> tuple[DataFile, bytes] | None:
    """Return a file of the agreement by its name with its bytes, or None for an unknown name."""
    for data_file in data_files(agreement):
        if data_file.filename == filename:
            if data_file.key == "json":
                return data_file, render_json(agreement, publication)
            render = {"indsatser": initiatives_csv, "status": status_csv, "budget": budget_csv}
            return data_file, render[data_file.key](agreement)
    return None


def json_schema(schema_url: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the agreement's JSON file, from its records."""
    return records.json_schema(schema_url)


def render_schema(schema_url: str) -> bytes:
    """Return the JSON Schema as UTF-8 JSON text with a newline at the end."""
    text = json.dumps(json_schema(schema_url), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
