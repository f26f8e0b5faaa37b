"""Lookup tables and link lists that map stories to principles, read as principles for those
stories and never as a story of their own.

Three shapes people write: a grid with one row per story and one column per principle, a mark
(✓, x, yes...) where the story fits; rows pairing a principle with a story's nickname
(``| Ownership | bus duty |``); or a list of such pairs (``- Earn Trust -> layoffs story``).
Either way the result is nickname -> principle ids, with the line it came from; ``parser``
gives those principles to the story the nickname names and keeps the list out of the stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from coach.core.schema import Principle, Story
from coach.knowledge.notes.blocks import Block, clean_inline, without_boilerplate_markup
from coach.knowledge.notes.labels import LABEL_WORDS, section_for
from coach.knowledge.principle_names import match_principle, names_only_principles

_MARK = re.compile(r"^(?:[✓✔✅☑✗✘×xX*•+]|yes|y|1|\+\+?)$", re.IGNORECASE)
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NAME_MATCH = 88  # partial similarity between a nickname and a story's opening words (0-100)
# "- Earn Trust -> layoffs story", "Dive Deep: attrition", "bus duty → Ownership"
_PAIR_LINE = re.compile(
    r"^(?:[-*+•]|\d+[.)])?\s*(?P<left>[^:>→=\s][^:>→=]*?)\s*(?:-+>|→|=>|:|=|\s[–—]\s)\s*"
    r"(?P<right>\S.*)$"
)
_HEADER_WORDS = re.compile(r"^(?:leadership principles?|principles?|lps?|tags?|map)$", re.I)
_NICKNAME_WORDS = 8
_PAIR_CHARS = 160  # a map's line is short; longer lines are never scanned for a pair
_MIN_PAIRS = 2  # a map lists several stories; one "Ownership: ..." line is a story's own line
_TOLD = re.compile(r"^(?:I|we|my|our)\b", re.I)
_NICKNAME_TAIL = re.compile(r"\s+(?:story|stories|example)\s*$", re.I)


@dataclass
class Lookup:
    """Story nicknames a table gives principles to: nickname -> (line, principle ids)."""

    rows: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    listed: set[int] = field(default_factory=set)  # lines of a list map (and its header)

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
        if any(c.lower() in LABEL_WORDS for c in cells):
            continue  # "| Action | I moved the stock |" is a story's part, not Bias for Action
        named = [(i, match_principle(c, principles)) for i, c in enumerate(cells) if c]
        found = [(i, p) for i, p in named if p]
        if len(found) != 1:
            continue
        column, principle = found[0]
        for i, cell in enumerate(cells):
            if i != column and cell and not _MARK.match(cell) and cell.lower() != "story":
                for name in re.split(r"[;,]", cell):
                    out.add(name, number, principle)


def _pair(line: str, principles: list[Principle]) -> tuple[str, list[str]] | None:
    """(nickname, principle ids) for a line pairing principles with a story's short name."""
    line = line.strip()
    match = _PAIR_LINE.match(line) if len(line) <= _PAIR_CHARS else None
    if not match:
        return None
    left, right = clean_inline(match.group("left")), clean_inline(match.group("right"))
    sides = (left.strip(), right.strip())
    if any(_HEADER_WORDS.match(side) or section_for(side.split()[0]) for side in sides if side):
        return None  # "Principles: ...", "Action – I moved..." ("Action" is no Bias for Action)
    on_left = names_only_principles(left, principles)
    on_right = names_only_principles(right, principles)
    if bool(on_left) == bool(on_right):
        return None
    named, name = (on_left, right) if on_left else (on_right, left)
    if len(name.split()) > _NICKNAME_WORDS or name.rstrip().endswith((".", "!", "?")):
        return None
    if _TOLD.match(name):  # "I stood beside her": a sentence of a story, not a nickname
        return None
    return _NICKNAME_TAIL.sub("", name), named


def _read_list_pairs(text: str, principles: list[Principle], out: Lookup) -> None:
    """Runs of two or more adjacent lines pairing a principle with a story's nickname; the short
    line just above a run ("Map:") is part of it."""
    lines = text.splitlines()
    runs: list[list[tuple[int, str, list[str]]]] = [[]]
    for number, line in enumerate(lines, start=1):
        pair = _pair(line, principles) if line.strip() else None
        if pair:
            runs[-1].append((number, *pair))
        elif runs[-1]:
            runs.append([])
    for run in (r for r in runs if len(r) >= _MIN_PAIRS):
        for number, name, named in run:
            for part in re.split(r"[;,]", name):
                for principle in named:
                    out.add(part, number, principle)
            out.listed.add(number)
        first = run[0][0]
        above = lines[first - 2].strip() if first >= 2 else ""
        if above.endswith(":") and len(above.split()) <= 3:
            out.listed.add(first - 1)


def read_lookup(text: str, principles: list[Principle]) -> Lookup:
    """Every lookup table and list map of a notes file, as nickname -> principles."""
    out = Lookup()
    plain = without_boilerplate_markup(text)
    for rows in _tables(plain):
        if len(rows) >= 2 and not _read_grid(rows, principles, out):
            _read_pairs(rows, principles, out)
    _read_list_pairs(plain, principles, out)
    return out


def without_listed(blocks: list[Block], lookup: Lookup) -> None:
    """Blank the lines of list maps in place (numbers kept), so no map becomes a story."""
    for block in blocks:
        block.lines = [(n, "" if n in lookup.listed else t) for n, t in block.lines]


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
