"""Reads of the department spreadsheet upload: a remembered column mapping."""

from __future__ import annotations

from opfolgning.followup.department_sheet import header_fingerprint, mapping_problems

from .models import HeaderMapping


def header_mapping_get(*, headers: list[str]) -> dict[int, str] | None:
    """Return the remembered mapping of a header row (column index → field), or None.

    A mapping that no longer fits the headers (or the fields) is not returned.
    """
    mapping = HeaderMapping.objects.filter(fingerprint=header_fingerprint(headers)).first()
    if mapping is None:
        return None
    try:
        columns = {int(i): str(key) for i, key in mapping.columns.items()}
    except (AttributeError, TypeError, ValueError):
        return None
    if any(i >= len(headers) for i in columns) or mapping_problems(columns, headers):
        return None
    return columns
