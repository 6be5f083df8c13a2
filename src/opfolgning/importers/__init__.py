"""Importers: turn an uploaded file into a ReportDocument (see shared/design/INTERCHANGE.md).

Each importer registers a `detect(data) -> bool` and a `parse(data, *, source, frown_means)`.
`parse_bytes` asks the registered importers in registration order and falls back to the
text-export importer, which gives the clearest error for anything it cannot read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..followup.document import ReportDocument
from ..followup.errors import ReportFormatError
from ..followup.smileys import Smiley
from . import archive
from .text import looks_like_text_export, parse_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Importer",
    "ReportFormatError",
    "importers",
    "parse_bytes",
    "parse_path",
    "precheck_bytes",
    "register",
    "too_large",
    "unregister",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_IMPORTER = "text"


class ParseFunction(Protocol):
    def __call__(
        self, data: bytes, *, source: str = ..., frown_means: Smiley = ...
    ) -> ReportDocument: ...


@dataclass(frozen=True)
class Importer:
    """A named importer: `detect` says whether it reads the bytes, `parse` reads them."""

    name: str
    detect: Callable[[bytes], bool]
    parse: ParseFunction


_REGISTRY: dict[str, Importer] = {}


def register(name: str, detect: Callable[[bytes], bool], parse: ParseFunction) -> None:
    """Register (or replace) the importer called `name`."""
    _REGISTRY[name] = Importer(name, detect, parse)


def unregister(name: str) -> None:
    """Remove the importer called `name` (the text importer stays)."""
    if name != TEXT_IMPORTER:
        _REGISTRY.pop(name, None)


def importers() -> list[Importer]:
    """Return the registered importers in the order `parse_bytes` consults them."""
    others = [imp for name, imp in _REGISTRY.items() if name != TEXT_IMPORTER]
    return [*others, _REGISTRY[TEXT_IMPORTER]]


def parse_bytes(
    data: bytes,
    *,
    source: str = "<input>",
    frown_means: Smiley = Smiley.NEUTRAL,
    max_bytes: int | None = None,
) -> ReportDocument:
    """Parse `data` with the first importer whose detect() accepts it (text is the fallback)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise too_large(len(data), max_bytes, source)
    chosen = next((imp for imp in importers()[:-1] if imp.detect(data)), _REGISTRY[TEXT_IMPORTER])
    return chosen.parse(data, source=source, frown_means=frown_means)


def precheck_bytes(data: bytes, *, source: str = "<input>") -> None:
    """Refuse at once what no importer can read, without parsing: an encrypted or old binary
    Office file, and a damaged or unsafe (zip bomb) package. Cheap, so a large upload learns
    it before a background job is queued."""
    if archive.is_ole(data):
        raise ReportFormatError(archive.ole_message(), source=source)
    suffix = Path(source).suffix.lower()
    if suffix in (".docx", ".xlsx") and not archive.is_zip(data):
        # Named as Word or Excel but not one: say so, rather than read it as text.
        archive.open_package(data, source=source, kind=suffix[1:].upper())
    if archive.is_zip(data):
        kind = "XLSX" if archive.looks_like(data, "XLSX") else "DOCX"
        archive.open_package(data, source=source, kind=kind).close()


def parse_path(
    path: str | os.PathLike[str],
    *,
    frown_means: Smiley = Smiley.NEUTRAL,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReportDocument:
    """Read and parse a file; every problem (missing, directory, unreadable, too large, not
    a report) is a ReportFormatError naming the file."""
    file = Path(path)
    source = str(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReportFormatError("file not found", source=source) from None
    except IsADirectoryError:
        raise ReportFormatError("is a directory, not a report file", source=source) from None
    except PermissionError:
        raise ReportFormatError("cannot read the file: permission denied", source=source) from None
    except OSError as exc:
        if file.is_dir():
            raise ReportFormatError("is a directory, not a report file", source=source) from None
        reason = exc.strerror or str(exc)
        raise ReportFormatError(f"cannot read the file: {reason}", source=source) from None
    if len(data) > max_bytes:
        raise too_large(None, max_bytes, source)
    precheck_bytes(data, source=source)
    return parse_bytes(data, source=source, frown_means=frown_means)


def too_large(size: int | None, max_bytes: int, source: str) -> ReportFormatError:
    """Return the error for a file over the size limit (size None: not known exactly)."""
    limit = f"{max_bytes / (1024 * 1024):.3g} MB"
    actual = f" ({size / (1024 * 1024):.1f} MB)" if size is not None else ""
    return ReportFormatError(
        f"the file is too large{actual}; the limit is {limit}. "
        "A follow-up report is a few hundred kB; is this the right file?",
        source=source,
    )


def _parse_ole(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    raise ReportFormatError(archive.ole_message(), source=source)


def _parse_docx(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    from .docx import parse_docx

    return parse_docx(data, source=source, frown_means=frown_means)


def _parse_xlsx(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    from .xlsx import parse_xlsx

    return parse_xlsx(data, source=source, frown_means=frown_means)


def _parse_zip(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    # A ZIP that is neither: let the DOCX checks explain what is wrong with it.
    archive.open_package(data, source=source, kind="DOCX")
    raise ReportFormatError("not a follow-up report", source=source)  # pragma: no cover


register("ole", archive.is_ole, _parse_ole)
register("docx", lambda data: archive.looks_like(data, "DOCX"), _parse_docx)
register("xlsx", lambda data: archive.looks_like(data, "XLSX"), _parse_xlsx)
register("zip", archive.is_zip, _parse_zip)
register(TEXT_IMPORTER, looks_like_text_export, parse_text)
