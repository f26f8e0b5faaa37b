"""Everything searchable: the story bank plus entries parsed from registered notes files."""

from __future__ import annotations

from pathlib import Path

from coach.core.paths import knowledge_dir
from coach.core.schema import KnowledgeBase, Story
from coach.knowledge.bank import load_knowledge
from coach.knowledge.sources import registered_sources
from coach.knowledge.story_list import notes_entries
from coach.knowledge.user_stories import load_user_stories, user_stories_dir


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


def corpus_signature() -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every file stories come from, to notice changes cheaply."""
    folder = knowledge_dir()
    paths: list[Path] = [
        *folder.glob("stories/*.md"),
        folder / "principles.yaml",
        folder / "questions.yaml",
        *user_stories_dir().glob("*.md"),
        *registered_sources(),
    ]
    out = []
    for path in paths:
        try:
            stat = path.stat()
            out.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(sorted(out))
