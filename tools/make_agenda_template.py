"""Generate the Word template of the agenda item: src/opfolgning/exporters/templates/agenda.docx.

    .venv/bin/python tools/make_agenda_template.py

The case presentation ("Sagsfremstilling") of a committee's agenda item on a follow-up round.
The finance office may restyle it in Word (fonts, header, logo, margins) and reword the fixed
text; the Jinja tags (`{{ … }}`, `{{p … }}`, `{%p … %}`) must stay. Running this script again
overwrites such changes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.shared import Cm, Mm, Pt

TARGET = Path(__file__).resolve().parents[1] / "src/opfolgning/exporters/templates/agenda.docx"


def build() -> bytes:
    """Return the template as DOCX bytes."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Cm(3.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header.paragraphs[0].text = "{{ draft_header }}{{ committee }} · {{ agreement }}"

    # A draft says so before anything else (empty for a final report).
    document.add_paragraph("{{p draft }}")
    document.add_paragraph("{{ title }}", style="Title")
    facts = document.add_paragraph()
    facts.add_run("Sagsnummer: ").bold = True
    facts.add_run("{{ case_number }}")
    document.add_paragraph("Sagsfremstilling", style="Heading 1")
    document.add_paragraph("{{p presentation }}")
    document.add_paragraph("Indstilling", style="Heading 1")
    document.add_paragraph("{{ recommendation_intro }}")
    document.add_paragraph("{{p recommendation }}")
    document.add_paragraph("Bilag", style="Heading 1")
    document.add_paragraph("{%p for a in attachments %}")
    document.add_paragraph("{{ a.title }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
