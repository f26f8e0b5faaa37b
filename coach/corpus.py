"""Everything searchable: the story bank plus entries parsed from registered notes files."""

from __future__ import annotations

from coach.knowledge import load_knowledge
from coach.models import KnowledgeBase, Story
from coach.story_list import notes_entries


def all_stories(kb: KnowledgeBase | None = None, include_notes: bool = True) -> list[Story]:
    """Bank stories first, then notes entries (which carry a notes-file prefix in their ids)."""
    kb = kb or load_knowledge()
    stories = list(kb.stories)
    if include_notes:
        stories += notes_entries(kb.principles)
    return stories
