"""The workspace's repositories on SQLite and PostgreSQL: revisions, publishing, sessions, audit, gaps."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from adapters.persistence.db import Database
from adapters.persistence.repositories import SqlGapLog
from adapters.persistence.workspace_accounts import SqlAuditLog, SqlStaffSessions
from adapters.persistence.workspace_moderation import SqlGapReview
from adapters.persistence.workspace_repository import PublishConflictError, SqlWorkspaceContent
from knowledge.ports import Gap


async def test_saves_are_revisions_and_a_publication_lays_the_newest_per_item(database: Database) -> None:
    store = SqlWorkspaceContent(database)
    assert await store.version() == 0
    first = await store.save("answers", "a.one", {"answer": {"nl": "één"}}, "eva", "eerste")
    await asyncio.sleep(0.01)  # created_at orders the revisions
    second = await store.save("answers", "a.one", {"answer": {"nl": "twee"}}, "erik")
    removal = await store.save("glossary", "g.old", None, "eva", "weg ermee")
    assert (await store.revision(first.id)).body == {"answer": {"nl": "één"}}
    assert [r.id for r in await store.history("answers", "a.one")] == [second.id, first.id]
    assert [r.id for r in await store.drafts()] == [first.id, second.id, removal.id]

    version = await store.publish("answers", await store.drafts(), "ada")
    assert version == 1 == await store.version()
    assert await store.published() == {
        "answers": {"a.one": {"answer": {"nl": "twee"}}},
        "glossary": {"g.old": None},
    }
    assert await store.drafts() == []
    (release,) = await store.releases()
    assert (release.version, release.published_by, release.items) == (1, "ada", 2)


async def test_published_drafts_cannot_be_published_again_and_discarded_ones_are_gone(
    database: Database,
) -> None:
    store = SqlWorkspaceContent(database)
    draft = await store.save("answers", "a.two", {"x": 1}, "eva")
    await store.publish("answers", [draft], "ada")
    with pytest.raises(PublishConflictError):
        await store.publish("answers", [draft], "ada")
    await store.save("answers", "a.two", {"x": 2}, "eva")
    await store.save("answers", "a.two", {"x": 3}, "eva")
    assert await store.discard_drafts("answers", "a.two") == 2
    assert await store.drafts("answers") == []
    assert await store.published("answers") == {"answers": {"a.two": {"x": 1}}}


async def test_two_publishers_at_once_never_share_a_version(database: Database) -> None:
    store = SqlWorkspaceContent(database)
    drafts = [await store.save("answers", f"a.{i}", {"i": i}, "eva") for i in range(4)]
    outcomes = await asyncio.gather(
        *(store.publish("answers", [d], "ada") for d in drafts), return_exceptions=True
    )
    versions = [o for o in outcomes if isinstance(o, int)]
    assert versions and len(set(versions)) == len(versions)
    assert all(isinstance(o, (int, PublishConflictError)) for o in outcomes), outcomes
    assert await store.version() == max(versions)


async def test_test_questions_are_kept_in_order_and_removed(database: Database) -> None:
    store = SqlWorkspaceContent(database)
    first = await store.add_test("waar is de stilteruimte", "nl", "quietroom.find", "eva")
    await store.add_test("iemand bedreigt me nu", "nl", "report.emergency", "eva")
    assert [t.text for t in await store.tests()] == ["waar is de stilteruimte", "iemand bedreigt me nu"]
    assert await store.remove_test(first.id) and not await store.remove_test(first.id)
    assert [t.expected_topic for t in await store.tests()] == ["report.emergency"]


async def test_staff_sessions_expire_and_are_revoked_and_logins_are_used_once(database: Database) -> None:
    sessions = SqlStaffSessions(database)
    made = await sessions.create("token-1", "Eva Editor", frozenset({"Editor"}), "csrf-1", timedelta(hours=1))
    await sessions.create("token-old", "Oud", frozenset({"Editor"}), "csrf-2", timedelta(seconds=-1))
    found = await sessions.find("token-1")
    assert found is not None and found.actor == "Eva Editor" and found.csrf == "csrf-1"
    assert await sessions.find("token-old") is None  # expired
    assert [s.actor for s in await sessions.active()] == ["Eva Editor"]
    assert await sessions.revoke(made.key) and await sessions.find("token-1") is None

    await sessions.begin_login("state-1", "nonce-1", "verifier-1", "/admin/answers")
    login = await sessions.finish_login("state-1")
    assert login is not None and (login.nonce, login.next_path) == ("nonce-1", "/admin/answers")
    assert await sessions.finish_login("state-1") is None


async def test_the_audit_log_lists_newest_first(database: Database) -> None:
    audit = SqlAuditLog(database)
    for action in ("aangemeld", "opgeslagen", "gepubliceerd"):
        await audit.record("Eva Editor", action, "a.one")
        await asyncio.sleep(0.005)
    assert await audit.count() == 3
    assert [e.action for e in await audit.recent(limit=2)] == ["gepubliceerd", "opgeslagen"]
    assert [e.action for e in await audit.recent(limit=2, offset=2)] == ["aangemeld"]
    assert all(e.at.tzinfo is not None and e.at <= datetime.now(UTC) for e in await audit.recent())


async def test_gaps_are_reviewed_and_removed_for_good(database: Database) -> None:
    log, review = SqlGapLog(database), SqlGapReview(database)
    today = date(2026, 11, 22)
    await log.record(Gap("fallback", "hoe vraag ik verlof aan", "nl", today, None, 12.0))
    await log.record(
        Gap(
            "low_confidence", "stilteruimte ergens?", "nl", today - timedelta(days=40), "quietroom.find", 40.0
        )
    )
    items = await review.items()
    assert [i.text for i in items] == ["hoe vraag ik verlof aan", "stilteruimte ergens?"]
    assert [i.text for i in await review.items(since=today - timedelta(days=7))] == [
        "hoe vraag ik verlof aan"
    ]
    assert [i.id for i in await review.texts([items[1].id])] == [items[1].id]
    assert await review.remove([i.id for i in items]) == 2
    assert await review.items() == []
