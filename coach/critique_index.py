"""What the critique keeps in the index: every labelled section sentence of the stories (the STAR
labeller's examples) and every listen-for line of the principles' rubric.

Stored beside the story views so a warm critique embeds only the answer, never its references.
"""

from __future__ import annotations

import hashlib
import json

from coach.documents import SCHEMA_VERSION, IndexDoc
from coach.models import SECTION_NAMES, Principle, Story
from coach.sentences import split_sentences

CRITIQUE_COLLECTION = "critique_examples"
RUBRIC_PREFIX = "rubric-"


def _digest(payload: object) -> str:
    text = json.dumps([SCHEMA_VERSION, payload], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def section_sentences(story: Story) -> list[tuple[str, str]]:
    """(sentence, section) for every sentence of a story's labelled sections, in order."""
    return [
        (sentence, section)
        for section in SECTION_NAMES
        for sentence in split_sentences(getattr(story.sections, section))
    ]


def critique_groups(
    stories: list[Story], principles: list[Principle]
) -> dict[str, tuple[str, list[IndexDoc]]]:
    """Index groups: one per story with sections, one per principle's rubric."""
    groups: dict[str, tuple[str, list[IndexDoc]]] = {}
    for story in stories:
        pairs = section_sentences(story)
        if pairs:
            docs = [
                IndexDoc(f"{story.id}::sentence::{n}", story.id, section, sentence)
                for n, (sentence, section) in enumerate(pairs)
            ]
            groups[story.id] = (_digest(pairs), docs)
    for principle in principles:
        owner = RUBRIC_PREFIX + principle.id
        lines = [("listen_for", t) for t in principle.listen_for]
        docs = [
            IndexDoc(f"{owner}::{n}", owner, kind, text) for n, (kind, text) in enumerate(lines)
        ]
        groups[owner] = (_digest(lines), docs)
    return groups
