"""Surface signals in a typed answer, each with the words that triggered it (no model involved).

Every detector returns quoted evidence, so a flag can always show the candidate what it saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.text.claims import claimed
from coach.text.fillers import filler_words
from coach.text.people import name_mentions

WORDS_PER_MINUTE = 140
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
# Subjects only: "I built" against "we built". Possessives ("our demos", "my team") say nothing
# about who did the work.
_I = re.compile(r"\b(I|I'm|I've|I'd|I'll)\b")
_WE = re.compile(r"\b([Ww]e|[Ww]e're|[Ww]e've|[Ww]e'd|[Ww]e'll)\b")
# "I'd" as "I would", not as "I had" ("I'd been a stylist for three years")
_WOULD = (
    r"(?:'d|’d)(?! (?:been|had|done|gone|seen|left|taken|made|got|given|known|become|already|"
    r"just|never|\w+ed)\b)"
)
_HYPOTHETICAL = re.compile(
    rf"\b(I(?:{_WOULD}|'ll|’ll| would| will| usually| always| generally| typically| normally|"
    rf" tend to| try to| like to| prefer to)|we(?:{_WOULD}| would| usually| always| normally)|"
    r"in (a|any) (situation|case) like (that|this)|if I (were|was) in|what I would do|"
    r"what (I|you|we) (usually |normally |always )?do (in|when|is)\b|(I'm|I am) going to|"
    r"(my|our) (approach|first step|first move|plan|instinct|strategy|priority) would be|"
    r"(the )?(first|best|right|key) (thing|way|step|approach) (is|would be) to|"
    r"the most important (thing )?(is|would be) to|"
    r"you (always |really |just |usually |also )?(need to|have to|should|must|want to|ought to)|"
    # advice told with a generic "you": "then you listen to their side", "at the end you agree"
    r"(^|\b(then|and|first|next|finally|at the end|after that|so)),? you (?!know\b|see\b|"
    r"mean\b|guys\b)[a-z]{2,}|"
    r"generally|usually|typically|normally|in general|as a rule|never happens|"
    # a habit in the present: "when there's a problem I sort it out" ("when there was" is past)
    r"when(ever)? (there'?s|there is|there are|someone|somebody|anyone|people)\b[^.]{0,60}\b"
    r"(I|we) (?!(was|were|had|did)\b)[a-z]{3,}(?<!ed)(?=\W))\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(told|said|promised|assured|agreed|explained|knew|thought|decided|believed|hoped|"
    r"wrote|asked|proposed|suggested|whether)\b",
    re.IGNORECASE,
)
_BLAME = re.compile(
    r"\b((his|her|their|its|my manager's|my boss's|the other team's|[a-z]+'s) fault|"
    r"(his|her|their|its|[a-z]+'s) (error|mistake),? not (ours|mine|ours to fix)|"
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
_DENIAL = re.compile(
    r"\b(not (ours|mine)|not (our|my) (fault|error|mistake)|(wasn'?t|was not) (on )?(us|me|our "
    r"fault|my fault))\b",
    re.IGNORECASE,
)
_APOLOGY_ONLY = re.compile(r"^I apologi[sz]ed$", re.IGNORECASE)
_CODE_NAME = re.compile(r"\b(?:Project|Codename|Code name|Operation) ([A-Z][A-Za-z0-9]+)\b")
_QUANTITY_WORDS = re.compile(
    r"\b(doubled|tripled|halved|quadrupled|\d+x|\d+ times|twice as|percent|per ?cent|"
    r"by (a|one|two) (third|quarter|fifth|tenth)s?|(two|three) (thirds|quarters)|in half)\b",
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
    r"(schedule|time)|before (the|their|our|its|my|his|her) (deadline|launch|audit|inspection|"
    r"season|\w+ season|handover)|before the ([\w-]+ ){1,2}(came|arrived|started|hit|began|"
    r"opened|set in)|on the (\d+(st|nd|rd|th)|fifth|sixth|seventh|eighth|ninth|tenth|[a-z]+"
    r"teenth|[a-z]+tieth) ((working|business|last|final) )?(day|week|month)|"
    r"(by|met|meet|hit|made|make|caught|catch) the deadline|on (their|the|its|our"
    r"|my) deadlines?|under budget|within budget|"
    r"zero [\w-]+|lost (no|nothing|none)\b|(no|zero) [\w-]+ (was|were) lost|"
    r"(one|two|three|four|five|[1-5])[- ]star (review|rating)|full marks|top (rating|score)|"
    r"(no (more )?|none of the )([\w-]+ ){0,3}(errors|incidents"
    r"|findings|complaints|issues|bugs|"
    r"defects|failures|escalations|penalty|penalties|outages|returns|falls|breaches)|"
    r"(before|b4) (any |the )?(customers?|users?|consumers?|clients?"
    r"|patients?) (were|was|noticed|saw"
    r"|felt)|first (place|time|try)|ranked (\w+ )?(\d+\w*|first|second|third|top)|\d+(st|nd|rd|"
    r"th) (place|out of)|unanimous\w*|an? [A-F][+-]?(?= in| on| grade|\.|,| for)|"
    r"(fixed|solved|resolved|restored|repaired|back up|running again|working again|done|"
    r"finished|delivered|closed|went (back )?out|back (in|on) (service|the road))\b[^.]{0,30}"
    r"\b(the )?(next|following|same) (morning|day|night|shift)|"
    r"(stayed|stays|remained|kept) (\w+ )?(in|within) (range|limits|target|budget|spec)|"
    r"no (\w+ )?findings?|(all|every) "
    r"(\d+ |\w+ )?(of (the|our|them) )?\w+ (passed|finished|delivered|arrived|signed|"
    r"completed|received|got))",
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
    return filler_words(text)


def hypothetical_sentences(sentences: list[str]) -> list[str]:
    """Sentences about what the candidate would or usually does, not what they did."""
    out = []
    for sentence in sentences:
        match = _HYPOTHETICAL.search(sentence)
        if match and not _REPORTED.search(sentence[: match.start()]):
            out.append(sentence)
    return out


# another party failing at something ("their coordinator did not keep to the schedule")
_OTHER_PARTY = (
    r"(he|she|they|his [\w'’]+|her [\w'’]+|their [\w'’]+( [\w'’]+)?|head office|management|"
    r"corporate|the (business|client|customer|company)|the ([\w'’-]+ ){0,2}(team|office|"
    r"coordinator|manager|venue|caterer|vendor|supplier|school|department|contractor|partner|"
    r"agency|lead|director|shift|crew|analyst|designer|developer|engineer|planner|staff|"
    r"surveyor|accountant|auditor|inspector|landlord|builder|plumber|electrician|courier|"
    r"carrier|printer|lawyer|solicitor|consultant|freelancer|subcontractor|architect|"
    r"translator|broker|agent|distributor|wholesaler|manufacturer|factory|warehouse|chef|cook|"
    r"driver|supervisor|colleague|coworker|co-worker|boss|shop|store|garage|workshop|lab|"
    r"mechanic)|"
    r"marketing|sales|finance|legal|procurement|(?-i:IT))"
)
_FAILED = (
    r"(did not|didn'?t|failed to|never|refused to|(delivers|delivered|comes|came|turns up|"
    r"turned up|shows up|showed up) [^.]{0,20}\blate|sent (only|just) (half|part)|"
    r"kept (changing|cancell\w+|moving|missing|"
    r"delaying)|changed [^.]{0,50}\bwithout|arrived [^.]{0,40}\blate|sent [^.]{0,40}\blate|"
    r"(ran|sent|ordered|booked|made) the wrong|sends? [^.]{0,40}\blate|(was|were) the problem|"
    r"forced [^.]{0,30}\bon us|"
    r"(had )?not been (tested|done|checked|finished|prepared)|(very|too|always|so) late\b|"
    r"(was|were) (late|not ready|"
    r"unprepared|unreliable|very slow|too slow)|kept (sending|giving|handing) ([\w-]+ ){0,2}"
    r"(incomplete|wrong|bad|partial|missing)|let us down|dropped the ball|skipped|"
    r"(shipped|sent|gave|handed)( (me|us))? (the )?(wrong|bad|incorrect|outdated|old)|"
    r"did not brief|didn'?t brief)"
)
# the bad outcome put down to another party: "the delay came from the vendor", "because
# marketing did not brief sales", "the analyst gave me bad numbers, so my forecast was wrong"
_CAUSE_ON_OTHERS = re.compile(
    rf"\b((delay|failure|problem|mistake|slip|outage|error|issue|miss|wrong [\w-]+)\w* "
    rf"(really |actually |all )?(came|was|were) (from|down to|caused by|due to) "
    rf"(them|him|her|{_OTHER_PARTY})\b|"
    rf"because [^.;]{{0,60}}\b(by|from) {_OTHER_PARTY}\b[^.;]{{0,30}}\b(wrong|late|badly|"
    r"incorrect\w*|without)|"
    rf"(because|since) {_OTHER_PARTY}\b[^.;]{{0,40}}?\b{_FAILED}|"
    rf"\bthe (main |real |only )?(reason|problem|issue|cause) was {_OTHER_PARTY}\b|"
    rf"{_OTHER_PARTY}\b[^.;]{{0,60}}\bso (my|our) [\w' -]{{0,30}}\b((was|were) (wrong|late|off|"
    r"delayed)|failed|slipped|went wrong))",
    re.IGNORECASE,
)
_OTHERS_FAILED = re.compile(rf"\b{_OTHER_PARTY}\b[^.;]{{0,40}}?\b{_FAILED}", re.IGNORECASE)
# framing that excuses the speaker: "honestly it wasn't really on us", "with respect", "to be fair"
_EXCUSING = re.compile(
    r"\b((it )?(wasn'?t|was not|isn'?t) (really |entirely |all )?(on us|on me|our fault|my fault|"
    r"down to us|down to me)|not (really )?(on us|our fault|my fault|my mistake|our mistake|my "
    r"error)|to be fair|with (all due )?"
    r"respect|unfortunately|(honestly|to be honest),? (it|the|they|that)|out of (my|our) "
    r"(hands|control)|"
    r"(not much|nothing|little) (I|we) could (do|have done)|(it )?(wasn'?t|was not) (really )?"
    r"(possible|able)( for (me|us))? to (finish|deliver|meet|make|hit|complete|send|submit|"
    r"ship|file|get)|"
    r"(it was|made it|making it) "
    r"(impossible|not possible) to (finish|deliver|meet|make|hit|complete|get)|"
    r"(it )?(wasn'?t|was not) (really )?"
    r"(my|our) (call|decision)|I had done my (part|bit|share)|(my|our) (part|side) was (done|"
    r"finished|on time)|I did my (part|bit|share)( on time)?)\b",
    re.IGNORECASE,
)
_OWN_PART = re.compile(
    r"\b(I realised too late|I realized too late|partly because (I|of me|my)|my (own )?part in|"
    r"I (had )?never (set|asked|checked|agreed|told|planned|confirmed)|I (had not|hadn'?t) "
    r"(set|asked|checked|agreed|told|planned|confirmed))",
    re.IGNORECASE,
)
OTHERS_FAILED_ENOUGH = 3  # without excusing words, this many sentences of others failing is blame


def blame_sentences(sentences: list[str]) -> list[str]:
    """Sentences that put the fault on someone else, when the answer never states the speaker's
    own share of it nor shows understanding of the other side: judging words ("lazy", "their
    fault"), or others' failures told to excuse the speaker ("with respect, his students arrived
    with untested robots"; "honestly it wasn't on us, head office sent the stock late")."""
    denied = any(_DENIAL.search(s) for s in sentences)
    unexcused = [_EXCUSING.sub(" ", s) for s in sentences]  # "little I could have done" is none
    shares = [m[0] for s in unexcused if (m := _OWN_SHARE.search(s) or _OWN_PART.search(s))]
    if denied:  # "that was their error, not ours": an apology to a customer is service then
        shares = [share for share in shares if not _APOLOGY_ONLY.match(share)]
    if shares:
        return []
    judged = [s for s in sentences if _BLAME.search(s)]
    if judged:
        return judged
    failed = [s for s in sentences if _OTHERS_FAILED.search(s) or _CAUSE_ON_OTHERS.search(s)]
    excused = any(_EXCUSING.search(s) or _CAUSE_ON_OTHERS.search(s) for s in sentences)
    if failed and (excused or len(failed) >= OTHERS_FAILED_ENOUGH):
        return failed
    return []


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


def checkable_outcome(text: str) -> bool:
    """An outcome one could check without a number ("on time", "stayed in range", "zero
    complaints", "fixed the next morning")."""
    return bool(_CHECKABLE.search(text))


def measured_outcome(text: str) -> bool:
    """A figure, a measured change or a checkable outcome ("on time", "zero errors", "within a
    few hours", "ranked first")."""
    return has_quantity(text) or bool(_CHECKABLE.search(text))


def _around(text: str, start: int, end: int, words: int) -> str:
    """The matched words with a little context either side, as a quote."""
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    return " ".join([*before, text[start:end], *after]).strip()
