"""Figures in notes said as a sentence: a change between two figures ("350/h -> 610/h", "92%
accuracy (up from 65%)", "30% reduction in tickets") gets the verb its own words give, a label
naming the measure is kept, and rates per unit are said in words."""

from __future__ import annotations

import re

from coach.text.clauses import FINITE, SUBJECT_FIRST

_FIGURE = (
    r"[$£€~]?\d[\d,.]*(?:\s*(?:%|x|k|m|ms|s|h|/h|/s|hrs?|hours?|days?|weeks?|wks?|min)(?![A-Za-z]))?"
)
FROM_TO = re.compile(rf"(?P<a>{_FIGURE})\s*(?:-{{1,3}}>|=>|→|->)\s*(?P<b>{_FIGURE})", re.I)
def _has_verb(words: str) -> bool:
    """Whether words hold a finite verb anywhere, the first word included."""
    return bool(FINITE.search(f" {words} "))


_MEASURE_FIRST = re.compile(r"^(?P<what>[A-Za-z][\w'-]*(?: [A-Za-z][\w'-]*){0,4}) from ")


def went(text: str, changes: list[str]) -> str:
    """"pick rate from 350 to 610" (an arrow between two figures of one measure) is said with
    the verb the arrow stands for: "pick rate went from 350 to 610". Only when the words before
    "from" name the measure and hold no verb of their own."""
    match = _MEASURE_FIRST.match(text)
    what = match.group("what") if match else ""
    if not match or _has_verb(what) or _has_verb(text) or SUBJECT_FIRST.search(what):
        return text
    changes.append("an arrow between two figures said as 'went from ... to'")
    return f"{match.group('what')} went {text[len(match.group('what')) + 1 :]}"


_WHAT = r"(?P<what>[A-Za-z][\w/'-]*(?: [A-Za-z][\w/'-]*){0,5})"  # the measure's name
_UP_OR_DOWN = rf"\((?P<dir>up|down) from (?P<b>{_FIGURE})(?: [a-z]+)?\)\.?$"
_UP_FROM = re.compile(rf"^(?P<a>{_FIGURE})\s+{_WHAT}\s*{_UP_OR_DOWN}", re.IGNORECASE)
_UP_FROM_AFTER = re.compile(rf"^{_WHAT}\s+(?P<a>{_FIGURE})\s*{_UP_OR_DOWN}", re.IGNORECASE)
_CHANGE_IN = re.compile(
    rf"^(?P<a>{_FIGURE})\s+(?P<dir>increase|rise|growth|gain|improvement|decrease|drop|"
    rf"reduction|fall|cut)\s+in\s+{_WHAT}\.?$",
    re.IGNORECASE,
)
_UP_WORDS = ("increase", "rise", "growth", "gain", "improvement", "up")


def measured_change(text: str, changes: list[str]) -> str:
    """A measure told as a change with no verb ("92% model accuracy (up from 65% initial)",
    "60% increase in feature usage") is said with the verb its own words give: "Model accuracy
    went up from 65% to 92%", "Feature usage went up by 60%"."""
    match = _UP_FROM.match(text) or _UP_FROM_AFTER.match(text)
    if match and not _has_verb(match.group("what")):
        direction = "up" if match.group("dir").lower() == "up" else "down"
        changes.append("a change between two figures said as 'went up/down from ... to'")
        return (
            f"{match.group('what')} went {direction} from {match.group('b').strip()} "
            f"to {match.group('a').strip()}"
        )
    match = _CHANGE_IN.match(text)
    if match and not _has_verb(match.group("what")):
        direction = "up" if match.group("dir").lower() in _UP_WORDS else "down"
        changes.append(f"'{match.group('dir')} in' said as 'went {direction} by'")
        return f"{match.group('what')} went {direction} by {match.group('a').strip()}"
    return text


PER_UNIT = (
    (re.compile(r"(?<=\d)\s*/\s*(?:h|hr|hour)\b", re.I), " an hour"),
    (re.compile(r"(?<=\d)\s*/\s*(?:d|day)\b", re.I), " a day"),
    (re.compile(r"(?<=\d)\s*/\s*(?:wk|week)\b", re.I), " a week"),
    (re.compile(r"(?<=\d)\s*/\s*(?:mo|month)\b", re.I), " a month"),
    (re.compile(r"(?<=\d)\s*/\s*(?:min|minute)\b", re.I), " a minute"),
)


def sentence_case(label: str) -> str:
    """"Turnaround Time" -> "Turnaround time" (acronyms and the first word kept)."""
    first, *rest = label.split()
    return " ".join([first, *(w.lower() if w[1:].islower() else w for w in rest)])


def starts_with_change(text: str) -> bool:
    """Whether a note opens with a change between two figures ("2 days -> 1 day ...")."""
    return bool(FROM_TO.match(text.strip()))


_MEASURE_LABEL = re.compile(r"[A-Za-z][A-Za-z'/&-]*(?: [A-Za-z][A-Za-z'/&-]*){0,3}")


def is_measure_label(text: str) -> bool:
    """Whether a note is a bare label of one to four words with no verb ("Turnaround Time")."""
    return bool(_MEASURE_LABEL.fullmatch(text.strip())) and not _has_verb(text)
