"""Search the quiet-room directory from what someone typed: places, facilities, 'now open', typos.

Places are a room's building (its name, nicknames and address) and its stadsdeel.
Words are compared after folding (case, accents, hyphens); a word may carry a typo:
none for words of up to 4 letters (so 'west' never becomes 'wet'), one edit for 5–7
letters, two from 8 letters (transpositions count as one edit). Longer place names
win over shorter ones, so 'Nieuw West' is Nieuw-West and not West.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.normalize import tokens
from knowledge.room_words import (
    ACCESS_WORDS,
    ALL_WORDS,
    BACK_WORDS,
    DISTRICT_ALIASES,
    FACILITY_WORDS,
    GENERIC,
    LACTATION_WORDS,
    MORE_WORDS,
    OPEN_WORDS,
    STOP_WORDS,
)
from knowledge.rooms import ACCESS_FEATURES, DISTRICTS, FACILITIES, AccessFeature, Facility, QuietRoom

PAGE_SIZE = 5
MAX_PLACES = 8


@dataclass(frozen=True)
class Place:
    kind: Literal["building", "district"]
    id: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class RoomQuery:
    """What to look for; empty places mean every building."""

    places: tuple[Place, ...] = ()
    facilities: frozenset[Facility] = frozenset()
    accessibility: frozenset[AccessFeature] = frozenset()
    open_now: bool = False
    everything: bool = False

    @property
    def filtered(self) -> bool:
        return bool(self.facilities or self.accessibility)

    @property
    def needs_place(self) -> bool:
        """Nothing to search on yet: ask where."""
        return not (self.places or self.filtered or self.everything)

    def refined_by(self, other: RoomQuery) -> RoomQuery:
        """A follow-up: new places replace the old ones, new filters add to them."""
        return RoomQuery(
            places=other.places or self.places,
            facilities=self.facilities | other.facilities,
            accessibility=self.accessibility | other.accessibility,
            open_now=self.open_now or other.open_now,
            everything=other.everything or (self.everything and not other.places),
        )

    def to_data(self) -> dict[str, Any]:
        """A compact form for button data; read back with query_from_data."""
        return {
            "places": [p.key for p in self.places],
            "facilities": sorted(self.facilities),
            "accessibility": sorted(self.accessibility),
            "open_now": self.open_now,
            "all": self.everything,
        }


@dataclass(frozen=True)
class ReadText:
    """Everything a message says to the room search."""

    query: RoomQuery
    more: bool = False
    stop: bool = False
    back: bool = False
    leftover: tuple[str, ...] = ()
    lactation: bool = False

    @property
    def says_something(self) -> bool:
        q = self.query
        return bool(
            q.places or q.filtered or q.open_now or q.everything or self.more or self.stop or self.back
        )


@dataclass(frozen=True)
class SearchResult:
    query: RoomQuery
    rooms: tuple[QuietRoom, ...] = ()
    # True when nothing at the places has the asked facilities: these are the places' rooms without them.
    relaxed: bool = False

    def page(self, offset: int, size: int = PAGE_SIZE) -> tuple[QuietRoom, ...]:
        offset = max(0, min(offset, len(self.rooms)))
        return self.rooms[offset : offset + size]


@dataclass(frozen=True)
class _Alias:
    words: tuple[str, ...]
    place: Place


@dataclass
class PlaceIndex:
    """Every way to name a place in the directory, as folded word tuples."""

    aliases: list[_Alias] = field(default_factory=list)
    by_size: dict[int, list[_Alias]] = field(default_factory=dict)
    _joined: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, rooms: Iterable[QuietRoom]) -> PlaceIndex:
        index = cls()
        for district, names in DISTRICT_ALIASES.items():
            place = Place("district", district, DISTRICTS[district])
            for name in (*names, DISTRICTS[district]):
                index.add(name, place)
        for room in rooms:
            building = room.building
            place = Place("building", building.id, building.name)
            outside, _, inside = building.name.partition("(")
            for name in (building.name, outside, inside.rstrip(")"), *building.nicknames):
                index.add(name, place)
            if building.address is not None:
                address = building.address
                if address.number:
                    index.add(f"{address.street} {address.number}", place)
                if len(address.street) >= 5:
                    index.add(address.street, place)
        return index

    def add(self, name: str, place: Place) -> None:
        words = tuple(tokens(name))
        if words and not any(a.words == words and a.place == place for a in self.aliases):
            alias = _Alias(words, place)
            self.aliases.append(alias)
            self.by_size.setdefault(len(words), []).append(alias)
            self._joined.setdefault(len(words), []).append(" ".join(words))

    def longest(self) -> int:
        return max(self.by_size, default=1)

    def matching(self, window: Sequence[str]) -> list[Place]:
        """Places with an alias of the window's length that the window names (typos allowed)."""
        size = len(window)
        group = self.by_size.get(size)
        if not group:
            return []
        # A cheap pass in C first: every alias _same_words can accept is within 2 edits per word.
        near = process.extract(
            " ".join(window), self._joined[size], scorer=OSA.distance, score_cutoff=2 * size, limit=None
        )
        return [
            group[i].place
            for _, _, i in sorted(near, key=lambda hit: hit[2])
            if _same_words(window, group[i].words)
        ]


def same_word(typed: str, known: str) -> bool:
    """Equal, or a typo away by the length rule in the module docstring; numbers must be exact."""
    if typed == known:
        return True
    if typed.isdigit() or known.isdigit() or len(known) <= 4 or len(typed) <= 4:
        return False
    budget = 1 if len(known) < 8 else 2
    if abs(len(typed) - len(known)) > budget:
        return False
    return OSA.distance(typed, known, score_cutoff=budget) <= budget


def _same_words(typed: Sequence[str], known: Sequence[str]) -> bool:
    """Word for word; several words without numbers are compared as one string ('niew west')."""
    if len(known) == 1 or any(w.isdigit() for w in (*typed, *known)):
        return all(map(same_word, typed, known))
    return same_word(" ".join(typed), " ".join(known))


Phrases = tuple[tuple[Any, tuple[str, ...]], ...]


def _phrases(vocabulary: dict[Any, tuple[str, ...]]) -> Phrases:
    """Each key with the folded words of each of its forms, tokenised once."""
    return tuple((key, tuple(tokens(form))) for key, forms in vocabulary.items() for form in forms)


FACILITY_PHRASES = _phrases(FACILITY_WORDS)
ACCESS_PHRASES = _phrases(ACCESS_WORDS)


def _phrase_hits(words: list[str], phrases: Phrases) -> tuple[set[Any], set[int]]:
    found: set[Any] = set()
    used: set[int] = set()
    for key, parts in phrases:
        if parts:
            for i in range(len(words) - len(parts) + 1):
                if _same_words(words[i : i + len(parts)], parts):
                    found.add(key)
                    used.update(range(i, i + len(parts)))
    return found, used


def _places(words: list[str], index: PlaceIndex) -> tuple[list[Place], set[int]]:
    found: list[Place] = []
    used: set[int] = set()
    for size in range(min(index.longest(), len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if used.intersection(range(i, i + size)):
                continue
            window = words[i : i + size]
            hits = index.matching(window)
            if hits and (size > 1 or window[0] not in GENERIC):
                found.extend(p for p in dict.fromkeys(hits) if p not in found)
                used.update(range(i, i + size))
    return found[:MAX_PLACES], used


# The catalog hands out one tuple until the directory is replaced: build its place index once.
_index_cache: list[tuple[Sequence[QuietRoom], int, PlaceIndex]] = []


def place_index(rooms: Sequence[QuietRoom]) -> PlaceIndex:
    if not _index_cache or _index_cache[0][0] is not rooms or _index_cache[0][1] != len(rooms):
        _index_cache[:] = [(rooms, len(rooms), PlaceIndex.build(rooms))]
    return _index_cache[0][2]


def read_text(text: str, rooms: Sequence[QuietRoom]) -> ReadText:
    """Places, facility filters, 'open now', 'more', 'stop'/'back', and the words nobody understood."""
    words = tokens(text[:1000])
    places, used = _places(words, place_index(rooms))
    facilities, facility_used = _phrase_hits(words, FACILITY_PHRASES)
    access, access_used = _phrase_hits(words, ACCESS_PHRASES)
    used |= facility_used | access_used
    short = len(words) <= 4
    control = OPEN_WORDS | ALL_WORDS | (MORE_WORDS | STOP_WORDS | BACK_WORDS if short else frozenset())
    leftover = tuple(
        w
        for i, w in enumerate(words)
        if i not in used and w not in GENERIC and w not in control and not w.isdigit()
    )
    query = RoomQuery(
        places=tuple(places),
        facilities=frozenset(facilities),
        accessibility=frozenset(access),
        open_now=bool(OPEN_WORDS.intersection(words)),
        everything=bool(ALL_WORDS.intersection(words)),
    )
    return ReadText(
        query,
        more=short and bool(MORE_WORDS.intersection(words)),
        stop=short and bool(STOP_WORDS.intersection(words)),
        back=short and bool(BACK_WORDS.intersection(words)),
        leftover=leftover,
        lactation=bool(LACTATION_WORDS.intersection(words)),
    )


def _at(room: QuietRoom, places: Sequence[Place]) -> int | None:
    """0 when the room's building is named, 1 when its district is, None when neither."""
    if any(p.kind == "building" and p.id == room.building.id for p in places):
        return 0
    if any(p.kind == "district" and p.id == room.building.district for p in places):
        return 1
    return None


def _has(room: QuietRoom, query: RoomQuery) -> bool:
    return query.facilities <= set(room.facilities) and query.accessibility <= set(room.accessibility)


def search(query: RoomQuery, rooms: Sequence[QuietRoom]) -> SearchResult:
    """Rooms at the places with the filters: named buildings first, open before closed, checked before not."""
    located = [
        (rank, r) for r in rooms if (rank := (_at(r, query.places) if query.places else 0)) is not None
    ]
    located.sort(
        key=lambda pair: (pair[0], pair[1].status != "open", not pair[1].checked, pair[1].building.name)
    )
    matching = tuple(r for _, r in located if _has(r, query))
    if not matching and query.places and query.filtered:
        return SearchResult(query, tuple(r for _, r in located), relaxed=bool(located))
    return SearchResult(query, matching)


def query_from_data(data: object, rooms: Sequence[QuietRoom]) -> RoomQuery:
    """Read a query back from button data (any JSON): unknown or malformed parts are dropped."""
    if not isinstance(data, dict):
        return RoomQuery()
    known = {a.place.key: a.place for a in place_index(rooms).aliases}

    def strings(key: str) -> list[str]:
        value = data.get(key)
        return [v for v in value[:MAX_PLACES] if isinstance(v, str)] if isinstance(value, list) else []

    return RoomQuery(
        places=tuple(dict.fromkeys(known[k] for k in strings("places") if k in known)),
        facilities=frozenset(f for f in FACILITIES if f in strings("facilities")),
        accessibility=frozenset(a for a in ACCESS_FEATURES if a in strings("accessibility")),
        open_now=data.get("open_now") is True,
        everything=data.get("all") is True,
    )
