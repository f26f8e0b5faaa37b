"""Cue phrases of each STAR part ("my job was", "as a result", "I learned"), and a deterministic
split of unlabelled prose into STAR sections from those cues and the usual order of a story.
"""

from __future__ import annotations

import re

import numpy as np

from coach.core.ids import SECTION_NAMES
from coach.text.sentences import split_sentences

_PAST = (
    r"(?:\w+ed|(?:re|over|out|under|with|fore|mis)?(?:built|wrote|rewrote|led|made|ran|took|"
    r"spoke|set|chose|broke|drew|got|gave|sat|met|"
    r"put|brought|began|found|went|sent|held|kept|told|taught|did|sought|bought|caught|paid|said|"
    r"saw|showed|spent|stood|won|drove|cut|split|hit|let|shut|read|dug|fed|left|lost|heard|laid|"
    r"sold|shot|became|came|overcame|forgot|froze|hid|rang|shook|stole|withdrew|understood|"
    r"rebuilt|redid|undid|swapped|stepped|stopped|mapped|dropped|planned|shipped))"
)  # "redrew", "oversaw", "undertook": an irregular past with a prefix
PAST_VERB = _PAST  # a verb in the past tense, as a regular-expression alternative
# the post held during the event, no article: "(I was) duty manager", "charge nurse"
EVENT_POST = r"(shift|duty|night|charge|acting|on-call) [a-z-]{3,}\b(?<!ing)"
# a case or a piece of work in hand: "(I was) handling a flood claim"
CASE_IN_HAND = (
    r"(handling|managing|leading|coordinating|looking after|covering|doing|running|owning|"
    r"working|manning|staffing|"
    r"preparing|chasing|pursuing|going after|bidding for) ((a|an|the|our|my|their|"
    r"this|two|three|\d+)\b|[\w-]+ for (about |around |some |over )?(a|an|the|our|two|three|"
    r"four|five|\d+|[a-z]+ty|[a-z]+teen|dozens|hundreds)\b)"
)  # "handling a flood claim", "handling billing for about thirty clients"
# the same steps told in the present tense, as non-native and spoken tellings often do ("I make
# video calls", "we write together a template"): common verbs of doing, never "is" or "have"
_PRESENT_STEP = (
    r"(?:make|build|write|add|review|record|show|tell|ask|call|create|start|fix|send|talk|meet|"
    r"organi[sz]e|change|move|test|check|plan|train|teach|lead|bring|give|put|design|decide|"
    r"explain|set up|pair|rewrite|rerun|measure|collect|analy[sz]e|prepare|propose|present)"
)
# a call-out: "we got called to a block of flats", "I was sent to the site"; the job in hand and
# the event that started the story at once
CALL_OUT = r"\b(I|we) (got|was|were) (called|sent|brought in|called out|dispatched) (out )?to\b"


def _any(*alternatives: str) -> str:
    return "(" + "|".join(alternatives) + ")"


CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"^" + _any(
            r"at (my|our|the|a|an) ",
            r"when I (was|joined|started|worked)",
            r"while I was",
            r"a few (years|months) ago",
            r"last (year|month|week|spring|summer|autumn|fall|winter|quarter)",
            r"in (19|20)\d\d",
            r"back in",
            r"during ",
            r"there (was|were|had been)",
            r"our ([\w-]+ )?(team|company|client|store|ward|school|shop|office|site|department|"
            r"lab|line|app|product|service)",
            r"we were",
            r"we had",
            r"I was (working|the|a|an|on|at|leading|running|managing|in my)",
            r"I worked (as|at|in|on|for)",
            r"I joined",
            r"(early|late) in my",
            r"(on|in|at) (my|our|the|a) ([\w-]+ ){0,3}(team|project|group|org|company|ward|school|"
            r"store|site|shift|job|role)",
            r"(back )?in my (first|second|last|previous|old|current) ",
            r"it was my (first|second)",
            r"(two|three|four|\d+) (years|months|weeks) ago",
            r"(one|this) (day|time|morning|week)",
            r"as (a|an|the|their|our|his|her) (?!result)[\w' -]{2,40}(,| at| in| for| on)",
        ) + r"\b",
        re.IGNORECASE,
    ),
    "task": re.compile(
        r"\b" + _any(
            r"(my|our|the) (main |first |real |only |own |whole )?(task|job|goal|role|"
            r"responsibility|aim|mission|target|part|brief|objective|priority|challenge|"
            r"assignment|duty|plan|requirement|ask)s?(, [^,]{1,30},| [\w'-]+( [\w'-]+){0,3})? "
            r"(was|were|is|became)",
            r"\b(asked|told|needed|wanted|assigned|tasked|put) me (to|in charge|on)\b",
            r"\b(wanted|needed|expected) (me|us) [a-z]{3,}ing\b",  # "wanted me filing stories"
            r"\b(our|my) (team|department|group|company|office|store|unit|shop|ward|site) "
            r"(needed|had|was asked|was expected|wanted|was supposed) to\b",
            # the post held during the event: "I was on the front desk", "I was on nights"
            r"\bI was on (the )?(front desk|desk|reception|duty|shift|till|tills|floor|ward|"
            r"phones|nights|night shift|early shift|late shift|door|gate)\b",
            rf"\bI was (an? )?(?:{EVENT_POST})",
            rf"\bI was (?:{CASE_IN_HAND})",
            CALL_OUT,  # "we got called to a block of flats": the job in hand
            # taking it on by a promise: "I told her I'd look at it that weekend"
            r"\bI (told|promised|assured) (her|him|them|the \w+|my \w+) (that )?(I'?d|I would|"
            r"I'?ll|I will) (look|sort|fix|handle|deal|take|get|find|check|make|have|work)\b",
            # the case in hand told as something one had: "I had this house that nobody thought
            # would sell", "I had a patient who refused" (not a boss or a colleague one had)
            r"\bI had (this|a|an|one) (?!(manager|boss|colleague|co-?worker|teammate|director|"
            r"supervisor|lead|team lead|feeling|idea|chance|problem with)\b)([\w-]+ ){0,2}"
            r"(who|that|which)\b",
            r"\b(I|we) (had )?(promised|committed|guaranteed|pledged)( [\w-]+){0,4} "
            r"(by|before|within)\b",
            r"\b(I|we) (need|have|want|decide|plan|agree|promise|offer|choose|try|am supposed|"
            r"are supposed|am expected|are expected|am asked|are asked)( \w+){0,2} to\b",
            r"\b(I|we) (was|were|am|are) (the |an? )?([\w-]+ ){0,3}(responsible|accountable|"
            r"in charge) (for|of|to [a-z]+)\b",  # "responsible to send", as non-native speakers say
            r"\b(I|we) needed (a|an|the) [\w-]+ (that|which|to)\b",
            r"\bas (the|a|an) ([\w-]+ ){1,3}(who|responsible for|in charge of)\b",
            r"\b(the|a|our|my|their) ([\w-]+ ){0,2}(target|deadline|quota|goal|milestone) "
            r"(was|of|for|to)\b",
            r"\b(missed|fell short of) (the|our|my|a) ([\w-]+ ){0,2}(target|deadline|quota|goal)",
            r"the (problem|question) (was|is) (to|how|whether)\b",
            r"(I|we) (had|needed|wanted|was asked|were asked|was tasked|were tasked|was expected|"
            r"were expected|decided|set out|aimed|planned|volunteered|offered|promised|agreed|"
            r"committed|was assigned|were assigned|was supposed|were supposed|was required|were "
            r"required|had been asked|got asked)( \w+){0,3} to",
            r"(I|we) (had|got) (only |just )?([\w-]+ )?(days?|weeks?|hours?|months?|minutes?|time|"
            r"budget|people) to \w+",
            r"I was (responsible|accountable|in charge|on[- ]call|the one who|the (\w+ ){0,2}(lead"
            r"|leader|owner|DRI|point person|captain|coordinator|organi[sz]er|champion))",
            r"(it was|was) (my (job|call|responsibility|decision|account|project|task)|on me|up to"
            r" me)",
            r"it (fell|came) to me",
            r"(took|take|taking) (it|this|that|the problem|the issue|the task|ownership|charge|"
            r"responsibility|the lead)( on| upon myself| myself| over)?",
            r"set (myself|ourselves|a goal|the goal|a target)",
            r"to (persuade|convince|win over)",
            r"I (volunteered|stepped up|stepped in)",
            r"^(my|our) (main |first |real |only |own |whole )?(task|job|goal|aim|mission|target|"
            r"brief|objective|priority|challenge|assignment|duty)( [\w'-]+){0,4}\s*[:—–]",
            r"(I|we) (was|were) (asked|hired|brought in|brought on|recruited|taken on) (for|to|as)"
            r"\b",
            r"(I|we) (was|were) given( \w+){0,3} (to|of)\b",
            r"\bI owned (the|our|a|an|this|that)\b",
            r"^as (the|a|an|our) (only |sole |main |lead |senior |junior |new |head )?"
            r"([\w-]+ ){0,2}[\w-]*(er|or|ist|ian|ant|ent|nurse|chef|lead|head|owner|clerk|agent|"
            r"analyst)\b",
            r"\bI was (the|their|our) (only|sole|main|lead|senior|first|new|head) [\w-]+"
            r"(er|or|ist|ian|ant|ent|nurse|chef|clerk|agent|analyst)\b",
            r"\b(I|we) (didn'?t|did not) want( \w+){0,2} to\b",
            r"\b(I|we) (work|worked|was working|am working|were working) as (a|an|the)?\b",
            r"^as (a|an|the|our) (?!(result|team|whole|rule|consequence|matter|side|reminder|"
            r"precaution|first step)\b)([\w-]+ ){0,3}[\w-]+( (at|in|on|for|of) [^,]{1,40})?, "
            r"(I|we)\b",
            r"\b(I|we) (was|were) (late|behind|early) (with|on|for) (a|an|the|my|our)\b",
            # a post held while it happened: "In my first year as a community pharmacist I ..."
            r"\bas (a|an) (?!(matter|answer|reminder|order|favou?r)\b)([\w-]+ ){0,2}[\w-]*(er|or|"
            r"ist|ian|ant|ent|nurse|chef|clerk|agent|analyst)\b,? (I|we) ",
            r"\b(this|that|it|something|things) (had|needed) to (stop|change|end|improve|"
            r"get better)",
            r"\bI was (the|their|our) ([\w-]+ ){0,2}[\w-]*(er|or|ist|ian|ant|ent|man|woman)\b",
            r"\b(gave|give|gives|given|handed) (me|us) (the|a|an) ([\w-]+ ){0,2}(job|task|goal|"
            r"mission|assignment|responsibility|brief|target|challenge) (to|of)\b",
            r"(I|we) needed (the|a|an|our|this|it)( [\w-]+){0,4} (by|before|within)\b",
            r"\b(had|needed) to be (ready|done|finished|live|fixed|delivered|shipped|signed off|"
            r"approved|in place|back up|running)",
            r"^(the |our |my |head |)?(\w+ ){0,2}(management|manager|boss|director|leadership|"
            r"client|customer|office|board|lead|owner|team) (expected|wanted|needed|required|"
            r"demanded)( [\w'-]+){1,6} (by|before|within|in time for|no later than)\b",
            # "a warehouse extension that the client needed finished before their peak"
            r"\b(the|our|my|their) (\w+ ){0,2}(manager|boss|director|client|customer|board|"
            r"owner) (expected|wanted|needed|required|demanded)( [\w'-]+){1,4} (by|before|within|"
            r"in time for|no later than)\b",
        ),
        re.IGNORECASE,
    ),
    "action": re.compile(
        rf"^(so |then |first,? |next,? |finally,? |after that,? |and |"
        # a step after the road not taken or the aim: "Instead of writing him up I walked him",
        # "To find the cause, I rode with three drivers"
        rf"(instead of|rather than|to) [^,.;]{{3,60}}?,? )?"
        rf"(I|we)( \w+ly| also| then| first| just| personally| myself| quickly| immediately)? "
        rf"(?:{_PAST}|{_PRESENT_STEP})\b",
        re.IGNORECASE,
    ),
    "result": re.compile(
        r"\b" + _any(
            r"as a result", r"the result", r"the outcome", r"in the end", r"at the end",
            r"ultimately", r"eventually", r"finally",
            r"this (led|saved|cut|meant|reduced|increased|improved|helped|brought|made|gave)",
            r"it (worked|paid off|helped)",
            r"we (shipped|delivered|launched|met|hit|reached|made it|passed|won|finished|"
            r"completed|recovered|saved|got through|managed)",
            r"went (from|up|down)", r"rose", r"dropped", r"fell", r"increased", r"decreased",
            r"reduced", r"improved", r"grew", r"doubled", r"halved", r"tripled",
            r"(by|to) \d+(\.\d+)?\s?(%|percent)", r"on time", r"ahead of schedule", r"on schedule",
            r"before the deadline",
            r"(was|were|got) (solved|fixed|resolved|approved|accepted|adopted|launched|shipped|"
            r"completed|promoted|renewed|published|restored)",
            r"(was|were|got) (fine|ok|okay|happy|satisfied|pleased|back to normal|calmer|sorted)\b",
            r"(thanked|praised) (me|us)",
            r"took my (advice|suggestion|proposal)",
            r"no (more )?(complaints|incidents|errors|findings|issues|bugs|defects)",
            # ahead of time: "we submitted the pack a day early", "two weeks ahead"
            r"(a|an|one|two|three|four|five|\d+|a few|several) (hours?|days?|weeks?|months?) "
            r"(early|ahead|before (the|our|their) deadline)",
            r"lost (almost |hardly |virtually |next to )?(no|nothing|none)\b",
            # a count of how it came out: "we lost under 5% of stock", "served all 180 covers"
            r"(lost|kept|saved|served|sold|cleared|passed|closed) (only |just |under |less than |"
            r"fewer than |all |every one of )\d",
        ),
        re.IGNORECASE,
    ),
    "lesson": re.compile(
        r"\b" + _any(
            r"I (learned|learnt|realised|realized)"
            r"( that| to| how| the| a| from| never| it| what|,)",
            r"what I (learned|learnt|took away|took from)",
            # a lesson drawn, never a class taught ("the children had lessons in the hall")
            r"((the|my|a|biggest|key|main|one|big|real|important|hard|valuable) )lessons?\b",
            r"lessons? (learned|learnt|for me|I took|here|from (this|that|it))\b",
            r"takeaways?",
            r"key learning",
            r"taught me",
            r"showed me",
            r"made me (realise|realize|understand|more|better)",
            r"in hindsight",
            r"looking back",
            r"next time",
            # a practice changed since ("since then I always check"); "no complaints since
            # then" or "since then we have had no errors" is how it ended, not a lesson
            r"since then,? (I|we)\b(?! (have |'ve )?had\b)",
            r"from then on",
            r"now I (always|make sure|check|ask|try|keep|use|plan|write|test|involve)",
            r"(what|something) I('d| would) do differently",
            r"if I (did|do|had|were to|faced|face|could do) (it|this|that|the same|them)?\s?"
            r"(again|over)",
            r"if I were to face",
            r"I would have",
            r"I should have",
            r"I'd have",
            r"going forward",
        ),
        re.IGNORECASE,
    ),
}


# saying there was nothing to learn is no lesson: "very little I could have done differently",
# "I wouldn't change anything", "I would do exactly the same again"
NO_LESSON = re.compile(
    r"\b((very )?(little|nothing|not much) (that )?(I|we) could (have )?(done|do|change)|"
    r"(I|we) (would|'d) ?(not|n't) (do|change) anything|nothing (I|we) (would|'d) (change|do "
    r"differently)|(I|we) (would|'d) do (it |the same |exactly the same )?(thing )?again)\b",
    re.IGNORECASE,
)

# what a check found on the way, not how it ended: "I checked the cables and they were okay"
CHECK_FINDING = re.compile(
    r"\b(checked|tested|looked at|inspected|verified|examined|tried)\b[^.]{0,60}\b(and|but) "
    r"(it|they|that|everything|all|both) (was|were|seemed|looked) (all )?(fine|ok|okay|normal|"
    r"good|all right|alright)\b",
    re.IGNORECASE,
)


def has_cue(part: str, sentence: str) -> bool:
    """Whether the sentence uses a phrase typical of this STAR part ("as a result", "my job")."""
    pattern = CUES.get(part)
    return bool(pattern and pattern.search(sentence))


def cue_sections(
    text: str, min_sentences: int = 3, units: list[str] | None = None
) -> dict[str, str] | None:
    """Split prose into STAR sections, keeping the sentences in order; None when it is too short.
    ``units``: the text's sentences when the caller knows them better (each bullet of a list is
    one, even in lower case with no capital after its full stop).

    Each sentence scores each section by its cues (weight 2) and by where it sits in the text
    (weight 1); the best labelling that never goes backwards (situation before task before
    action...) wins, found by dynamic programming.
    """
    sentences = units if units is not None else split_sentences(text)
    if len(sentences) < min_sentences:
        return None
    n, k = len(sentences), len(SECTION_NAMES)
    scores = np.zeros((n, k))
    for i, sentence in enumerate(sentences):
        cued = [j for j, name in enumerate(SECTION_NAMES) if CUES[name].search(sentence)]
        for j in cued:
            scores[i, j] += 2.0
        scores[i, min(k - 1, int(i / n * (k - 1) + 0.5))] += 1.0
    best = np.full((n, k), -np.inf)
    back = np.zeros((n, k), dtype=np.int64)
    best[0] = scores[0]
    for i in range(1, n):
        for j in range(k):
            previous = int(np.argmax(best[i - 1, : j + 1]))
            best[i, j] = best[i - 1, previous] + scores[i, j]
            back[i, j] = previous
    labels = [int(np.argmax(best[-1]))]
    for i in range(n - 1, 0, -1):
        labels.append(int(back[i, labels[-1]]))
    labels.reverse()
    out: dict[str, list[str]] = {name: [] for name in SECTION_NAMES}
    for sentence, label in zip(sentences, labels, strict=True):
        out[SECTION_NAMES[label]].append(sentence)
    return {name: " ".join(parts) for name, parts in out.items()}
