"""Index documents: each story is indexed several ways (whole, each section, windows over long
sections, each question)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.text.question_text import question_content
from coach.text.sentences import split_sentences

SCHEMA_VERSION = 6  # 6: windows over long sections


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


WINDOW_MIN = 120  # a section (or unlabelled answer) longer than this is also searched in windows
WINDOW_WORDS = 50  # words per window


def windows(text: str, size: int = WINDOW_WORDS) -> list[str]:
    """Runs of consecutive sentences of about ``size`` words, each overlapping the next by a
    sentence: a question about one detail of a long section meets that detail, not the
    section's average."""
    sentences = split_sentences(text)
    out: list[str] = []
    start = 0
    while start < len(sentences):
        end, words = start, 0
        while end < len(sentences) and (words == 0 or words + len(sentences[end].split()) <= size):
            words += len(sentences[end].split())
            end += 1
        out.append(" ".join(sentences[start:end]))
        if end >= len(sentences):
            break
        start = max(start + 1, end - 1)
    return out


def _window_docs(story: Story) -> list[IndexDoc]:
    """Windows over each long section (or the whole answer when it has no sections)."""
    parts = [getattr(story.sections, n) for n in SECTION_NAMES] if story.labelled else [story.body]
    docs = []
    for part in parts:
        if len(part.split()) > WINDOW_MIN:
            for piece in windows(part):
                n = len(docs)
                doc_id = f"{story.id}::window::{n}"
                docs.append(IndexDoc(doc_id, story.id, "window", f"{story.title}. {piece}"))
    return docs


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
    docs = [whole, *sections, *_window_docs(story)]
    for n, question in enumerate(story.questions):
        text = question_content(question)
        docs.append(IndexDoc(f"{story.id}::question::{n}", story.id, "question", text))
    return docs
