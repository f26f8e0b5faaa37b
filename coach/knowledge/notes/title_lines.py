"""Story titles written without Markdown headings, promoted to headings before the walk.

The shapes people use when their notes come from a list, a notes app or a word processor:
- numbered or bulleted items that open with a bold title and carry the story on indented lines
  below (``1. **Peak week jam** [Bias for Action]``), or bold title lines over prose;
- a short list item over STAR-labelled lines (``- Boiler failure`` over ``  - S: ...``);
- titles in capitals on a line of their own (``MONTH END CLOSE (ownership)``), text below;
- one-line stories (``one_line_stories``): STAR grid rows and items tagged ``(S) (A) (R)``.

Each becomes a heading block one level below the block it sat in, so the walker reads it as a
story heading (its principle tags included). Bold and capitalised titles count only when a block
holds two or more: one bold line is emphasis, not a list. Headings that only name a STAR part
("#### Situation") fold into the story above, and "Another example:" starts a second story.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.core.schema import Principle
from coach.knowledge.notes.blocks import Block, clean_inline
from coach.knowledge.notes.labels import dash_label, leading_label, letter_label, section_for
from coach.knowledge.notes.lines import LIST_ITEM, indent_of, is_principles_label
from coach.knowledge.notes.one_line_stories import (
    LED,
    TAGGED,
    grid_rows,
    principle_led,
    tagged_items,
)
from coach.text.people import everyday_words

_BOLD_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+\*\*(?P<title>[^*]+?)\*\*(?P<rest>.*)$")
_BOLD_LINE = re.compile(r"^\s*\*\*(?P<title>[^*]+?)\*\*(?P<rest>.*)$")
# "... three years. Another example: when our partner closed, ..." starts a second story
_SECOND_EXAMPLE = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:another (?:example|story|time|instance)|(?:a )?second "
    r"(?:example|story|time))\s*[:,–—-]\s*",
    re.IGNORECASE,
)
_CAPS_WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")
_TAIL_NOTE = re.compile(r"^(?:\s*(?:[\[(][^\])]*[\])]|[-–—:]\s*[^.!?\[(]{0,40}))*\s*$")
_MIN_TITLES = 2
_ABBREVIATION_LETTERS = 3
_STORY_WORDS = 25  # mean words under a bold title for the list to be a list of stories


def _is_title(match: re.Match[str] | None) -> bool:
    """A bold phrase (and tags) that names a story: not a point or a STAR label in bold
    ("**Profiling:**", "**Situation**")."""
    if not match or not _TAIL_NOTE.match(match.group("rest")):
        return False
    if match.group("rest").lstrip().startswith(":"):
        return False  # "**Fast-paced environment**:" opens a point
    title = match.group("title").strip()
    return not (title.endswith(":") or section_for(title.split()[0]) or len(title.split()) < 2)


def _bold_titles(lines: list[tuple[int, str]]) -> list[int]:
    """Indexes of list items that are a bold title (and tags) with the story indented below."""
    found = []
    for i, (_, text) in enumerate(lines):
        if not _is_title(_BOLD_ITEM.match(text)):
            continue
        below = next((t for _, t in lines[i + 1 :] if t.strip()), "")
        if below and indent_of(below) > indent_of(text) and not _BOLD_ITEM.match(below):
            found.append(i)
    return found


def _bold_lines(lines: list[tuple[int, str]]) -> list[int]:
    """Indexes of lines that are only a bold title (and tags), standing alone above prose."""
    found = []
    for i, (_, text) in enumerate(lines):
        before = lines[i - 1][1].strip() if i else ""
        after = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
        prose = after and not re.match(r"^(?:[-*+•]|\d+[.)])\s", after)
        if not before and prose and _is_title(_BOLD_LINE.match(text)):
            found.append(i)
    return found


_OUTLINE_TITLE_WORDS = 10
_OUTLINE_LABELS = 2
_OUTLINE_SCAN = 40  # lines read below an outline title: a story's labelled items are few


def _labelled(text: str) -> bool:
    item = LIST_ITEM.match(text)
    body = item.group("text") if item else text.strip()
    return bool(leading_label(body) or letter_label(body) or dash_label(body))


def _outline_titles(lines: list[tuple[int, str]]) -> list[int]:
    """Indexes of short plain list items whose deeper items are STAR-labelled ("- Boiler
    failure" over "  - S: ...", "  - A: ..."): the outline names each story in its top item."""
    found = []
    for i, (_, text) in enumerate(lines):
        item = LIST_ITEM.match(text)
        if not item or _labelled(text) or item.group("text").rstrip().endswith((".", ":", "?")):
            continue
        if len(item.group("text").split()) > _OUTLINE_TITLE_WORDS:
            continue
        below = []
        for _, after in lines[i + 1 : i + 1 + _OUTLINE_SCAN]:  # linear on deep nesting
            deeper = indent_of(after) > indent_of(text)
            label_line = not LIST_ITEM.match(after) and _labelled(after)  # "• Title" above
            if after.strip() and not deeper and not label_line:  # "Situation – ..." lines
                break
            below.append(after)
        if sum(_labelled(t) for t in below if t.strip()) >= _OUTLINE_LABELS:
            found.append(i)
    return found


def _plain_titles(lines: list[tuple[int, str]]) -> list[int]:
    """Indexes of short plain lines standing alone over STAR-labelled lines ("Freezer story"
    over "Situation: ...", "Action: ..."): the line names the story those labels tell."""
    found = []
    for i, (_, text) in enumerate(lines):
        plain = text.strip()
        if not plain or LIST_ITEM.match(text) or _labelled(text) or plain[:1] in "#|>*_":
            continue
        if is_principles_label(plain):  # "LP: Ownership" over the labels tags the story
            continue
        if plain.endswith((".", ":", "?", "!", ",")) or len(plain.split()) > _OUTLINE_TITLE_WORDS:
            continue
        if i and lines[i - 1][1].strip():
            continue
        below = []
        for _, after in lines[i + 1 : i + 1 + _OUTLINE_SCAN]:
            if not after.strip():
                break
            below.append(after)
        if below and _labelled(below[0]) and sum(map(_labelled, below)) >= _OUTLINE_LABELS:
            found.append(i)
    return found


_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?P<text>\S.*)$")
_BULLET = re.compile(r"^\s*[-*+•]\s+\S")


_BRACKETED_TITLE = re.compile(r"^\s*\[(?P<text>[^\]\[]{2,80})\]\s*$")  # "[Supplier price rise]"


_PART_HEADING = re.compile(
    r"^(the |my |our )?(what (i|we) (did|learned|learnt)|how it (ended|went)|why it mattered|"
    r"approach|solution|steps?|outcomes?|impact|results?|learnings?|lessons?|takeaways?|"
    r"reflections?|next time)\b",
    re.IGNORECASE,
)


def _part_heading(title: str) -> bool:
    """A numbered heading that names a part of one story ("The problem", "What I did", "The
    outcome"), not a story of its own."""
    plain = re.sub(r"^(the|my|our)\s+", "", title.strip(), flags=re.IGNORECASE)
    first = plain.split()[0] if plain.split() else ""
    return bool(_PART_HEADING.match(title.strip()) or (first and section_for(first.strip(":"))))


def _numbered_titles(lines: list[tuple[int, str]]) -> list[int]:
    """Indexes of short numbered (or bracketed) titles standing alone over the story told in
    plain bullets or prose below ("1) Returns backlog (Nov 2023)" over "- returns piling
    up...", "III. Hydrant map (Invent and Simplify)" or "[Supplier price rise]" over a
    paragraph): a list of stories, each under its own title."""
    found, titles = [], []
    for i, (_, text) in enumerate(lines):
        item = _NUMBERED.match(text) or _BRACKETED_TITLE.match(text)
        if not item or _labelled(text) or (i and lines[i - 1][1].strip()):
            continue
        title = clean_inline(item.group("text"))  # "**Plan your day:**" heads points, no story
        words = len(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", title).split())  # tags not counted
        if title.endswith((".", ":", "?", "!")) or words > _OUTLINE_TITLE_WORDS:
            continue
        below = next((t for _, t in lines[i + 1 : i + 3] if t.strip()), "")  # a blank between too
        bullets = _BULLET.match(below) and indent_of(below) >= indent_of(text)
        prose = below.strip() and not LIST_ITEM.match(below) and not _NUMBERED.match(below)
        if bullets or prose:
            found.append(i)
            titles.append(title)
    if sum(map(_part_heading, titles)) * 2 >= len(titles):
        return []  # "1. The problem", "2. What I did", "3. The outcome": the parts of one story
    return found


def second_examples(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with "Another example:" inside cut there: the second story starts a paragraph of
    its own (a blank line between, both keeping the line's number)."""
    out: list[tuple[int, str]] = []
    for number, text in lines:
        match = _SECOND_EXAMPLE.search(text)
        if not match or not text[match.end() :].strip():
            out.append((number, text))
            continue
        head, tail = text[: match.start()].rstrip(), text[match.end() :]
        if head.strip() and out and out[-1][1].strip():
            out[-1] = (out[-1][0], f"{out[-1][1].rstrip()} {head.strip()}")  # the sentence's end
        elif head.strip():
            out.append((number, head))
        out += [(number, ""), (number, tail[:1].upper() + tail[1:])]
    return out


def _words_per_item(lines: list[tuple[int, str]], starts: list[int]) -> float:
    """The mean number of words below each title: a story runs long, a list of points does not."""
    ends = [*starts[1:], len(lines)]
    spans = zip(starts, ends, strict=True)
    words = [sum(len(t.split()) for _, t in lines[a + 1 : b]) for a, b in spans]
    return sum(words) / len(words)


def _caps_title(lines: list[tuple[int, str]], i: int) -> bool:
    """A line of capitals standing alone above text: ``VENDOR OVERBILLING (dive deep)``."""
    text = lines[i][1].strip()
    head = re.split(r"[\[(]", text, maxsplit=1)[0]
    words = _CAPS_WORD.findall(head)
    if len(words) < 2 or len(words) > 10 or head.rstrip().endswith((".", "?", "!", ",")):
        return False
    if sum(w.isupper() for w in words) < len(words) or text.lstrip()[:1] in "-*+•|>#":
        return False
    before = lines[i - 1][1].strip() if i else ""
    after = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
    return not before and bool(after)


def _caps_titles(lines: list[tuple[int, str]]) -> list[int]:
    return [i for i in range(len(lines)) if _caps_title(lines, i)]


def _colon_title(lines: list[tuple[int, str]], i: int) -> bool:
    """A short phrase ending in a colon, alone on its line above a paragraph: ``wrong panel
    order:``. Never a label, a list item or a sentence."""
    text = lines[i][1].strip()
    head = text[:-1].strip()
    if not text.endswith(":") or text.lstrip()[:1] in "-*+•|>#" or re.search(r"[.!?:;]", head):
        return False
    if not 2 <= len(head.split()) <= _OUTLINE_TITLE_WORDS or _labelled(text):
        return False
    before = lines[i - 1][1].strip() if i else ""
    after = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
    return not before and bool(after) and not LIST_ITEM.match(after)


def _colon_titles(lines: list[tuple[int, str]]) -> list[int]:
    return [i for i in range(len(lines)) if _colon_title(lines, i)]


_SHORT_TITLE_WORDS = 8
_LINE_BELOW_WORDS = 8


def _short_titles(lines: list[tuple[int, str]]) -> list[int]:
    """Indexes of short plain lines that open a paragraph and name it ("Walk-in fridge failure -
    Bias for Action" over hard-wrapped prose, in a plain text file): no end mark, no label, and a
    longer line of prose right below."""
    found = []
    for i, (_, text) in enumerate(lines):
        plain = text.strip()
        if not plain or (i and lines[i - 1][1].strip()) or plain[:1] in "#|>*_-+•":
            continue
        if _labelled(text) or _NUMBERED.match(text) or plain.endswith((".", ":", "?", "!", ",")):
            continue
        below = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
        head = re.split(r"\s[-–—]\s", plain, maxsplit=1)[0]  # "... - Hire and Develop the Best"
        if not 2 <= len(head.split()) <= _SHORT_TITLE_WORDS or not below[:1].isupper():
            continue
        if len(below.split()) >= _LINE_BELOW_WORDS and not LIST_ITEM.match(lines[i + 1][1]):
            found.append(i)
    return found


def _title_text(text: str) -> str:
    match = _BOLD_ITEM.match(text) or _BOLD_LINE.match(text)
    if match:
        return clean_inline(f"{match.group('title')} {match.group('rest')}").strip()
    item = LIST_ITEM.match(text) or _BRACKETED_TITLE.match(text)
    if item:
        return clean_inline(item.group("text")).strip()
    text = clean_inline(text).strip().rstrip(":").strip()
    if text.islower():
        return text[:1].upper() + text[1:]
    head = re.split(r"[\[(]", text, maxsplit=1)[0]
    if not head.isupper():
        return text
    words = [_plain_case(word) for word in head.split()]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]]) + text[len(head) :]


def _plain_case(word: str) -> str:
    """A capitalised word in lower case, unless it is a short abbreviation ("CFO", "WMS")."""
    short = len(word) <= _ABBREVIATION_LETTERS and word.isalpha()
    return word if short and word.lower() not in everyday_words() else word.lower()


def _enough(starts: list[int], find: Callable, block: Block) -> bool:
    """Whether these title lines cut the block: two or more (one for an outline title, whose
    own test is strict), and for bold titles enough words under each to tell a story."""
    if find in (_outline_titles, _plain_titles):
        return bool(starts)
    if len(starts) < _MIN_TITLES:
        return False
    return find is _caps_titles or _words_per_item(block.lines, starts) >= _STORY_WORDS


def _promoted(block: Block, level: int, principles: list[Principle]) -> tuple[list[Block], str]:
    """The blocks a block's title lines and grid rows start, after the block itself, and what
    shape of title made them."""
    shapes = ((grid_rows, "row of a STAR table"), (tagged_items, TAGGED), (principle_led, LED))
    for find, shape in shapes:
        grid, used = find(block.lines, principles)
        if grid:
            block.lines = [(n, t) for n, t in block.lines if n not in used]
            for row in grid:
                row.level, row.titled = level, True
            return grid, shape
    block.lines = second_examples(block.lines)
    found = (starts for find in _FINDERS if _enough(starts := find(block.lines), find, block))
    starts = next(found, [])
    if not starts:
        return [], ""
    pieces: list[Block] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(block.lines)
        number, text = block.lines[start]
        body = [(n, t) for n, t in block.lines[start + 1 : end]]
        pieces.append(Block(_title_text(text), level, number, body, block.quoted, titled=True))
    block.lines = block.lines[: starts[0]]
    return pieces, "title line"


def fold_label_headings(blocks: list[Block], decisions: list[str]) -> list[Block]:
    """Headings that are only a STAR label ("#### Situation", "### Result") are lines of the
    story above them, not stories: each joins the block before it as a label line."""
    out: list[Block] = []
    folded = 0
    for block in blocks:
        words = block.heading.strip(" :*").split()
        label = section_for(words[0]) if 1 <= len(words) <= 2 else None
        if label and out and out[-1].level < block.level:
            out[-1].lines += [(block.line, f"{' '.join(words)}:"), *block.lines]
            folded += 1
            continue
        out.append(block)
    if folded:
        what = "1 heading that only names" if folded == 1 else f"{folded} headings that only name"
        decisions.append(f"{what} a STAR part read as a label of the story above")
    return out


_FINDERS = (
    _bold_titles, _bold_lines, _outline_titles, _numbered_titles, _caps_titles, _colon_titles,
    _plain_titles, _short_titles,
)


def promote_title_lines(
    blocks: list[Block], preamble: Block, principles: list[Principle], decisions: list[str]
) -> tuple[list[Block], Block]:
    """Bold list titles, capitalised title lines and STAR grid rows become story headings one
    level below the block they sat in; every line keeps its number."""
    out: list[Block] = []
    for block in [preamble, *fold_label_headings(blocks, decisions)]:
        out.append(block)
        pieces, shape = _promoted(block, block.level + 1, principles)
        if pieces:
            where = (
                f"lines {pieces[0].line}-{pieces[-1].line}"
                if len(pieces) > 1
                else (f"line {pieces[0].line}")
            )
            count = f"{len(pieces)} stories" if len(pieces) > 1 else "1 story"
            decisions.append(f"{where}: each {shape} read as a story of its own ({count})")
        out.extend(pieces)
    return out[1:], out[0]
