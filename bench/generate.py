"""Generate synthetic agreements in the text-export format: N initiatives, 6 themes, 8 committees.

    .venv/bin/python bench/generate.py --initiatives 1000 --out bench/out/1000

writes one report file per committee (round 3, like the example), N initiatives in all.

About 40 % of the initiatives have money: capital or operating amounts (their kind) over
the agreement's four years, written in the economy text in the usual forms ("Der afsættes
5 mio. kr. i 2021 og 6 mio. kr. i 2022", "0,5 mio. kr. i hvert af årene 2019 og 2020"), and
some a postponement ("blev der udskudt 1 mio. kr. fra 2019 til 2020"); the others say "Der er
ikke afsat økonomi.". Each document carries the same budget as data (`InitiativeDoc.budget`),
its postponements approved by the city council with a date and a reference; the text does
not say that, so parsing a written file reads them back as proposed changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from opfolgning.exporters.text import write_text
from opfolgning.followup.document import (
    AgreementRef,
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.money import format_dkk
from opfolgning.followup.smileys import Smiley

COMMITTEES = [
    "Økonomiudvalget",
    "Børne- og Skoleudvalget",
    "Social- og Sundhedsudvalget",
    "Teknik- og Miljøudvalget",
    "Kultur- og Fritidsudvalget",
    "Beskæftigelsesudvalget",
    "Erhvervs- og Planudvalget",
    "Klima- og Boligudvalget",
]
CENTERS = [
    "Ejendomme",
    "Økonomi",
    "By, Erhverv og Miljø",
    "Politik og Borgerservice",
    "HR og Organisationsudvikling",
    "Skoler, Institutioner og Kultur",
    "Social og Sundhed",
    "Arbejdsmarked",
]
THEMES = [
    "Vi skaber fremtiden sammen",
    "Nye løsninger i den offentlige sektor",
    "En stærk uddannelsesby",
    "En grøn by i balance",
    "En førende erhvervsby",
    "Kommunen som virksomhed",
]
WORDS = (
    "parterne er enige om at der afsættes midler til udvikling af området med fokus på "
    "borgere foreninger skoler ældre trivsel kvalitet bæredygtighed og samarbejde på tværs"
).split()
LABELS = {
    1: "1. budgetopfølgning {y}",
    2: "2. budgetopfølgning {y}",
    3: "3. budgetopfølgning {y}",
    4: "31.12.{y}",
}
GLYPHS = {Smiley.HAPPY: "☺", Smiley.NEUTRAL: "😐", Smiley.SAD: "🙁"}
AGREEMENT_YEARS = 4  # the budget year and the three after it
NO_MONEY_TEXT = "Der er ikke afsat økonomi."
# City council meetings that approve postponements: before rounds 1, 2 and 3 of the year.
COUNCIL_MEETINGS = ((3, 25), (6, 17), (9, 30))


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _amount(rng: random.Random) -> int:
    """Return a plausible amount: 0,1-8 mio. kr. in steps of 50.000 kr."""
    return rng.randint(2, 160) * 50_000


def _join(items: list[str]) -> str:
    """Return items as a Danish list: "a", "a og b", "a, b og c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _budget(rng: random.Random, kind: str, year: int) -> tuple[BudgetDoc, str]:
    """Return a budget over the agreement's years and the economy text that states it."""
    period = list(range(year, year + AGREEMENT_YEARS))
    count = rng.choice([1, 1, 2, 2, 3, 4])
    years = sorted(rng.sample(period, count))
    form = rng.random()
    if count > 1 and form < 0.35:
        # One amount per year over several years, in one of the per-year forms.
        amount = _amount(rng)
        by_year = dict.fromkeys(years, amount)
        consecutive = years == list(range(years[0], years[-1] + 1))
        if count > 2 and consecutive and rng.random() < 0.5:
            text = f"Der afsættes {format_dkk(amount)} årligt i {years[0]}-{years[-1]}."
        else:
            each = _join([str(y) for y in years])
            text = f"Der er afsat {format_dkk(amount)} i hvert af årene {each}."
    else:
        by_year = {y: _amount(rng) for y in years}
        parts = [f"{format_dkk(a)} i {y}" for y, a in by_year.items()]
        verb = rng.choice(["Der afsættes", "Der er afsat"])
        text = f"{verb} {_join(parts)}."
    lines = [BudgetLineDoc(y, kind, a) for y, a in by_year.items()]
    changes: list[BudgetChangeDoc] = []
    movable = [y for y in years if y + 1 <= period[-1]]
    if movable and rng.random() < 0.3:
        source = rng.choice(movable)
        moved = rng.randint(1, by_year[source] // 50_000) * 50_000
        round_number = rng.randint(1, len(COUNCIL_MEETINGS))
        month, day = COUNCIL_MEETINGS[round_number - 1]
        text += (
            f" I forbindelse med {round_number}. budgetopfølgning blev der udskudt "
            f"{format_dkk(moved)} fra {source} til {source + 1}."
        )
        changes.append(
            BudgetChangeDoc(
                kind="postponement",
                kind_of_money=kind,
                amounts=[ChangeAmountDoc(source, -moved), ChangeAmountDoc(source + 1, moved)],
                financing="Udskydelsen er udgiftsneutral inden for anlægs- og driftsrammen.",
                status="approved",
                decided_on=dt.date(year, month, day),
                reference=f"Kommunalbestyrelsen {day}.{month:02d}.{year}, punkt {round_number}",
                proposed_in_round=round_number,
            )
        )
    return BudgetDoc(lines=lines, changes=changes), text


def _initiative(
    rng: random.Random,
    number: str,
    committee: str,
    year: int,
    money_rng: random.Random | None = None,
) -> InitiativeDoc:
    milestones = []
    for r in (1, 2, 3, 4):
        has_text = rng.random() < 0.7
        smiley = None
        if r <= 3 and (has_text or rng.random() < 0.5):
            smiley = rng.choices(list(GLYPHS), weights=[7, 2, 1])[0]
        milestones.append(
            MilestoneDoc(
                round=r,
                label=LABELS[r].format(y=year),
                text=_sentence(rng, 12) if has_text else "",
                status_note=_sentence(rng, 18) if smiley and smiley != Smiley.HAPPY else "",
                smiley=smiley,
                glyph=GLYPHS[smiley] if smiley else None,
            )
        )
    funded = rng.random() < 0.4
    economy = (Smiley.HAPPY if rng.random() < 0.85 else Smiley.SAD) if funded else None
    title = _sentence(rng, 4).rstrip(".")
    kind = rng.choice(["capital", "operating"])
    # The money comes from its own random stream, so that everything else generated for a
    # seed stays as it was before budgets were added.
    if funded:
        budget, economy_text = _budget(money_rng or random.Random(number), kind, year)
    else:
        budget, economy_text = BudgetDoc(no_money=True), NO_MONEY_TEXT
    return InitiativeDoc(
        number=number,
        title=title,
        kind=kind,
        description="\n\n".join(_sentence(rng, 40) for _ in range(2)),
        center=rng.choice(CENTERS),
        committee=committee,
        contributors=rng.choice(CENTERS),
        notes=_sentence(rng, 15) if rng.random() < 0.3 else "",
        milestones=milestones,
        economy=EconomyDoc(
            text=economy_text,
            smiley=economy,
            glyph=GLYPHS[economy] if economy else None,
        ),
        budget=budget,
    )


def generate(
    initiatives: int, *, themes: int = 6, committees: int = 8, year: int = 2019, seed: int = 1
) -> list[ReportDocument]:
    """Return one round-3 report per committee, `initiatives` initiatives in all."""
    rng = random.Random(seed)
    money_rng = random.Random(f"budgets-{seed}")
    docs = []
    counters = dict.fromkeys(range(1, themes + 1), 0)
    for c in range(committees):
        committee = COMMITTEES[c % len(COMMITTEES)]
        if c >= len(COMMITTEES):
            committee = f"{committee} {c}"
        theme_docs = {t: ThemeDoc(str(t), THEMES[(t - 1) % len(THEMES)]) for t in counters}
        for i in range(c, initiatives, committees):
            t = i % themes + 1
            counters[t] += 1
            theme_docs[t].initiatives.append(
                _initiative(rng, f"{t}.{counters[t]}", committee, year, money_rng)
            )
        docs.append(
            ReportDocument(
                title=f"Tredje opfølgning på Aftale om budget {year} for {committee}",
                agreement=AgreementRef(f"Aftale om budget {year}", year),
                committee=committee,
                round=3,
                date=dt.date(year, 10, 9),
                case_number=f"00.30.10-S00-{c + 1}-19",
                contact=Contact("Økonomikonsulent", "okonomi@example.dk", "1234 5678"),
                reading_guide="Opfølgningen sker ved, at der gives smileys.",
                themes=[t for t in theme_docs.values() if t.initiatives],
            )
        )
    return docs


def write(initiatives: int, out: Path, **kwargs: int) -> list[Path]:
    """Write the generated reports as text exports into `out`; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, doc in enumerate(generate(initiatives, **kwargs), start=1):
        path = out / f"udvalg-{index}.txt"
        path.write_text(write_text(doc), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--themes", type=int, default=6)
    parser.add_argument("--committees", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/out/generated"))
    args = parser.parse_args()
    paths = write(
        args.initiatives, args.out, themes=args.themes, committees=args.committees, seed=args.seed
    )
    print(f"wrote {len(paths)} files to {args.out}")


if __name__ == "__main__":
    main()
