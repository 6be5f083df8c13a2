"""Mutation fuzzing of the importers (issue 17): damaged documents get the clear error, never
a traceback.

Seeds are written by our own exporters from a generated agreement (bench/generate.py), so
nothing here needs the real report. Each round takes a seed and damages it the way files
get damaged or hand-edited: lines and rows deleted, doubled and swapped, cells merged and
split, text replaced by odd characters, XML elements cut or repeated inside the package,
bytes flipped, the file cut short. The importer must then return a document or raise
`ReportFormatError` (the department sheet's `SheetError` is one) with a message; anything
else is a crash.

    .venv/bin/python tools/fuzz.py --importer text --minutes 10

runs one importer for a while and saves every crashing input under var/fuzz/;
tests/importers/test_fuzz.py runs a few hundred rounds of each as part of the suite.
"""

from __future__ import annotations

import io
import random
import re
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

IMPORTERS = ("text", "docx", "xlsx", "department")
MAX_BYTES = 20 * 1024 * 1024

# What hand-written documents are made of: the structure's own words and marks, odd glyphs
# and characters that break naive parsers.
TOKENS = [
    "Milepæl",
    "Økonomi",
    "Status:",
    "Ansvarligt center:",
    "Ansvarligt udvalg:",
    "Anlæg",
    "Drift",
    "Anlæg og drift",
    "1. budgetopfølgning 2019",
    "31.12.2019",
    "Endelig opfølgning",
    "**",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "\t",
    "\t\t\t",
    "\n",
    "\r\n",
    "☺",
    "☹",
    "☹\ufe0f",
    "😐",
    "🙁",
    "J",
    "L",
    "\uf04a",
    "\uf04c",
    "glad",
    "sur",
    "rød",
    "-",
    "1.1",
    "2.3.1",
    "9" * 30,
    "-1",
    "0",
    "",
    "\x00",
    "\u200b",
    "\ufeff",
    "\u202e",
    "é" * 5,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "=SUM(A1:A9)",
    "&amp;",
    "<",
    ">",
    '"',
    "'",
]


@dataclass
class Crash:
    """An input that made an importer fail with something else than the clear error."""

    importer: str
    round: int
    error: str
    data: bytes = field(repr=False)


@dataclass
class Tally:
    """What a fuzzing run did."""

    rounds: int = 0
    parsed: int = 0
    refused: int = 0
    crashes: list[Crash] = field(default_factory=list)
    seconds: float = 0.0


@cache
def seeds(importer: str) -> tuple[bytes, ...]:
    """Return the intact documents that `importer` reads, written by our exporters."""
    from bench.generate import generate

    from opfolgning.exporters.docx import render_report_docx
    from opfolgning.exporters.text import write_text
    from opfolgning.exporters.xlsx import render_report_xlsx

    docs = generate(24, committees=2, seed=17)
    if importer == "text":
        return tuple(write_text(doc).encode("utf-8") for doc in docs)
    if importer == "docx":
        return tuple(render_report_docx(doc) for doc in docs)
    if importer == "xlsx":
        return tuple(render_report_xlsx(doc) for doc in docs)
    if importer == "department":
        return (_department_sheet(docs[0]),)
    raise ValueError(f"unknown importer {importer!r}; one of {', '.join(IMPORTERS)}")


def _department_sheet(doc: Any) -> bytes:
    from opfolgning.exporters.department_xlsx import render_department_xlsx
    from opfolgning.followup.department_sheet import (
        DepartmentSheet,
        SheetIdentity,
        SheetRow,
        SheetValues,
    )

    rows = []
    for n, ini in enumerate(doc.initiatives()):
        m = ini.milestones[doc.round - 1]
        values = SheetValues(m.status_note, m.smiley.value if m.smiley else "", "")
        rows.append(SheetRow(ini.number, ini.title, m.text, "", "", values, n % 4))
    identity = SheetIdentity(2019, 3, 7, "Ejendomme", doc.agreement.name, "3. budgetopfølgning")
    return render_department_xlsx(DepartmentSheet(identity, rows, "2. budgetopfølgning 2019"))


def parser(importer: str) -> Callable[[bytes], object]:
    """Return a function that reads bytes as `importer` does for an upload."""
    if importer == "department":
        from opfolgning.importers.department_xlsx import parse_department_xlsx

        return lambda data: parse_department_xlsx(data, source="fuzz.xlsx", max_bytes=MAX_BYTES)
    from opfolgning.importers import parse_bytes, precheck_bytes

    source = {"text": "fuzz.txt", "docx": "fuzz.docx", "xlsx": "fuzz.xlsx"}[importer]

    def parse(data: bytes) -> object:
        precheck_bytes(data, source=source)
        return parse_bytes(data, source=source, max_bytes=MAX_BYTES)

    return parse


# -- mutations -------------------------------------------------------------------------------


def _mutate_text(rng: random.Random, text: str) -> str:
    """Damage text the way hand editing does: whole lines, then characters."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        choice = rng.randrange(9)
        if choice == 0:
            del lines[i]
        elif choice == 1:
            lines.insert(i, lines[i])
        elif choice == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif choice == 3:
            lines.insert(i, "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 5))))
        elif choice == 4:
            lines[i] = lines[i].replace("\t", rng.choice(["", " ", "\t\t"]))
        elif choice == 5 and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + rng.choice(["", " ", "\t"]) + lines[i + 1]]
        elif choice == 6:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
        elif choice == 7:
            lines[i] = _mutate_chars(rng, lines[i])
        else:
            lines = lines[: rng.randrange(len(lines) + 1)]
    return "\n".join(lines)


def _mutate_chars(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        pos = rng.randrange(len(chars) + 1)
        kind = rng.randrange(3)
        if kind == 0 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif kind == 1:
            chars[pos:pos] = list(rng.choice(TOKENS))
        else:
            chars[pos:pos] = [chr(rng.choice([rng.randrange(32, 0x3000), rng.randrange(0, 32)]))]
    return "".join(chars)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not raw:
            break
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    if rng.random() < 0.3:
        raw = raw[: rng.randrange(len(raw) + 1)]
    return bytes(raw)


# An element that spans one row, cell, paragraph or run of a Word or Excel part.
_ELEMENTS = re.compile(
    rb"<(w:tr|w:tc|w:p|w:r|w:t|w:tbl|w:sym|w:gridSpan|w:numPr|row|c|v|si|t|mergeCell)\b"
    rb"[^>]*?(?:/>|>.*?</\1>)",
    re.DOTALL,
)


def _mutate_xml(rng: random.Random, xml: bytes) -> bytes:
    """Cut, double, move or rewrite whole elements of a package part, or its text."""
    for _ in range(rng.randint(1, 3)):
        found = list(_ELEMENTS.finditer(xml))
        if not found:
            break
        m = rng.choice(found)
        start, end = m.span()
        choice = rng.randrange(6)
        if choice == 0:
            xml = xml[:start] + xml[end:]
        elif choice == 1:
            xml = xml[:end] + xml[start:end] + xml[end:]
        elif choice == 2:
            other = rng.choice(found)
            xml = xml[:start] + other.group(0) + xml[end:]
        elif choice == 3:
            text = m.group(0).decode("utf-8", "replace")
            xml = xml[:start] + _mutate_chars(rng, text).encode("utf-8") + xml[end:]
        elif choice == 4:
            token = rng.choice(TOKENS).replace("&", "&amp;").replace("<", "&lt;")
            xml = xml[:start] + f"<w:r><w:t>{token}</w:t></w:r>".encode() + xml[end:]
        else:
            xml = xml[: rng.randrange(len(xml) + 1)]  # cut short: not well-formed
    return xml


def _mutate_package(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.1:
        return _mutate_bytes(rng, data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    xml_parts = [n for n in parts if n.endswith(".xml") and not n.startswith("[")]
    wanted = [
        n for n in xml_parts if n in ("word/document.xml", "xl/sharedStrings.xml") or "sheet" in n
    ]
    name = rng.choice(wanted or xml_parts)
    parts[name] = _mutate_xml(rng, parts[name])
    if rng.random() < 0.05:
        del parts[rng.choice(list(parts))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, content in parts.items():
            zf.writestr(part, content)
    return out.getvalue()


def mutate(importer: str, rng: random.Random) -> bytes:
    """Return one damaged document for `importer`."""
    seed = rng.choice(seeds(importer))
    if importer == "text":
        if rng.random() < 0.1:
            return _mutate_bytes(rng, seed)
        text = _mutate_text(rng, seed.decode("utf-8"))
        encoding = rng.choice(["utf-8"] * 8 + ["utf-16", "latin-1"])
        return text.encode(encoding, "replace")
    return _mutate_package(rng, seed)


def run(
    importer: str, *, rounds: int | None = None, seconds: float | None = None, seed: int = 0
) -> Tally:
    """Fuzz `importer` for `rounds` inputs or `seconds` (whichever is given) and tally it."""
    from opfolgning.followup.errors import ReportFormatError

    parse = parser(importer)
    rng = random.Random(f"{importer}-{seed}")
    tally = Tally()
    start = time.perf_counter()
    while (rounds is None or tally.rounds < rounds) and (
        seconds is None or time.perf_counter() - start < seconds
    ):
        data = mutate(importer, rng)
        tally.rounds += 1
        try:
            parse(data)
        except ReportFormatError as error:
            if not str(error).strip():
                tally.crashes.append(Crash(importer, tally.rounds, "an empty error", data))
            tally.refused += 1
        except Exception:
            tally.crashes.append(Crash(importer, tally.rounds, traceback.format_exc(), data))
        else:
            tally.parsed += 1
    tally.seconds = time.perf_counter() - start
    return tally


def save(crashes: list[Crash], folder: Path) -> list[Path]:
    """Write each crashing input (and its traceback) to `folder`; return the input files."""
    folder.mkdir(parents=True, exist_ok=True)
    ext = {"text": "txt", "docx": "docx", "xlsx": "xlsx", "department": "xlsx"}
    paths = []
    for crash in crashes:
        path = folder / f"{crash.importer}-{crash.round}.{ext[crash.importer]}"
        path.write_bytes(crash.data)
        path.with_suffix(".traceback.txt").write_text(crash.error, encoding="utf-8")
        paths.append(path)
    return paths
