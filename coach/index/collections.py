"""The three collections of the index and the documents that go into each, grouped by owner.

- story views: each story whole, per section and per question it answers (retrieval);
- principle examples: labelled questions that vote for the principles they probe;
- critique examples: every labelled section sentence of the stories (the STAR labeller's
  references) and every listen-for line of the rubric, so a warm critique embeds only the answer.

Each group carries a content hash, so only changed groups are embedded again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from coach.core.ids import SECTION_NAMES
from coach.core.schema import KnowledgeBase, Principle, Story
from coach.index.documents import SCHEMA_VERSION, IndexDoc, story_documents, story_hash
from coach.text.question_text import question_content
from coach.text.sentences import split_sentences

STORIES_COLLECTION = "story_views"
QUESTIONS_COLLECTION = "principle_examples"
CRITIQUE_COLLECTION = "critique_examples"
RUBRIC_PREFIX = "rubric-"
STAR_PREFIX = "star-"  # owners of the labelled example sentences, one per domain


def _digest(payload: object) -> str:
    text = json.dumps([SCHEMA_VERSION, payload], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


STAR_EXAMPLES_PER_SECTION = 0  # the shipped labelled set carries the labeller (same flags)


def section_sentences(story: Story, limit: int | None = None) -> list[tuple[str, str]]:
    """(sentence, section) for the sentences of a story's labelled sections, in order; with
    ``limit``, only the first ``limit`` sentences of each section."""
    return [
        (sentence, section)
        for section in SECTION_NAMES
        for sentence in split_sentences(getattr(story.sections, section))[:limit]
    ]


def critique_groups(
    stories: list[Story],
    principles: list[Principle],
    star_sentences: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
) -> dict[str, tuple[str, list[IndexDoc]]]:
    """Index groups: one per story with sections, one per principle's rubric, one per domain of
    the labelled example sentences."""
    groups: dict[str, tuple[str, list[IndexDoc]]] = {}
    by_domain: dict[str, list[tuple[str, str]]] = {}
    for domain, label, sentence in star_sentences:
        by_domain.setdefault(domain, []).append((sentence, label))
    for domain, pairs in by_domain.items():
        owner = STAR_PREFIX + domain
        docs = [
            IndexDoc(f"{owner}::{n}", owner, label, sentence)
            for n, (sentence, label) in enumerate(pairs)
        ]
        groups[owner] = (_digest(pairs), docs)
    for story in stories:
        pairs = section_sentences(story, STAR_EXAMPLES_PER_SECTION)
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


def story_groups(stories: list[Story]) -> dict[str, tuple[str, list[IndexDoc]]]:
    """Index groups for the vector store: each story's hash and documents."""
    return {s.id: (story_hash(s), story_documents(s)) for s in stories}


@dataclass(frozen=True)
class Example:
    """A question labelled with the principles it probes (first = main)."""

    text: str
    principles: tuple[str, ...]

    @property
    def owner(self) -> str:
        return (
            "ex-"
            + hashlib.sha1(f"{self.text}|{','.join(self.principles)}".encode()).hexdigest()[:16]
        )


def labelled_examples(kb: KnowledgeBase) -> list[Example]:
    """Question bank and rubric samples, without exact duplicates: questions labelled by what
    they ask, never by somebody's story."""
    found: dict[str, Example] = {}
    for q in kb.questions:
        found.setdefault(q.text.lower(), Example(q.text, tuple(q.principles)))
    for p in kb.principles:
        for text in p.sample_questions:
            found.setdefault(text.lower(), Example(text, (p.id,)))
    return list(found.values())


def example_groups(examples: list[Example]) -> dict[str, tuple[str, list[IndexDoc]]]:
    """Index groups for the vector store: one document per example."""
    return {
        e.owner: (e.owner, [IndexDoc(e.owner, e.owner, "example", question_content(e.text))])
        for e in examples
    }
