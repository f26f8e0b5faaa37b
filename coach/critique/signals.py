"""Surface signals in a typed answer, each with the words that triggered it (no model involved).

Every detector returns quoted evidence, so a flag can always show the candidate what it saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.text.claims import claimed
from coach.text.people import name_mentions

WORDS_PER_MINUTE = 140
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
# Subjects only: "I built" against "we built". Possessives ("our demos", "my team") say nothing
# about who did the work.
_I = re.compile(r"\b(I|I'm|I've|I'd|I'll)\b")
_WE = re.compile(r"\b([Ww]e|[Ww]e're|[Ww]e've|[Ww]e'd|[Ww]e'll)\b")
_FILLERS = re.compile(
    r"\b(um+|uh+|erm|er|you know|basically|literally|kind of|sort of|I mean|I guess|so yeah|"
    r"stuff like that|or whatever|or something|to be fair|honestly|obviously)\b|"
    r"(?<=,)\s*like\s*(?=,)|\blike,",
    re.IGNORECASE,
)
_HEDGES = re.compile(r"\b(I think|maybe|probably|perhaps|somewhat|I believe)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(I(?:'d| would| will| usually| always| generally| typically| normally| tend to)|"
    r"in (a|any) (situation|case) like (that|this)|if I (were|was) in|what I would do|"
    r"generally|usually|typically|in general|as a rule|never happens)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(told|said|promised|assured|agreed|explained|knew|thought|decided|believed|hoped|"
    r"wrote|asked|proposed|suggested|whether)\b",
    re.IGNORECASE,
)
_BLAME = re.compile(
    r"\b((his|her|their|its|my manager's|my boss's|the other team's|[a-z]+'s) fault|"
    r"not my fault|wasn't my fault|to blame|blamed? (him|her|them|the)|"
    r"caused the (whole|entire) (mess|problem)|threw me under the bus|"
    r"(he|she|they) (was|were) (lazy|incompetent|useless|clueless|terrible|impossible|hopeless)|"
    r"(he|she|they) never listened|only cared about (his|her|their) own|"
    r"because of (his|her|their) (laziness|incompetence|mistakes?))\b",
    re.IGNORECASE,
)
_CODE_NAME = re.compile(r"\b(?:Project|Codename|Code name|Operation) ([A-Z][A-Za-z0-9]+)\b")
_QUANTITY_WORDS = re.compile(
    r"\b(doubled|tripled|halved|\d+x|\d+ times|twice as|percent)\b", re.IGNORECASE
)


def word_count(text: str) -> int:
    """Spoken words in a text."""
    return len(_WORD.findall(text))


def speaking_seconds(words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Seconds it takes to say ``words`` at a steady interview pace."""
    return round(words / words_per_minute * 60)


@dataclass(frozen=True)
class Voice:
    """How often the answer says "I" against "we"."""

    i_count: int
    we_count: int
    we_examples: tuple[str, ...]

    @property
    def i_share(self) -> float:
        total = self.i_count + self.we_count
        return self.i_count / total if total else 0.0


def voice(text: str) -> Voice:
    """Count first-person singular against plural; keep a few "we" phrases as evidence."""
    we = [m for m in _WE.finditer(text)]
    examples = tuple(_around(text, m.start(), m.end(), 4) for m in we[:3])
    return Voice(len(_I.findall(text)), len(we), examples)


def fillers(text: str) -> list[str]:
    """Filler and hedge words, in order of appearance, as they were written."""
    found = [(m.start(), m.group(0).strip(" ,")) for m in _FILLERS.finditer(text)]
    found += [(m.start(), m.group(0)) for m in _HEDGES.finditer(text)]
    return [word for _, word in sorted(found)]


def hypothetical_sentences(sentences: list[str]) -> list[str]:
    """Sentences about what the candidate would or usually does, not what they did."""
    out = []
    for sentence in sentences:
        match = _HYPOTHETICAL.search(sentence)
        if match and not _REPORTED.search(sentence[: match.start()]):
            out.append(sentence)
    return out


def blame_sentences(sentences: list[str]) -> list[str]:
    """Sentences that put the fault on someone else."""
    return [s for s in sentences if _BLAME.search(s)]


def named_people(text: str) -> list[str]:
    """Colleagues named outright: a known first name, or a name set beside a role."""
    return [_around(text, start, end, 3) if known else said
            for said, start, end, known in name_mentions(text)]  # fmt: skip


def code_names(text: str) -> list[str]:
    """Internal project code names ("Project Falcon"), which interviewers may see as a leak."""
    return [m.group(0) for m in _CODE_NAME.finditer(text)]


def claim_figures(text: str) -> set[str]:
    """Figures a sentence claims (digits and number words, but not "one" or "once")."""
    return set(claimed(text))


def has_quantity(text: str) -> bool:
    """Whether a text states a figure or a measured change ("doubled", "3x")."""
    return bool(claim_figures(text)) or bool(_QUANTITY_WORDS.search(text))


def _around(text: str, start: int, end: int, words: int) -> str:
    """The matched words with a little context either side, as a quote."""
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    return " ".join([*before, text[start:end], *after]).strip()
