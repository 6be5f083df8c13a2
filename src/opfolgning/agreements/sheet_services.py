"""Writes of the department spreadsheet upload: remember a column mapping."""

from __future__ import annotations

from django.db import transaction

from opfolgning.followup.department_sheet import header_fingerprint, mapping_problems

from .audit import Actor, user_of
from .models import HeaderMapping


class MappingRejected(ValueError):
    """The column mapping names a field twice, an unknown field, or misses a required one."""


@transaction.atomic
def header_mapping_save(
    *, actor: Actor, headers: list[str], columns: dict[int, str]
) -> HeaderMapping:
    """Remember the mapping for the next upload with the same headers (replacing an older one)."""
    problems = mapping_problems(columns, headers)
    if problems:
        raise MappingRejected("; ".join(problems))
    mapping, _created = HeaderMapping.objects.update_or_create(
        fingerprint=header_fingerprint(headers),
        defaults={
            "headers": list(headers),
            "columns": {str(i): key for i, key in sorted(columns.items()) if i < len(headers)},
            "updated_by": user_of(actor),
        },
    )
    return mapping
