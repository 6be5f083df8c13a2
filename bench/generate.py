"""Generate synthetic agreements in the text-export format: N initiatives, 6 themes, 8 committees.

    .venv/bin/python bench/generate.py --initiatives 1000 --out bench/out/1000

writes one report file per committee (round 3, like the example), N initiatives in all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from opfolgning.exporters.text import write_text
from opfolgning.followup.document import (
    AgreementRef,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
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


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _initiative(rng: random.Random, number: str, committee: str, year: int) -> InitiativeDoc:
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
    return InitiativeDoc(
        number=number,
        title=_sentence(rng, 4).rstrip("."),
        kind=rng.choice(["capital", "operating"]),
        description="\n\n".join(_sentence(rng, 40) for _ in range(2)),
        center=rng.choice(CENTERS),
        committee=committee,
        contributors=rng.choice(CENTERS),
        notes=_sentence(rng, 15) if rng.random() < 0.3 else "",
        milestones=milestones,
        economy=EconomyDoc(
            text="Der er afsat 1,5 mio. kr." if funded else "Der er ikke afsat økonomi.",
            smiley=economy,
            glyph=GLYPHS[economy] if economy else None,
        ),
    )


def generate(
    initiatives: int, *, themes: int = 6, committees: int = 8, year: int = 2019, seed: int = 1
) -> list[ReportDocument]:
    """Return one round-3 report per committee, `initiatives` initiatives in all."""
    rng = random.Random(seed)
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
                _initiative(rng, f"{t}.{counters[t]}", committee, year)
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
