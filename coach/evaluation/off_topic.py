"""Does the coach tell an interview question from gibberish and chit-chat? Judged on a labelled
set: ``tests/data/off_topic/off_topic_dev.yaml`` chose the threshold, the test set never did."""

from __future__ import annotations

from pathlib import Path

import yaml

from coach.retrieval.retriever import Retriever
from coach.text.question_text import reads_as_question


def judged(retriever: Retriever, path: Path) -> tuple[int, int, list[str]]:
    """(right, total, misses) for one labelled set of inputs."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["inputs"]
    misses = []
    for item in items:
        found = retriever.search(item["text"], k=1)
        said = reads_as_question(item["text"], found.likeness)
        if said != item["behavioral"]:
            misses.append(f"{item['text']!r} (likeness {found.likeness:.2f}, said {said})")
    return len(items) - len(misses), len(items), misses
