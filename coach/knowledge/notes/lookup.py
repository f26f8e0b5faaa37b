"""Lookup tables and link lists that map stories to principles, read as principles for those
stories and never as a story of their own.

Two shapes people write: a grid with one row per story and one column per principle, a mark
(✓, x, yes...) where the story fits; or rows pairing a principle with a story's nickname
(``| Ownership | bus duty |``). Either way the result is nickname -> principle ids, with the
line it came from; ``parser`` gives those principles to the story the nickname names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from coach.core.schema import Principle, Story
from coach.knowledge.notes.blocks import clean_inline, without_boilerplate_markup
from coach.knowledge.principle_names import match_principle

_MARK = re.compile(r"^(?:[✓✔✅☑✗✘×xX*•+]|yes|y|1|\+\+?)$", re.IGNORECASE)
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NAME_MATCH = 88  # partial similarity between a nickname and a story's opening words (0-100)


@dataclass
class Lookup:
    """Story nicknames a table gives principles to: nickname -> (line, principle ids)."""

    rows: dict[str, tuple[int, list[str]]] = field(default_factory=dict)

    def add(self, name: str, line: int, principle: str) -> None:
        name = clean_inline(name).strip(" -:")
        if not name:
            return
        _, found = self.rows.setdefault(name, (line, []))
        if principle not in found:
            found.append(principle)

    def for_story(self, title: str, text: str) -> tuple[str, int, list[str]] | None:
        """The table row naming this story (by its title or opening words), if any."""
        opening = clean_inline(f"{title} {' '.join(text.split()[:12])}").lower()
        best: tuple[float, str] | None = None
        for name in self.rows:
            score = fuzz.partial_ratio(name.lower(), opening)
            if score >= _NAME_MATCH and (best is None or score > best[0]):
                best = (score, name)
        if best is None:
            return None
        line, principles = self.rows[best[1]]
        return best[1], line, principles


def _cells(line: str) -> list[str]:
    return [clean_inline(cell) for cell in line.strip().strip("|").split("|")]


def _tables(text: str) -> list[list[tuple[int, list[str]]]]:
    """Each Markdown table of the text as rows of (line number, cells), rule rows dropped."""
    tables: list[list[tuple[int, list[str]]]] = []
    current: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("|"):
            if not _RULE_ROW.match(stripped):
                current.append((number, _cells(stripped)))
            continue
        if current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _read_grid(rows: list[tuple[int, list[str]]], principles: list[Principle], out: Lookup) -> bool:
    """A grid: principles across the header, a story per row, marks where they fit."""
    header = rows[0][1]
    columns = {i: match_principle(cell, principles) for i, cell in enumerate(header) if cell}
    columns = {i: p for i, p in columns.items() if p}
    if len(columns) < 2:
        return False
    for number, cells in rows[1:]:
        name = next((c for i, c in enumerate(cells) if i not in columns and c), "")
        if match_principle(name, principles):
            continue
        for i, principle in columns.items():
            if i < len(cells) and _MARK.match(cells[i].strip()):
                out.add(name, number, principle)
    return True


def _read_pairs(
    rows: list[tuple[int, list[str]]], principles: list[Principle], out: Lookup
) -> None:
    """Rows pairing a principle with one or more story nicknames (``| Ownership | bus duty |``)."""
    for number, cells in rows:
        named = [(i, match_principle(c, principles)) for i, c in enumerate(cells) if c]
        found = [(i, p) for i, p in named if p]
        if len(found) != 1:
            continue
        column, principle = found[0]
        for i, cell in enumerate(cells):
            if i != column and cell and not _MARK.match(cell) and cell.lower() != "story":
                for name in re.split(r"[;,]", cell):
                    out.add(name, number, principle)


def read_lookup(text: str, principles: list[Principle]) -> Lookup:
    """Every lookup table of a notes file, as nickname -> principles."""
    out = Lookup()
    for rows in _tables(without_boilerplate_markup(text)):
        if len(rows) >= 2 and not _read_grid(rows, principles, out):
            _read_pairs(rows, principles, out)
    return out


def with_lookup(entries: list[Story], lookup: Lookup, decisions: list[str]) -> list[Story]:
    """Stories a lookup table names get the principles its row marks."""
    if not lookup.rows:
        return entries
    decisions.append(
        f"lookup table: {len(lookup.rows)} rows map stories to principles (read as principles "
        "for those stories, not as a story)"
    )
    out = []
    for story in entries:
        row = lookup.for_story(story.title, story.text())
        if row is None:
            out.append(story)
            continue
        name, line, named = row
        principles = list(dict.fromkeys([*story.principles, *named]))
        out.append(
            story.model_copy(
                update={
                    "primary_principle": principles[0],
                    "secondary_principles": principles[1:],
                    "inferred": [
                        *story.inferred,
                        f"principles from the lookup table row '{name}' (line {line})",
                    ],
                }
            )
        )
    return out
