"""The collected questions as CSV (for Excel), Markdown and DOCX, shaped by knowledge.question_export."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Final

from knowledge.question_export import STATUS_LABELS, SessionExport

FORMATS: Final = ("csv", "md", "docx")
CSV_HEADER: Final = ("sessie", "aan", "tijd", "vraag", "gesteld door", "status")
# Excel treats a cell starting with one of these as a formula (the full-width forms too).
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Characters XML 1.0 cannot hold: python-docx (lxml) refuses them.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def neutralise_cell(value: str) -> str:
    """A cell Excel shows as text: formula-like starts get a leading apostrophe (OWASP CSV injection)."""
    if value.startswith(_FORMULA_STARTS) or value.lstrip().startswith(_FORMULA_STARTS[:4]):
        return "'" + value
    return value


def to_csv(exports: Sequence[SessionExport]) -> bytes:
    """UTF-8 with BOM and ';' between cells, which is what Excel with Dutch settings opens correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for export in exports:
        for group in export.groups:
            for item in group.items:
                cells = (
                    export.title,
                    group.heading,
                    group.when,
                    item.text,
                    str(item.asked_by),
                    STATUS_LABELS[item.status],
                )
                writer.writerow([neutralise_cell(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")


def _md(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return "\n   ".join(line.strip() for line in escaped.splitlines())


def to_markdown(exports: Sequence[SessionExport]) -> str:
    """A heading per session and per addressee, the questions as a numbered list."""
    lines: list[str] = []
    for export in exports:
        lines += [f"# {_md(export.title)}", ""]
        if export.details:
            lines += [_md(export.details), ""]
        if not export.groups:
            lines += ["_Geen vragen._", ""]
        for group in export.groups:
            lines += [f"## {group.heading}", ""]
            if group.when:
                lines += [group.when, ""]
            for number, item in enumerate(group.items, start=1):
                label = f" _({item.asked_by_label})_" if item.asked_by_label else ""
                lines.append(f"{number}. {_md(item.text)}{label}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def to_docx(exports: Sequence[SessionExport]) -> bytes:
    """A Word document: a heading per session (level 1) and per addressee (level 2)."""
    from docx import Document  # imported here: only the docx export needs it

    document = Document()
    for export in exports:
        document.add_heading(_xml(export.title), level=1)
        if export.details:
            document.add_paragraph(_xml(export.details))
        if not export.groups:
            document.add_paragraph("Geen vragen.")
        for group in export.groups:
            document.add_heading(group.heading, level=2)
            if group.when:
                document.add_paragraph(group.when)
            for item in group.items:
                paragraph = document.add_paragraph(_xml(item.text), style="List Number")
                if item.asked_by_label:
                    paragraph.add_run(f" ({item.asked_by_label})").italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(exports: Sequence[SessionExport], file_format: str) -> bytes:
    """The export in one of FORMATS, as bytes ready for a file or stdout."""
    if file_format == "csv":
        return to_csv(exports)
    if file_format == "md":
        return to_markdown(exports).encode("utf-8")
    if file_format == "docx":
        return to_docx(exports)
    raise ValueError(f"unknown format {file_format!r}; use one of {', '.join(FORMATS)}")
