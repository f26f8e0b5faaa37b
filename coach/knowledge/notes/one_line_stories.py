"""Stories told on one line each, read as story blocks before the walk: the rows of a STAR
grid (a Markdown table whose columns are the STAR parts) and list items tagged ``(S) ... (A)
... (R) ...``, wrapped over several lines or not. Every part keeps the line it was written on.
"""

from __future__ import annotations

import re

from coach.core.schema import Principle
from coach.knowledge.notes.blocks import Block, clean_inline
from coach.knowledge.notes.labels import section_for
from coach.knowledge.notes.lines import LIST_ITEM, indent_of
from coach.knowledge.principle_names import (
    exact_principles,
    match_principles,
    names_only_principles,
)

TAGGED = "story told on one line with (S) (A) (R) tags"
LED = "story led by the principle it shows"
_MIN_STORIES = 2
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PRINCIPLE_COLUMN = re.compile(r"^(?:lps?|leadership principles?|principles?|competenc\w*)$", re.I)


def _cells(line: str) -> list[str]:
    return [clean_inline(c) for c in line.strip().strip("|").split("|")]


def _table_spans(lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(header index, end index) of each Markdown table among the lines: a header row, a rule
    row below it, and the rows that follow while lines start with "|"."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        if not (lines[i][1].strip().startswith("|") and _RULE_ROW.match(following.strip())):
            i += 1
            continue
        end = i + 2
        while end < len(lines) and lines[end][1].strip().startswith("|"):
            end += 1
        spans.append((i, end))
        i = end
    return spans


def vertical_tables(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Two-column tables whose rows are a story's parts (``| Situation | ... |``) as the label
    lines they stand for; the header and rule rows go blank, every line keeping its number."""
    out = list(lines)
    for i, end in _table_spans(lines):
        rows = [_cells(t) for _, t in out[i + 2 : end]]
        labelled = [r for r in rows if len(r) == 2 and len(r[0].split()) <= 2 and section_for(r[0])]
        if len(labelled) >= 2 and len(labelled) == len(rows):
            out[i], out[i + 1] = (out[i][0], ""), (out[i + 1][0], "")
            for k, (cell, text) in enumerate(rows, start=i + 2):
                out[k] = (out[k][0], f"{cell}: {text}")
    return out


def grid_rows(
    lines: list[tuple[int, str]], principles: list[Principle]
) -> tuple[list[Block], set[int]]:
    """Story blocks from STAR grid tables among the lines, and the line numbers they used."""
    blocks: list[Block] = []
    used: set[int] = set()
    for i, rows_end in _table_spans(lines):
        header = _cells(lines[i][1])
        sections = [section_for(cell) if len(cell.split()) <= 2 else None for cell in header]
        if len({s for s in sections if s}) < 2:
            continue
        tags = [j for j, cell in enumerate(header) if _PRINCIPLE_COLUMN.match(cell)]
        title_at = next((j for j, s in enumerate(sections) if s is None and j not in tags), None)
        for row_number, row in lines[i + 2 : rows_end]:
            cells = _cells(row)
            cells += [""] * (len(header) - len(cells))
            parts = [
                (row_number, f"{header[j]}: {cells[j]}")
                for j, section in enumerate(sections)
                if section and cells[j].strip(" -")
            ]
            if not parts:
                continue
            title = cells[title_at] if title_at is not None else ""
            named = [p for j in tags for p in match_principles(cells[j], principles)]
            heading = f"{title} [{cells[tags[0]]}]" if named and title else title
            blocks.append(Block(heading=heading.strip(), level=0, line=row_number, lines=parts))
        used |= {n for n, _ in lines[i:rows_end]}
    return blocks, used


_LETTER_TAG = re.compile(r"\((?P<letter>[STARL])\)\s*")
_TAG_WORDS = {"S": "Situation", "T": "Task", "A": "Action", "R": "Result", "L": "Lesson"}
_LEAD_SPLIT = re.compile(r"\s+[-–—:]\s+|:\s+")


def _items_with_wraps(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Each list item with the indented lines that continue it (a wrapped one-liner)."""
    items: list[list[tuple[int, str]]] = []
    for number, text in lines:
        if LIST_ITEM.match(text):
            items.append([(number, text)])
        elif items and text.strip() and indent_of(text) > indent_of(items[-1][0][1]):
            items[-1].append((number, text))
        elif text.strip():
            items.append([(number, text)])
    return items


def tagged_items(
    lines: list[tuple[int, str]], principles: list[Principle]
) -> tuple[list[Block], set[int]]:
    """One-line stories with letter tags ("2. Dive Deep - Cracked brackets (S) ... (A) ...
    (R) ..."), wrapped or not: each a story block titled by the words before its first tag."""
    blocks: list[Block] = []
    used: set[int] = set()
    for item in _items_with_wraps(lines):
        text, owner = "", []  # the joined item, and the line each character came from
        for number, piece in item:
            piece = piece.strip() + " "
            text += piece
            owner += [number] * len(piece)
        tags = list(_LETTER_TAG.finditer(text))
        if len({t["letter"] for t in tags}) < 2:
            continue
        listed = LIST_ITEM.match(text)
        head = clean_inline(text[listed.start("text") if listed else 0 : tags[0].start()])
        head = head.strip(" -–—:")
        named: list[str] = []
        pieces = _LEAD_SPLIT.split(head, maxsplit=1)
        if len(pieces) == 2 and names_only_principles(pieces[0], principles):
            named, head = names_only_principles(pieces[0], principles), pieces[1]
        ends = [t.start() for t in tags[1:]] + [len(text)]
        parts = [
            (owner[tag.start()], f"{_TAG_WORDS[tag['letter']]}: {text[tag.end() : end].strip()}")
            for tag, end in zip(tags, ends, strict=True)
        ]
        tagged = f"{head} [{', '.join(named)}]" if named else head
        blocks.append(Block(heading=tagged, level=0, line=item[0][0], lines=parts))
        used |= {number for number, _ in item}
    return (blocks, used) if len(blocks) >= _MIN_STORIES else ([], set())


# "**Ownership** — When the payroll provider...", "Customer Obsession: a customer's shoes..."
_PRINCIPLE_LED = re.compile(
    r"^(?:[-*+•]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?P<lead>[A-Za-z][A-Za-z ,;&/'’-]{2,60}?)"
    r"(?:\*\*|__)?\s*(?::|\s[—–-]\s)\s*(?P<rest>\S.*)$"
)
_LED_WORDS = 12  # a story, not a definition line: this many words at least
_TOLD = re.compile(r"\b(I|we|my|our)\b", re.IGNORECASE)


def principle_led(
    lines: list[tuple[int, str]], principles: list[Principle]
) -> tuple[list[Block], set[int]]:
    """Lines or paragraphs that open with a principle's name and tell a story of the candidate's
    own after it: each a story filed under that principle, titled by its opening words."""
    blocks: list[Block] = []
    used: set[int] = set()
    for number, text in lines:
        match = _PRINCIPLE_LED.match(text.strip())
        if not match or len(match.group("rest").split()) < _LED_WORDS:
            continue
        lead = match.group("lead").strip(" ,;")
        if section_for(lead.split()[0]):
            continue  # "Action: I moved..." is a label, not Bias for Action
        named = exact_principles(lead, principles)
        rest = clean_inline(match.group("rest"))
        if not named or not _TOLD.search(rest):
            continue
        words = re.split(r"[,;.]", rest, maxsplit=1)[0].split()
        title = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        title = title[:1].upper() + title[1:]
        names = ", ".join(p.name for p in principles if p.id in named)
        blocks.append(Block(heading=f"{title} [{names}]", level=0, line=number,
                            lines=[(number, rest)]))  # fmt: skip
        used.add(number)
    return (blocks, used) if len(blocks) >= _MIN_STORIES else ([], set())
