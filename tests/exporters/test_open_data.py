"""Open data from a published agreement: the JSON, the CSV tables and the JSON Schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import jsonschema_rs
import pytest

from opfolgning.agreements.public_selectors import (
    PublicAgreement,
    PublicInitiative,
    PublicRound,
    PublicTheme,
    RoundStatus,
)
from opfolgning.exporters import open_data
from opfolgning.followup.document import (
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    MilestoneDoc,
)
from opfolgning.followup.smileys import Smiley

PUBLICATION = open_data.Publication(
    licence_name="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/legalcode",
    publisher="Kommunen",
    schema_url="https://data.example/data/skema.json",
)
PUBLISHED_AT = dt.datetime(2019, 10, 10, 8, 30, 15, 123456, tzinfo=dt.UTC)


def _initiative(number: str, **kw) -> PublicInitiative:
    values = {
        "number": number,
        "title": f"Indsats {number}",
        "kind": "capital",
        "description": "Første afsnit.\n\nAndet afsnit, med komma.",
        "center": "Ejendomme",
        "committee": "Økonomiudvalget",
        "committee_slug": "oekonomiudvalget",
        "contributors": "Social og Sundhed",
        "involved_committees": "",
        "notes": "",
        "theme_number": number.split(".")[0],
        "theme_title": "Tema",
        "statuses": (
            RoundStatus(round=2, label="2. opfølgning", milestone="Plan", smiley=Smiley.NEUTRAL),
            RoundStatus(
                round=3,
                label="3. opfølgning",
                milestone="Byggeriet er i gang",
                status_note="Forsinket",
                smiley=Smiley.SAD,
                corrective_action="Ny plan",
                has_economy=True,
                economy_text="Budgettet holder.",
                economy_smiley=Smiley.HAPPY,
            ),
        ),
        "planned": (MilestoneDoc(round=4, label="31.12.2019", text="Projektet er afsluttet."),),
    }
    values.update(kw)
    return PublicInitiative(**values)


def _agreement(*initiatives: PublicInitiative) -> PublicAgreement:
    ini = initiatives or (_initiative("1.1"),)
    themes = {}
    for i in ini:
        themes.setdefault(i.theme_number, []).append(i)
    return PublicAgreement(
        year=2019,
        name="Aftale om budget 2019",
        rounds=(
            PublicRound(1, "1. opfølgning", None, False),
            PublicRound(2, "2. opfølgning", None, False),
            PublicRound(3, "3. opfølgning", dt.date(2019, 10, 9), True, PUBLISHED_AT, 2),
        ),
        themes=tuple(PublicTheme(n, f"Tema {n}", tuple(items)) for n, items in themes.items()),
        source_round=3,
        source_version=2,
        fingerprint="abc",
        by_number={i.number: i for i in ini},
    )


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_json_has_the_documented_keys_in_a_fixed_order():
    data = open_data.open_data_dict(_agreement(), PUBLICATION)
    assert list(data) == [
        "schema",
        "licence",
        "publisher",
        "generated_from",
        "agreement",
        "rounds",
        "themes",
        "initiatives",
    ]
    assert data["schema"] == PUBLICATION.schema_url
    assert data["licence"] == {"name": "CC BY 4.0", "url": PUBLICATION.licence_url}
    assert data["generated_from"] == [
        {"round": 3, "version": 2, "published_at": "2019-10-10T08:30:15+00:00"}
    ]
    initiative = data["initiatives"][0]
    assert list(initiative)[:4] == ["number", "title", "kind", "theme"]
    assert list(initiative)[-3:] == ["statuses", "planned", "budget"]


def test_json_writes_smileys_as_interchange_values_and_economy_only_where_published():
    statuses = open_data.open_data_dict(_agreement(), PUBLICATION)["initiatives"][0]["statuses"]
    assert [(s["round"], s["smiley"], s["economy_smiley"], s["published"]) for s in statuses] == [
        (2, "neutral", None, False),
        (3, "sad", "happy", True),
    ]
    assert statuses[0]["economy_text"] == ""


def test_json_validates_against_the_schema_and_the_schema_is_valid_2020_12():
    schema = open_data.json_schema(PUBLICATION.schema_url)
    jsonschema_rs.meta.validate(schema)
    budget = BudgetDoc(lines=[BudgetLineDoc(2019, "capital", 2_000_000)])
    data = json.loads(
        open_data.render_json(_agreement(_initiative("1.1", budget=budget)), PUBLICATION)
    )
    validator = jsonschema_rs.Draft202012Validator(schema)
    assert [str(e) for e in validator.iter_errors(data)] == []


def test_the_schema_rejects_a_file_without_initiatives_or_with_an_unknown_smiley():
    validator = jsonschema_rs.Draft202012Validator(open_data.json_schema(PUBLICATION.schema_url))
    data = open_data.open_data_dict(_agreement(), PUBLICATION)
    missing = {k: v for k, v in data.items() if k != "initiatives"}
    assert not validator.is_valid(missing)
    data["initiatives"][0]["statuses"][0]["smiley"] = "glad"
    assert not validator.is_valid(data)


def test_initiative_csv_has_one_row_per_initiative_with_the_documented_columns():
    agreement = _agreement(_initiative("1.1"), _initiative("2.1", statuses=()))
    rows = _rows(open_data.initiatives_csv(agreement))
    assert list(rows[0]) == [c.name for c in open_data.INITIATIVE_COLUMNS]
    assert [r["number"] for r in rows] == ["1.1", "2.1"]
    first = rows[0]
    assert (first["smiley"], first["smiley_da"]) == ("sad", "sur")
    assert (first["economy_smiley"], first["economy_smiley_da"]) == ("happy", "glad")
    assert (first["kind"], first["kind_da"], first["round"]) == ("capital", "anlæg", "3")
    assert (rows[1]["smiley"], rows[1]["smiley_da"]) == ("", "")


def test_csv_is_comma_separated_with_crlf_and_keeps_line_breaks_inside_quotes():
    data = open_data.initiatives_csv(_agreement())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("agreement_year,number,title,kind,")
    assert text.endswith("\r\n")
    assert '"Første afsnit.\n\nAndet afsnit, med komma."' in text
    assert _rows(data)[0]["description"] == "Første afsnit.\n\nAndet afsnit, med komma."


def test_a_text_cell_that_looks_like_a_formula_is_quoted_in_csv_but_exact_in_json():
    agreement = _agreement(_initiative("1.1", notes='=HYPERLINK("http://x")'))
    assert _rows(open_data.initiatives_csv(agreement))[0]["notes"] == '\'=HYPERLINK("http://x")'
    data = open_data.open_data_dict(agreement, PUBLICATION)
    assert data["initiatives"][0]["notes"] == '=HYPERLINK("http://x")'


def test_status_csv_has_a_row_per_round_and_the_planned_milestones():
    rows = _rows(open_data.status_csv(_agreement()))
    assert list(rows[0]) == [c.name for c in open_data.STATUS_COLUMNS]
    summary = [
        (r["round"], r["published"], r["planned"], r["smiley_da"], r["economy_smiley"])
        for r in rows
    ]
    assert summary == [
        ("2", "false", "false", "mellemfornøjet", ""),
        ("3", "true", "false", "sur", "happy"),
        ("4", "false", "true", "", ""),
    ]
    assert rows[2]["milestone"] == "Projektet er afsluttet."
    assert rows[1]["corrective_action"] == "Ny plan"


def test_budget_csv_has_adopted_and_amended_kroner_with_changes_approved_by_the_round_date():
    budget = BudgetDoc(
        lines=[BudgetLineDoc(2019, "capital", 2_000_000), BudgetLineDoc(2019, "operating", 5)],
        changes=[
            BudgetChangeDoc(
                kind="postponement",
                kind_of_money="capital",
                amounts=[ChangeAmountDoc(2019, -1_000_000), ChangeAmountDoc(2020, 1_000_000)],
                financing="Udskudt",
                status="approved",
                decided_on=dt.date(2019, 6, 1),
                reference="KB 2019-06",
            ),
            BudgetChangeDoc(
                kind="increase",
                kind_of_money="capital",
                amounts=[ChangeAmountDoc(2019, 7)],
                financing="Kassen",
                status="proposed",
            ),
        ],
    )
    agreement = _agreement(_initiative("1.1", budget=budget), _initiative("1.2"))
    assert [f.key for f in open_data.data_files(agreement)][-1] == "budget"
    rows = _rows(open_data.budget_csv(agreement))
    assert list(rows[0]) == [c.name for c in open_data.BUDGET_COLUMNS]
    assert [(r["budget_year"], r["kind"], r["adopted"], r["amended"]) for r in rows] == [
        ("2019", "capital", "2000000", "1000000"),
        ("2019", "operating", "5", "5"),
        ("2020", "capital", "0", "1000000"),
    ]


def test_json_budget_leaves_out_internal_review_notes():
    budget = BudgetDoc(
        lines=[BudgetLineDoc(2019, "capital", 10)],
        changes=[
            BudgetChangeDoc(
                kind="cut",
                kind_of_money="capital",
                amounts=[ChangeAmountDoc(2019, -1)],
                financing="x",
                note="Intern arbejdsnote",
            )
        ],
        review=["Kontrollér beløbet"],
    )
    text = open_data.render_json(_agreement(_initiative("1.1", budget=budget)), PUBLICATION)
    assert b"Intern arbejdsnote" not in text and "Kontrollér".encode() not in text
    assert json.loads(text)["initiatives"][0]["budget"]["amended"] == [
        {"year": 2019, "kind": "capital", "amount": 10}
    ]


def test_without_budgets_there_is_no_budget_file_and_unknown_names_are_none():
    agreement = _agreement()
    names = [f.filename for f in open_data.data_files(agreement)]
    assert names == [
        "opfolgning-2019.json",
        "opfolgning-2019-indsatser.csv",
        "opfolgning-2019-status.csv",
    ]
    assert open_data.render_file(agreement, "opfolgning-2019-budget.csv", PUBLICATION) is None
    assert open_data.render_file(agreement, "../settings.py", PUBLICATION) is None


@pytest.mark.parametrize("name", ["opfolgning-2019.json", "opfolgning-2019-status.csv"])
def test_the_same_data_gives_the_same_bytes(name):
    first = open_data.render_file(_agreement(), name, PUBLICATION)
    second = open_data.render_file(_agreement(), name, PUBLICATION)
    assert first is not None and second is not None
    assert first[1] == second[1]


def _keys_by_path(data, schema, defs, path="$"):
    """Yield (path, data keys, schema properties) for every object in the data."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    if "oneOf" in schema:
        schema = next(s for s in schema["oneOf"] if s.get("type") != "null" or data is None)
    if isinstance(data, dict):
        yield path, list(data), list(schema.get("properties", {}))
        for key, value in data.items():
            yield from _keys_by_path(value, schema["properties"][key], defs, f"{path}.{key}")
    elif isinstance(data, list):
        for n, item in enumerate(data):
            yield from _keys_by_path(item, schema["items"], defs, f"{path}[{n}]")


def test_the_schema_is_generated_from_the_records_the_file_is_written_from():
    # Every object of the file has exactly the schema's properties, in the same order, and
    # the schema requires them all: the two come from the same types (open_data_records).
    schema = open_data.json_schema(PUBLICATION.schema_url)
    data = open_data.open_data_dict(_agreement(), PUBLICATION)
    checked = 0
    for path, keys, properties in _keys_by_path(data, schema, schema["$defs"]):
        assert keys == properties, path
        checked += 1
    assert checked > 10
    assert schema["required"] == list(data)
    kinds = ["capital", "operating", "capital_and_operating"]
    assert schema["$defs"]["initiative"]["properties"]["kind"]["enum"] == kinds
    # Money is one kind or the other: an initiative of both kinds has lines of each.
    assert schema["$defs"]["amount"]["properties"]["kind"]["enum"] == ["capital", "operating"]
    assert schema["$defs"]["change"]["properties"]["kind_of_money"]["enum"] == [
        "capital",
        "operating",
    ]
