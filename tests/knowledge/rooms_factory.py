"""Quiet-room records for tests: one call, overrides by field, always valid unless asked otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

from knowledge.rooms import QuietRoom

OFFICE_HOURS = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), "08:00-18:00")


def room_data(room_id: str = "zo-1", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": room_id,
        "name": {"nl": f"Stilteruimte {room_id}", "en": f"Quiet room {room_id}"},
        "building": {
            "id": "sdk-zuidoost",
            "name": "Stadsdeelkantoor Zuidoost",
            "nicknames": ["anton de komplein"],
            "address": {"street": "Anton de Komplein", "number": "150"},
            "district": "zuidoost",
        },
        "floor": "2",
        "room": "2.14",
        "route": {"nl": "Lift B, tweede etage, rechts.", "en": "Lift B, second floor, on the right."},
        "kind": "stilteruimte",
        "facilities": ["wudu", "prayer_mats", "chairs"],
        "accessibility": ["step_free", "lift", "wheelchair_space"],
        "hours": dict(OFFICE_HOURS),
        "access": "free",
        "status": "open",
        "contact": {"team": "Facilitair beheer Zuidoost"},
        "source": "test",
        "last_verified": date(2026, 3, 12),
        "verified": True,
    }
    data.update(overrides)
    return data


def make_room(room_id: str = "zo-1", **overrides: Any) -> QuietRoom:
    return QuietRoom.model_validate(room_data(room_id, **overrides))


def building(building_id: str, name: str, district: str, **extra: Any) -> dict[str, Any]:
    return {"id": building_id, "name": name, "district": district, **extra}


def directory() -> list[QuietRoom]:
    """A small city: the Stadhuis, two buildings in Zuidoost, one in Nieuw-West, a closed one in Noord."""
    stadhuis = building(
        "stadhuis",
        "Stadhuis (Stopera)",
        "centrum",
        nicknames=["stopera", "city hall"],
        address={"street": "Amstel", "number": "1"},
    )
    return [
        make_room("stadhuis-1", building=stadhuis, facilities=["prayer_mats", "qibla", "chairs"]),
        make_room("zo-1"),
        make_room(
            "zo-2",
            building=building("zo-b", "Kantoor Bijlmerplein", "zuidoost"),
            facilities=["chairs"],
            accessibility=["lift"],
            verified=False,
            last_verified=None,
        ),
        make_room(
            "nw-1",
            building=building(
                "sdk-nieuw-west",
                "Stadsdeelkantoor Nieuw-West",
                "nieuw-west",
                address={"street": "Osdorpplein", "number": "1000"},
            ),
            facilities=["wudu", "separated"],
            accessibility=["lift"],
        ),
        make_room(
            "noord-1",
            building=building("sdk-noord", "Stadsdeelkantoor Noord", "noord"),
            status="temporarily_closed",
            facilities=["chairs", "lockable"],
        ),
    ]
