"""Damaged documents get the clear error, never a traceback (issue 17; tests/fuzzing.py).

A few hundred rounds per importer here; `tools/fuzz.py --minutes 10` runs them for long.
"""

from __future__ import annotations

import pytest

from tests import fuzzing

ROUNDS = {"text": 400, "docx": 40, "xlsx": 30, "department": 80}


@pytest.mark.parametrize("importer", fuzzing.IMPORTERS)
def test_damaged_documents_are_read_or_refused_with_the_clear_error(importer: str) -> None:
    tally = fuzzing.run(importer, rounds=ROUNDS[importer], seed=1)
    assert tally.rounds == ROUNDS[importer]
    assert not tally.crashes, "\n\n".join(c.error for c in tally.crashes[:3])
    # The mutations reach both outcomes: some damage is read past, some is refused.
    assert tally.parsed and tally.refused


def test_the_seeds_are_read_as_they_are() -> None:
    for importer in fuzzing.IMPORTERS:
        parse = fuzzing.parser(importer)
        for seed in fuzzing.seeds(importer):
            parse(seed)


@pytest.mark.parametrize("importer", ["docx", "xlsx", "department"])
def test_a_package_made_by_a_newer_zip_than_python_reads_gets_the_clear_error(importer: str):
    # Found by tools/fuzz.py: "version needed to extract" 11.1 in the central directory made
    # zipfile raise NotImplementedError, which came out as a traceback.
    from opfolgning.followup.errors import ReportFormatError

    data = bytearray(fuzzing.seeds(importer)[0])
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (111).to_bytes(2, "little")
    with pytest.raises(ReportFormatError):
        fuzzing.parser(importer)(bytes(data))
