"""Notes exported from a word processor as HTML (``<p><b>Situation:</b> ...<br>``), read as the
Markdown they stand for, line by line, so every line keeps its number.

Only a file that reads as HTML is touched (several paragraph, break, bold or heading tags): a
stray ``<b>`` in Markdown notes stays as written. A paragraph that opens on a line of its own
starts with a blank line carrying the same number, as a blank line would in Markdown.
"""

from __future__ import annotations

import html
import re

_HTML_TAG = re.compile(r"</?(?:p|br|b|strong|i|em|h[1-6]|li|ul|ol|div|span)\b[^>]*>", re.I)
_MIN_TAGS = 4
_HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*>(?P<text>.*?)</h[1-6]>", re.I)
_BOLD = re.compile(r"</?(?:b|strong)\b[^>]*>", re.I)
_ITALIC = re.compile(r"</?(?:i|em)\b[^>]*>", re.I)
_ITEM = re.compile(r"<li\b[^>]*>", re.I)
_PARAGRAPH_START = re.compile(r"^\s*<(?:p|div)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]+>")


def looks_like_html(text: str) -> bool:
    """Whether a notes file is an HTML export rather than Markdown with a stray tag."""
    return len(_HTML_TAG.findall(text)) >= _MIN_TAGS


def markdown_lines(line: str) -> list[str]:
    """One line of HTML as Markdown: a heading, bold and italics kept, list items as bullets,
    other tags dropped and entities decoded; a blank line first when a paragraph opens here."""
    opens = bool(_PARAGRAPH_START.match(line))
    text = _HEADING.sub(lambda m: "#" * int(m["level"]) + " " + m["text"].strip(), line)
    text = _ITEM.sub("- ", _ITALIC.sub("*", _BOLD.sub("**", text)))
    text = html.unescape(_ANY_TAG.sub("", text)).replace("\xa0", " ")
    return ["", text.rstrip()] if opens else [text.rstrip()]


_SUMMARY = re.compile(
    r"^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>(?P<text>.*?)</summary>\s*$", re.I
)
_DETAILS = re.compile(r"^\s*</?details\b[^>]*>\s*$", re.I)


def collapsible_sections(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Collapsible ``<details>`` sections, as GitHub and some note apps keep them: each
    ``<summary>`` is a heading one level below the last heading above it, the ``<details>``
    lines are blank, every line keeping its number."""
    out: list[tuple[int, str]] = []
    level = 1
    for number, line in lines:
        heading = re.match(r"^\s*(#{1,6})\s", line)
        summary = _SUMMARY.match(line)
        if heading:
            level = len(heading.group(1))
        if summary:
            text = html.unescape(_ANY_TAG.sub("", summary.group("text"))).strip()
            out.append((number, f"{'#' * min(level + 1, 6)} {text}"))
        elif _DETAILS.match(line):
            out.append((number, ""))
        else:
            out.append((number, line))
    return out
