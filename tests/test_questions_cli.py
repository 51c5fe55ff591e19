"""`python -m bot questions export` and `sessions add/list`, as the contract and the Bureau use them."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade
from adapters.persistence.question_repository import SqlQuestionRepository
from bot import questions_cli
from knowledge.questions import Draft, submit_question
from knowledge.sessions import STANDING
from knowledge.withdrawal import CodeHasher

FAST = CodeHasher(n=2**4)


def run(*argv: str) -> int:
    """The commands exactly as `python -m bot` parses them once bot/cli.py calls register()."""
    parser = argparse.ArgumentParser(prog="python -m bot")
    questions_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def add_questions(url: str, texts: list[str], addressee: str = "wethouder") -> list[str]:
    """Questions submitted as the bot does; returns their ids in order of arrival."""
    upgrade(url)

    async def work() -> list[str]:
        database = Database(url)
        repository = SqlQuestionRepository(database)
        ids = []
        for i, text in enumerate(texts):
            receipt = await submit_question(
                repository, Draft(text, addressee, STANDING), date(2026, 11, 22), f"a{i}", FAST
            )  # type: ignore[arg-type]
            assert receipt is not None
            ids.append(receipt.question.id)
        await database.dispose()
        return ids

    return asyncio.run(work())


def test_export_csv_to_stdout_lists_new_questions_only_with_include_new(
    database_url: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    add_questions(database_url, [f"Vraag nummer {i}: hoe gaat het met de stilteruimtes?" for i in range(12)])
    assert run("questions", "export", "--format", "csv") == 0
    approved_only = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert "Vraag nummer" not in approved_only
    assert run("questions", "export", "--format", "csv", "--include-new") == 0
    out = capsysbinary.readouterr().out
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig")), delimiter=";"))
    exported = [row[3] for row in rows[1:]]
    assert sorted(exported) == sorted(
        f"Vraag nummer {i}: hoe gaat het met de stilteruimtes?" for i in range(12)
    )
    # the order of arrival is not the order of the export
    assert exported != [f"Vraag nummer {i}: hoe gaat het met de stilteruimtes?" for i in range(12)]


def test_moderation_then_export_markdown_with_merges_and_redaction(
    database_url: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    first, twin, other, bad = add_questions(
        database_url,
        [
            "Waarom zijn er zo weinig stilteruimtes op het stadhuis?",
            "Waarom zijn er zo weinig stilteruimtes in het stadhuis?",
            "Mijn collega Jan vraagt of de wethouder iets doet aan discriminatie.",
            "Deze vraag is niet netjes geformuleerd eigenlijk.",
        ],
    )
    assert run("questions", "duplicates") == 0
    suggested = capsysbinary.readouterr().out.decode().split()
    assert {first, twin} <= set(suggested)
    assert run("questions", "merge", twin, "--into", first) == 0
    assert run("questions", "approve", first, other) == 0
    assert run("questions", "reject", bad, "--reason", "Gaat over één persoon") == 0
    assert run("questions", "reject", "no-such-id", "--reason", "x") == 1
    assert run("questions", "export", "--format", "md", "--include-new", "--redact") == 0
    out = capsysbinary.readouterr().out.decode()
    assert "## Aan de WH" in out
    assert "gesteld door 2 collega's" in out
    assert "Mijn collega \\[5.1.2.e\\] vraagt" in out
    assert "niet netjes" not in out
    assert run("questions", "list", "--status", "rejected") == 0
    assert "Gaat over één persoon" in capsysbinary.readouterr().out.decode()


def test_sessions_add_list_and_export_one_session_to_docx(
    database_url: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert (
        run(
            "sessions",
            "add",
            "--title",
            "Kennissessie december",
            "--date",
            "2026-12-01",
            "--slot",
            "gs=15:00-15:30",
            "--slot",
            "gs+wh=15:30-16:00",
            "--place",
            "Stadhuis",
            "--deadline",
            "2026-11-28",
            "--intro",
            "Over werving",
            "--id",
            "dec-2026",
        )
        == 0
    )
    assert capsysbinary.readouterr().out.decode().strip() == "dec-2026"
    assert run("sessions", "list") == 0
    listing = capsysbinary.readouterr().out.decode()
    assert "dec-2026  Kennissessie december  1 december 2026  Stadhuis" in listing
    assert "gemeentesecretaris 15:00–15:30" in listing
    out = tmp_path / "dec.docx"
    assert run("questions", "export", "--format", "docx", "--session", "dec-2026", "--out", str(out)) == 0
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Kennissessie december"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # an unknown session
        (("questions", "export", "--format", "md", "--session", "nope"), "no session"),
        # a session id that exists already
        (
            (
                "sessions",
                "add",
                "--title",
                "X",
                "--date",
                "2026-12-01",
                "--slot",
                "wh=15:00-15:30",
                "--id",
                "dup",
            ),
            "exists already",
        ),
        # a deadline after the session
        (
            (
                "sessions",
                "add",
                "--title",
                "X",
                "--date",
                "2026-12-01",
                "--slot",
                "wh=15:00-15:30",
                "--deadline",
                "2026-12-05",
            ),
            "deadline",
        ),
    ],
)
def test_mistakes_get_one_clear_line(
    database_url: str, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    run("sessions", "add", "--title", "X", "--date", "2026-12-01", "--slot", "wh=15:00-15:30", "--id", "dup")
    capsys.readouterr()
    assert run(*argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("slot", ["burgemeester=15:00-15:30", "gs=15:30-15:00", "gs=15-16", "gs"])
def test_bad_slots_are_refused_by_the_parser(database_url: str, slot: str) -> None:
    with pytest.raises(SystemExit):
        run("sessions", "add", "--title", "X", "--date", "2026-12-01", "--slot", slot)
