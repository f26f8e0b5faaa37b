"""Story coverage: which principles your stories show, and where a strong story is missing."""

from __future__ import annotations

from coach.core.schema import KnowledgeBase, Story


def coverage_rows(kb: KnowledgeBase, stories: list[Story]) -> list[dict]:
    """Per principle: stories that show it first, that show it at all, and the strong ones."""
    rows = []
    for principle in kb.principles:
        primary = [s for s in stories if s.primary_principle == principle.id]
        any_ = [s for s in stories if principle.id in s.principles]
        strong = [s for s in primary if not s.thin]
        rows.append({
            "principle": principle.name,
            "id": principle.id,
            "primary": len(primary),
            "secondary": len(any_) - len(primary),
            "strong": len(strong),
        })  # fmt: skip
    return rows


def principles_without_strong_story(kb: KnowledgeBase, stories: list[Story]) -> list[str]:
    """Principle names with no story that shows them first and is more than a few words."""
    return [row["principle"] for row in coverage_rows(kb, stories) if row["strong"] == 0]


def thin_stories(stories: list[Story]) -> list[Story]:
    """Stories whose notes hold only a few words."""
    return [s for s in stories if s.thin and s.principles]
