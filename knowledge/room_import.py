"""Read a quiet-room list (CSV from a spreadsheet, or YAML): every row validated, all or nothing.

Errors name the line, the column (CSV) or field (YAML), and what is wrong, so the Bureau
can fix the file and try again. Nothing is returned unless every row is right.
The same reader loads the shipped example set in knowledge/content/rooms/ at start.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.loader import ContentError
from knowledge.rooms import WEEKDAYS, QuietRoom

MAX_FILE_BYTES = 2_000_000
MAX_ROOMS = 2000
MAX_ERRORS = 50
LIST_SEPARATORS = str.maketrans({";": ",", "|": ","})
TRUE = frozenset({"true", "ja", "yes", "j", "y", "1", "waar"})
FALSE = frozenset({"false", "nee", "no", "n", "0", "onwaar", ""})

# CSV column -> where it goes in the QuietRoom record.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "name_nl": ("name", "nl"),
    "name_en": ("name", "en"),
    "building_id": ("building", "id"),
    "building": ("building", "name"),
    "nicknames": ("building", "nicknames"),
    "street": ("building", "address", "street"),
    "number": ("building", "address", "number"),
    "postcode": ("building", "address", "postcode"),
    "city": ("building", "address", "city"),
    "district": ("building", "district"),
    "floor": ("floor",),
    "room": ("room",),
    "route_nl": ("route", "nl"),
    "route_en": ("route", "en"),
    "kind": ("kind",),
    "facilities": ("facilities",),
    "accessibility": ("accessibility",),
    **{day: ("hours", day) for day in WEEKDAYS},
    "holidays": ("hours", "holidays"),
    "access": ("access",),
    "status": ("status",),
    "shared_with": ("shared_with",),
    "contact_team": ("contact", "team"),
    "contact_channel": ("contact", "channel"),
    "source": ("source",),
    "last_verified": ("last_verified",),
    "verified": ("verified",),
    "example": ("example",),
}
REQUIRED_COLUMNS = (
    "id",
    "name_nl",
    "name_en",
    "building_id",
    "building",
    "district",
    "kind",
    "access",
    "status",
    "contact_team",
    "source",
    "verified",
)
LIST_COLUMNS = ("nicknames", "facilities", "accessibility", "shared_with")
BOOL_COLUMNS = ("verified", "example")


class RoomImportError(Exception):
    """The file has faults; `errors` lists each one as 'FILE:line N: field: problem'."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors[:MAX_ERRORS]
        more = f"\n… and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        super().__init__("\n".join(self.errors) + more)


def _describe(error: Any, field: str) -> str:
    value = error.get("input")
    quiet = error["type"] in ("missing", "value_error") or isinstance(value, (dict, list, tuple))
    shown = "" if quiet else f" (got {str(value)[:40]!r})"
    return f"{field}: {str(error['msg']).removeprefix('Value error, ')}{shown}"


# --- CSV ---------------------------------------------------------------------------------------


def _column_for(loc: tuple[Any, ...]) -> str:
    path = tuple(p for p in loc if isinstance(p, str))
    best = max(
        (c for c, p in COLUMNS.items() if path[: len(p)] == p), key=lambda c: len(COLUMNS[c]), default=None
    )
    if best is not None:
        return best
    parents = [c for c, p in COLUMNS.items() if p[: len(path)] == path] if path else []
    return parents[0] if parents else "row"


def _cell_value(column: str, cell: str) -> Any:
    cell = cell.strip()
    if column in LIST_COLUMNS:
        return [p.strip() for p in cell.translate(LIST_SEPARATORS).split(",") if p.strip()]
    if column in BOOL_COLUMNS:
        folded = cell.casefold()
        return True if folded in TRUE else False if folded in FALSE else cell
    return cell or None


def _record(row: dict[str, str]) -> dict[str, Any]:
    """A flat CSV row as a nested record; empty optional groups are left out."""
    record: dict[str, Any] = {}
    for column, cell in row.items():
        value = _cell_value(column, cell or "")
        if value is None:
            continue
        target = record
        path = COLUMNS[column]
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    record.setdefault("hours", {})
    return record


def _sniff_delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def parse_csv(text: str, name: str = "rooms.csv") -> list[QuietRoom]:
    """Rooms from a CSV text with one header line (',' or ';' separated, as spreadsheets write)."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text.split("\n", 1)[0]))
    try:
        header = [h.strip().casefold() for h in next(reader)]
    except StopIteration:
        raise RoomImportError([f"{name}:line 1: the file is empty"]) from None
    errors = [f"{name}:line 1: unknown column {h!r}" for h in header if h not in COLUMNS]
    errors += [
        f"{name}:line 1: column {h!r} appears twice" for h in dict.fromkeys(header) if header.count(h) > 1
    ]
    errors += [
        f"{name}:line 1: required column {c!r} is missing" for c in REQUIRED_COLUMNS if c not in header
    ]
    if errors:
        raise RoomImportError(errors)
    rows: list[tuple[int, dict[str, Any]]] = []
    line = 1
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                errors.append(f"{name}:line {start}: expected {len(header)} cells, found {len(cells)}")
                continue
            rows.append((start, _record(dict(zip(header, cells, strict=True)))))
    except csv.Error as exc:
        raise RoomImportError([*errors, f"{name}:line {reader.line_num}: {exc}"]) from exc
    return _validate(rows, errors, name, lambda _line, loc: _column_for(loc), lambda line, _loc: line)


# --- YAML --------------------------------------------------------------------------------------


def _key_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, child in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[(*path, key.value)] = key.start_mark.line + 1
                _key_lines(child, (*path, key.value), lines)
                lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _key_lines(child, (*path, i), lines)


def parse_yaml(text: str, name: str = "rooms.yaml") -> list[QuietRoom]:
    """Rooms from YAML: a mapping with a `rooms:` list (or a bare list) of records."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "line 1"
        raise RoomImportError([f"{name}:{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from exc
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _key_lines(node, (), lines)
    items, prefix = (data.get("rooms"), ("rooms",)) if isinstance(data, dict) else (data, ())
    if not isinstance(items, list) or (isinstance(data, dict) and set(data) != {"rooms"}):
        raise RoomImportError(
            [f"{name}:line 1: expected `rooms:` followed by a list of rooms, and nothing else"]
        )
    rows = [(i, item) for i, item in enumerate(items)]

    def line_of(index: int, loc: tuple[Any, ...]) -> int:
        path = (*prefix, index, *loc)
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, 1)

    return _validate(rows, [], name, lambda _i, loc: ".".join(str(p) for p in loc) or "room", line_of)


# --- both --------------------------------------------------------------------------------------


def _validate(
    rows: list[tuple[int, Any]], errors: list[str], name: str, field_of: Any, line_of: Any
) -> list[QuietRoom]:
    if len(rows) > MAX_ROOMS:
        raise RoomImportError([f"{name}: {len(rows)} rooms; at most {MAX_ROOMS} per file"])
    rooms: list[QuietRoom] = []
    first_line: dict[str, int] = {}
    for key, raw in rows:
        if not isinstance(raw, dict):
            errors.append(f"{name}:line {line_of(key, ())}: a room must be a mapping of fields")
            continue
        try:
            room = QuietRoom.model_validate(raw)
        except ValidationError as exc:
            errors += [
                f"{name}:line {line_of(key, tuple(e['loc']))}: {_describe(e, field_of(key, tuple(e['loc'])))}"
                for e in exc.errors()
            ]
            continue
        line = line_of(key, ("id",))
        if room.id in first_line:
            errors.append(f"{name}:line {line}: id {room.id!r} is already used on line {first_line[room.id]}")
            continue
        first_line[room.id] = line
        rooms.append(room)
    if errors:
        raise RoomImportError(errors)
    return rooms


def parse_file(path: Path) -> list[QuietRoom]:
    """Read a .csv, .yaml or .yml file (UTF-8, at most 2 MB)."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise RoomImportError([f"{path.name}: use a .csv, .yaml or .yml file"])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RoomImportError([f"{path.name}: cannot be read: {exc.strerror}"]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise RoomImportError([f"{path.name}: larger than {MAX_FILE_BYTES // 1_000_000} MB"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RoomImportError([f"{path.name}: not UTF-8 text (save the spreadsheet as 'CSV UTF-8')"]) from exc
    return parse_csv(text, path.name) if suffix == ".csv" else parse_yaml(text, path.name)


def load_room_content(directory: Path) -> list[QuietRoom]:
    """The shipped rooms in knowledge/content/rooms/ (none is fine); ContentError names file, line, field."""
    rooms: dict[str, tuple[QuietRoom, Path]] = {}
    files: Iterable[Path] = sorted(Path(directory).glob("*.yaml")) if Path(directory).is_dir() else ()
    for path in files:
        try:
            found = parse_file(path)
        except RoomImportError as exc:
            raise ContentError(f"{path}: {exc.errors[0]}") from exc
        for room in found:
            if room.id in rooms:
                raise ContentError(f"{path}: room {room.id!r}: id already used in {rooms[room.id][1]}")
            rooms[room.id] = (room, path)
    return [room for room, _ in rooms.values()]
