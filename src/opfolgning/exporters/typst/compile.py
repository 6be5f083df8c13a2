"""Compile one Typst document in a fresh process: a JSON job on stdin, the PDF on stdout.

Run by exporters/pdf.py as `python -I compile.py`. A separate process because the compiler
keeps its layout caches for the next ten compilations of a process (typst-py calls
`comemo.evict(10)`): a large report would otherwise leave a gigabyte behind in a web or task
worker. The job names the template (or carries its source), the root folder files may be
read from, the font folders and the string inputs. Exit status 0: PDF bytes on stdout and a
JSON list of warnings on stderr; 2: a JSON error object on stderr.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typst


def compile_job(job: dict[str, Any]) -> tuple[bytes, list[str]]:
    """Compile the job's template with only its fonts and root; return the PDF and warnings."""
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=job["font_paths"]
    )
    source = job["source"].encode() if "source" in job else job["template"]
    pdf, warnings = typst.compile_with_warnings(
        source,
        root=job["root"],
        font_paths=fonts,
        ignore_system_fonts=True,
        sys_inputs=job["inputs"],
        pdf_standards=job.get("pdf_standards", ["ua-1"]),
        format="pdf",
    )
    assert isinstance(pdf, bytes)
    return pdf, [w.message for w in warnings]


def main() -> int:
    """Read a job from stdin, write the PDF to stdout; report errors as JSON on stderr."""
    job = json.loads(sys.stdin.buffer.read())
    try:
        pdf, warnings = compile_job(job)
    except typst.TypstError as error:
        json.dump({"error": error.message, "hints": list(error.hints or [])}, sys.stderr)
        return 2
    json.dump(warnings, sys.stderr)
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
