"""`python -m bot rooms import|feedback`, and how the bot fills its directory at start."""

from __future__ import annotations

import argparse
import asyncio
from datetime import date
from pathlib import Path

import pytest
from aiohttp import web

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade
from adapters.persistence.room_repository import SqlRoomFeedbackLog, SqlRoomRepository
from bot import rooms_cli
from bot.rooms_setup import RoomsWiring
from knowledge.loader import ContentError
from knowledge.room_feedback import RoomFeedback
from tests.knowledge.test_room_import import GOOD, YAML_GOOD, csv_text

CONTENT = Path(__file__).resolve().parent.parent / "knowledge" / "content"


def run(*argv: str) -> int:
    """The commands exactly as `python -m bot` parses them once bot/cli.py calls register()."""
    parser = argparse.ArgumentParser(prog="python -m bot")
    rooms_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def stored(url: str) -> list[str]:
    async def read() -> list[str]:
        database = Database(url)
        try:
            return [room.id for room in await SqlRoomRepository(database).all()]
        finally:
            await database.dispose()

    return asyncio.run(read())


def test_import_a_csv_then_replace_it(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "rooms.csv"
    first.write_text(csv_text(GOOD, GOOD.replace("zo-1,", "zo-2,", 1)), encoding="utf-8")
    assert run("rooms", "import", str(first)) == 0
    assert "2 added, 0 updated, 0 removed" in capsys.readouterr().out
    second = tmp_path / "rooms.yaml"
    second.write_text(YAML_GOOD, encoding="utf-8")
    assert run("rooms", "import", str(second), "--replace") == 0
    assert "0 added, 1 updated, 1 removed" in capsys.readouterr().out
    assert stored(database_url) == ["zo-1"]


def test_a_faulty_file_changes_nothing_and_lists_every_fault_by_line(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rooms.csv"
    path.write_text(csv_text(GOOD), encoding="utf-8")
    run("rooms", "import", str(path))
    capsys.readouterr()
    bad = GOOD.replace("zo-1,", "zo-9,", 1).replace(",stilteruimte,", ",kapel,")
    path.write_text(csv_text(GOOD.replace(",open,", ",dicht,"), bad), encoding="utf-8")
    assert run("rooms", "import", str(path), "--replace") == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err
    assert "rooms.csv:line 2: status:" in err
    assert "rooms.csv:line 3: kind:" in err
    assert stored(database_url) == ["zo-1"]


def test_dry_run_stores_nothing(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rooms.csv"
    path.write_text(csv_text(GOOD), encoding="utf-8")
    assert run("rooms", "import", str(path), "--dry-run") == 0
    assert "1 rooms, all valid" in capsys.readouterr().out
    upgrade(database_url)
    assert stored(database_url) == []


def test_feedback_counts_as_csv(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    upgrade(database_url)

    async def fill() -> None:
        database = Database(database_url)
        log = SqlRoomFeedbackLog(database)
        for kind in ("occupied", "occupied", "no_room"):
            await log.record(
                RoomFeedback("building:stadhuis", "Stadhuis (Stopera)", kind, None, date(2026, 11, 22))
            )
        await log.record(
            RoomFeedback("other:weesperplein 8", "Weesperplein 8", "broken", "x", date(2026, 11, 22))
        )
        await database.dispose()

    asyncio.run(fill())
    assert run("rooms", "feedback") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "location,label,no_room,occupied,meetings,broken,not_clean,other,total"
    assert lines[1] == "building:stadhuis,Stadhuis (Stopera),1,2,0,0,0,0,3"
    assert lines[2] == "other:weesperplein 8,Weesperplein 8,0,0,0,1,0,0,1"


async def test_the_bot_seeds_an_empty_database_and_then_reads_it(tmp_path: Path) -> None:
    sqlite_url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await asyncio.to_thread(upgrade, sqlite_url)
    database = Database(sqlite_url)
    try:
        wiring = RoomsWiring.create(CONTENT, database)
        shipped = [r.id for r in wiring.directory.rooms()]
        assert shipped
        assert all(r.example for r in wiring.directory.rooms())
        await wiring.on_startup(web.Application())
        assert sorted(r.id for r in await wiring.repository.all()) == sorted(shipped)
        await wiring.repository.upsert(
            [wiring.shipped[0].model_copy(update={"id": "real-room", "example": False})], replace=True
        )
        again = RoomsWiring.create(CONTENT, database)
        await again.on_startup(web.Application())
        assert [r.id for r in again.directory.rooms()] == ["real-room"]
    finally:
        await database.dispose()


async def test_an_unreachable_database_keeps_the_shipped_rooms(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}")
    try:
        wiring = RoomsWiring.create(CONTENT, database)
        await wiring.on_startup(web.Application())  # no tables: logged, not raised
        assert len(wiring.directory.rooms()) >= 7
    finally:
        await database.dispose()


def test_a_broken_content_file_stops_the_start(tmp_path: Path) -> None:
    (tmp_path / "rooms").mkdir()
    (tmp_path / "rooms" / "bad.yaml").write_text("rooms:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"bad\.yaml"):
        RoomsWiring.create(tmp_path, Database("sqlite+aiosqlite://"))
