"""Errors of the domain: a report that cannot be read says where (file, line) and what was
expected; a thing asked for that does not exist is NotFound."""

from __future__ import annotations


class ReportFormatError(ValueError):
    """The input is not a readable follow-up report; the message says where and what to do."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.detail = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.detail}"


class NotFound(LookupError):
    """The agreement, committee, round or initiative asked for does not exist."""
