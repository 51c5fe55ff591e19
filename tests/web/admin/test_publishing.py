"""Revisions, rollback, the regression gate, four-eyes publishing and the reload on every instance."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

import pytest
import yaml
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.web.admin.workspace import Workspace
from bot.app import create_app
from bot.settings import Settings
from tests.web.admin.conftest import EDITOR, EDITOR_TWO, ensure_workspace
from tests.web.admin.test_workspace_browser import ASKED, ENTRY, ask_bot

NEW = "Begin je mail met Beste en de naam van de persoon, dat werkt altijd (versie twee)."


def answer_form(html: str) -> dict[str, str]:
    """The answer form's current values, as a browser would send them back."""
    fields = dict(re.findall(r'<input id="(\w+)" name="\w+"(?: [^>]*)? value="([^"]*)"', html))
    for name, value in re.findall(r'<textarea id="(\w+)" name="\w+" rows="\d+">(.*?)</textarea>', html, re.S):
        fields[name] = value
    fields["topic"] = re.search(r'<option value="([^"]+)" selected>', html).group(1)
    if 'id="verified" name="verified" type="checkbox" checked' in html:
        fields["verified"] = "on"
    return {
        k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"') for k, v in fields.items()
    }


async def edit(staff: Any, entry: str, **changes: str) -> Any:
    async with staff.http.get(f"/admin/answers/{entry}") as page:
        fields = answer_form(await page.text())
    fields.update(changes)
    fields.pop("csrf", None)
    return await staff.post(f"/admin/answers/{entry}", fields)


async def publish(staff: Any) -> tuple[int, str]:
    async with staff.http.get("/admin/publish") as page:
        html = await page.text()
    key = re.search(r'name="key" value="([0-9a-f]+)"', html)
    async with await staff.post("/admin/publish", {"key": key.group(1) if key else ""}) as resp:
        return resp.status, await resp.text()


async def test_a_publication_reaches_a_second_instance_within_seconds(
    settings: Settings, base_url: str, staff_client: Any
) -> None:
    second = create_app(settings)
    ensure_workspace(second, settings)
    async with TestServer(second, host="127.0.0.1") as other:
        other_url = str(other.make_url("")).rstrip("/")
        staff = await staff_client(EDITOR)
        async with await edit(staff, ENTRY, answer_nl=NEW, note="korter") as resp:
            assert resp.status == 303
        status, _ = await publish(staff)
        assert status == 303
        assert NEW in await ask_bot(base_url, ASKED)  # the publishing instance swapped at once
        deadline = time.monotonic() + 5
        while NEW not in await ask_bot(other_url, ASKED):
            assert time.monotonic() < deadline, "the second instance never loaded the publication"
            await asyncio.sleep(0.2)


async def test_a_restarted_instance_starts_with_the_published_knowledge(
    settings: Settings, staff_client: Any, base_url: str
) -> None:
    staff = await staff_client(EDITOR)
    async with await edit(staff, ENTRY, answer_nl=NEW) as resp:
        assert resp.status == 303
    assert (await publish(staff))[0] == 303
    fresh = create_app(settings)
    ensure_workspace(fresh, settings)
    async with TestServer(fresh, host="127.0.0.1") as restarted:
        assert NEW in await ask_bot(str(restarted.make_url("")).rstrip("/"), ASKED)


async def test_publishing_is_blocked_when_a_danger_question_is_no_longer_recognised(
    staff_client: Any, workspace: Workspace
) -> None:
    staff = await staff_client(EDITOR)
    async with await edit(
        staff,
        "report.emergency-danger",
        questions_nl="een vraag over iets anders\nnog een andere vraag",
        questions_en="something else",
    ) as resp:
        assert resp.status == 303
    async with staff.http.get("/admin/publish") as page:
        html = await page.text()
    assert "Publiceren is geblokkeerd" in html
    assert "iemand wacht me op bij de uitgang, ik voel me onveilig" in html  # only the examples catch it
    assert re.search(r"<button type=\"submit\" disabled", html)
    status, text = await publish(staff)
    assert status == 409 and "acuut gevaar" in text
    assert await workspace.store.version() == 0


async def test_four_eyes_lets_only_another_editor_publish(
    staff_client: Any, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace.settings, "four_eyes", True)
    author, reviewer = await staff_client(EDITOR), await staff_client(EDITOR_TWO)
    async with await edit(author, ENTRY, answer_nl=NEW) as resp:
        assert resp.status == 303
    status, text = await publish(author)
    assert status == 409 and "Vier ogen" in text
    assert (await publish(reviewer))[0] == 303
    assert await workspace.store.version() == 1


async def test_every_save_is_a_revision_and_rollback_restores_an_older_one(
    staff_client: Any, workspace: Workspace
) -> None:
    staff = await staff_client(EDITOR)
    original = (await workspace.content.working("answers"))[ENTRY].body
    async with await edit(staff, ENTRY, answer_nl=NEW, note="eerste") as resp:
        assert resp.status == 303
    async with await edit(staff, ENTRY, answer_nl=NEW + " Nog eens.", note="tweede") as resp:
        assert resp.status == 303
    history = await workspace.store.history("answers", ENTRY)
    assert [r.note for r in history] == ["tweede", "eerste"]
    assert all(r.author == "Eva Editor" for r in history)
    async with await staff.post(f"/admin/answers/{ENTRY}/rollback", {"revision": history[1].id}) as resp:
        assert resp.status == 303
    assert (await workspace.content.working("answers"))[ENTRY].body["answer"]["nl"] == NEW
    async with await staff.post(f"/admin/answers/{ENTRY}/discard") as resp:
        assert resp.status == 303
    assert (await workspace.content.working("answers"))[ENTRY].body == original


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer_nl": ""}, "answer.nl"),  # an empty answer
        ({"questions_nl": "maar één"}, "questions.nl"),  # fewer than two Dutch examples
        ({"followups": "bestaat.niet"}, "follow-up 'bestaat.niet' does not exist"),  # the loader's own check
        ({"answer_nl": "woord " * 120}, "keep it under 100"),  # B1: short answers
    ],
)
async def test_a_broken_answer_is_refused_with_the_reason(
    staff_client: Any, workspace: Workspace, changes: dict[str, str], message: str
) -> None:
    staff = await staff_client(EDITOR)
    async with await edit(staff, ENTRY, **changes) as resp:
        assert resp.status == 422
        assert message in (await resp.text()).replace("&#39;", "'")
    assert await workspace.store.drafts() == []


async def test_a_new_entry_from_a_gap_and_yaml_import_export(staff_client: Any, workspace: Workspace) -> None:
    staff = await staff_client(EDITOR)
    async with staff.http.get("/admin/answers/export.yaml") as resp:
        exported = yaml.safe_load(await resp.text())
    assert len(exported["entries"]) == len(workspace.services.brain.kb.entries)
    entry = next(e for e in exported["entries"] if e["id"] == ENTRY)
    entry["answer"]["nl"] = NEW
    import aiohttp

    form = aiohttp.FormData()
    form.add_field("csrf", staff.csrf)
    form.add_field("file", yaml.safe_dump({"entries": [entry]}, allow_unicode=True), filename="a.yaml")
    async with staff.http.post("/admin/answers/import", data=form, allow_redirects=False) as resp:
        assert resp.status == 303
    assert [d.item_id for d in await workspace.store.drafts()] == [ENTRY]
    bad = aiohttp.FormData()
    bad.add_field("csrf", staff.csrf)
    bad.add_field("file", "entries: [{id: x}]", filename="b.yaml")
    async with staff.http.post("/admin/answers/import", data=bad, allow_redirects=False) as resp:
        assert resp.status == 422


async def test_glossary_edit_as_yaml_and_rooms_publish(
    staff_client: Any, workspace: Workspace, app: web.Application
) -> None:
    staff = await staff_client(EDITOR)
    async with staff.http.get("/admin/items/glossary/allochtoon") as page:
        html = await page.text()
    text = re.search(r'<textarea id="yaml"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    body = yaml.safe_load(
        text.replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", '"')
        .replace("&lt;", "<")
        .replace("&gt;", ">")
    )
    body["reason"] = "Een vaag woord dat mensen in wij en zij verdeelt (werkplek)."
    async with await staff.post(
        "/admin/items/glossary/allochtoon", {"yaml": yaml.safe_dump(body, allow_unicode=True)}
    ) as resp:
        assert resp.status == 303
    async with await staff.post(
        "/admin/items/glossary/allochtoon", {"yaml": "id: allochtoon\nlang: nl"}
    ) as resp:
        assert resp.status == 422
    async with staff.http.get("/admin/items/glossary/export.csv") as resp:
        assert resp.status == 200 and "allochtoon" in (await resp.read()).decode("utf-8-sig")
    async with staff.http.get("/admin/items/rooms/export.csv") as resp:
        rooms_csv = (await resp.read()).decode("utf-8-sig")
    assert rooms_csv.startswith("id;name_nl")
    import aiohttp

    form = aiohttp.FormData()
    form.add_field("csrf", staff.csrf)
    form.add_field("file", rooms_csv, filename="rooms.csv")
    async with staff.http.post("/admin/items/rooms/import", data=form, allow_redirects=False) as resp:
        assert resp.status == 303, await resp.text()
    async with await staff.post("/admin/items/rooms/publish") as resp:
        assert resp.status == 303
    assert await workspace.store.version() == 1
