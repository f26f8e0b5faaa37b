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
from coach.critique.signals import checkable_outcome, hypothetical_sentences, measured_outcome
from coach.critique.units import Unit
from coach.text.english import is_known
from coach.text.star_cues import _PAST, CASE_IN_HAND, CHECK_FINDING, CUES, EVENT_POST, NO_LESSON

MIN_WORDS = 2  # a labelled line needs this many words to count as that part
CONTEXT_CONFIDENCE = 0.5  # an uncued sentence the labeller calls context
RESULT_CONFIDENCE = 0.5  # an uncued sentence the labeller calls an outcome
_ACTOR_DID = re.compile(
    rf"\b(I|we)\b(?:,? (?:\w+ly|also|then|first|just|personally|myself|finally|eventually|"
    rf"together|all|both|each|later|soon|again|now|quickly|immediately))?,? {_PAST}\b",
    re.IGNORECASE,
)
_NOT_DOING = re.compile(
    r"\b(I|we) (thought|believed|knew|felt|understood|realised|realized|learned|learnt|wanted|"
    r"needed|decided|hoped|liked|loved|hated|preferred|worried|wondered|guessed|assumed|expected|"
    r"noticed|was|were|had|used to|seemed|appeared|lost|received|faced|suffered|inherited)\b",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(
    r"\b(would|will|could|should|might|usually|always|generally|typically|normally|often|"
    r"tend to|'d|'ll)\s+$",
    re.IGNORECASE,
)
_HABIT_SUBJECT = re.compile(r"\b(I|we) (usually|always|normally|generally|typically)\b", re.I)
_HABIT = re.compile(r"\b(always|usually|generally|normally|typically|every time|whenever)\b", re.I)
_REQUESTED = re.compile(r"\b(asked|told|needed|wanted|assigned|tasked) (me|us) to\b", re.I)
_CONDITION = re.compile(r"\b(if|unless|whenever|when(ever)?) (I|we) [^,]{1,80},", re.IGNORECASE)
# "if a customer was unhappy I'd...": the condition's past tense tells no past event
_IF_CLAUSE = re.compile(r"\b(if|when|whenever|unless)\b.*$", re.IGNORECASE)
_PLACE_OPENING = re.compile(
    r"^(At|In|On|With|For|During|Back at) [A-Z][\w&.'-]+|"  # "At Amazon"
    # "In the hospital laboratory I was responsible for...": a place, then the speaker's role
    r"^(?i:(at|in|on|during) (the|my|our|a|an|his|her|their) [^,.]{2,40}?,? (I|we) (was|were|"
    r"worked|had|ran|managed|looked after|led))\b"
)
_ACTOR = re.compile(r"\b(I|we)\b", re.IGNORECASE)
_SUBORDINATE_OPENING = re.compile(
    r"^\W*(when|after|once|as soon as|before|while|because|since|until)\b[^,]{3,80}\b"
    r"(arrived|came|came back|finished|ended|started|left|opened|closed|landed|returned|"
    r"\w+ed)\s*$",
    re.IGNORECASE,
)
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


_STEP_ON = re.compile(r"(and )?(then|next|after that|afterwards|also|finally|second|third)\b", re.I)


def _previous(units: list[Unit], unit: Unit) -> Unit:
    """The unit just before ``unit`` (itself when it is the first)."""
    index = units.index(unit)
    return units[index - 1] if index else unit


_OWN_PART_DONE = re.compile(r"\bI did my (part|bit|share)\b", re.I)  # an excuse, not a step
_DONE_IT = re.compile(
    r"\b(but|and|so) (I|we) (did it|made it|got it done|managed( it)?|pulled it off)\W*$", re.I
)
_PERSON_FIRST = re.compile(r"(he|she|they|the (owner|manager|client|customer|team))\b", re.I)
# a job told in the present: "I teach maths at a school", "we run the night shift in a hospital"
_JOB_IN_PRESENT = re.compile(
    r"(teach|work|manage|run|lead|coach|study|supervise|look after)\b( [\w-]+){0,3} "
    r"(at|in|for) (a|an|the|our|my|this)\b",
    re.IGNORECASE,
)
def is_hypothetical(text: str) -> bool:
    """What the speaker would, usually or generally does: not one real event. A lesson ("next
    time I would"), reported speech ("I told him I would") and a plan told in the past ("I set a
    rule that I would stop") are not hypothetical."""
    plain = _CONDITION.sub(" ", text)
    goal = CUES["task"].search(plain)
    if goal:
        head = re.split(r",|;|\bbut\b", plain[: goal.start()])[-1]  # the goal's own clause
        if _HABIT.search(head + goal.group(0)):
            goal = None  # "normally I try to use..." is a habit, not a goal
    if CUES["lesson"].search(text) or goal:
        return False
    if not hypothetical_sentences([text]):
        return False
    if _HABIT_SUBJECT.search(text) and not re.search(r"\b(was|were|had|did)\b", text, re.I):
        return True  # "I usually write a list and I put the deadlines next to it": a habit
    text = _CONDITION.sub(" ", text)  # "if I suspected an error, I would...": no event
    modal = re.search(r"\b(would|will|'d|usually|generally|typically|always)\b", text, re.I)
    before = _IF_CLAUSE.sub(" ", text[: modal.start()]) if modal else ""
    if modal and re.search(r"\b(was|were|had|did)\b", before, re.I):
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
    r"guess|suppose|mean|reckon|wish|prefer|enjoy|"
    r"always|usually|often|never|would|will|can|could|should|must|may|might|do|does|did|"
    r"don|didn|doesn|wasn|weren|isn|aren|hadn|haven|got|thought|felt|knew|saw|was|were)\b)"
    r"(?P<verb>[a-z]{3,})(?<!ing)(?<!ed)\b",
    re.IGNORECASE,
)
# base forms whose past tense is not "-ed" (everyday English, not anyone's jargon)
_IRREGULAR = frozenset(
    "find take make go give tell write send bring buy sit put set reset run speak meet build "
    "choose teach show leave keep lead pay hold begin cut drive read spend stand win sell fight "
    "catch feel get come see do say let draw".split()
)
# a participle after "is", "are", "get", "be" is present or general ("we are trained every year")
_NOT_PAST = r"(?!(?:need|indeed|speed|feed|seed|breed|weed|deed|bleed|greed|proceed)\b)"
_PAST_EVENT = re.compile(
    rf"\b(was|were|(?<!'ve )(?<!have )had|did|(?<!\bam )(?<!\bis )(?<!\bare )(?<!'re )"
    rf"(?<!\bget )(?<!\bgets )(?<!\bbe )(?<!\bbeen ){_NOT_PAST}{_PAST}|"
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
            if _JOB_IN_PRESENT.match(text[match.start("verb") :]):
                continue  # "I teach maths at a secondary school": the job, not a step
            if not _MODAL_BEFORE.search(text[: match.start()]) and _base_verb(match["verb"]):
                return True
    for match in _ACTOR_DID.finditer(text):
        before = text[: match.start()]
        if _MODAL_BEFORE.search(before):
            continue
        previous = re.search(r"(\w+)\W*$", before)
        after_word = before.rstrip()[-1:].isalnum()
        subordinate = _SUBORDINATE_OPENING.match(before) and "," not in before
        if previous and after_word and previous.group(1).lower() not in _CLAUSE_OPENERS and (
            not subordinate
        ):
            continue  # "the colours we extracted": a relative clause, not an action
            # ("When the report arrived I reviewed it": the clause before ends at "arrived")
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
    hypothetical = []
    for unit in units:  # "What I usually do is... Then I repeat back...": the habit goes on
        going_on = hypothetical and hypothetical[-1] == _previous(units, unit).text
        if is_hypothetical(unit.text) or (going_on and _STEP_ON.match(unit.text) and not (
            does_something(unit.text)
        )):
            hypothetical.append(unit.text)
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

    def late_request(index: int) -> bool:
        """A request told after the task is known, in the second half: what happened next."""
        text = units[index].text
        return present["task"] and index >= n / 2 and bool(_REQUESTED.search(text)) and (
            tells_past_event(text)
        )

    for index, unit in enumerate(units):
        text = unit.text
        if unit.label and len(text.split()) >= MIN_WORDS:
            mark(unit.label, text)
        if text in hypothetical:
            continue  # what someone would or usually does is no part of a real event
        cued = {part for part, pattern in CUES.items() if pattern.search(text)}
        if NO_LESSON.search(text):
            cued.discard("lesson")  # "looking back, there was little I could have done"
        head = text[: m.start()] if (m := CUES["lesson"].search(text)) and index >= n / 2 else ""
        head = re.sub(r"[\s,;]*(\b(and|so))?[\s,;]*$", "", head)
        if len(head.split()) >= 4 and not _ACTOR.search(head) and tells_past_event(head):
            mark("result", head)  # "They renewed with us, and I learned to...": both parts
        if CHECK_FINDING.search(text):
            cued.discard("result")  # "I checked the cables and they were okay": a step's finding
        if "task" in cued:
            mark("task", text)
        if "lesson" in cued:
            mark("lesson", text)
        plain = _plain_opening(text)
        placed = _PLACE_OPENING.match(plain) or _PLACE_OPENING.match(_plain_opening(plain))
        if "situation" in cued or CUES["situation"].search(plain) or placed:  # "Okay so at the..."
            mark("situation", text)
        acted = does_something(_OWN_PART_DONE.sub(" ", text), narrative)  # "I did my part"
        if index == last and (done := _DONE_IT.search(text)):
            mark("result", done.group(0))  # "...it was hard but I did it": how it ended
        if acted and not cued & {"lesson", "task"}:
            mark("action", text)  # "I set myself the goal..." states the task, not an action

        own_label = unit.label in (None, "result")  # "Actions:" lines are no ending
        ending = cued - {"task"} if late_request(index) else cued  # "...she asked me to repeat it"
        if (index > 0 or n == 1) and not ending & {"lesson", "task"} and own_label:
            if "result" in cued:  # an opening states the problem, unless it is all there is
                mark("result", text)
            elif index >= n / 2 and (
                (not _ACTOR.search(text) and (measured_outcome(text) or _LATER.match(text)))
                or (_LATER.match(plain) and measured_outcome(text) and not (
                    acted and not does_something(text)  # "After two weeks I invite..." is a step
                ))
            ):
                mark("result", text)  # "The road reopened two days early.", "After a month, ..."
            elif index == last and index >= 2 and not acted and tells_past_event(text) and (
                not _HABIT.search(text)
            ):
                mark("result", text)  # how the story ends: "He thanked my team lead."
            elif index == last and index >= 2 and re.match(r"we\b", plain, re.I) and (
                checkable_outcome(text)
            ):
                mark("result", text)  # the team's last step: "We handed it over a week early."
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
        elif opening and cued == {"task"} and (_scene_clause(text) or _ROLE.search(text)):
            mark("situation", text)  # "I was sous chef at a hotel, and the pastry chef and I
            # kept clashing about...": the role, then what was going on
        elif index == 1 < n - 1 and not present["situation"] and present["task"] and (
            _problem(text, cued)
        ):
            mark("situation", text)  # after a task-only opening, what went wrong sets the scene
        elif opening and _REQUESTED.search(text):
            mark("situation", text)  # "My manager asked me to train a model for a demo."
        elif opening and _PROBLEM_CLAUSE.search(text):
            mark("situation", text)  # "We wanted to demo often, but building it was slow."
        elif label == "situation" and confidence >= CONTEXT_CONFIDENCE and not cued:
            mark("situation", text)
        if label == "result" and confidence >= RESULT_CONFIDENCE and index >= n / 2 and not cued:
            mark("result", text)
    for index in range(n // 2, n):
        for clause in later_clauses(units[index].text):
            if present["result"] or units[index].label not in (None, "result"):
                continue
            if settled_clause(clause):
                mark("result", clause)  # "..., I charged the weekday rate, and she has since
                # sent me five customers", "since then I check twice, and I have had no errors"
    if told and not present["result"] and last > 0:
        for clause in later_clauses(units[last].text):
            if _PERSON_FIRST.match(clause) and tells_past_event(clause) and (
                measured_outcome(clause) and not CUES["task"].search(clause)
            ):
                mark("result", clause)  # "..., and they signed a three-year contract worth
                # about two hundred thousand a year": the other side's answer, measured
    if told and not present["result"] and last > 0:
        tail = final_clause(units[last].text)
        if tail and not _PERSON_FIRST.match(tail) and not _ACTOR.search(tail) and (
            tells_past_event(tail) and not _HABIT.search(tail)
        ):
            mark("result", tail)  # "..., and after a few weeks things got better in the kitchen"
    return Parts(present, evidence, hypothetical)


_LATER_CLAUSE = re.compile(r",? (?:and|so) (?=(?:we|it|they|the|our|this|that|he|she|I|things)\b)")


_CLAUSE_CUT = re.compile(r",\s+(?:and\s+|but\s+|so\s+)?(?=[A-Za-z])|;\s+")


def _scene_clause(sentence: str) -> bool:
    """A later clause of the sentence tells what was going on, not another goal."""
    return any(
        tells_past_event(c) and not CUES["task"].search(c) and not does_something(c)
        and not _MODAL.search(c)  # "so the schedules could be printed" is still the goal
        for c in later_clauses(sentence)
    )  # fmt: skip


# one's post or the case in hand, told as the story opens: the scene and the duty at once
_ROLE = re.compile(
    rf"\bI (was|worked|was working) (as (a|an|the) |the [\w-]+ (on|for|in charge)|"
    rf"{EVENT_POST}|{CASE_IN_HAND})",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\b(could|would|can|should|might|must|may|had to|needed to)\b", re.I)


def _problem(text: str, cued: set[str]) -> bool:
    """Something that happened, told of others (not of I or we): the problem of the story."""
    mine = re.match(r"^\W*(so |then |and )?(I|we)\b", text, re.IGNORECASE)
    return not cued and not mine and tells_past_event(text) and not does_something(text)


def later_clauses(sentence: str) -> list[str]:
    """The clauses after the first of a sentence that joins several ("Her heating was back on
    by four, I charged the weekday rate, and she has since sent me five customers")."""
    pieces = [p.strip() for p in _CLAUSE_CUT.split(sentence) if p.strip()]
    return [p for p in pieces[1:] if len(p.split()) >= 4]


def settled_clause(clause: str) -> bool:
    """A clause that tells how things stood afterwards, with nobody acting in it: a checkable
    outcome ("no errors in the two years since") or what has happened since, with a figure
    ("she has since sent me five customers"); never a reason or a background figure."""
    if CUES["lesson"].search(clause) or _HABIT.search(clause):
        return False
    if does_something(clause) and not re.match(r"we\b", clause, re.IGNORECASE):
        return False  # the team's last step can be how it ended: "and we shipped a day early"
    if _REASON_OPENING.match(clause) or CUES["task"].search(clause):
        return False  # a reason or a goal ("I wanted him to pass before the handover")
    since = re.search(r"\b(has|have) (since|had|seen|been)\b", clause, re.IGNORECASE)
    if re.search(r"\bI\b", clause) and not since:
        return False  # "I explain him in two minutes what to do": a step, not an ending
    return checkable_outcome(clause) or bool(since and measured_outcome(clause))


_REASON_OPENING = re.compile(r"(because|since|so that|while|when|before|as|each|to)\b", re.I)


def final_clause(sentence: str) -> str:
    """The last clause of a sentence that joins several with "and"/"so" (empty if one)."""
    pieces = _LATER_CLAUSE.split(sentence)
    return pieces[-1].strip() if len(pieces) > 1 else ""
