"""The export writers: CSV that Excel opens safely, Markdown, and a DOCX with a heading per addressee."""

from __future__ import annotations

import csv
import io
from datetime import date, time

import pytest
from docx import Document

from adapters.export.question_writers import neutralise_cell, render, to_csv, to_docx, to_markdown
from knowledge.question_export import shape_export
from knowledge.questions import Question, new_question_id, new_sort_key
from knowledge.sessions import STANDING, Session, Slot

DAY = date(2026, 11, 22)
SESSION = Session(
    id="2026-12-01-ab12",
    title="Kennissessie december",
    day=date(2026, 12, 1),
    start=time(15),
    end=time(16),
    place="Stadhuis",
    deadline=date(2026, 11, 28),
    slots=(
        Slot(addressee="gemeentesecretaris", start=time(15), end=time(15, 30)),
        Slot(addressee="beide", start=time(15, 30), end=time(16)),
    ),
)


def question(
    text: str, addressee: str = "wethouder", session_id: str = "standing", **fields: object
) -> Question:
    values = {
        "id": new_question_id(),
        "session_id": session_id,
        "addressee": addressee,
        "text": text,
        "status": "approved",
        "day": DAY,
        "sort_key": new_sort_key(),
    } | fields
    return Question(**values)


def exports(questions: list[Question]):
    return shape_export(questions, [SESSION, STANDING])


CELLS = [
    # formulas and their relatives become text
    ('=HYPERLINK("http://evil","klik")', '\'=HYPERLINK("http://evil","klik")'),
    ("+31 20 555", "'+31 20 555"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    # a space in front does not hide a formula
    ("  =1+1", "'  =1+1"),
    # full-width signs that Excel also reads as formulas
    ("＝1+1", "'＝1+1"),
    # ordinary text stays as it is, also with those signs inside
    ("Waarom = waarom?", "Waarom = waarom?"),
    ("", ""),
]


@pytest.mark.parametrize(("cell", "expected"), CELLS)
def test_formula_injection_is_neutralised(cell: str, expected: str) -> None:
    assert neutralise_cell(cell) == expected


def test_csv_is_utf8_with_bom_and_safe_in_every_cell() -> None:
    data = to_csv(
        exports(
            [question("=cmd|'/c calc'!A1 is dit een vraag?"), question("Ëén vraag met ümlauts; en ‘quotes’")]
        )
    )
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["sessie", "aan", "tijd", "vraag", "gesteld door", "status"]
    texts = {row[3] for row in rows[1:]}
    assert texts == {"'=cmd|'/c calc'!A1 is dit een vraag?", "Ëén vraag met ümlauts; en ‘quotes’"}
    assert all(row[1] == "Aan de WH" and row[5] == "goedgekeurd" for row in rows[1:])
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_markdown_has_a_heading_per_addressee_and_escapes_markup() -> None:
    root = question("Hoe *vet* is <b>dit</b>?", addressee="beide", session_id=SESSION.id)
    twin = question(
        "Hoe vet is dit?", addressee="beide", session_id=SESSION.id, status="merged", merged_into=root.id
    )
    text = to_markdown(
        exports(
            [
                root,
                twin,
                question("Nog een vraag voor de GS", addressee="gemeentesecretaris", session_id=SESSION.id),
            ]
        )
    )
    assert "# Kennissessie december" in text
    assert text.index("## Aan de GS\n") < text.index("## Aan de GS + WH")
    assert "1. Hoe \\*vet\\* is \\<b\\>dit\\</b\\>? _(gesteld door 2 collega's)_" in text
    assert "15:30–16:00" in text


def test_docx_opens_with_python_docx_and_has_the_expected_headings() -> None:
    data = to_docx(
        exports(
            [
                question("Vraag voor de wethouder over stilteruimtes"),
                question(
                    "Vraag voor de GS over werving", addressee="gemeentesecretaris", session_id=SESSION.id
                ),
                question("Vraag voor allebei over racisme\x01", addressee="beide", session_id=SESSION.id),
                question("Nog een vraag voor allebei", addressee="beide", session_id=SESSION.id),
            ]
        )
    )
    document = Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Kennissessie december"),
        ("Heading 2", "Aan de GS"),
        ("Heading 2", "Aan de GS + WH"),
        ("Heading 1", "Vaste verzameling"),
        ("Heading 2", "Aan de WH"),
    ]
    listed = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert "Vraag voor allebei over racisme" in listed
    assert len(listed) == 4


def test_an_empty_export_still_renders() -> None:
    nothing = shape_export([], [SESSION], keep_empty=True)
    assert "Geen vragen" in to_markdown(nothing)
    assert Document(io.BytesIO(to_docx(nothing))).paragraphs[0].text == "Kennissessie december"
    assert to_csv([]) == "\ufeffsessie;aan;tijd;vraag;gesteld door;status\r\n".encode()
    with pytest.raises(ValueError, match="format"):
        render(nothing, "pdf")
