"""The smiley rules: carry-forward, required fields and findings (DOMAIN.md)."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opfolgning.followup.document import (
    AgreementRef,
    BudgetDoc,
    BudgetLineDoc,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.rules import (
    Code,
    Effective,
    Part,
    Severity,
    Source,
    economy_findings,
    effective_smileys,
    initiative_findings,
    report_findings,
    round_name_da,
    round_name_en,
)
from opfolgning.followup.smileys import Smiley

H, N, S = Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD
SET, CARRIED, MISSING = Source.SET, Source.CARRIED, Source.MISSING
NOT_STARTED, NOT_DUE = Source.NOT_STARTED, Source.NOT_DUE

_SMILEY_CODES = {".": None, "h": H, "n": N, "s": S, "S": S}


def rows(spec: str) -> list[MilestoneDoc]:
    """Build four milestone rows from a spec like "Th .. Tn .s".

    Each token is one round: first character `T` = milestone text, `.` = none; second
    `h`/`n`/`s` = happy/neutral/sad smiley, `S` = sad with a corrective action, `.` = none;
    an optional third `+` = a status note, `?` = a smiley guessed on import (needs review).
    """
    tokens = spec.split()
    assert len(tokens) == 4, spec
    result = []
    for round_, token in enumerate(tokens, start=1):
        text, smiley, extra = token[0], token[1], token[2:]
        result.append(
            MilestoneDoc(
                round=round_,
                text=f"Milepæl {round_}" if text == "T" else "",
                smiley=_SMILEY_CODES[smiley],
                corrective_action="Ny tidsplan besluttet" if smiley == "S" else "",
                status_note="Status skrevet" if "+" in extra else "",
                needs_review="?" in extra,
            )
        )
    return result


def initiative(spec: str = ".. .. .. ..", *, number: str = "1.11", **economy) -> InitiativeDoc:
    return InitiativeDoc(
        number=number,
        title="Plejecenter Toftehaven",
        kind="capital",
        milestones=rows(spec),
        economy=EconomyDoc(**economy),
    )


def summary(results: list[Effective]) -> list[tuple[Source, Smiley | None]]:
    return [(r.source, r.smiley) for r in results]


# --- effective smileys: carry-forward ------------------------------------------------

EFFECTIVE_CASES = [
    pytest.param(
        "Th .. .. ..",
        3,
        [(SET, H), (CARRIED, H), (CARRIED, H), (NOT_DUE, None)],
        id="happy-carried-twice",
    ),
    pytest.param(
        "Tn .. .. ..",
        2,
        [(SET, N), (MISSING, None), (NOT_DUE, None), (NOT_DUE, None)],
        id="neutral-then-empty-is-missing",
    ),
    pytest.param(
        "Ts .. .. ..",
        2,
        [(SET, S), (MISSING, None), (NOT_DUE, None), (NOT_DUE, None)],
        id="sad-then-empty-is-missing",
    ),
    pytest.param(
        "TS .. .. ..",
        2,
        [(SET, S), (MISSING, None), (NOT_DUE, None), (NOT_DUE, None)],
        id="sad-with-corrective-action-then-empty-is-missing",
    ),
    pytest.param(
        "Tn .. .. ..",
        4,
        [(SET, N), (MISSING, None), (MISSING, None), (MISSING, None)],
        id="missing-stays-missing",
    ),
    pytest.param(
        "Th .. Tn ..",
        4,
        [(SET, H), (CARRIED, H), (SET, N), (MISSING, None)],
        id="carry-stops-at-neutral",
    ),
    pytest.param(
        ".. .. .. ..",
        1,
        [(NOT_STARTED, None), (NOT_DUE, None), (NOT_DUE, None), (NOT_DUE, None)],
        id="round-1-empty-not-started",
    ),
    pytest.param(
        ".. .. .. ..",
        4,
        [(NOT_STARTED, None)] * 4,
        id="never-started",
    ),
    pytest.param(
        ".. Th .. ..",
        3,
        [(NOT_STARTED, None), (SET, H), (CARRIED, H), (NOT_DUE, None)],
        id="not-started-then-set",
    ),
    pytest.param(
        ".. .. Tn ..",
        3,
        [(NOT_STARTED, None), (NOT_STARTED, None), (SET, N), (NOT_DUE, None)],
        id="starts-at-round-3",
    ),
    pytest.param(
        "Th T. .. ..",
        3,
        [(SET, H), (MISSING, None), (MISSING, None), (NOT_DUE, None)],
        id="text-without-smiley-is-missing-and-breaks-the-carry",
    ),
    pytest.param(
        "T. .. .. ..",
        2,
        [(MISSING, None), (MISSING, None), (NOT_DUE, None), (NOT_DUE, None)],
        id="unassessed-round-1-means-started",
    ),
    pytest.param(
        "Tn .h .. ..",
        3,
        [(SET, N), (SET, H), (CARRIED, H), (NOT_DUE, None)],
        id="smiley-without-text-is-set",
    ),
    pytest.param(
        "Th Tn Th Th",
        2,
        [(SET, H), (SET, N), (NOT_DUE, H), (NOT_DUE, H)],
        id="future-rounds-not-due-keep-their-smiley",
    ),
    pytest.param(
        "Th T. T. T.",
        1,
        [(SET, H), (NOT_DUE, None), (NOT_DUE, None), (NOT_DUE, None)],
        id="future-plans-not-assessed",
    ),
]


@pytest.mark.parametrize(("spec", "current", "expected"), EFFECTIVE_CASES)
def test_effective_smiley_follows_the_carry_forward_rules(spec, current, expected):
    assert summary(effective_smileys(rows(spec), current_round=current)) == expected


@pytest.mark.parametrize(
    ("source", "spec", "current", "round_", "reason_da", "reason_en"),
    [
        pytest.param(
            SET,
            "Th .. .. ..",
            1,
            1,
            "sat ved denne opfølgning",
            "set at this round",
            id="set",
        ),
        pytest.param(
            CARRIED,
            "Th .. .. ..",
            2,
            2,
            "ført videre fra en glad smiley ved forrige opfølgning",
            "carried forward",
            id="carried",
        ),
        pytest.param(
            MISSING,
            "Tn .. .. ..",
            2,
            2,
            "efter en mellemfornøjet smiley",
            "after a neutral smiley",
            id="missing-after-neutral",
        ),
        pytest.param(
            MISSING,
            "Th T. .. ..",
            2,
            2,
            "mangler en smiley",
            "has no smiley",
            id="missing-smiley",
        ),
        pytest.param(
            MISSING,
            "T. .. .. ..",
            2,
            2,
            "forrige opfølgning mangler også",
            "previous round has no smiley either",
            id="missing-after-missing",
        ),
        pytest.param(
            NOT_STARTED,
            ".. .. .. ..",
            1,
            1,
            "ikke startet",
            "not started",
            id="not-started",
        ),
        pytest.param(
            NOT_DUE,
            ".. .. .. ..",
            1,
            2,
            "ikke nået endnu",
            "not due",
            id="not-due",
        ),
    ],
)
def test_effective_smiley_states_its_reason(source, spec, current, round_, reason_da, reason_en):
    result = effective_smileys(rows(spec), current_round=current)[round_ - 1]
    assert result.source is source
    assert reason_da in result.reason_da
    assert reason_en in result.reason_en


def test_status_note_alone_is_not_a_milestone_so_happy_carries():
    milestones = rows("Th .. .. ..")
    milestones[1].status_note = "Arbejdet fortsætter."
    assert summary(effective_smileys(milestones, current_round=2))[1] == (CARRIED, H)


def test_absent_rows_count_as_empty_and_order_does_not_matter():
    milestones = [MilestoneDoc(round=3, text="Milepæl", smiley=N), MilestoneDoc(round=1, smiley=H)]
    assert summary(effective_smileys(milestones, current_round=4)) == [
        (SET, H),
        (CARRIED, H),
        (SET, N),
        (MISSING, None),
    ]


@pytest.mark.parametrize("current", [0, 5, -1], ids=["zero", "five", "negative"])
def test_current_round_outside_1_to_4_is_refused(current):
    with pytest.raises(ValueError, match="current_round"):
        effective_smileys(rows(".. .. .. .."), current_round=current)


@pytest.mark.parametrize(
    "milestones",
    [
        pytest.param([MilestoneDoc(round=2), MilestoneDoc(round=2)], id="duplicate-round"),
        pytest.param([MilestoneDoc(round=5)], id="round-5"),
    ],
)
def test_milestone_rows_that_cannot_be_judged_are_refused(milestones):
    with pytest.raises(ValueError, match="round"):
        effective_smileys(milestones, current_round=4)


# --- findings ----------------------------------------------------------------------

FINDING_CASES = [
    pytest.param("Th .. .. ..", 4, [], id="happy-chain-is-clean"),
    pytest.param(".. .. .. ..", 1, [], id="round-1-empty-is-clean"),
    pytest.param(".. .. .. ..", 4, [], id="never-started-is-clean"),
    pytest.param(".. Th .. ..", 3, [], id="not-started-then-set-is-clean"),
    pytest.param(
        "Ts .. .. ..", 1, [(Code.SAD_WITHOUT_CORRECTIVE_ACTION, 1)], id="sad-without-action"
    ),
    pytest.param("TS .. .. ..", 1, [], id="sad-with-action-is-clean"),
    pytest.param(
        "Ts Th .. ..",
        2,
        [(Code.SAD_WITHOUT_CORRECTIVE_ACTION, 1), (Code.CHANGE_WITHOUT_STATUS, 2)],
        id="earlier-sad-without-action-still-reported",
    ),
    pytest.param("TS Th+ .. ..", 2, [], id="change-with-status-is-clean"),
    pytest.param("Tn Th .. ..", 2, [(Code.CHANGE_WITHOUT_STATUS, 2)], id="change-without-status"),
    pytest.param("Th Th .. ..", 2, [], id="same-smiley-needs-no-status"),
    pytest.param("Th .. Tn+ ..", 3, [], id="change-after-carry-with-status-is-clean"),
    pytest.param(
        "Th .. Tn ..", 3, [(Code.CHANGE_WITHOUT_STATUS, 3)], id="change-after-carry-needs-status"
    ),
    pytest.param(".s .. .. ..", 1, [(Code.SAD_WITHOUT_CORRECTIVE_ACTION, 1)], id="sad-no-text"),
    pytest.param(
        "Tn .. .. ..",
        3,
        [(Code.MISSING_FOLLOW_UP, 2), (Code.MISSING_FOLLOW_UP, 3)],
        id="neutral-then-empty-needs-follow-up",
    ),
    pytest.param(
        "TS .. .. ..", 2, [(Code.MISSING_FOLLOW_UP, 2)], id="sad-then-empty-needs-follow-up"
    ),
    pytest.param("Th T. .. ..", 2, [(Code.MISSING_SMILEY, 2)], id="milestone-without-smiley"),
    pytest.param(
        "T. .. .. ..",
        2,
        [(Code.MISSING_SMILEY, 1), (Code.MISSING_FOLLOW_UP, 2)],
        id="unassessed-then-empty",
    ),
    pytest.param(
        "Ts T. Tn ..",
        1,
        [(Code.SAD_WITHOUT_CORRECTIVE_ACTION, 1)],
        id="future-rounds-have-no-findings",
    ),
    pytest.param("Tn .h+ .. ..", 3, [], id="seed-1.13-smiley-without-text-is-clean"),
]


def test_change_after_a_guessed_smiley_is_for_review_not_an_error():
    findings = initiative_findings(initiative("Tn? Th .. .."), current_round=2)
    changes = [f for f in findings if f.code is Code.CHANGE_WITHOUT_STATUS]
    assert [(f.severity, f.round) for f in changes] == [(Severity.REVIEW, 2)]
    assert "gæt" in changes[0].message_da


def test_change_without_status_names_both_smileys():
    (finding,) = initiative_findings(initiative("Th TS .. .."), current_round=2)
    assert finding.code is Code.CHANGE_WITHOUT_STATUS
    assert "fra glad til sur" in finding.message_da
    assert "from happy to sad" in finding.message_en


@pytest.mark.parametrize(("spec", "current", "expected"), FINDING_CASES)
def test_effort_findings_follow_the_smiley_rules(spec, current, expected):
    findings = initiative_findings(initiative(spec), current_round=current)
    assert [(f.code, f.round) for f in findings] == expected
    assert all(f.severity is Severity.ERROR and f.part is Part.EFFORT for f in findings)


def test_sad_effort_requires_corrective_action():
    (finding,) = initiative_findings(initiative("Th Ts+ .. .."), current_round=2)
    assert finding.code == "sad_without_corrective_action"
    assert finding.message_da == (
        "1.11, 2. opfølgning: En sur smiley kræver en korrigerende handling, "
        "men der er ikke beskrevet nogen."
    )
    assert finding.message_en == (
        "1.11, round 2: A sad smiley requires a corrective action, but none is recorded."
    )


def test_blank_corrective_action_does_not_count():
    ini = initiative("Ts .. .. ..")
    ini.milestones[0].corrective_action = "  \n"
    assert [f.code for f in initiative_findings(ini, current_round=1)] == [
        Code.SAD_WITHOUT_CORRECTIVE_ACTION
    ]


def test_empty_round_after_neutral_must_be_followed_up_relative_to_it():
    (finding,) = initiative_findings(initiative("Th Tn+ .. .."), current_round=3)
    assert finding.code == "missing_follow_up"
    assert finding.round == 3
    assert finding.message_da == (
        "1.11, 3. opfølgning: Ingen milepæl efter en mellemfornøjet smiley ved forrige "
        "opfølgning; der skal følges op i forhold til den forrige smiley (status og ny smiley)."
    )
    assert finding.message_en.startswith("1.11, round 3: No milestone after a neutral smiley")


def test_status_without_smiley_after_neutral_still_needs_a_new_smiley():
    ini = initiative("Tn .. .. ..")
    ini.milestones[1].status_note = "Projektet er forsinket."
    (finding,) = initiative_findings(ini, current_round=2)
    assert finding.code == Code.MISSING_FOLLOW_UP
    assert "(en ny smiley)" in finding.message_da
    assert "(a new smiley)" in finding.message_en


def test_milestone_without_smiley_is_reported_at_the_final_round_by_its_name():
    (finding,) = initiative_findings(initiative("Th Th Th T."), current_round=4)
    assert finding.code == "missing_smiley"
    assert finding.message_da == "1.11, opfølgningen pr. 31.12.: Milepælen mangler en smiley."
    assert finding.message_en == (
        "1.11, the final follow-up (31 Dec): The milestone has no smiley."
    )


@pytest.mark.parametrize(
    ("round_", "da", "en"),
    [
        pytest.param(1, "1. opfølgning", "round 1", id="first"),
        pytest.param(3, "3. opfølgning", "round 3", id="third"),
        pytest.param(4, "opfølgningen pr. 31.12.", "the final follow-up (31 Dec)", id="final"),
    ],
)
def test_rounds_are_named_as_the_municipality_names_them(round_, da, en):
    assert (round_name_da(round_), round_name_en(round_)) == (da, en)


# --- review of import guesses ---------------------------------------------------------


def test_guessed_effort_smiley_asks_for_review_naming_glyph_and_reading():
    ini = initiative("Tn .. .. ..")
    ini.milestones[0].glyph = "☹"
    ini.milestones[0].needs_review = True
    (finding,) = initiative_findings(ini, current_round=1)
    assert (finding.code, finding.severity, finding.round) == (
        Code.NEEDS_REVIEW,
        Severity.REVIEW,
        1,
    )
    assert "☹" in finding.message_da and "mellemfornøjet" in finding.message_da
    assert "☹" in finding.message_en and "neutral" in finding.message_en


def test_guessed_sad_without_action_gives_both_an_error_and_a_review():
    ini = initiative("Ts .. .. ..")
    ini.milestones[0].glyph = "☹️"
    ini.milestones[0].needs_review = True
    findings = initiative_findings(ini, current_round=1)
    assert [(f.code, f.severity) for f in findings] == [
        (Code.SAD_WITHOUT_CORRECTIVE_ACTION, Severity.ERROR),
        (Code.NEEDS_REVIEW, Severity.REVIEW),
    ]
    assert "sur" in findings[1].message_da


def test_guess_on_a_future_round_is_not_reported_yet():
    ini = initiative("Th Tn .. ..")
    ini.milestones[1].glyph = "☹"
    ini.milestones[1].needs_review = True
    assert initiative_findings(ini, current_round=1) == []


# --- economy -------------------------------------------------------------------------

ECONOMY_CASES = [
    pytest.param({}, [], id="no-economy-smiley"),
    pytest.param({"smiley": H, "glyph": "☺"}, [], id="happy"),
    pytest.param({"smiley": S, "glyph": "☹"}, [], id="sad"),
    pytest.param(
        {"smiley": N, "glyph": "😐"}, [(Code.ECONOMY_NEUTRAL, Severity.ERROR)], id="neutral"
    ),
    pytest.param(
        {"smiley": None, "glyph": "😐", "needs_review": True},
        [(Code.NEEDS_REVIEW, Severity.REVIEW)],
        id="unread-neutral-glyph",
    ),
    pytest.param(
        {"smiley": N, "glyph": "😐", "needs_review": True},
        [(Code.ECONOMY_NEUTRAL, Severity.ERROR), (Code.NEEDS_REVIEW, Severity.REVIEW)],
        id="neutral-and-guessed",
    ),
]


@pytest.mark.parametrize(("economy", "expected"), ECONOMY_CASES)
def test_economy_has_two_levels_and_guesses_are_reviewed(economy, expected):
    findings = economy_findings(initiative(**economy), current_round=3)
    assert [(f.code, f.severity) for f in findings] == expected
    assert all(f.round == 3 and f.part is Part.ECONOMY for f in findings)


def test_neutral_economy_smiley_is_an_error_at_the_current_round():
    (finding,) = initiative_findings(initiative("Th .. .. ..", smiley=N), current_round=3)
    assert finding.message_da.startswith("1.11, 3. opfølgning: Økonomien har kun to niveauer")
    assert finding.message_en.startswith("1.11, round 3: The economy has only two levels")


def test_unread_economy_glyph_review_says_it_was_not_read():
    (finding,) = economy_findings(initiative(glyph="😐", needs_review=True), current_round=2)
    assert "😐" in finding.message_da and "ikke læst" in finding.message_da
    assert "😐" in finding.message_en and "not read" in finding.message_en


def test_effort_findings_come_before_economy_findings():
    findings = initiative_findings(initiative("Ts .. .. ..", smiley=N), current_round=1)
    assert [f.part for f in findings] == [Part.EFFORT, Part.ECONOMY]


# --- the whole report ----------------------------------------------------------------


def _report(round_: int, *themes: list[InitiativeDoc]) -> ReportDocument:
    return ReportDocument(
        title="Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget",
        agreement=AgreementRef("Aftale om budget 2019", 2019),
        committee="Økonomiudvalget",
        round=round_,
        themes=[
            ThemeDoc(number=str(i), title=f"Tema {i}", initiatives=inis)
            for i, inis in enumerate(themes, start=1)
        ],
    )


def test_report_findings_use_the_report_round_in_document_order():
    doc = _report(
        2,
        [initiative("Tn .. .. ..", number="1.11"), initiative("Th .. .. ..", number="1.13")],
        [initiative("Th T. Ts ..", number="2.1")],
    )
    assert [(f.initiative, f.code, f.round) for f in report_findings(doc)] == [
        ("1.11", Code.MISSING_FOLLOW_UP, 2),
        ("2.1", Code.MISSING_SMILEY, 2),
    ]


def test_empty_report_has_no_findings():
    assert report_findings(_report(3)) == []


# --- properties ----------------------------------------------------------------------

smileys = st.sampled_from([None, H, N, S])
milestone_rows = st.tuples(
    *[
        st.builds(
            MilestoneDoc,
            round=st.just(r),
            text=st.sampled_from(["", "  ", "Milepæl"]),
            status_note=st.sampled_from(["", "Status: forsinket"]),
            smiley=smileys,
            glyph=st.sampled_from([None, "☹", "☺"]),
            needs_review=st.booleans(),
            corrective_action=st.sampled_from(["", "Ny plan"]),
        )
        for r in (1, 2, 3, 4)
    ]
).map(list)
rounds = st.integers(min_value=1, max_value=4)
initiatives = st.builds(
    InitiativeDoc,
    number=st.sampled_from(["1.11", "2.6", "3.20"]),
    title=st.just("Indsats"),
    kind=st.just("capital"),
    milestones=milestone_rows,
    economy=st.builds(
        EconomyDoc,
        smiley=smileys,
        glyph=st.sampled_from([None, "☹", "😐"]),
        needs_review=st.booleans(),
    ),
)


@given(milestone_rows, rounds)
def test_there_is_one_effective_smiley_per_round_in_order(milestones, current):
    results = effective_smileys(milestones, current_round=current)
    assert [r.round for r in results] == [1, 2, 3, 4]
    for r in results:
        assert r.reason_da.strip() and r.reason_en.strip()
        assert (r.source is NOT_DUE) == (r.round > current)


@given(milestone_rows, rounds)
def test_a_set_smiley_is_the_given_smiley(milestones, current):
    for result, milestone in zip(
        effective_smileys(milestones, current_round=current), milestones, strict=True
    ):
        if result.source is SET:
            assert milestone.smiley is not None
            assert result.smiley is milestone.smiley


@given(milestone_rows, rounds)
def test_only_a_happy_smiley_is_carried_and_only_after_an_effective_happy(milestones, current):
    results = effective_smileys(milestones, current_round=current)
    for previous, result in itertools.pairwise(results):
        if result.source is CARRIED:
            assert result.smiley is H
            assert previous.smiley is H and previous.source in (SET, CARRIED)
    assert results[0].source is not CARRIED


@given(milestone_rows, rounds)
def test_only_set_and_carried_have_a_smiley_in_due_rounds(milestones, current):
    for r in effective_smileys(milestones, current_round=current):
        if r.round <= current:
            assert (r.smiley is not None) == (r.source in (SET, CARRIED))


@given(milestone_rows, rounds, rounds)
def test_due_rounds_do_not_change_as_the_year_goes_on(milestones, a, b):
    earlier, later = sorted((a, b))
    first = effective_smileys(milestones, current_round=earlier)[:earlier]
    second = effective_smileys(milestones, current_round=later)[:earlier]
    assert first == second


@given(milestone_rows, rounds, st.randoms())
def test_row_order_does_not_matter(milestones, current, rnd: random.Random):
    shuffled = list(milestones)
    rnd.shuffle(shuffled)
    assert effective_smileys(shuffled, current_round=current) == effective_smileys(
        milestones, current_round=current
    )


@given(initiatives, rounds)
def test_no_findings_for_rounds_after_the_current_one(ini, current):
    assert all(f.round <= current for f in initiative_findings(ini, current_round=current))


@given(initiatives, rounds)
def test_every_finding_explains_itself_in_danish_and_english(ini, current):
    for f in initiative_findings(ini, current_round=current):
        assert f.message_da.startswith(f"{ini.number}, ")
        assert f.message_en.startswith(f"{ini.number}, ")
        assert f.message_da.strip() != f.message_en.strip()
        assert f.initiative == ini.number
        # A change after a smiley guessed on import is for a person to check, not an error.
        review = f.code == Code.NEEDS_REVIEW or (
            f.code == Code.CHANGE_WITHOUT_STATUS and "gæt" in f.message_da
        )
        assert f.severity is (Severity.REVIEW if review else Severity.ERROR)


@given(initiatives, rounds)
def test_every_missing_effort_smiley_is_an_error_finding(ini, current):
    errors = {
        f.round
        for f in initiative_findings(ini, current_round=current)
        if f.code in (Code.MISSING_SMILEY, Code.MISSING_FOLLOW_UP)
    }
    missing = {
        r.round
        for r in effective_smileys(ini.milestones, current_round=current)
        if r.source is MISSING
    }
    assert errors == missing


@pytest.mark.parametrize(
    ("budget", "smiley", "expected"),
    [
        (BudgetDoc(no_money=True), Smiley.HAPPY, [Code.ECONOMY_WITHOUT_MONEY]),
        (BudgetDoc(no_money=True), None, []),
        (BudgetDoc(lines=[BudgetLineDoc(2019, "capital", 2_000_000)]), Smiley.HAPPY, []),
        (None, Smiley.HAPPY, []),  # nothing known about the money: nothing to say
    ],
)
def test_an_initiative_without_money_has_no_economy_smiley(budget, smiley, expected):
    ini = initiative(smiley=smiley)
    ini.budget = budget
    findings = economy_findings(ini, current_round=3)
    assert [f.code for f in findings] == expected
    assert all(f.severity is Severity.REVIEW for f in findings)
    assert all("ikke afsat økonomi" in f.message_da for f in findings)
