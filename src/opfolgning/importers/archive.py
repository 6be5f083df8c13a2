"""Checks for Office Open XML packages (DOCX, XLSX) before anything is unpacked.

A DOCX or XLSX is a ZIP file. It is refused with a clear message when it is not a ZIP at all
(a renamed other file), is corrupt, is a password-protected (encrypted) Office file, or would
unpack to more than a limit (a zip bomb) — all decided from the ZIP directory, before any
member is decompressed.
"""

from __future__ import annotations

import io
import zipfile

from opfolgning.followup.errors import ReportFormatError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML, or old .doc/.xls
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a member that compresses better than this is not an office document
MAX_MEMBERS = 5000

REQUIRED_MEMBER = {"DOCX": "word/document.xml", "XLSX": "xl/workbook.xml"}


def is_zip(data: bytes) -> bool:
    """Return whether the bytes start like a ZIP file."""
    return data[:4] == ZIP_MAGIC


def is_ole(data: bytes) -> bool:
    """Return whether the bytes are an OLE compound file (encrypted Office file, .doc, .xls)."""
    return data[:8] == OLE_MAGIC


def looks_like(data: bytes, kind: str) -> bool:
    """Return whether a ZIP's directory names the member that marks a DOCX or XLSX."""
    return is_zip(data) and REQUIRED_MEMBER[kind].encode() in data[-65536 - 22 :]


def open_package(
    data: bytes,
    *,
    source: str,
    kind: str,
    max_unpacked: int = MAX_UNPACKED_BYTES,
) -> zipfile.ZipFile:
    """Return the package as a ZipFile after checking it is safe and of the right kind."""
    if is_ole(data):
        raise ReportFormatError(ole_message(), source=source)
    if not is_zip(data):
        raise ReportFormatError(
            f"not a {kind} file: it is not an Office Open XML package (ZIP). "
            f"Is it another kind of file renamed to .{kind.lower()}?",
            source=source,
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        NotImplementedError,
    ) as exc:
        raise ReportFormatError(
            f"the {kind} file is corrupt ({exc}); open it in Office and save it again",
            source=source,
        ) from None
    if len(members) > MAX_MEMBERS:
        raise ReportFormatError(
            f"refused before unpacking: the {kind} holds {len(members):,} parts "
            f"(at most {MAX_MEMBERS:,})",
            source=source,
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_unpacked:
        raise ReportFormatError(
            f"refused before unpacking: the {kind} would unpack to "
            f"{unpacked / 1048576:,.0f} MB (limit {max_unpacked / 1048576:,.0f} MB)",
            source=source,
        )
    for member in members:
        if member.file_size > 1048576 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ReportFormatError(
                f"refused before unpacking: part {member.filename} of the {kind} compresses "
                f"{member.file_size // max(member.compress_size, 1):,} to 1 (a zip bomb?)",
                source=source,
            )
    names = {m.filename for m in members}
    if REQUIRED_MEMBER[kind] not in names:
        other = next((k for k, name in REQUIRED_MEMBER.items() if name in names), None)
        hint = f" It looks like a {other} file." if other else ""
        raise ReportFormatError(
            f"not a {kind} file: the package has no {REQUIRED_MEMBER[kind]}.{hint}",
            source=source,
        )
    return package


def ole_message() -> str:
    """Explain an OLE file: encrypted Office document or an old binary format."""
    return (
        "this is a password-protected Office file or an old .doc/.xls file; remove the "
        "password (or save as .docx/.xlsx) in Office and import again"
    )
