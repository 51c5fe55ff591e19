"""How long matching one message takes when the knowledge base holds 10,000 example questions.

The shipped content has about 900 examples. This grows it to --examples by recombining each
entry's own questions (the first half of one with the second half of another), so the
vocabulary stays realistic, then times Matcher.match() on the shared dev sentences and on the
entries' own questions. It also times the fuzzy step alone (rapidfuzz over the vocabulary),
the part that holds the GIL.

Run: .venv/bin/python benchmarks/matching_bench.py [--examples 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bot.app import build_language
from knowledge.lexicon import load_lexicon
from knowledge.loader import KnowledgeBase, load_knowledge
from knowledge.matching import Analyzer, Matcher
from knowledge.term_tagging import term_tagger

CONTENT = Path(__file__).resolve().parent.parent / "knowledge" / "content"
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


def grown(target: int, seed: int = 7) -> KnowledgeBase:
    kb = load_knowledge(CONTENT)
    rng = random.Random(seed)
    current = sum(len(e.questions.all()) for e in kb.entries.values())
    entries = dict(kb.entries)
    ids = list(entries)
    while current < target:
        eid = rng.choice(ids)
        entry = entries[eid]
        a, b = rng.sample(entry.questions.nl, 2)
        wa, wb = a.split(), b.split()
        mixed = " ".join(wa[: max(1, len(wa) // 2)] + wb[len(wb) // 2 :])
        questions = entry.questions.model_copy(update={"nl": [*entry.questions.nl, mixed]})
        entries[eid] = entry.model_copy(update={"questions": questions})
        current += 1
    return replace(kb, entries=entries)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args()
    glossary, _, lookup = build_language(CONTENT)
    lexicon = load_lexicon(CONTENT / "lexicon.yaml")
    for size in (0, args.examples):
        kb = grown(size) if size else load_knowledge(CONTENT)
        started = time.perf_counter()
        analyzer = Analyzer(lexicon, term_tagger=term_tagger(lookup, glossary))
        matcher = Matcher(kb, analyzer)
        built = time.perf_counter() - started
        examples = sum(len(e.questions.all()) for e in kb.entries.values())
        texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")] if DEV.exists() else []
        texts += [q for e in load_knowledge(CONTENT).entries.values() for _, q in e.questions.all()]
        texts += ["stiltruimte stadhuiss", "vertrouwenspersoonen gesprek", "gemeentesecretarisvraag"]  # typos
        timings = []
        for text in texts * 3:
            t0 = time.perf_counter()
            matcher.match(text)
            timings.append((time.perf_counter() - t0) * 1000)
        vocabulary = analyzer._target_keys
        fuzzy = []
        for word in ("stiltruimte", "vertrouwenspersoonen", "discriminatiee", "leidinggevend"):
            t0 = time.perf_counter()
            analyzer._mend(word)
            fuzzy.append((time.perf_counter() - t0) * 1000)
        print(
            f"{examples:6d} examples, {len(vocabulary):5d} words: index built in {built:.1f} s; "
            f"match median {statistics.median(timings):.2f} ms, p99 {percentile(timings, 0.99):.2f} ms, "
            f"max {max(timings):.2f} ms over {len(timings)} messages; "
            f"fuzzy step alone median {statistics.median(fuzzy):.3f} ms"
        )


if __name__ == "__main__":
    main()
