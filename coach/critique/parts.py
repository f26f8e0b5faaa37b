"""Which STAR parts an answer holds, by rules a reviewer can check (docs/CRITIQUE_RULES.md).

Evidence in order of trust: the answer's own labels ("S:", "**Task**:", a "### Result" heading,
SPSIL letters), then cue phrases of each part ("my goal was", "I learned"), then the sentence
labeller for context and outcomes that carry no cue. Hypothetical sentences never count as
actions or results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.core.ids import SECTION_NAMES
from coach.critique.signals import hypothetical_sentences, measured_outcome
from coach.knowledge.notes.labels import (
    LETTERS,
    dash_label,
    leading_label,
    letter_label,
    section_for,
)
from coach.text.english import is_known
from coach.text.sentences import split_clauses, split_sentences
from coach.text.star_cues import _PAST, CUES

MIN_WORDS = 2  # a labelled line needs this many words to count as that part
CONTEXT_CONFIDENCE = 0.5  # an uncued sentence the labeller calls context
RESULT_CONFIDENCE = 0.5  # an uncued sentence the labeller calls an outcome
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-*•+]\s+|\d+[.)]\s+)*")
_EMPHASIS = re.compile(r"\*\*|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")  # bold and italic markers only
_ACTOR_DID = re.compile(
    rf"\b(I|we)\b(?:,? (?:\w+ly|also|then|first|just|personally|myself|finally|eventually|"
    rf"together|all|both|each|later|soon|again|now|quickly|immediately))?,? {_PAST}\b",
    re.IGNORECASE,
)
_NOT_DOING = re.compile(
    r"\b(I|we) (thought|believed|knew|felt|understood|realised|realized|learned|learnt|wanted|"
    r"needed|decided|hoped|liked|loved|hated|preferred|worried|wondered|guessed|assumed|expected|"
    r"noticed|was|were|had|used to|seemed|appeared)\b",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(
    r"\b(would|will|could|should|might|usually|always|generally|typically|normally|often|"
    r"tend to|'d|'ll)\s+$",
    re.IGNORECASE,
)
_HABIT = re.compile(r"\b(always|usually|generally|normally|typically|every time|whenever)\b", re.I)
_REQUESTED = re.compile(r"\b(asked|told|needed|wanted|assigned|tasked) (me|us) to\b", re.I)
_CONDITION = re.compile(r"\b(if|unless|whenever|when(ever)?) (I|we) [^,]{1,80},", re.IGNORECASE)
_PLACE_OPENING = re.compile(
    r"^(At|In|On|With|For|During|Back at) [A-Z][\w&.'-]+|"  # "At Amazon"
    # "In the hospital laboratory I was responsible for...": a place, then the speaker's role
    r"^(At|In|On|During) (the|my|our|a|an|his|her|their) [^,.]{2,40}?,? (I|we) (was|were|"
    r"worked|had|ran|managed|looked after|led)\b"
)
_ACTOR = re.compile(r"\b(I|we)\b", re.IGNORECASE)
_CLAUSE_OPENERS = frozenset(
    """and then so but because when after before while once until since first finally later
    also eventually ultimately instead therefore thus meanwhile next immediately quickly together
    here there today yesterday day week month year morning afternoon evening night time that
    where which who how why what if or yet still again soon now even just only actually""".split()
)
_ACHIEVED = re.compile(
    r"\b(I|we)\b( \w+ly| also| then| finally)? (collected|reached|achieved|delivered|finished|"
    r"completed|hit|met|saved|cut|reduced|increased|grew|doubled|halved|won|closed|raised|sold|"
    r"signed|launched|shipped|passed|recovered|gained|exceeded|beat|hired|onboarded|trained)\b",
    re.IGNORECASE,
)
_PROBLEM_CLAUSE = re.compile(
    r"(,|;)? (but|however|although|yet) (?!I |we )[\w' -]{3,80}\b(was|were|had|kept|took|"
    r"failed|broke|did not|didn'?t|could not|couldn'?t)\b",
    re.IGNORECASE,
)
_LATER = re.compile(
    r"^(after (that|some time|a while|\w+ (days?|weeks?|months?|years?))|within |by the end of |"
    r"over the (next|following) |in the (following|next) |later|since then)",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b(I|we)\b( \w+ly)? (ended|finished|closed|came in|landed|went from)\b", re.IGNORECASE
)
_BARE_PAST = re.compile(rf"^(?:\w+ly )?{_PAST}\b(?! by\b)")  # "Wrote a quickstart guide."


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


def answer_units(text: str) -> list[Unit]:
    """The answer cut into sentences, each carrying the label of the line or heading above it."""
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
                units.append(Unit(clause, current))
    return units


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


def is_hypothetical(text: str) -> bool:
    """What the speaker would, usually or generally does: not one real event. A lesson ("next
    time I would"), reported speech ("I told him I would") and a plan told in the past ("I set a
    rule that I would stop") are not hypothetical."""
    if CUES["lesson"].search(text) or CUES["task"].search(text):
        return False
    if not hypothetical_sentences([text]):
        return False
    text = _CONDITION.sub(" ", text)  # "if I suspected an error, I would...": no event
    modal = re.search(r"\b(would|will|'d|usually|generally|typically|always)\b", text, re.I)
    if modal and re.search(r"\b(was|were|had|did)\b", text[: modal.start()], re.I):
        return False  # a plan or a risk told in the past: "the risk was that I would..."
    return not _ACTOR_DID.search(_without_modal_verbs(text))


def _without_modal_verbs(text: str) -> str:
    return re.sub(r"\b(would|will|could|should|might)\s+\w+", " ", text, flags=re.IGNORECASE)


_SPOKEN_FILLER = re.compile(
    r",?\s*\b(um+|uh+|erm|basically|just|kind of|sort of|you know|like|really|actually)\b,?",
    re.IGNORECASE,
)


def _plain_opening(text: str) -> str:
    """A sentence without spoken fillers and a leading "so"/"well"/"and", capitalised again."""
    text = " ".join(_SPOKEN_FILLER.sub(" ", text).split())
    text = re.sub(r"^(so|well|and|ok|okay|right)\b[,\s]*", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


# "First I ask the waiter...", "then I move one porter": the present tense many speakers use for a
# past event they are telling (not a habit: "always", "usually" make a sentence hypothetical)
_TOLD_IN_PRESENT = re.compile(
    r"\b(?:first|then|after that|next|so|and|also|finally|now)?,? ?(I|we)\b(?: also| then| just| "
    r"first| quickly)? (?!(?:am|are|have|think|believe|know|feel|want|need|like|love|hope|"
    r"always|usually|often|never|would|will|can|could|should|must|may|might|do|does|did|"
    r"don|didn|doesn|wasn|weren|isn|aren|hadn|haven|got|thought|felt|knew|saw|was|were)\b)"
    r"(?P<verb>[a-z]{3,})(?<!ing)(?<!ed)\b",
    re.IGNORECASE,
)
# base forms whose past tense is not "-ed" (everyday English, not anyone's jargon)
_IRREGULAR = frozenset(
    "find take make go give tell write send bring buy sit put set run speak meet build choose "
    "teach show leave keep lead pay hold begin cut drive read spend stand win sell fight catch "
    "feel get come see do say let draw".split()
)
_NOT_PAST = r"(?!(?:need|indeed|speed|feed|seed|breed|weed|deed|bleed|greed|proceed)\b)"
_PAST_EVENT = re.compile(
    rf"\b(was|were|had|did|{_NOT_PAST}{_PAST}|"
    r"last (year|month|week|winter|summer|spring|autumn|fall)|"
    r"\w+ (years?|months?|weeks?) ago|one (day|night|morning|time)|once)\b",
    re.IGNORECASE,
)


def _base_verb(word: str) -> bool:
    """Whether a word is the plain form of a verb: its "-ed" past is a word, or it is one of
    the common irregular verbs ("ask" -> "asked", "find"), so "I ask him" is an action told in
    the present while "I thought" or "I got" are not steps."""
    word = word.lower()
    if word in _IRREGULAR:
        return True
    return any(is_known(form) for form in (f"{word}ed", f"{word}d", f"{word[:-1]}ied")) and (
        is_known(word)
    )


def tells_past_event(text: str) -> bool:
    """Whether an answer tells something that happened (past tense or a time it happened)."""
    return bool(_PAST_EVENT.search(text))


def does_something(text: str, narrative: bool = False) -> bool:
    """I or we did something concrete, in the past, in this sentence. ``narrative``: the answer
    tells a past event, so a verb in the present ("then I ask him") tells a step of it."""
    text = " ".join(_SPOKEN_FILLER.sub(" ", text).split())
    text = _CONDITION.sub(" ", text) if re.search(r"\b(would|'d)\b", text) else text
    if narrative and not _HABIT.search(text):
        for match in _TOLD_IN_PRESENT.finditer(text):
            if not _MODAL_BEFORE.search(text[: match.start()]) and _base_verb(match["verb"]):
                return True
    for match in _ACTOR_DID.finditer(text):
        before = text[: match.start()]
        if _MODAL_BEFORE.search(before):
            continue
        previous = re.search(r"(\w+)\W*$", before)
        after_word = before.rstrip()[-1:].isalnum()
        if previous and after_word and previous.group(1).lower() not in _CLAUSE_OPENERS:
            continue  # "the colours we extracted": a relative clause, not an action
        if _NOT_DOING.match(text[match.start() :]):
            continue
        return True
    return bool(_BARE_PAST.match(text))


@dataclass
class Parts:
    """Which parts are present, and the sentence that showed each one."""

    present: dict[str, bool]
    evidence: dict[str, str]
    hypothetical: list[str]


# when the event happened, said in an opening that also states the task: it sets the scene too
_SCENE_TIME = re.compile(
    r"\b(once|one (day|night|morning|afternoon|evening|week|weekend|winter|summer|spring|autumn)"
    r"|last (year|month|week|spring|summer|autumn|winter)|at (about |around )?\d{1,2}(:\d\d)? ?"
    r"(am|pm|a\.m\.|p\.m\.)|in (19|20)\d\d|(a few|two|three|\d+) (years|months) ago|back in)\b",
    re.IGNORECASE,
)


def find_parts(units: list[Unit], labels: list[str], confidences: list[float]) -> Parts:
    """Presence of each STAR part. ``labels``/``confidences``: the sentence labeller's output for
    the same units (used only where no label or cue decides)."""
    present = dict.fromkeys(SECTION_NAMES, False)
    evidence: dict[str, str] = {}
    hypothetical = [u.text for u in units if is_hypothetical(u.text)]
    n = len(units)
    narrative = tells_past_event(" ".join(u.text for u in units))
    told = [
        i for i, u in enumerate(units)
        if u.text not in hypothetical and not CUES["lesson"].search(u.text)
    ]  # fmt: skip
    last = told[-1] if told else -1

    def mark(part: str, text: str) -> None:
        if not present[part]:
            present[part], evidence[part] = True, text

    for index, unit in enumerate(units):
        text = unit.text
        if unit.label and len(text.split()) >= MIN_WORDS:
            mark(unit.label, text)
        if text in hypothetical:
            continue  # what someone would or usually does is no part of a real event
        cued = {part for part, pattern in CUES.items() if pattern.search(text)}
        if "task" in cued:
            mark("task", text)
        if "lesson" in cued:
            mark("lesson", text)
        plain = _plain_opening(text)
        if "situation" in cued or CUES["situation"].search(plain) or _PLACE_OPENING.match(plain):
            mark("situation", text)
        acted = does_something(text, narrative)
        if acted and not cued & {"lesson", "task"}:
            mark("action", text)  # "I set myself the goal..." states the task, not an action

        if (index > 0 or n == 1) and not cued & {"lesson", "task"}:
            if "result" in cued:  # an opening states the problem, unless it is all there is
                mark("result", text)
            elif index >= n / 2 and (
                (not _ACTOR.search(text) and (measured_outcome(text) or _LATER.match(text)))
                or (_LATER.match(plain) and measured_outcome(text))
            ):
                mark("result", text)  # "The road reopened two days early.", "After a month, ..."
            elif index == last and index >= 2 and not acted and tells_past_event(text) and (
                not _HABIT.search(text)
            ):
                mark("result", text)  # how the story ends: "He thanked my team lead."
            elif index >= 2 * n / 3 and _ACHIEVED.search(text) and measured_outcome(text):
                mark("result", text)  # "In three days we collected more than 10K images."
            elif index == last and narrative and _ENDED.search(text) and measured_outcome(text):
                mark("result", text)  # "We ended at 88 percent of target."
        label, confidence = labels[index], confidences[index]
        opening = index == 0 and len(text.split()) >= 4
        specific = tells_past_event(text) or _PLACE_OPENING.match(plain)
        if opening and specific and not cued & {"task", "action", "result", "lesson"}:
            mark("situation", text)  # an uncued opening that tells an event sets the scene
        elif opening and specific and cued == {"task"} and _SCENE_TIME.search(text):
            mark("situation", text)  # "I was the on-call electrician for a food factory, and
            # one night at 2 am the line tripped...": one opening carries the role and the scene
        elif opening and _REQUESTED.search(text):
            mark("situation", text)  # "My manager asked me to train a model for a demo."
        elif opening and _PROBLEM_CLAUSE.search(text):
            mark("situation", text)  # "We wanted to demo often, but building it was slow."
        elif label == "situation" and confidence >= CONTEXT_CONFIDENCE and not cued:
            mark("situation", text)
        if label == "result" and confidence >= RESULT_CONFIDENCE and index >= n / 2 and not cued:
            mark("result", text)
    return Parts(present, evidence, hypothetical)
