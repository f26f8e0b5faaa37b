"""Titles of parsed entries: two entries under one heading are told apart by their first words,
and the heading each was filed under can be read back."""

from __future__ import annotations

from coach.core.schema import Story

TELL_APART_WORDS = 6


def _told_apart(story: Story) -> str:
    """" (first words…)": what tells an entry apart from another under the same heading."""
    words = story.text().replace("\n", " ").split()
    words = [w for w in words if not w.endswith(":") or len(w) > 12]  # no "Situation:" label
    if not words:
        return ""
    ellipsis = "…" if len(words) > TELL_APART_WORDS else ""
    return f" ({' '.join(words[:TELL_APART_WORDS])}{ellipsis})"


def heading_of(story: Story) -> str:
    """The title an entry was filed under, without the first words added to tell it apart."""
    suffix = _told_apart(story)
    if suffix and story.title.endswith(suffix):
        return story.title[: -len(suffix)]
    return story.title


def distinct_titles(entries: list[Story]) -> list[Story]:
    """Entries that share a title (two stories under one heading) are told apart by their
    first words, so story cards, the loop plan and the story list never show a title twice."""
    seen: dict[str, int] = {}
    for story in entries:
        seen[story.title] = seen.get(story.title, 0) + 1
    return [
        story.model_copy(update={"title": story.title + _told_apart(story)})
        if seen[story.title] > 1 and _told_apart(story)
        else story
        for story in entries
    ]
