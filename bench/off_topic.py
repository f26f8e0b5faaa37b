"""How well the coach tells an interview question from gibberish and chit-chat.

Prints accuracy on the dev set (which chose the threshold) and on the held-out test set, with every
miss. Run: .venv/bin/python bench/off_topic.py
"""

from __future__ import annotations

from pathlib import Path

from coach.evaluation.off_topic import judged
from coach.retrieval.opening import open_retriever

SETS = Path(__file__).resolve().parent.parent / "tests" / "data" / "off_topic"


def main() -> None:
    retriever = open_retriever()
    for name in ("dev", "test"):
        right, total, misses = judged(retriever, SETS / f"off_topic_{name}.yaml")
        print(f"{name}: {right}/{total} right ({right / total:.0%})")
        for miss in misses:
            print(f"  miss: {miss}")


if __name__ == "__main__":
    main()
