"""Rows describing every story the coach knows, for ``coach stories`` and the app."""

from __future__ import annotations

from typing import Any

from coach.core.schema import Principle, Story
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.parser import parse_notes
from coach.knowledge.sources import notes_files


def notes_entries(principles: list[Principle]) -> list[Story]:
    """Entries parsed from every registered notes file that still exists."""
    entries: list[Story] = []
    for path in notes_files():
        entries.extend(parse_notes(read_notes(path), path, principles).entries)
    return entries


def list_stories(include_notes: bool = False) -> list[dict[str, Any]]:
    """One row per story: id, title, principles, thin, origin and source."""
    kb = load_knowledge()
    stories = list(kb.stories)
    if include_notes:
        stories += notes_entries(kb.principles)
    return [
        {
            "id": s.id,
            "title": s.title,
            "principles": s.principles,
            "thin": s.thin,
            "origin": s.origin,
            "source": s.source,
        }
        for s in stories
    ]
