"""Rows describing every story the coach knows, for ``coach stories`` and the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.core.schema import Principle, Story
from coach.knowledge.notes.cache import parse_notes_file
from coach.knowledge.sources import notes_files


def notes_entries(principles: list[Principle]) -> list[Story]:
    """Entries parsed from every registered notes file that still exists."""
    entries: list[Story] = []
    for path in notes_files():
        entries.extend(parse_notes_file(path, principles).entries)
    return entries


def story_row(s: Story, mates: list[Story] | None = None) -> dict[str, Any]:
    """What ``coach stories`` shows of a story, including what the notes parser inferred and
    the other entries of its project (``mates``)."""
    return {
        "id": s.id,
        "title": s.title,
        "principles": s.principles,
        "thin": s.thin,
        "origin": s.origin,
        "source": s.source,
        "spans": s.spans,
        "sections": [name for name, held in s.sections.present().items() if held],
        "questions": s.questions,
        "inferred": s.inferred + (
            [f"grown in the workshop; replaces the entry at {', '.join(s.supersedes_where)}"]
            if s.supersedes and s.supersedes_where else []
        ),
        "missing": s.missing,
        "people": s.people,
        "project": s.project,
        "project_mates": [m.title for m in mates or []],
    }


def cutting_decisions(principles: list[Principle]) -> list[tuple[Path, list[str]]]:
    """For each registered notes file, where the parser split or joined stories and why."""
    out = []
    for path in notes_files():
        decisions = parse_notes_file(path, principles).decisions
        if decisions:
            out.append((path, decisions))
    return out


def unplaced(principles: list[Principle]) -> list[tuple[Path, int, str, str]]:
    """What ingest could not place in each registered notes file: (file, line, why, text)."""
    return [item for item in set_aside(principles) if item[1] > 0]


def set_aside(principles: list[Principle]) -> list[tuple[Path, int, str, str]]:
    """Everything of the registered notes that is not in a story: what could not be placed
    (with its line) and what was kept out as advice or definitions (line 0)."""
    out: list[tuple[Path, int, str, str]] = []
    for path in notes_files():
        parsed = parse_notes_file(path, principles)
        out += [(path, p.line, p.reason, p.text) for p in parsed.problems]
        out += [(path, 0, "kept out as advice or a definition", text) for text in parsed.guidance]
    return out
