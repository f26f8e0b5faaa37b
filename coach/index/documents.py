"""Index documents: each story is indexed several ways (whole, each section, each question)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.text.question_text import question_content

SCHEMA_VERSION = 5  # 5: weighted-mean whole views; critique examples from the shipped set only


@dataclass(frozen=True)
class IndexDoc:
    """One searchable view of a story."""

    id: str
    story_id: str
    kind: str  # "story", a section name, or "question"
    text: str
    mean_of: tuple[str, ...] = ()  # docs whose weighted mean vector this doc takes (not embedded)


def story_hash(story: Story) -> str:
    """Content hash of everything that goes into a story's documents."""
    payload = json.dumps(
        [SCHEMA_VERSION, story.title, story.questions, story.sections.model_dump(), story.body],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def story_documents(story: Story) -> list[IndexDoc]:
    """The whole story, each non-empty section (prefixed by the title), and each question it
    answers without its interview framing.

    A story with sections is not embedded twice: its whole view takes the length-weighted mean of
    its section vectors (measured on every dev set: the same hit rates as embedding the whole
    text, at about half the embedding time).
    """
    sections = []
    for name in SECTION_NAMES:
        text = getattr(story.sections, name).strip()
        if text:
            sections.append(
                IndexDoc(f"{story.id}::{name}", story.id, name, f"{story.title}. {text}")
            )
    whole = IndexDoc(
        f"{story.id}::story",
        story.id,
        "story",
        f"{story.title}\n{story.text()}",
        tuple(d.id for d in sections),
    )
    docs = [whole, *sections]
    for n, question in enumerate(story.questions):
        text = question_content(question)
        docs.append(IndexDoc(f"{story.id}::question::{n}", story.id, "question", text))
    return docs
