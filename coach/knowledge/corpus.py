"""Everything searchable: the user's own sources, or the example bank while they have none.

The example bank (``knowledge/stories``) is another person's life: it is used only while the user
has no source of their own (no registered notes file or story folder, no story added in the app),
or when they register the bank folder on purpose. It is never mixed silently into their answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.core.paths import knowledge_dir
from coach.core.schema import KnowledgeBase, Story
from coach.knowledge.bank import load_knowledge, load_stories
from coach.knowledge.projects import project_mates, with_projects
from coach.knowledge.sources import registered_sources, story_folders
from coach.knowledge.story_list import notes_entries, story_row
from coach.knowledge.user_stories import load_user_stories, user_stories_dir


def own_stories(kb: KnowledgeBase) -> list[Story]:
    """The user's own material: registered story folders, stories added in the app, and entries
    parsed from registered notes files (ids unique; the first source of an id wins, and a story
    grown in the workshop comes first, so it hides the entry it supersedes)."""
    bank_folder = (knowledge_dir() / "stories").resolve()
    added = load_user_stories()
    # a story grown in the workshop replaces the entry it supersedes, wherever that came from
    stories: list[Story] = [s for s in added if s.supersedes]
    for folder in story_folders():
        if folder.resolve() == bank_folder:
            stories += kb.stories  # the example bank, added by the user on purpose
        else:
            stories += [s.model_copy(update={"origin": "user"}) for s in load_stories(folder)]
    stories += [s for s in added if not s.supersedes]
    stories += notes_entries(kb.principles)
    replaced = {s.supersedes for s in added if s.supersedes and s.supersedes != s.id}
    unique: dict[str, Story] = {}
    for story in stories:
        if story.id not in replaced:
            unique.setdefault(story.id, story)
    return list(unique.values())


def uses_example_bank() -> bool:
    """True while the user has no source of their own, so the example bank stands in."""
    return not registered_sources() and not any(user_stories_dir().glob("*.md"))


def all_stories(kb: KnowledgeBase | None = None, include_notes: bool = True) -> list[Story]:
    """The stories every stage searches: the user's own, or the example bank while they have
    none. ``include_notes=False`` asks for the example bank alone (evaluation, benchmarks)."""
    kb = kb or load_knowledge()
    if not include_notes or uses_example_bank():
        return list(kb.stories)
    return own_stories(kb)


def corpus_signature() -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every file stories come from, to notice changes cheaply."""
    folder = knowledge_dir()
    paths: list[Path] = [
        *folder.glob("stories/*.md"),
        folder / "principles.yaml",
        folder / "questions.yaml",
        *user_stories_dir().glob("*.md"),
        *registered_sources(),
        *(f for folder in story_folders() for f in folder.glob("*.md")),
    ]
    out = []
    for path in paths:
        try:
            stat = path.stat()
            out.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(sorted(out))


def list_stories(include_notes: bool = False) -> list[dict[str, Any]]:
    """One row per story the coach searches (the user's sources, or the example bank while
    they have none); ``include_notes`` also lists the example bank next to the user's own."""
    kb = load_knowledge()
    stories = all_stories(kb)
    if include_notes:
        seen = {s.id for s in stories}
        stories += [s for s in kb.stories if s.id not in seen]
    stories = with_projects(stories, kb)
    return [story_row(s, project_mates(s, stories)) for s in stories]
