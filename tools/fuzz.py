"""Fuzz an importer for a while (issue 17): damaged documents must get the clear error.

    .venv/bin/python tools/fuzz.py --importer text --minutes 10
    .venv/bin/python tools/fuzz.py --importer all --minutes 10   # each in turn

Prints rounds, parsed, refused and crashes per importer; every crashing input is saved under
var/fuzz/ with its traceback. Exits 1 when anything crashed. See tests/fuzzing.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--importer", default="all", help="text, docx, xlsx, department or all")
    parser.add_argument("--minutes", type=float, default=10.0, help="per importer")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "fuzz")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    import django

    django.setup()
    from tests import fuzzing

    chosen = fuzzing.IMPORTERS if args.importer == "all" else (args.importer,)
    crashed = 0
    for name in chosen:
        tally = fuzzing.run(name, seconds=args.minutes * 60, seed=args.seed)
        saved = fuzzing.save(tally.crashes, args.out)
        crashed += len(tally.crashes)
        print(
            f"{name:10} {tally.rounds:7,} rounds in {tally.seconds / 60:.1f} min "
            f"({tally.rounds / tally.seconds:.0f}/s): {tally.parsed:,} parsed, "
            f"{tally.refused:,} refused with the clear error, {len(tally.crashes)} crashes"
            + (f" (saved in {args.out}: {', '.join(p.name for p in saved[:5])})" if saved else "")
        )
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
