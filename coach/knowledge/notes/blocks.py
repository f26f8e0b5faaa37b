"""The first pass over raw notes: read the file as text (mojibake repaired), then split it into
heading blocks (front matter and HTML comments blanked, fenced code skipped, quote markers
remembered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.errors import CoachError
from coach.knowledge.notes.csv_table import csv_as_markdown, looks_like_csv
from coach.knowledge.notes.html import collapsible_sections, looks_like_html, markdown_lines
from coach.knowledge.notes.labels import LABEL_WORDS
from coach.knowledge.notes.org import looks_like_org, org_as_markdown
from coach.text.repair import repair_text

_HEADING = re.compile(r"^\s*(?:[-*+]\s+)?(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
GUIDANCE_LINE = re.compile(
    r"^(\*\*)?(understand|definition|key traits|how to answer|sample questions|\"|“|``)",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w))")
_LEADING_SYMBOLS = re.compile(r"^[^\w\"“(]+")


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
SEPARATOR = "&nbsp;"


@dataclass
class Block:
    """A heading and the lines under it, up to the next heading."""

    heading: str
    level: int
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    quoted: set[int] = field(default_factory=set)
    titled: bool = False  # a story's title line promoted to a heading: never a principle heading


def _blank_keeping_lines(match: re.Match[str]) -> str:
    return "\n" * match.group(0).count("\n")


_STORY_HEADER = re.compile(
    r"^---[ \t]*\n(?P<keys>(?:[A-Za-z][\w -]{0,20}:[^\n]*\n){1,8})---[ \t]*$", re.MULTILINE
)
_HEADER_KEY = re.compile(r"^(?P<key>[A-Za-z][\w -]{0,20}):\s*(?P<value>.*)$")
_TITLE_KEYS = {"title", "name", "story"}
_PRINCIPLE_KEYS = {"lp", "lps", "principle", "principles", "leadership principles", "competency"}


def _story_header(match: re.Match[str]) -> str:
    """A "---" block of ``title:``/``lp:`` lines before a story, as its heading and principles
    line (every line kept in place); a block without a title is left as it is."""
    pairs = [_HEADER_KEY.match(line) for line in match.group("keys").splitlines()]
    keys = {m["key"].strip().lower() for m in pairs if m}
    if not keys & _TITLE_KEYS:
        return match.group(0)
    out = [""]
    for m in pairs:
        key = m["key"].strip().lower() if m else ""
        value = m["value"].strip().strip("\"'[]") if m else ""
        out.append(f"## {value}" if key in _TITLE_KEYS and value else
                   f"LP: {value}" if key in _PRINCIPLE_KEYS and value else "")  # fmt: skip
    return "\n".join([*out, ""])


def story_headers(text: str) -> str:
    """Each "---"/"title: ..."/"lp: ..."/"---" block that heads a story (front matter per story,
    as some note apps write it) as a ``##`` heading and an "LP:" line; only where two or more
    such blocks head stories (one at the top is the file's own front matter)."""
    changed = 0

    def header(match: re.Match[str]) -> str:
        nonlocal changed
        out = _story_header(match)
        changed += out != match.group(0)
        return out

    converted = _STORY_HEADER.sub(header, text)
    return converted if changed >= 2 else text


def without_boilerplate_markup(text: str) -> str:
    """Blank out front matter and HTML comments, keeping every line number where it was; a
    front matter that titles a story becomes its heading (``story_headers``)."""
    text = story_headers(text)
    text = _FRONT_MATTER.sub(_blank_keeping_lines, text, count=1)
    text = _COMMENT.sub(_blank_keeping_lines, text)
    return re.sub(r"<!--.*\Z", _blank_keeping_lines, text, flags=re.DOTALL)  # never closed


def read_notes(path: Path) -> str:
    """Read a notes file as text, repairing mojibake; one clear sentence if it is not text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CoachError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return decode_notes(raw, path)


def decode_notes(raw: bytes, path: Path) -> str:
    """The text of a notes file's bytes, mojibake repaired; one sentence if it is not text."""
    if b"\x00" in raw[:8192]:
        raise CoachError(f"{path} is not a text file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return repair_text(text)


def clean_inline(text: str) -> str:
    """Drop Markdown emphasis markers and collapse white space."""
    return " ".join(_EMPHASIS.sub("", text).split())


def strip_quote(line: str) -> str:
    while line.lstrip().startswith(">"):
        line = line.lstrip()[1:]
        line = line[1:] if line.startswith(" ") else line
    return line


_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_SETEXT_WORDS = 12


def _setext(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Underlined headings ("Title" over "=====" or "-----") as ``#`` headings: only a short
    line standing alone, so a paragraph followed by a "---" rule stays a paragraph."""
    out = list(lines)
    for i in range(1, len(out)):
        under = _UNDERLINE.match(out[i][1])
        number, title = out[i - 1]
        before = out[i - 2][1].strip() if i >= 2 else ""
        short = 0 < len(title.split()) <= _SETEXT_WORDS and not title.rstrip().endswith(
            (".", "!", "?", ",", ":")
        )
        if under and len(under.group(1)) >= 3 and short and not before:
            plain = title.strip()
            if not plain.startswith(("#", "-", "*", "+", ">", "|")):
                level = "#" if under.group(1)[0] == "=" else "##"
                out[i - 1], out[i] = (number, f"{level} {plain}"), (out[i][0], "")
    return out


_TASK_BOX = re.compile(r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)\[[ xX]\]\s+")  # "- [x] Story: ..."


_WIKI_HEADING = re.compile(r"^\s*(?P<marks>={2,6})\s*(?P<text>[^=\s][^=]*?)\s*={2,6}\s*$")


_ROMAN_ITEM = re.compile(r"^(\s*)(X{0,3}(?:IX|IV|V?I{0,3}))([.)])\s+(?=[A-Z0-9\"“(])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_MIN_ROMAN = 2  # "I." alone may be a sentence; "I." and "II." number a list
_KEYCAP = re.compile(r"^(\s*)(\d{1,2})\ufe0f?\u20e3\s*")  # "1️⃣ Broken winch at sea"


def _arabic(match: re.Match[str]) -> str:
    """A roman list number ("IV.") as the arabic one ("4.")."""
    letters, value = match.group(2), 0
    for i, letter in enumerate(letters):
        worth = _ROMAN_VALUES[letter]
        later = _ROMAN_VALUES[letters[i + 1]] if i + 1 < len(letters) else 0
        value += -worth if worth < later else worth
    return f"{match.group(1)}{value}{match.group(3)} " if letters else match.group(0)


def _plain_markdown(line: str) -> str:
    """A task-list box dropped ("- [x] Story: ..."); a wiki-style heading ("=== STORY 2 ===",
    "== Ownership ==") as a ``#`` heading; an emoji number ("2️⃣") as "2."."""
    wiki = _WIKI_HEADING.match(line)
    if wiki:
        return f"{'#' * (len(wiki['marks']) - 1)} {wiki['text']}"
    line = _KEYCAP.sub(r"\1\2. ", line)  # an emoji number as a plain one
    return _TASK_BOX.sub(r"\1", line)


_MIN_BARE_LABELS = 2  # one word alone may be a heading; two STAR words alone are labels


def _bare_label(line: str) -> str | None:
    """The label word of a line that is nothing but one ("Situation", "Result"), lower-cased."""
    word = line.strip().strip("*_").strip().lower()
    return word if word in LABEL_WORDS and len(word) > 3 else None


# bullets as a word processor pastes them: "•" or "·" then a tab at the top level, "o" or "◦"
# one level down, "▪" or "§" below that (the glyphs of its default bullet fonts)
_PASTED_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[•·o◦▪§])(?:\t|[ \t]{1,4}(?=\S))[ \t]*")
_PASTED_DEPTH = {"•": 0, "·": 0, "o": 1, "◦": 1, "▪": 2, "§": 2}
_MIN_PASTED = 2


def _pasted_mark(line: str) -> re.Match[str] | None:
    """The bullet glyph a line opens with, as a word processor pastes it; an "o" counts only
    before a tab or a capital (otherwise it is a word)."""
    m = _PASTED_BULLET.match(line)
    if not m or m["mark"] != "o":
        return m
    return m if line[m.end("mark")] == "\t" or line[m.end() : m.end() + 1].isupper() else None


def _pasted_bullets(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Bullets pasted from a word processor as Markdown list items nested by their glyph; only
    where two or more lines open with a nested glyph ("o", "◦", "▪")."""
    marks = [_pasted_mark(line) for _, line in lines]
    if sum(1 for m in marks if m and _PASTED_DEPTH[m["mark"]]) < _MIN_PASTED:
        return lines
    return [(number, "  " * _PASTED_DEPTH[m["mark"]] + "- " + line[m.end() :] if m else line)
            for (number, line), m in zip(lines, marks, strict=True)]  # fmt: skip


def numbered_lines(text: str, exported: bool = False) -> list[tuple[int, str]]:
    """(line number, line) of the text; underlined headings as ``#`` headings; task-list boxes
    dropped; org-mode, CSV and HTML exports read as Markdown; every line keeps its number."""
    if looks_like_csv(text):  # a spreadsheet of stories: one story per row
        return csv_as_markdown(text)
    lines = list(enumerate(text.splitlines(), start=1))
    if looks_like_org(text):
        lines = org_as_markdown(lines)
    lines = _setext([(number, _plain_markdown(line)) for number, line in lines])
    lines = _pasted_bullets(lines)
    if len({m.group(2) for _, line in lines if (m := _ROMAN_ITEM.match(line))}) >= _MIN_ROMAN:
        lines = [(number, _ROMAN_ITEM.sub(_arabic, line)) for number, line in lines]
    bare = {LABEL_WORDS[w] for _, line in lines if (w := _bare_label(line))}
    if len(bare) >= _MIN_BARE_LABELS:  # "Situation" alone on a line, the text below it
        lines = [(number, f"{line.strip()}:" if _bare_label(line) else line)
                 for number, line in lines]  # fmt: skip
    if "<summary" in text.lower():
        lines = collapsible_sections(lines)
    if not exported:
        return lines
    return [(number, part) for number, raw in lines for part in markdown_lines(raw)]


def split_blocks(text: str) -> tuple[list[Block], Block]:
    """Split notes into heading blocks, skipping fenced code. Returns (blocks, preamble)."""
    preamble = Block(heading="", level=0, line=0)
    blocks: list[Block] = []
    current = preamble
    in_fence = False
    exported = looks_like_html(text)
    for number, raw in numbered_lines(without_boilerplate_markup(text), exported):
        line = strip_quote(raw)
        if line.strip() in {SEPARATOR, "&nbsp"}:
            line = "---"
        elif line != raw:
            current.quoted.add(number)
        if line.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _HEADING.match(line)
        if heading:
            current = Block(
                heading=_LEADING_SYMBOLS.sub("", clean_inline(heading.group("text")))
                .rstrip(":")
                .strip(),
                level=len(heading.group("hashes")),
                line=number,
            )
            blocks.append(current)
        else:
            current.lines.append((number, line.rstrip()))
    return blocks, preamble
