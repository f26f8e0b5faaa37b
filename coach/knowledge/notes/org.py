"""Notes kept in Emacs org-mode, read as the Markdown they stand for, line by line.

``** Title   :tag:`` is a level-2 heading (TODO keywords and trailing tags dropped),
``#+TITLE:`` the file's title, other ``#+KEY:`` settings are blank, the ``:PROPERTIES:`` and
``:END:`` drawer lines are left out (every other line keeps its number), and a property inside
a drawer (``:LP: Ownership``) is a plain label line (``LP: Ownership``). Only a file that reads
as org-mode is touched: in Markdown a line starting with ``** `` (stars, then a space) is rare,
and ``#+KEY:`` lines and drawers never occur.
"""

from __future__ import annotations

import re

_SETTING = re.compile(r"^#\+(?P<key>[A-Za-z_]+):\s*(?P<value>.*)$")
_DRAWER = re.compile(r"^\s*:(?:PROPERTIES|END|LOGBOOK):\s*$", re.IGNORECASE)
_PROPERTY = re.compile(r"^\s*:(?P<key>[A-Za-z][\w-]*):\s+(?P<value>\S.*)$")
_STARS = re.compile(
    r"^(?P<stars>\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING)\s+)?(?P<text>.*?)"
    r"(?:\s+:[\w@#%:]+:)?\s*$"
)
_DEEP_STARS = re.compile(r"^\*{2,}\s+\S", re.MULTILINE)
_MIN_DEEP = 2


def looks_like_org(text: str) -> bool:
    """Whether a notes file is kept in org-mode: a ``#+KEY:`` setting or a property drawer,
    or at least two headings of two or more stars."""
    lines = text.splitlines()
    settings = any(_SETTING.match(line) for line in lines[:20])
    drawers = any(_DRAWER.match(line) for line in lines)
    return settings or drawers or len(_DEEP_STARS.findall(text)) >= _MIN_DEEP


def org_as_markdown(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each org-mode line as Markdown, keeping its number; drawer boundaries left out."""
    out: list[tuple[int, str]] = []
    drawer = False
    for number, line in lines:
        setting = _SETTING.match(line)
        heading = _STARS.match(line)
        if _DRAWER.match(line):  # left out, so a property sits right under its heading
            drawer = line.strip().upper() != ":END:"
        elif drawer and (prop := _PROPERTY.match(line)):
            out.append((number, f"{prop['key']}: {prop['value']}"))
        elif setting:
            title = setting["key"].upper() == "TITLE" and setting["value"].strip()
            out.append((number, f"# {setting['value'].strip()}" if title else ""))
        elif heading and heading["text"]:
            out.append((number, f"{'#' * min(len(heading['stars']), 6)} {heading['text']}"))
        else:
            out.append((number, line))
    return out
