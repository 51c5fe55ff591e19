"""Every instance reads a message alike: decisions do not depend on the process's hash seed.

Python randomises the order of sets of strings per process. A sum in set order, or a typo
target picked from a set, once broke ties differently from one process to the next, so two
instances behind one load balancer could answer the same message differently.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import yaml
from tests.dialogs.harness import brain
rows = yaml.safe_load(open("tests/knowledge/data/topic_cases.yaml", encoding="utf-8"))
texts = sorted({(r[0] if key.endswith("_batch") else r) for key, batch in rows.items() for r in batch})
answerer = brain().answerer
for text in texts:
    d = answerer.decide(text, "nl-NL")
    print(repr((d.kind, d.topic, d.score, d.entry.id if d.entry else None, [c.id for c in d.choices])))
"""


def decisions(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def test_two_processes_with_different_hash_seeds_decide_every_case_alike() -> None:
    first, second = decisions("1"), decisions("3")
    assert first.count("\n") > 1000
    assert first == second
