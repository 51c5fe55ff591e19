"""Form fields to content models and back: what an editor types becomes a validated item body."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from knowledge.models import Entry

_SPLIT = re.compile(r"[\s,]+")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def errors_of(exc: ValidationError) -> list[str]:
    """Readable problems: 'answer.nl: String should have at least 1 character'."""
    out = []
    for error in exc.errors()[:8]:
        where = ".".join(str(p) for p in error["loc"]) or "invoer"
        out.append(f"{where}: {error['msg']}")
    return out


def validate(model: type[BaseModel], data: Any) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        return model.model_validate(data).model_dump(mode="json"), []
    except ValidationError as exc:
        return None, errors_of(exc)


def entry_data(form: Any, item_id: str) -> dict[str, Any]:
    """The raw entry dict from the answer form (validated afterwards by Entry)."""

    def text(name: str, limit: int = 4000) -> str:
        value = form.get(name)
        return value.strip()[:limit] if isinstance(value, str) else ""

    links = []
    for line in lines(text("links")):
        parts = [p.strip() for p in line.split("|")]
        url, nl, en = [*parts, "", "", ""][:3]
        links.append({"url": url, "title": {"nl": nl or url, "en": en or nl or url}})
    return {
        "id": item_id,
        "topic": text("topic", 120),
        "title": {"nl": text("title_nl", 200), "en": text("title_en", 200)},
        "questions": {"nl": lines(text("questions_nl", 20000)), "en": lines(text("questions_en", 20000))},
        "answer": {"nl": text("answer_nl"), "en": text("answer_en")},
        "followups": [f for f in _SPLIT.split(text("followups", 1000)) if f],
        "links": links,
        "source": text("source", 500),
        "owner": text("owner", 200),
        "reviewed": text("reviewed", 10) or date.today().isoformat(),
        "verified": form.get("verified") == "on",
    }


def entry_fields(body: dict[str, Any] | None) -> dict[str, str]:
    """An item body as the answer form's field values."""
    if not body:
        return {"reviewed": date.today().isoformat(), "owner": "Bureau Inclusie en Diversiteit"}
    links = "\n".join(
        f"{link['url']} | {link['title']['nl']} | {link['title']['en']}" for link in body.get("links", [])
    )
    return {
        "topic": body.get("topic", ""),
        "title_nl": body["title"]["nl"],
        "title_en": body["title"]["en"],
        "questions_nl": "\n".join(body["questions"]["nl"]),
        "questions_en": "\n".join(body["questions"]["en"]),
        "answer_nl": body["answer"]["nl"],
        "answer_en": body["answer"]["en"],
        "followups": " ".join(body.get("followups", [])),
        "links": links,
        "source": body.get("source", ""),
        "owner": body.get("owner", ""),
        "reviewed": str(body.get("reviewed", "")),
        "verified": "on" if body.get("verified") else "",
    }


def entry_from_form(form: Any, item_id: str) -> tuple[dict[str, Any] | None, list[str]]:
    return validate(Entry, entry_data(form, item_id))


def with_example(body: dict[str, Any], lang: str, text: str) -> dict[str, Any]:
    """The entry with one more example question (no duplicates)."""
    copy = {**body, "questions": {k: list(v) for k, v in body["questions"].items()}}
    if text not in copy["questions"][lang]:
        copy["questions"][lang].append(text)
    return copy
