"""Hostile input, timed: prints figures, asserts nothing. Run: .venv/bin/python bench/hostile.py

The tests check that these inputs are handled; this measures how fast (median of runs):
deeply nested Markdown notes parsed, and a 1 MB answer critiqued in a warm process.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from scratch import scratch_dir

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
RUNS = 3


def _median(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import os

    os.environ.setdefault("COACH_HOME", scratch_dir("coach-bench-"))
    from coach.critique.critic import Critic
    from coach.knowledge.bank import load_knowledge
    from coach.knowledge.notes.parser import parse_notes
    from coach.retrieval.opening import open_retriever
    from tests.test_hostile_input import DEEP_NOTES

    principles = load_knowledge().principles
    for text in DEEP_NOTES:
        took = _median(lambda t=text: parse_notes(t, Path("deep.md"), principles))
        print(f"parse {len(text):>7} characters of {text[:6]!r}...: {took:.2f} s median")
    critic = Critic(open_retriever())
    answer = ("I led the migration and we finished two weeks early. " * 20_000)[:1_000_000]
    critic.critique("Tell me about a time you led a project.", "I led it. It worked.")  # warm
    took = _median(lambda: critic.critique("Tell me about a time you led a project.", answer))
    print(f"critique a 1 MB answer (warm process): {took:.2f} s median of {RUNS}")


if __name__ == "__main__":
    main()
