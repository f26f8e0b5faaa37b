"""Whether a sentence tells something the speaker did, once, in the past: the verbs of a real
event, told in the past or in the narrating present, against habits, plans and conditions."""

from __future__ import annotations

import re

from coach.critique.signals import hypothetical_sentences
from coach.text.english import is_known
from coach.text.star_cues import _PAST, CUES

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

HABIT = re.compile(r"\b(always|usually|generally|normally|typically|every time|whenever)\b", re.I)

_CONDITION = re.compile(r"\b(if|unless|whenever|when(ever)?) (I|we) [^,]{1,80},", re.IGNORECASE)

# "if a customer was unhappy I'd...": the condition's past tense tells no past event
_IF_CLAUSE = re.compile(r"\b(if|when|whenever|unless)\b.*$", re.IGNORECASE)

_SUBORDINATE_OPENING = re.compile(
    r"^\W*(when|after|once|as soon as|before|while|because|since|until)\b[^,]{3,80}\b"
    r"(arrived|came|came back|came in|got (there|in|back)|walked in|woke up|logged (in|on)|"
    r"clocked (in|on)|finished|ended|started|left|opened|closed|landed|returned|"
    r"\w+ed)\s*$",
    re.IGNORECASE,
)

_CLAUSE_OPENERS = frozenset(
    """and then so but because when after before while once until since first finally later
    also eventually ultimately instead therefore thus meanwhile next immediately quickly together
    here there today yesterday day week month year morning afternoon evening night time that
    where which who how why what if or yet still again soon now even just only actually""".split()
)

# arriving, told as the time something was found: "when I came in", "by the time I got there"
_ARRIVING = re.compile(r"\b(when|once|as soon as|by the time|the moment)\s*$", re.IGNORECASE)
_ARRIVAL = re.compile(
    r"(I|we) (came in|came back|arrived|got (there|in|back|to work)|walked in|logged (in|on)|"
    r"woke up|started (my|the|our) shift|clocked (in|on)|opened (the|our) (shop|store|doors?))\b",
    re.IGNORECASE,
)
_BARE_PAST = re.compile(rf"^(?:\w+ly )?{_PAST}\b(?! by\b)")  # "Wrote a quickstart guide."

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
        if HABIT.search(head + goal.group(0)):
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

SPOKEN_FILLER = re.compile(
    r",?\s*\b(um+|uh+|erm|basically|just|kind of|sort of|you know|like|really|actually)\b,?",
    re.IGNORECASE,
)

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
    text = " ".join(SPOKEN_FILLER.sub(" ", text).split())
    text = _CONDITION.sub(" ", text) if re.search(r"\b(would|'d)\b", text) else text
    if narrative and not HABIT.search(text):
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
        if _ARRIVING.search(before) and _ARRIVAL.match(text[match.start() :]):
            continue  # "when I came in, a bike had been stolen": when it happened, not a step
        return True
    return bool(_BARE_PAST.match(text))

