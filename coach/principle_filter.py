"""Table rows of the story bank for the app, filtered by principle."""

from __future__ import annotations

from coach.knowledge import load_knowledge
from coach.story_list import list_stories


def principle_choices() -> list[tuple[str, str]]:
    """(label, value) pairs: every principle, plus 'all'."""
    return [("All principles", "all")] + [(p.name, p.id) for p in load_knowledge().principles]


def story_rows(principle: str) -> list[list[str]]:
    """Title, principles and thin flag of every story that shows ``principle`` ('all' for any)."""
    rows = []
    for row in list_stories(include_notes=False):
        if principle == "all" or principle in row["principles"]:
            rows.append([row["title"], ", ".join(row["principles"]), "thin" if row["thin"] else ""])
    return rows
