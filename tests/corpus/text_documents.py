"""Hand-written text exports (issue 17): the variations municipalities really have, each
with its truth written out by hand.

The documents are invented for this project (Eksempel Kommune's content, no sentences of a
real report). `DOCUMENTS` maps a file name to (text, truth); `write_all(directory)` writes
the files (`python -m tests.corpus.text_documents DIR`), and tests/corpus/test_text_corpus.py
writes them to a temporary folder and reads them back with the importer.

Variations (issue 17, text export): 1 a line break inside a cell (the row continues on the
next line); 2 a theme heading without bold marks; 3 the kind "Anlæg og drift"; 4 other round
labels ("3. opfølgning 2024", "Tredje opfølgning", "Endelig opfølgning pr. 31.12.2024");
5 ☹ followed by a variation selector (U+FE0F, U+FE0E); 6 two centers in one "Ansvarligt
center" cell ("/", "og", ",", a line break).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from opfolgning.followup.smileys import Smiley

HAPPY, NEUTRAL, SAD = Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD
T = "\t"
VS16, VS15 = "\ufe0f", "\ufe0e"
FROWN_REVIEW = (
    "☹ kan betyde både mellemfornøjet og sur i det eksporterede dokument; læst som "
    "mellemfornøjet — kontrollér"
)


# --- the truth -----------------------------------------------------------------------------


@dataclass
class MilestoneTruth:
    round: int
    label: str
    text: str
    status: str
    smiley: Smiley | None
    glyph: str | None = None
    needs_review: bool = False


@dataclass
class InitiativeTruth:
    number: str
    title: str
    kind: str
    center: str
    committee: str
    contributors: str
    description: str
    milestones: list[MilestoneTruth]
    economy_text: str
    economy_smiley: Smiley | None
    heading: str = ""
    # (year, kind of money, kroner) read from the economy text; None: no budget read.
    budget_lines: list[tuple[int, str, int]] | None = None


@dataclass
class DocumentTruth:
    title: str
    round: int
    committee: str
    year: int
    themes: list[tuple[str, str]]
    initiatives: list[InitiativeTruth]
    warnings: list[tuple[str, str]] = field(default_factory=list)
    variations: set[int] = field(default_factory=set)


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


# --- 1. Teknik- og Miljøudvalget, 3. opfølgning 2024 -----------------------------------------
# Line breaks inside cells, theme headings without marks, "3. opfølgning 2024" labels.

TEKNIK = lines(
    "Dato: 2. oktober 2024",  # 1
    "",
    "Sagsid: 01.02.03-A00-7-24",  # 3
    "",
    "## Tredje opfølgning på Aftale om budget 2024 for Teknik- og Miljøudvalget",  # 5
    "",
    "1. Grøn omstilling",  # 7: no bold marks
    "",
    f"<b>1.1. Ladestandere ved rådhuset</b>{T}<b>Anlæg</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 9
    f"Der opsættes ti ladestandere.{T}Ansvarligt center: Center for Ejendomme "  # 10
    "Ansvarligt udvalg:",
    f"Teknik- og Miljøudvalget{T}{T}",  # 11: the responsibility cell continues
    f"Milepæl{T}Udbud er gennemført.{T}1. opfølgning 2024{T}☺",  # 12
    f"Milepæl{T}Standerne er bestilt og leveret{T}2. opfølgning 2024{T}☺",  # 13
    f"Milepæl{T}Standerne er sat op. Status: Tilslutningen venter på",  # 14
    f"forsyningsselskabet.{T}3. opfølgning 2024{T}☹",  # 15: the milestone cell continues
    f"Milepæl{T}Standerne er i brug.{T}Endelig opfølgning 2024{T}",  # 16
    f"Økonomi{T}Der er afsat 1,2 mio. kr. i 2024.{T}{T}☺",  # 17
    "",
    "2. Trafik og veje",  # 19: no bold marks
    "",
    f"<b>2.1. Sikre skoleveje</b>{T}<b>Drift</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 21
    f"Skolevejene gennemgås med skolerne.{T}Ansvarligt center: Center for Veje "  # 22
    f"Ansvarligt udvalg: Teknik- og Miljøudvalget{T}{T}",
    f"Milepæl{T}Gennemgang af tre skoleveje.{T}1. opfølgning 2024{T}☺",  # 23
    f"Milepæl{T}Forslag til tiltag.{T}2. opfølgning 2024{T}😊",  # 24
    f"Milepæl{T}Tiltag er besluttet.{T}3. opfølgning 2024{T}🙁",  # 25
    f"Milepæl{T}Tiltag er udført.{T}Endelig opfølgning pr. 31.12.2024{T}",  # 26
    f"Økonomi{T}Der er ikke afsat økonomi.{T}{T}",  # 27
)

TEKNIK_TRUTH = DocumentTruth(
    title="Tredje opfølgning på Aftale om budget 2024 for Teknik- og Miljøudvalget",
    round=3,
    committee="Teknik- og Miljøudvalget",
    year=2024,
    themes=[("1", "Grøn omstilling"), ("2", "Trafik og veje")],
    initiatives=[
        InitiativeTruth(
            number="1.1",
            title="Ladestandere ved rådhuset",
            kind="capital",
            center="Center for Ejendomme",
            committee="Teknik- og Miljøudvalget",
            contributors="",
            description="Der opsættes ti ladestandere.",
            heading="Grøn omstilling",
            milestones=[
                MilestoneTruth(1, "1. opfølgning 2024", "Udbud er gennemført.", "", HAPPY, "☺"),
                MilestoneTruth(
                    2, "2. opfølgning 2024", "Standerne er bestilt og leveret", "", HAPPY, "☺"
                ),
                MilestoneTruth(
                    3,
                    "3. opfølgning 2024",
                    "Standerne er sat op.",
                    "Tilslutningen venter på forsyningsselskabet.",
                    NEUTRAL,
                    "☹",
                    True,
                ),
                MilestoneTruth(4, "Endelig opfølgning 2024", "Standerne er i brug.", "", None),
            ],
            economy_text="Der er afsat 1,2 mio. kr. i 2024.",
            economy_smiley=HAPPY,
            budget_lines=[(2024, "capital", 1_200_000)],
        ),
        InitiativeTruth(
            number="2.1",
            title="Sikre skoleveje",
            kind="operating",
            center="Center for Veje",
            committee="Teknik- og Miljøudvalget",
            contributors="",
            description="Skolevejene gennemgås med skolerne.",
            heading="Trafik og veje",
            milestones=[
                MilestoneTruth(
                    1, "1. opfølgning 2024", "Gennemgang af tre skoleveje.", "", HAPPY, "☺"
                ),
                MilestoneTruth(2, "2. opfølgning 2024", "Forslag til tiltag.", "", HAPPY, "😊"),
                MilestoneTruth(3, "3. opfølgning 2024", "Tiltag er besluttet.", "", SAD, "🙁"),
                MilestoneTruth(
                    4, "Endelig opfølgning pr. 31.12.2024", "Tiltag er udført.", "", None
                ),
            ],
            economy_text="Der er ikke afsat økonomi.",
            economy_smiley=None,
            budget_lines=[],
        ),
    ],
    warnings=[
        (
            "line 7, theme 1",
            "«1. Grøn omstilling» er hverken fed eller mærket som overskrift; læst som "
            "overskriften på tema 1",
        ),
        ("line 10, initiative 1.1", "linjeskift inde i en celle: linje 10–11 er læst som én række"),
        ("line 14, initiative 1.1", "linjeskift inde i en celle: linje 14–15 er læst som én række"),
        ("line 14, initiative 1.1, round 3", FROWN_REVIEW),
        (
            "line 19, theme 2",
            "«2. Trafik og veje» er hverken fed eller mærket som overskrift; læst som "
            "overskriften på tema 2",
        ),
    ],
    variations={1, 2, 4},
)


# --- 2. Kultur- og Fritidsudvalget, endelig opfølgning 2024 ----------------------------------
# "Anlæg og drift", ☹ with U+FE0F, two centers split by "/", final-round labels.

KULTUR = lines(
    "Dato: 15. januar 2025",  # 1
    "",
    "## Endelig opfølgning på Aftale om budget 2024 for Kultur- og Fritidsudvalget",  # 3
    "",
    "### Læsevejledning",  # 5
    "",
    "Smileys viser, hvor langt indsatsen er nået.",  # 7
    "",
    "**1. Idræt og bevægelse**",  # 9
    "",
    f"<b>1.4. Ny kunstgræsbane</b>{T}<b>Anlæg og drift</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 11
    f"<p>Banen anlægges ved idrætscentret og drives af kommunen.</p>{T}"  # 12
    "<p>Ansvarligt center: Center for Teknik og Miljø / Center for Kultur og Fritid</p>"
    f"<p>Ansvarligt udvalg: Kultur- og Fritidsudvalget</p><p>Væsentlig bidragsyder:</p>{T}{T}",
    f"Milepæl{T}Lokalplan er vedtaget.{T}Første opfølgning 2024{T}☺",  # 13
    f"Milepæl{T}Banen er udbudt. Status: Udbuddet er forsinket.{T}Anden opfølgning 2024"  # 14
    f"{T}☹{VS16}",
    f"Milepæl{T}Banen er anlagt.{T}Tredje opfølgning 2024{T}☹{VS16}",  # 15
    f"Milepæl{T}Banen er taget i brug.{T}Endelig opfølgning pr. 31.12.2024{T}☺",  # 16
    f"Økonomi{T}Der er afsat 4 mio. kr. i 2024 til anlæg og 300.000 kr. i 2025 til drift."
    f"{T}{T}☹{VS16}",  # 17
    "",
    f"<b>1.5. Åbne haller</b>{T}<b>Drift</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 19
    f"Hallerne holder åbent om søndagen.{T}Ansvarligt center: Center for Kultur og "  # 20
    f"Fritid Ansvarligt udvalg: Kultur- og Fritidsudvalget{T}{T}",
    f"Milepæl{T}Aftale med foreningerne.{T}31.12.2024{T}😊",  # 21
    f"Milepæl{T}{T}Anden opfølgning{T}",  # 22
    f"Milepæl{T}{T}Tredje opfølgning{T}",  # 23
    f"Milepæl{T}Åbent i alle haller.{T}Første opfølgning{T}☺",  # 24
    f"Økonomi{T}Der er ikke afsat økonomi.{T}{T}",  # 25
)

KULTUR_TRUTH = DocumentTruth(
    title="Endelig opfølgning på Aftale om budget 2024 for Kultur- og Fritidsudvalget",
    round=4,
    committee="Kultur- og Fritidsudvalget",
    year=2024,
    themes=[("1", "Idræt og bevægelse")],
    initiatives=[
        InitiativeTruth(
            number="1.4",
            title="Ny kunstgræsbane",
            kind="capital_and_operating",
            center="Center for Teknik og Miljø",
            committee="Kultur- og Fritidsudvalget",
            contributors="Center for Kultur og Fritid",
            description="Banen anlægges ved idrætscentret og drives af kommunen.",
            heading="Idræt og bevægelse",
            milestones=[
                MilestoneTruth(
                    1, "Første opfølgning 2024", "Lokalplan er vedtaget.", "", HAPPY, "☺"
                ),
                MilestoneTruth(
                    2,
                    "Anden opfølgning 2024",
                    "Banen er udbudt.",
                    "Udbuddet er forsinket.",
                    NEUTRAL,
                    "☹" + VS16,
                    True,
                ),
                MilestoneTruth(
                    3, "Tredje opfølgning 2024", "Banen er anlagt.", "", NEUTRAL, "☹" + VS16, True
                ),
                MilestoneTruth(
                    4, "Endelig opfølgning pr. 31.12.2024", "Banen er taget i brug.", "", HAPPY, "☺"
                ),
            ],
            economy_text=(
                "Der er afsat 4 mio. kr. i 2024 til anlæg og 300.000 kr. i 2025 til drift."
            ),
            economy_smiley=SAD,
            budget_lines=[(2024, "capital", 4_000_000), (2025, "operating", 300_000)],
        ),
        InitiativeTruth(
            number="1.5",
            title="Åbne haller",
            kind="operating",
            center="Center for Kultur og Fritid",
            committee="Kultur- og Fritidsudvalget",
            contributors="",
            description="Hallerne holder åbent om søndagen.",
            heading="Idræt og bevægelse",
            milestones=[
                MilestoneTruth(1, "Første opfølgning", "Åbent i alle haller.", "", HAPPY, "☺"),
                MilestoneTruth(2, "Anden opfølgning", "", "", None),
                MilestoneTruth(3, "Tredje opfølgning", "", "", None),
                MilestoneTruth(4, "31.12.2024", "Aftale med foreningerne.", "", HAPPY, "😊"),
            ],
            economy_text="Der er ikke afsat økonomi.",
            economy_smiley=None,
            budget_lines=[],
        ),
    ],
    warnings=[
        ("line 14, initiative 1.4, round 2", FROWN_REVIEW),
        ("line 15, initiative 1.4, round 3", FROWN_REVIEW),
        (
            "line 11, initiative 1.4",
            "cellen med ansvarligt center nævner 2 centre; «Center for Teknik og Miljø» "
            "er læst som ansvarligt center og «Center for Kultur og Fritid» som bidragydere",
        ),
    ],
    variations={3, 4, 5, 6},
)


# --- 3. Børne- og Skoleudvalget, anden opfølgning 2025 ----------------------------------------
# Two centers split by "og", "," and a line break; a header row broken by a line break;
# ☹ with U+FE0E; ordinal round labels; a round cell that names no round.

SKOLE = lines(
    "## Anden opfølgning på Aftale om budget 2025 for Børne- og Skoleudvalget",  # 1
    "",
    "**3. Læring og trivsel**",  # 3
    "",
    "<b>3.2. Læsebånd i",  # 5: the header row continues
    f"indskolingen</b>{T}<b>Drift</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 6
    f"Alle elever i 0.-3. klasse læser hver dag.{T}<p>Ansvarligt center: Center for Skole "  # 7
    "og Center for Dagtilbud</p><p>Ansvarligt udvalg: Børne- og Skoleudvalget</p>"
    f"<p>Væsentlig bidragsyder: Biblioteket</p>{T}{T}",
    f"Milepæl{T}Læsebåndet er planlagt.{T}Første opfølgning{T}☺",  # 8
    f"Milepæl{T}Læsebåndet er i gang på alle skoler.{T}Anden opfølgning{T}☹{VS15}",  # 9
    f"Milepæl{T}{T}Tredje opfølgning{T}",  # 10
    f"Milepæl{T}Evaluering.{T}Efter sommerferien{T}",  # 11: names no round
    f"Økonomi{T}Der er afsat 250.000 kr. årligt i 2025-2026.{T}{T}☺",  # 12
    "",
    f"<b>3.3. Trivselsmåling</b>{T}<b>Drift</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 14
    f"Trivslen måles to gange om året.{T}Ansvarligt center: Center for Skole, Center for "  # 15
    f"Sundhed Ansvarligt udvalg: Børne- og Skoleudvalget{T}{T}",
    f"Milepæl{T}Første måling.{T}1. opfølgning 2025{T}😊",  # 16
    f"Milepæl{T}Anden måling.{T}2. opfølgning 2025{T}😐",  # 17
    f"Milepæl{T}{T}3. opfølgning 2025{T}",  # 18
    f"Milepæl{T}{T}31.12.2025{T}",  # 19
    f"Økonomi{T}Der er ikke afsat økonomi.{T}{T}",  # 20
    "",
    f"<b>3.4. Legepladser</b>{T}<b>Anlæg</b>{T}<b>Tid</b>{T}<b>Smiley</b>",  # 22
    f"To legepladser fornyes.{T}Ansvarligt center: Center for Ejendomme",  # 23
    f"Center for Skole Ansvarligt udvalg: Børne- og Skoleudvalget{T}{T}",  # 24
    f"Milepæl{T}Legepladserne er valgt.{T}1. budgetopfølgning 2025{T}☺",  # 25
    f"Milepæl{T}Udbud.{T}2. budgetopfølgning 2025{T}☺",  # 26
    f"Milepæl{T}{T}3. budgetopfølgning 2025{T}",  # 27
    f"Milepæl{T}{T}31.12.2025{T}",  # 28
    f"Økonomi{T}Der er afsat 800.000 kr. i 2025.{T}{T}☺",  # 29
)

SKOLE_TRUTH = DocumentTruth(
    title="Anden opfølgning på Aftale om budget 2025 for Børne- og Skoleudvalget",
    round=2,
    committee="Børne- og Skoleudvalget",
    year=2025,
    themes=[("3", "Læring og trivsel")],
    initiatives=[
        InitiativeTruth(
            number="3.2",
            title="Læsebånd i indskolingen",
            kind="operating",
            center="Center for Skole",
            committee="Børne- og Skoleudvalget",
            contributors="Center for Dagtilbud samt Biblioteket",
            description="Alle elever i 0.-3. klasse læser hver dag.",
            heading="Læring og trivsel",
            milestones=[
                MilestoneTruth(1, "Første opfølgning", "Læsebåndet er planlagt.", "", HAPPY, "☺"),
                MilestoneTruth(
                    2,
                    "Anden opfølgning",
                    "Læsebåndet er i gang på alle skoler.",
                    "",
                    NEUTRAL,
                    "☹" + VS15,
                    True,
                ),
                MilestoneTruth(3, "Tredje opfølgning", "", "", None),
                MilestoneTruth(4, "Efter sommerferien", "Evaluering.", "", None),
            ],
            economy_text="Der er afsat 250.000 kr. årligt i 2025-2026.",
            economy_smiley=HAPPY,
            budget_lines=[(2025, "operating", 250_000), (2026, "operating", 250_000)],
        ),
        InitiativeTruth(
            number="3.3",
            title="Trivselsmåling",
            kind="operating",
            center="Center for Skole",
            committee="Børne- og Skoleudvalget",
            contributors="Center for Sundhed",
            description="Trivslen måles to gange om året.",
            heading="Læring og trivsel",
            milestones=[
                MilestoneTruth(1, "1. opfølgning 2025", "Første måling.", "", HAPPY, "😊"),
                MilestoneTruth(2, "2. opfølgning 2025", "Anden måling.", "", NEUTRAL, "😐"),
                MilestoneTruth(3, "3. opfølgning 2025", "", "", None),
                MilestoneTruth(4, "31.12.2025", "", "", None),
            ],
            economy_text="Der er ikke afsat økonomi.",
            economy_smiley=None,
            budget_lines=[],
        ),
        InitiativeTruth(
            number="3.4",
            title="Legepladser",
            kind="capital",
            center="Center for Ejendomme",
            committee="Børne- og Skoleudvalget",
            contributors="Center for Skole",
            description="To legepladser fornyes.",
            heading="Læring og trivsel",
            milestones=[
                MilestoneTruth(
                    1, "1. budgetopfølgning 2025", "Legepladserne er valgt.", "", HAPPY, "☺"
                ),
                MilestoneTruth(2, "2. budgetopfølgning 2025", "Udbud.", "", HAPPY, "☺"),
                MilestoneTruth(3, "3. budgetopfølgning 2025", "", "", None),
                MilestoneTruth(4, "31.12.2025", "", "", None),
            ],
            economy_text="Der er afsat 800.000 kr. i 2025.",
            economy_smiley=HAPPY,
            budget_lines=[(2025, "capital", 800_000)],
        ),
    ],
    warnings=[
        ("line 5", "linjeskift inde i en celle: linje 5–6 er læst som én række"),
        ("line 9, initiative 3.2, round 2", FROWN_REVIEW),
        (
            "line 11, initiative 3.2, round 4",
            "rundecellen «Efter sommerferien» nævner ingen opfølgning; læst som opfølgningen "
            "pr. 31.12. ud fra sin "
            "plads",
        ),
        (
            "line 5, initiative 3.2",
            "cellen med ansvarligt center nævner 2 centre; «Center for Skole» "
            "er læst som ansvarligt center og «Center for Dagtilbud» som bidragydere",
        ),
        (
            "line 14, initiative 3.3",
            "cellen med ansvarligt center nævner 2 centre; «Center for Skole» "
            "er læst som ansvarligt center og «Center for Sundhed» som bidragydere",
        ),
        ("line 23, initiative 3.4", "linjeskift inde i en celle: linje 23–24 er læst som én række"),
        (
            "line 22, initiative 3.4",
            "cellen med ansvarligt center nævner 2 centre; «Center for Ejendomme» "
            "er læst som ansvarligt center og «Center for Skole» som bidragydere",
        ),
    ],
    variations={1, 4, 5, 6},
)


# --- 4. Økonomiudvalget, tredje opfølgning 2026, CRLF: every variation in one file ----------

OEKONOMI = lines(
    "Dato: 1. oktober 2026",  # 1
    "",
    "## Tredje opfølgning på Aftale om budget 2026 for Økonomiudvalget",  # 3
    "",
    "### Læsevejledning",  # 5
    "",
    "Rapporten følger op på aftalens indsatser.",  # 7
    "",
    "5. Digitalisering",  # 9: no bold marks
    "",
    f"5.1. Digital post{T}Anlæg/drift{T}Tid{T}Smiley",  # 11
    f"Borgerne får post digitalt.{T}Ansvarligt center: Center for Digitalisering /",  # 12
    f"Center for Borgerservice Ansvarligt udvalg: Økonomiudvalget{T}{T}",  # 13
    f"Milepæl{T}Systemet er valgt.{T}1. opfølgning 2026{T}☺",  # 14
    f"Milepæl{T}Systemet er indkøbt. Status: Leverandøren er",  # 15
    f"forsinket.{T}2. opfølgning 2026{T}☹{VS16}",  # 16
    f"Milepæl{T}Systemet er i drift.{T}Tredje opfølgning{T}☹",  # 17
    f"Milepæl{T}Alle breve sendes digitalt.{T}Endelig opfølgning pr. 31.12.2026{T}",  # 18
    f"Økonomi{T}Der er afsat et anlægsbudget på 1,5 mio. kr. i 2026. Der er afsat 200.000 "
    f"kr. i 2027 til driftsudgifter.{T}{T}☺",  # 19
)

OEKONOMI_TRUTH = DocumentTruth(
    title="Tredje opfølgning på Aftale om budget 2026 for Økonomiudvalget",
    round=3,
    committee="Økonomiudvalget",
    year=2026,
    themes=[("5", "Digitalisering")],
    initiatives=[
        InitiativeTruth(
            number="5.1",
            title="Digital post",
            kind="capital_and_operating",
            center="Center for Digitalisering",
            committee="Økonomiudvalget",
            contributors="Center for Borgerservice",
            description="Borgerne får post digitalt.",
            heading="Digitalisering",
            milestones=[
                MilestoneTruth(1, "1. opfølgning 2026", "Systemet er valgt.", "", HAPPY, "☺"),
                MilestoneTruth(
                    2,
                    "2. opfølgning 2026",
                    "Systemet er indkøbt.",
                    "Leverandøren er forsinket.",
                    NEUTRAL,
                    "☹" + VS16,
                    True,
                ),
                MilestoneTruth(
                    3, "Tredje opfølgning", "Systemet er i drift.", "", NEUTRAL, "☹", True
                ),
                MilestoneTruth(
                    4, "Endelig opfølgning pr. 31.12.2026", "Alle breve sendes digitalt.", "", None
                ),
            ],
            economy_text=(
                "Der er afsat et anlægsbudget på 1,5 mio. kr. i 2026. Der er afsat 200.000 kr. "
                "i 2027 til driftsudgifter."
            ),
            economy_smiley=HAPPY,
            budget_lines=[(2026, "capital", 1_500_000), (2027, "operating", 200_000)],
        ),
    ],
    warnings=[
        (
            "line 9, theme 5",
            "«5. Digitalisering» er hverken fed eller mærket som overskrift; læst som "
            "overskriften på tema 5",
        ),
        ("line 12, initiative 5.1", "linjeskift inde i en celle: linje 12–13 er læst som én række"),
        ("line 15, initiative 5.1", "linjeskift inde i en celle: linje 15–16 er læst som én række"),
        ("line 15, initiative 5.1, round 2", FROWN_REVIEW),
        ("line 17, initiative 5.1, round 3", FROWN_REVIEW),
        (
            "line 11, initiative 5.1",
            "cellen med ansvarligt center nævner 2 centre; «Center for Digitalisering» "
            "er læst som ansvarligt center og «Center for Borgerservice» som bidragydere",
        ),
    ],
    variations={1, 2, 3, 4, 5, 6},
)

#: file name → (text, truth). The last file has CRLF line ends (Windows).
DOCUMENTS: dict[str, tuple[str, DocumentTruth]] = {
    "teknik_og_miljo_2024_3.txt": (TEKNIK, TEKNIK_TRUTH),
    "kultur_og_fritid_2024_endelig.txt": (KULTUR, KULTUR_TRUTH),
    "boerne_og_skole_2025_2.txt": (SKOLE, SKOLE_TRUTH),
    "oekonomi_2026_3_crlf.txt": (OEKONOMI.replace("\n", "\r\n"), OEKONOMI_TRUTH),
}


def write_all(directory: Path) -> list[Path]:
    """Write every document as UTF-8 into `directory`; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (text, _truth) in DOCUMENTS.items():
        path = directory / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-text")):
        print(written)
