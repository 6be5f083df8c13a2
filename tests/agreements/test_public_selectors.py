"""The public read model: only published rounds' frozen reports, never live or draft data."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements.models import Milestone, Round, RoundState, Submission
from opfolgning.agreements.selectors import NotFound
from opfolgning.agreements.services import report_import
from opfolgning.agreements.workflow_services import (
    round_close,
    round_correct,
    round_open,
    round_publish,
    status_save,
)
from opfolgning.followup.document import (
    AgreementRef,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.smileys import Smiley
from opfolgning.importers.text import parse_text

pytestmark = pytest.mark.django_db

OPEN_ROUND_TEXT = "HEMMELIG-KLADDE-7731 status fra den åbne runde"


@pytest.fixture
def seed_published(seed_path):
    """The seed imported (rounds 1–3 closed), round 3 published, round 4 open."""
    doc = parse_text(seed_path.read_bytes(), source=seed_path.name)
    report_import(actor=None, document=doc, source_name=seed_path.name)
    round_publish(actor=None, round_obj=Round.objects.get(agreement__year=2019, number=3))
    round_open(actor=None, round_obj=Round.objects.get(agreement__year=2019, number=4))
    return doc


def _write_open_round_status(number: str) -> None:
    submission = Submission.objects.get(
        round__agreement__year=2019, round__number=4, initiative__number=number
    )
    status_save(
        actor=None,
        submission=submission,
        base_version=(
            Milestone.objects.filter(initiative=submission.initiative, round=submission.round)
            .values_list("version", flat=True)
            .first()
            or 0
        ),
        text=OPEN_ROUND_TEXT,
        status_note=OPEN_ROUND_TEXT,
        smiley="sad",
        corrective_action=OPEN_ROUND_TEXT,
    )


def _generated(n: int, *, year: int = 2030) -> ReportDocument:
    initiatives = [
        InitiativeDoc(
            number=f"1.{i}",
            title=f"Indsats {i}",
            kind="capital" if i % 2 else "operating",
            center="Ejendomme" if i % 3 else "Skole og Dagtilbud",
            committee="Økonomiudvalget",
            milestones=[
                MilestoneDoc(
                    round=r,
                    label=f"{r}. budgetopfølgning",
                    text=f"Milepæl {r}",
                    status_note=f"Status {r}" if r <= 2 else "",
                    smiley=(Smiley.HAPPY if i % 2 else Smiley.NEUTRAL) if r <= 2 else None,
                )
                for r in (1, 2, 3, 4)
            ],
        )
        for i in range(1, n + 1)
    ]
    return ReportDocument(
        title=f"Anden opfølgning på Aftale om budget {year}",
        agreement=AgreementRef(name=f"Aftale om budget {year}", year=year),
        committee="Økonomiudvalget",
        round=2,
        themes=[ThemeDoc(number="1", title="Tema", initiatives=initiatives)],
    )


def test_published_round_is_the_source_and_earlier_rounds_come_from_its_report(seed_published):
    agreement = ps.public_agreement(year=2019)

    assert agreement.source_round == 3
    assert [(r.number, r.published) for r in agreement.rounds] == [
        (1, False),
        (2, False),
        (3, True),
    ]
    toftehaven = agreement.initiative("1.11")
    assert [s.round for s in toftehaven.statuses] == [1, 2, 3]
    assert toftehaven.smiley == Smiley.HAPPY
    # A report carries the economy of its own round only.
    assert [s.has_economy for s in toftehaven.statuses] == [False, False, True]
    assert toftehaven.economy_smiley == Smiley.SAD
    assert [m.round for m in toftehaven.planned] == [4]
    assert len(agreement.initiatives()) == 27


def test_open_round_never_reaches_the_public_model(seed_published):
    _write_open_round_status("1.11")
    assert Milestone.objects.filter(text=OPEN_ROUND_TEXT).exists()

    agreement = ps.public_agreement(year=2019)

    assert [r.number for r in agreement.rounds] == [1, 2, 3]
    for ini in agreement.initiatives():
        assert OPEN_ROUND_TEXT not in repr(ini)
        assert OPEN_ROUND_TEXT.casefold() not in ini.search_text
    assert ps.initiatives_filtered(agreement, ps.InitiativeFilter(q="HEMMELIG-KLADDE-7731")) == []


def test_closed_but_unpublished_round_is_not_public(seed_path):
    doc = parse_text(seed_path.read_bytes(), source=seed_path.name)
    report_import(actor=None, document=doc, source_name=seed_path.name)
    assert Round.objects.get(agreement__year=2019, number=3).state == RoundState.CLOSED

    with pytest.raises(NotFound) as unpublished:
        ps.public_agreement(year=2019)
    with pytest.raises(NotFound) as unknown:
        ps.public_agreement(year=1999)
    # The same words whether the agreement exists or not: an error must not reveal drafts.
    assert str(unpublished.value).replace("2019", "") == str(unknown.value).replace("1999", "")
    assert ps.public_agreements() == []


def test_public_model_carries_no_contact_person(seed_published):
    agreement = ps.public_agreement(year=2019)
    contact = seed_published.contact
    assert contact.name
    text = repr(agreement)
    assert contact.name not in text
    if contact.email:
        assert contact.email not in text


def test_a_correction_after_publishing_shows_the_new_version(seed_published):
    round3 = Round.objects.get(agreement__year=2019, number=3)
    assert ps.public_agreement(year=2019).source_version == 1
    Milestone.objects.filter(initiative__number="1.11", round=round3).update(
        status_note="Rettet efter offentliggørelse"
    )
    round_correct(actor=None, round_obj=round3, reason="Stavefejl")

    agreement = ps.public_agreement(year=2019)
    assert agreement.source_version == 2
    assert agreement.latest_round.version == 2
    assert agreement.initiative("1.11").latest.status_note == "Rettet efter offentliggørelse"


def test_later_published_round_takes_over_and_keeps_its_own_economy(seed_published):
    round4 = Round.objects.get(agreement__year=2019, number=4)
    round_close(actor=None, round_obj=round4, override_reason="Test")
    round_publish(actor=None, round_obj=round4)

    agreement = ps.public_agreement(year=2019)
    assert agreement.source_round == 4
    assert [(r.number, r.published) for r in agreement.rounds][-2:] == [(3, True), (4, True)]
    # Round 3's values still come from round 3's own report, with its economy.
    status3 = agreement.initiative("1.11").status_at(3)
    assert status3 is not None and status3.has_economy
    assert status3.economy_smiley == Smiley.SAD


def test_filters_narrow_the_initiatives(seed_published):
    agreement = ps.public_agreement(year=2019)
    everything = agreement.initiatives()

    def count(**criteria: str) -> int:
        return len(ps.initiatives_filtered(agreement, ps.InitiativeFilter(**criteria)))

    assert count() == len(everything)
    assert count(kind="capital") + count(kind="operating") == len(everything)
    assert sum(count(smiley=s) for s in ps.SMILEY_FILTERS) == len(everything)
    assert count(center="ejendomme") == sum(1 for i in everything if i.center == "Ejendomme")
    assert count(committee="oekonomiudvalget") == count(committee="Økonomiudvalget") > 0
    assert count(theme="1") == len(agreement.themes[0].initiatives)
    assert count(q="toftehaven plejecenter") == 1
    assert count(q="1.11") >= 1
    assert count(q="ingen-indsats-hedder-sådan") == 0


def test_theme_counts_add_up_per_round(seed_published):
    agreement = ps.public_agreement(year=2019)
    counts = agreement.theme_counts()
    for r in agreement.rounds:
        assert sum(c.total for c in counts if c.round == r.number) == len(agreement.initiatives())
    round3_sad = sum(c.sad for c in counts if c.round == 3)
    assert round3_sad == sum(1 for i in agreement.initiatives() if i.smiley == Smiley.SAD)


@pytest.mark.parametrize("size", [3, 30])
def test_reading_costs_the_same_queries_whatever_the_size(size):
    doc = _generated(size)
    report_import(actor=None, document=doc)
    round2 = Round.objects.get(agreement__year=2030, number=2)
    round_publish(actor=None, round_obj=round2)

    with CaptureQueriesContext(connection) as cold:
        agreement = ps.public_agreement(year=2030)
    with CaptureQueriesContext(connection) as warm:
        ps.public_agreement(year=2030)

    assert len(agreement.initiatives()) == size
    assert len(cold.captured_queries) <= 3
    assert len(warm.captured_queries) == 1


def test_the_model_is_immutable(seed_published):
    agreement = ps.public_agreement(year=2019)
    with pytest.raises(dataclasses.FrozenInstanceError):
        agreement.initiative("1.11").title = "Ændret"  # type: ignore[misc]
