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
from coach.critique.acts import (
    HABIT,
    SPOKEN_FILLER,
    does_something,
    is_hypothetical,
    tells_past_event,
)
from coach.critique.signals import checkable_outcome, measured_outcome
from coach.critique.units import Unit
from coach.text.star_cues import (
    CALL_OUT,
    CASE_IN_HAND,
    CHECK_FINDING,
    CUES,
    EVENT_POST,
    NO_LESSON,
)

MIN_WORDS = 2  # a labelled line needs this many words to count as that part
CONTEXT_CONFIDENCE = 0.5  # an uncued sentence the labeller calls context
RESULT_CONFIDENCE = 0.5  # an uncued sentence the labeller calls an outcome
_REQUESTED = re.compile(r"\b(asked|told|needed|wanted|assigned|tasked) (me|us) to\b", re.I)
_PLACE_OPENING = re.compile(
    r"^(At|In|On|With|For|During|Back at) [A-Z][\w&.'-]+|"  # "At Amazon"
    # "In the hospital laboratory I was responsible for...": a place, then the speaker's role
    r"^(?i:(at|in|on|during) (the|my|our|a|an|his|her|their) [^,.]{2,40}?,? (I|we) (was|were|"
    r"worked|had|ran|managed|looked after|led))\b"
)
_ACTOR = re.compile(r"\b(I|we)\b", re.IGNORECASE)
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


_STEP_ON = re.compile(r"(and )?(then|next|after that|afterwards|also|finally|second|third)\b", re.I)


# "...and the x-ray team could work normally": how things stood once it was done
_COULD_GO_ON = re.compile(
    r"\bcould (\w+ ){0,2}(work|open|run|continue|carry on|go (home|ahead|back)|operate|reopen|"
    r"start|finish|leave)\b",
    re.I,
)
_GENERAL_PRESENT = re.compile(
    r"\b(happens?|comes?|goes|gets?|is|are) (\w+ )?(all the time|every (day|week|time)|often|a lot|"
    r"always|usually)\b|\ball the time\b",
    re.I,
)
_OWN_PART_DONE = re.compile(r"\bI did my (part|bit|share)\b", re.I)  # an excuse, not a step
_DONE_IT = re.compile(
    r"\b(but|and|so) (I|we) (did it|made it|got it done|managed( it)?|pulled it off)\W*$", re.I
)
_PERSON_FIRST = re.compile(r"(he|she|they|the (owner|manager|client|customer|team))\b", re.I)






def _plain_opening(text: str) -> str:
    """A sentence without spoken fillers and a leading "so"/"well"/"and", capitalised again."""
    text = " ".join(SPOKEN_FILLER.sub(" ", text).split())
    text = re.sub(r"^(so|well|and|ok|okay|right)\b[,\s]*", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]










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
    habit = False  # the unit before was a habit: "What I usually do is... Then I repeat back..."
    for unit in units:
        going_on = habit and bool(_STEP_ON.match(unit.text)) and not does_something(unit.text)
        habit = is_hypothetical(unit.text) or going_on
        if habit:
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
                not HABIT.search(text)
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
        elif label == "situation" and confidence >= CONTEXT_CONFIDENCE and not cued and not (
            _GENERAL_PRESENT.search(text) and not tells_past_event(text)
        ):
            mark("situation", text)  # "...orders happen all the time in a shop" is no scene
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
            (tells_past_event(tail) or _COULD_GO_ON.search(tail))
            and not HABIT.search(re.sub(r"\bnormally\W*$", "", tail))  # "work normally": manner
        ):
            mark("result", tail)  # "..., and after a few weeks things got better in the kitchen"
    return Parts(present, evidence, hypothetical)


_LATER_CLAUSE = re.compile(r",? (?:and|so) (?=(?:we|it|they|the|our|this|that|he|she|I|things)\b)")


_CLAUSE_CUT = re.compile(r",\s+(?:and\s+|but\s+|so\s+)?(?=[A-Za-z])|;\s+")


def _scene_clause(sentence: str) -> bool:
    """A later clause of the sentence tells what was going on, not another goal."""
    return any(
        re.search(CALL_OUT, c, re.IGNORECASE)  # "and we got called to a fire where a man might..."
        or (tells_past_event(c) and not CUES["task"].search(c) and not does_something(c)
            and not _MODAL.search(c))  # "so the schedules could be printed" is still the goal
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
    if CUES["lesson"].search(clause) or HABIT.search(clause):
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


def with_erring_work_as_task(parts: Parts, units: list[Unit]) -> Parts:
    """For a failure or mistake question: an opening that tells one's own work that went wrong
    ("two days after I serviced it", "I treated a kitchen for cockroaches and used the wrong
    gel") states the task, as the work the mistake was made in; no interviewer asks for more."""
    if parts.present["task"]:
        return parts
    for unit in units[:2]:
        if does_something(unit.text) and not is_hypothetical(unit.text):
            present = {**parts.present, "task": True}
            evidence = {**parts.evidence, "task": unit.text}
            return Parts(present, evidence, parts.hypothetical)
    return parts
