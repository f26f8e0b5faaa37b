"""Joining an entry to an earlier story: another telling of it (questions, principles and lines
join) or a continuation ("Overbooked wedding (cont)": its text joins too)."""

from __future__ import annotations

import re
from pathlib import Path

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Sections, Story

CONTINUED = re.compile(
    r"^(?P<base>.+?)[\s,:-]*[(\[]?\s*(?:cont(?:'d|inued|d)?\.?|ctd\.?|part (?:2|3|4|two|three)|"
    r"(?:the )?rest)\s*[)\]]?\s*$",
    re.IGNORECASE,
)
# "Flooded basement - cont'd - the drains...": the marker at the start of the entry's own words
CONTINUED_OPENING = re.compile(
    r"^(?:\w+:\s+)?(?P<base>[^.:(\-–—]{2,60}?)\s*[-–—:(]\s*(?:cont(?:'d|inued|d)?\.?|ctd\.?|"
    r"part (?:2|3|4|two|three))\s*\)?\s*[-–—:]",
    re.IGNORECASE,
)


def plain_title(title: str) -> str:
    """A title as words only, to match "Overbooked wedding" with "overbooked wedding:"."""
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))


def continue_story(first: Story, story: Story, headings: list[str]) -> Story:
    """``first`` told on with the text of an entry that continues it."""
    joined = fold(first, story, headings, "continued under")
    labelled = [any(s.sections.present().values()) for s in (first, story)]
    if not all(labelled):
        body = " ".join(t for t in (first.text(), story.text()) if t)
        sections = Sections()
    else:
        body = ""
        sections = Sections(**{
            name: " ".join(t for t in (getattr(first.sections, name),
                                       getattr(story.sections, name)) if t)
            for name in SECTION_NAMES
        })  # fmt: skip
    return joined.model_copy(
        update={
            "body": body,
            "sections": sections,
            "metrics": [*first.metrics, *story.metrics],
            "people": list(dict.fromkeys([*first.people, *story.people])),
            "thin": first.thin and story.thin,
            "missing": [m for m in first.missing if m in story.missing],
        }
    )


def fold(first: Story, story: Story, headings: list[str], how: str) -> Story:
    """``first`` with the questions, principles and line ranges of another telling of it."""
    principles = list(dict.fromkeys([*first.principles, *story.principles]))
    where = " / ".join(headings) or "the top of the file"
    place = Path(story.source).name
    return first.model_copy(
        update={
            "questions": list(dict.fromkeys([*first.questions, *story.questions])),
            "primary_principle": principles[0] if principles else None,
            "secondary_principles": principles[1:],
            "spans": [*first.spans, *story.spans],
            "inferred": [*first.inferred, f"{how} '{where}' ({place})"],
        }
    )


