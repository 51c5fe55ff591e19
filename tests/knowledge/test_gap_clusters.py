"""Clustering what the bot could not answer: similar questions together, counts, trends, masking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from knowledge.gap_clusters import GapItem, cluster_gaps

TODAY = date(2026, 11, 23)


def item(n: int, text: str, days_ago: int = 0, kind: str = "fallback") -> GapItem:
    return GapItem(f"id{n:02d}", kind, text, "nl", TODAY - timedelta(days=days_ago))


def test_similar_questions_form_one_cluster_biggest_first() -> None:
    clusters = cluster_gaps(
        [
            item(1, "waar kan ik parkeren bij het stadhuis"),
            item(2, "Waar kan ik parkeren bij het Stadhuis?"),
            item(3, "wanneer is de kerstborrel"),
            item(4, "parkeren bij het stadhuis waar kan dat", kind="thumbs_down"),
        ],
        TODAY,
    )
    assert [c.count for c in clusters] == [3, 1]
    assert clusters[0].kinds == {"fallback": 2, "thumbs_down": 1}
    assert set(clusters[0].ids) == {"id01", "id02", "id04"}


@pytest.mark.parametrize(
    ("ages", "trend"),
    [
        ([0, 1, 2, 9], "up"),  # three this week, one the week before
        ([0, 8, 9], "down"),  # one this week, two the week before
        ([0, 8], "flat"),  # one and one
        ([0, 1], "new"),  # nothing the week before
    ],
)
def test_trend_compares_this_week_with_the_week_before(ages: list[int], trend: str) -> None:
    [cluster] = cluster_gaps(
        [item(n, "waar is de fietsenstalling", age) for n, age in enumerate(ages)], TODAY
    )
    assert cluster.trend == trend


def test_personal_data_is_masked_again_when_shown() -> None:
    [cluster] = cluster_gaps([item(1, "mail jan@example.nl of bel 0612345678")], TODAY)
    assert cluster.label == "mail [e-mail] of bel [telefoon]"
