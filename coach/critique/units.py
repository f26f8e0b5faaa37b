"""An answer cut into the units a listener hears: hard-wrapped lines joined, sentences and
clauses split, a spoken run-on cut where a new step starts, and each unit carrying the STAR
part its own markup names ("S:", "**Task**:", "### Result", SPSIL letters, "Steps taken:")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.knowledge.notes.labels import (
    LETTERS,
    dash_label,
    leading_label,
    letter_label,
    section_for,
)
from coach.text.sentences import split_clauses, split_sentences

_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-*•+]\s+|\d+[.)]\s+)*")
_EMPHASIS = re.compile(r"\*\*|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")  # bold and italic markers only

@dataclass(frozen=True)
class Unit:
    """A sentence (or clause) of the answer, with the part its own markup names, if any."""

    text: str
    label: str | None


def logical_lines(text: str) -> list[str]:
    """Lines as written, with hard-wrapped prose joined back: a line continues the one above
    unless it opens with markup (bullet, number, heading, label) or the one above ended a
    sentence or was blank."""
    out: list[str] = []
    joinable = False
    for raw in text.splitlines():
        if not raw.strip():
            joinable = False
            continue
        starts_new = bool(_MARKUP.match(raw).group(0).strip()) or _label(
            _EMPHASIS.sub("", raw).strip(), []
        )
        if out and joinable and not starts_new:
            out[-1] = f"{out[-1]} {raw.strip()}"
        else:
            out.append(raw)
        heading = raw.lstrip().startswith("#") or _label_only(raw) is not None
        joinable = not heading and not raw.rstrip().endswith((".", "!", "?", ":", '"', "”"))
    return out


def _label_only(raw: str) -> str | None:
    """The section a line names when it is nothing but a label ("### **Situation**")."""
    word = _EMPHASIS.sub("", _MARKUP.sub("", raw)).strip().strip(":").strip()
    if not word or (" " in word.strip() and len(word.split()) > 2):
        return None
    return section_for(word.replace(" ", "")) if len(word.split()) == 1 else None


# "...got it wrong. - My goal was... - I wrote...": a list pasted or typed on one line
_INLINE_BULLET = re.compile(r"(?<=[.!?:])\s+[-•*]\s+(?=[A-Z])")
_INLINE_BULLETS = 2  # fewer is a dash in a sentence, not a list


def _lines_for_bullets(text: str) -> str:
    """Bullets typed inline put back on lines of their own."""
    if len(_INLINE_BULLET.findall(text)) < _INLINE_BULLETS:
        return text
    return _INLINE_BULLET.sub("\n- ", text)


def answer_units(text: str) -> list[Unit]:
    """The answer cut into sentences, each carrying the label of the line or heading above it."""
    text = _lines_for_bullets(text)
    units: list[Unit] = []
    current: str | None = None
    seen: list[str] = []
    for raw in logical_lines(text):
        only = _label_only(raw)
        if only is not None:
            current = only
            seen.append(only)
            continue
        line = _EMPHASIS.sub("", _MARKUP.sub("", raw)).strip().strip('"“”')
        if not line:
            continue
        labelled = _label(line, seen)
        if labelled is not None:
            current, line = labelled
            seen.append(current)
        for sentence in split_sentences(line):
            inline = _label(sentence, seen)  # "...two weeks. My actions: a new triage form..."
            if inline is not None and inline[1]:
                current, sentence = inline
                seen.append(current)
            for clause in split_clauses(sentence):
                units += [Unit(piece, current) for piece in _run_on_pieces(clause)]
    return units


RUN_ON_WORDS = 40  # a spoken run-on this long is heard as several sentences
_RUN_ON_CUT = re.compile(
    r"(?:,\s+|\s+)(?=(?:so|and then|and|but|then)\s+(?:I|we)\s)|"
    # a turn of the story after a comma: ", and on the third day he came", ", and from this I
    # learned", ", he got married in it"
    r",\s+(?=(?:and\s+)?(?:(?:on|after|by|in|at) (?:the|that) (?:\w+ )?(?:day|week|night|"
    r"morning|end|time)|from this|since then|in the end|later|finally|now)\b)|"
    r",\s+(?=(?:he|she|they) (?:\w+ed|got|came|went|said|told|sent|wrote|took|gave|made)\b)"
)


def _run_on_pieces(text: str, min_words: int = 6) -> list[str]:
    """A run-on sentence of speech ("...and I went to the owner and I told him... so I started
    a log...") cut where the speaker starts a new step, as a listener hears it."""
    if len(text.split()) <= RUN_ON_WORDS:
        return [text]
    pieces: list[str] = []
    for piece in _RUN_ON_CUT.split(text):
        piece = piece.strip()
        if pieces and len(piece.split()) < min_words:
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return pieces or [text]


_OWNED_LABEL = re.compile(r"^(?:my|our|the)\s+(?=[A-Za-z]{3,12}(?:\s+taken)?\s*:)", re.IGNORECASE)
_STEPS = re.compile(r"^steps\s*:", re.IGNORECASE)
_LABEL_TAIL = re.compile(r"^(?P<word>[A-Za-z]{3,12})\s+(?:taken|I took|we took)\s*:", re.IGNORECASE)


def _label(line: str, seen: list[str]) -> tuple[str, str] | None:
    """(section, rest) when a line opens with a section label ("Result:", "My goal:")."""
    line = _LABEL_TAIL.sub(r"\g<word>:", _OWNED_LABEL.sub("", line))  # "Steps taken:" -> "Steps:"
    line = _STEPS.sub("Actions:", line)  # in an answer, "Steps I took:" lists the actions
    letter = letter_label(line)
    if letter is not None:
        mark, rest, named = letter
        section = named or LETTERS.get(mark)
        if mark == "S" and not named and "task" in seen and "action" not in seen:
            section = "action"  # SPSIL: the second S is the solution
        return (section, rest) if section else None
    return leading_label(line) or dash_label(line)
