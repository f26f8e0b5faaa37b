"""Everything searchable: the story bank plus entries parsed from registered notes files."""

from __future__ import annotations

from coach.knowledge import load_knowledge
from coach.models import KnowledgeBase, Story
from coach.story_list import notes_entries
from coach.user_stories import load_user_stories


def all_stories(kb: KnowledgeBase | None = None, include_notes: bool = True) -> list[Story]:
    """Bank stories first, then the candidate's own stories added in the app, then entries parsed
    from registered notes (which carry a notes-file prefix in their ids)."""
    kb = kb or load_knowledge()
    stories = list(kb.stories)
    if include_notes:
        bank = {s.id for s in stories}
        stories += [s for s in load_user_stories() if s.id not in bank]
        stories += notes_entries(kb.principles)
    return stories
