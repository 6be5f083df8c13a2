"""The agenda item of a committee's follow-up report: one ZIP for the meeting system.

    opfolgning report FILE --format agenda > dagsordenpunkt.zip

It holds
- `Sagsfremstilling.docx`: the case presentation from the editable Word template
  `templates/agenda.docx` (tools/make_agenda_template.py): what the round shows (counts, what
  got worse, what needs a decision) and the recommendation ("Indstilling"): that the
  committee takes the follow-up into account and decides on each listed corrective action
  and budget change;
- `Bilag 1 - <title>.pdf`: the report itself;
- `metadata.json`: case number, committee, report date, title, the attachments, and whether
  each may be published (the report only when it holds nothing that citizens may not read:
  no internal notes, no contact person).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from django.utils import translation

from opfolgning.followup.audience import Audience, draft_note, for_audience
from opfolgning.followup.changes import report_changes, summarize
from opfolgning.followup.decisions import decisions
from opfolgning.followup.document import Contact, ReportDocument
from opfolgning.followup.overview import overview
from opfolgning.followup.vocabulary import DRAFT_WORD, long_date, round_phrase

from .docx import STYLE_BULLET, _clean, _Styles, _Writer, _Xml

__all__ = ["TEMPLATE", "agenda_parts", "render_agenda_zip"]

TEMPLATE = Path(__file__).resolve().parent / "templates" / "agenda.docx"
PRESENTATION = "Sagsfremstilling.docx"
METADATA = "metadata.json"


def _file_name(text: str) -> str:
    """Return text as a file name that every system accepts."""
    return re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "-", text).strip(" .-")[:150] or "Bilag"


def _may_publish(doc: ReportDocument) -> bool:
    """Return whether the report is final and holds nothing that citizens may not read."""
    if doc.draft:
        return False
    public = for_audience(doc, Audience.PUBLIC)
    return doc.contact == Contact() and public.to_dict() == doc.to_dict()


def agenda_parts(doc: ReportDocument) -> dict[str, Any]:
    """Return the case presentation's texts (Danish): counts, what got worse, decisions."""
    changes = report_changes(doc)
    found = decisions(doc, changes)
    counts = overview(doc).total
    round_words = round_phrase(doc.round).rstrip(".")
    presentation = [
        f"{doc.committee or 'Udvalget'} får hermed {round_words} på {doc.agreement.name}"
        + (f", opgjort {long_date(doc.date)}." if doc.date else "."),
        f"Af rapportens {counts.total} indsatser har {counts.happy} en glad, "
        f"{counts.neutral} en mellemfornøjet og {counts.sad} en sur smiley for indsatsen; "
        f"{counts.none} har ingen smiley ved opfølgningen.",
    ]
    if changes:
        summary = summarize(doc, changes)
        presentation.append(
            f"Siden forrige opfølgning er {summary.better} forbedret, {summary.worse} "
            f"forværret og {summary.unchanged} uændret; {summary.not_reported} er endnu ikke "
            "vurderet."
        )
    if found.empty:
        presentation.append("Der er intet, der kræver udvalgets beslutning ved denne opfølgning.")
    groups = found.groups("da")
    recommendation = ["at udvalget tager opfølgningen til efterretning"]
    recommendation += [
        f"at udvalget tager stilling til den korrigerende handling for {d.number}. {d.title}"
        for d in found.sad_effort
    ]
    recommendation += [
        f"at udvalget tager stilling til budgetændringen for {d.number}. {d.title} "
        "og oversender den til kommunalbestyrelsens godkendelse"
        for d in found.budget_changes
    ]
    return {"presentation": presentation, "groups": groups, "recommendation": recommendation}


def _presentation_docx(doc: ReportDocument, attachments: list[dict[str, Any]]) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(TEMPLATE))
    document = tpl.get_docx()
    w = _Writer(_Styles({s.name: s.style_id for s in document.styles if s.name}))
    parts = agenda_parts(doc)
    body = [w.paragraph(_clean(text), "Normal") for text in parts["presentation"]]
    # A draft's case presentation says so first, and in its header, as its report does.
    draft = (
        _Xml(
            w.paragraph(DRAFT_WORD.da, "Normal", bold=True) + w.paragraph(draft_note(doc), "Normal")
        )
        if doc.draft
        else ""
    )
    for heading, lines in parts["groups"]:
        body.append(w.paragraph(heading, "Heading 2"))
        body += [w.paragraph(_clean(line), STYLE_BULLET) for line in lines]
    recommendation = [w.paragraph(_clean(line), STYLE_BULLET) for line in parts["recommendation"]]
    intro = "Økonomiforvaltningen indstiller,"
    context = {
        "draft": draft,
        "draft_header": f"{DRAFT_WORD.da.upper()} · " if doc.draft else "",
        "title": _clean(f"{doc.title}"),
        "committee": _clean(doc.committee),
        "agreement": _clean(doc.agreement.name),
        "case_number": _clean(doc.case_number) or "–",
        "presentation": _Xml("".join(body)),
        "recommendation_intro": intro,
        "recommendation": _Xml("".join(recommendation)),
        "attachments": [{"title": _clean(a["title"])} for a in attachments],
    }
    tpl.render(context, autoescape=True)
    document.core_properties.title = f"Sagsfremstilling: {context['title']}"
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def render_agenda_zip(doc: ReportDocument) -> bytes:
    """Return the agenda item as ZIP bytes: case presentation, the report PDF, metadata."""
    from .pdf import render_report_pdf

    with translation.override("da"):
        pdf = render_report_pdf(doc)
        report_name = f"Bilag 1 - {_file_name(doc.title)}.pdf"
        attachments = [
            {
                "file": report_name,
                "title": f"Bilag 1: {doc.title}",
                "may_publish": _may_publish(doc),
            }
        ]
        presentation = _presentation_docx(doc, attachments)
    metadata = {
        "case_number": doc.case_number,
        "committee": doc.committee,
        "agreement": {"name": doc.agreement.name, "year": doc.agreement.year},
        "round": doc.round,
        "report_date": doc.date.isoformat() if doc.date else None,
        "meeting_date": None,  # not known to the report; the meeting system sets it
        "title": doc.title,
        # A draft may change: nothing of it is for publication.
        "draft": doc.draft,
        "case_presentation": {"file": PRESENTATION, "may_publish": not doc.draft},
        "attachments": attachments,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PRESENTATION, presentation)
        archive.writestr(report_name, pdf)
        archive.writestr(METADATA, json.dumps(metadata, ensure_ascii=False, indent=2) + "\n")
    return buffer.getvalue()
