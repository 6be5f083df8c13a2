"""Parse a department's own spreadsheet (issue 17): title merged, facts above, merged cells.

PYTHONPATH=src .venv/bin/python bench/own_sheet.py
"""

import io
import time

from openpyxl import Workbook

from opfolgning.followup.department_sheet import SheetIdentity
from opfolgning.importers.department_xlsx import parse_department_xlsx


def make(n):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Budgetopfølgning"
    ws.merge_cells("A1:H1")
    ws.append(["Dato", "1. oktober 2026"])
    ws.append([])
    ws.append(
        [
            "Nr.",
            "Indsats",
            "Smiley indsats",
            "Smiley økonomi",
            "Status",
            "Korrigerende handling",
            "Ansvarlig",
        ]
    )
    row = 5
    for i in range(n):
        for r in range(4):
            ws.append(
                [
                    f"{i // 50 + 1}.{i % 50 + 1}" if r == 0 else None,
                    f"Indsats {i}" if r == 0 else None,
                    ["glad", "Gul", "sur", "-"][r],
                    "glad" if r == 0 else None,
                    f"Status {i} runde {r + 1} " * 5,
                    "",
                    "AB",
                ]
            )
        for c in "ABD":
            ws.merge_cells(f"{c}{row}:{c}{row + 3}")
        row += 4
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


for n in (250, 1000, 1249):
    data = make(n)
    best = 9e9
    for _ in range(3):
        t = time.perf_counter()
        sheet = parse_department_xlsx(
            data, source="x.xlsx", max_bytes=50 * 2**20, identity=SheetIdentity(2026, 3, 1, "X")
        )
        best = min(best, time.perf_counter() - t)
    print(
        n,
        "initiatives,",
        4 * n,
        "rows,",
        len(data) // 1024,
        "KiB:",
        f"{best:.2f} s",
        len(sheet.rows),
    )
