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
    r"\b(um+|uh+|erm|er|you know|basically|literally|kind of|kinda|sort of|sorta|I mean|I guess|"
    r"so yeah|or something|or whatever|stuff like that)\b|(?<=,)\s*like\s*(?=,)|\blike,|"
    r"(?<=\s)like(?= \w+ (who|which|that)\b)",
    re.IGNORECASE,
)
_HEDGES = re.compile(r"\b(maybe|probably|perhaps)\b", re.IGNORECASE)
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
    r"(was|were) (entirely |completely |all |totally )?(his|her|their) fault|to blame|"
    r"blamed? (him|her|them|the)|caused the (whole|entire) (mess|problem)|threw me under the bus|"
    r"(he|she|they|the \w+( \w+)?) (was|were) (so |very |just |really )?(lazy|incompetent|useless|"
    r"clueless|terrible|impossible|hopeless|careless|sloppy|unprofessional)|incompeten\w+|"
    r"laziness|(he|she|they) never (listened|bothered|cared)|never bothered|"
    r"only cared about (his|her|their) own|because of (his|her|their) (laziness|incompetence|"
    r"mistakes?|errors?)|(did not|didn'?t|failed to|refused to|never) (follow|update|respond|"
    r"deliver|do (his|her|their) (job|part))|(changed|delayed) and (changed|delayed))\b",
    re.IGNORECASE,
)
_OWN_SHARE = re.compile(
    r"\b(my (fault|mistake|error|share of)|the (error|mistake|fault) was mine|"
    r"I (should have|could have|missed|made a mistake|was wrong|take responsibility|took "
    r"responsibility|own(ed)? (it|the|my)|got it wrong|messed up|overlooked|apologi[sz]ed)|"
    r"(he|she|they) (was|were)n?'?t (intentionally|deliberately)|not intentionally|"
    r"from (his|her|their) (side|point of view|perspective)|I understood (why|that|their|his|her))",
    re.IGNORECASE,
)
_CODE_NAME = re.compile(r"\b(?:Project|Codename|Code name|Operation) ([A-Z][A-Za-z0-9]+)\b")
_QUANTITY_WORDS = re.compile(
    r"\b(doubled|tripled|halved|quadrupled|\d+x|\d+ times|twice as|percent|per ?cent)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = (
    r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|thousand|a few|a couple of|several|half an?|an?)"
)
_CHECKABLE = re.compile(
    rf"\b({_NUMBER_WORD} (minutes?|hours?|days?|weeks?|months?|years?|quarters?) "
    r"(later|earlier|early|ahead|sooner|after)|(within|in|under|inside) "
    rf"{_NUMBER_WORD} (minutes?|hours?|days?|weeks?|months?)|on time|on schedule|ahead of "
    r"(schedule|time)|before the (deadline|launch|audit|inspection|season|\w+ season|handover)|"
    r"(by|met|meet|hit|made|make|caught|catch) the deadline|on (their|the|its|our"
    r"|my) deadlines?|under budget|within budget|"
    r"(zero |no (more )?|none of the )([\w-]+ ){0,3}(errors|incidents"
    r"|findings|complaints|issues|bugs|"
    r"defects|failures|escalations|penalty|penalties|outages|returns|falls|breaches)|"
    r"(before|b4) (any |the )?(customers?|users?|consumers?|clients?"
    r"|patients?) (were|was|noticed|saw"
    r"|felt)|first (place|time|try)|ranked (\w+ )?(\d+\w*|first|second|third|top)|\d+(st|nd|rd|"
    r"th) (place|out of)|unanimous\w*|an? [A-F][+-]?(?= in| on| grade|\.|,| for)|(all|every) "
    r"(\d+ |\w+ )?(of (the|our|them) )?\w+ (passed|finished|delivered|arrived|signed|"
    r"completed))",
    re.IGNORECASE,
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
    """Sentences that put the fault on someone else, when the answer never states the speaker's
    own share of it nor shows understanding of the other side."""
    if any(_OWN_SHARE.search(s) for s in sentences):
        return []
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


def measured_outcome(text: str) -> bool:
    """A figure, a measured change or a checkable outcome ("on time", "zero errors", "within a
    few hours", "ranked first")."""
    return has_quantity(text) or bool(_CHECKABLE.search(text))


def _around(text: str, start: int, end: int, words: int) -> str:
    """The matched words with a little context either side, as a quote."""
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    return " ".join([*before, text[start:end], *after]).strip()
