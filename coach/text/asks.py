"""What a question asks the candidate to tell (a failure, a conflict, a customer...), and whether an
answer tells it, whatever the profession. ``off_topic`` is raised only when a question asks for
something specific and the answer tells none of it (docs/CRITIQUE_RULES.md).

Each ask is two patterns of everyday English: how questions ask for it, and the words an answer
that tells it cannot avoid. A question asking for nothing specific ("your most challenging
project") is answered by any real story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Ask:
    """One thing a question can ask for."""

    name: str  # as the coach says it: "a failure", "a conflict"...
    question: re.Pattern[str]
    answer: re.Pattern[str]


def _p(text: str) -> re.Pattern[str]:
    """A pattern of whole words: "intern" does not match "internal"."""
    return re.compile(f"(?:{text})(?!\\w)", re.IGNORECASE)


ASKS: tuple[Ask, ...] = (
    Ask(
        "a failure or mistake",
        _p(r"\b(fail\w*|mistake|(went|go|goes|got \w+|was|were) wrong|wrong (call|decision|"
           r"choice|approach)|error|regret\w*|didn'?t go|did not go|went badly|"
           r"embarrass\w*|let (\w+ ){0,2}down|didn'?t work out|did not work out|(do|done|set up|"
           r"handle[d]?) (it |things |that )?differently|wish you had|should have|"
           r"fell short|missed (a|the|your) (deadline|goal|target)|not proud|screw\w* up|"
           r"(did not|didn'?t|could not|couldn'?t) (meet|hit|reach|achieve) (a|the|your)|"
           r"mess\w* up|disappoint\w*|caused by (you|your own)|you broke|(bug|outage|"
           r"error|problem|issue|regression|incident|defect)s? (that )?(you|your own \w+) "
           r"(caused|introduced|created)|(deal|sale|bid|pitch|tender|contract|client|customer|"
           r"account|case)s? (that )?(you )?lost|lost (a|an|the|your) (deal|sale|bid|pitch|tender|"
           r"contract|client|customer|account|case))"),
        _p(r"\b(fail\w*|mistake|errors?|wrong|missed|miss|didn'?t work|did not work|fell short|"
           r"should have|shouldn'?t have|my fault|embarrass\w*|regret\w*|broke|broken|"
           r"crash\w*|outage|accidental\w*|overlook\w*|underestimat\w*|apologi[sz]\w*|"
           r"disappoint\w*|unhappy|upset|setback|not good enough|went badly|lost|credibility|"
           r"took longer|too late|late\b|delay\w*|behind schedule|overran|overdue|"
           r"skipped|false positives?|bugs?|too (little|slow|optimistic|"
           r"ambitious)|not enough|rushed|limited data)"),
    ),
    Ask(
        "a setback or obstacle",
        _p(r"\b(setbacks?|obstacles?|didn'?t go (as|to) plan|did not go (as|to) plan|roadblocks?|"
           r"hurdles?|challenges? you faced|things? went wrong)"),
        _p(r"\b(problems?|issues?|obstacles?|setbacks?|delay\w*|went wrong|but then|however|"
           r"unfortunately|broke|broken|fail\w*|bugs?|blocked|stuck|late|couldn'?t|could not|"
           r"didn'?t work|did not work|risks?)"),
    ),
    Ask(
        "a conflict or disagreement",
        _p(r"\b(conflict\w*|disagree\w*|argument|argu\w+|push(ed|ing)? back|didn'?t favou?r|"
           r"did not favou?r|threaten\w*|walk(ed)? out|stood up to|difficult (person|people|"
           r"colleague|coworker|co-worker|manager|boss|customer|client|stakeholder|teammate|team "
           r"member)|tension (with|between)|friction|persuade|convince|challenged? (a|the|your|"
           r"someone)|"
           r"didn'?t agree|did not agree|difference of opinion|relationship with|opposed|clash)"),
        _p(r"\b(disagree\w*|conflict\w*|argu\w+|objected|objection|push(ed)? ?back|persuad\w*|"
           r"convinc\w*|opposed|friction|tension|angry|angrily|upset|frustrat\w*|shout(ed|ing|s)?\b|"
           r"yell(ed|ing|s)?\b|(?<!nobody )(?<!no one )(?<!never )complain\w*|furious|annoyed|"
           r"irritated|aggressive|abusive|"
           r"(wasn'?t|was not|weren'?t|were not) (sure|convinced|keen|happy)|not convinced|"
           r"(but|then|and|so|until) (he|she|they) agreed|(say|said|saying) no\b|"
           r"\b(our|their|his|her) [\w ]{0,25}?(wanted|thought|preferred|believed) to\b|"
           r"different (view|opinion|approach|idea|solution)s?|insisted|didn'?t agree|"
           r"did not agree|compromise|concerns?|worried|stressed|snapped|rude|advocated|"
           r"debat\w*|clash\w*|confront\w*|difficult|middle (path|ground)|"
           r"(he|she|they|another \w+|my \w+|the \w+) (still |also |really |\w+ly )?(thought|"
           r"wanted|preferred|believed|"
           r"insisted|argued)|I (can'?t|cannot|won'?t|wouldn'?t|refused|declined|answered|"
           r"replied|pushed)|(he|she|they) (said|told me|answered|replied),? [\"“]|"
           r"(said|answered|replied) no\b|refused|rejected|turned (it|me|us|the \w+) down|"
           r"(wouldn'?t|would not|didn'?t|did not) (agree|approve|accept|budge|listen)|"
           r"(in the end|eventually|finally|at last),? (he|she|they|my \w+|the \w+) "
           r"(agreed|accepted|came round|came around|approved)|"
           # doubting the other side's view: "the forecast assumed... I did not believe it"
           r"I (didn'?t|did not) (believe|buy|trust|accept) (it|that|this|the|their|his|her)\b|"
           r"I (doubted|questioned|challenged) (it|that|this|the|their|his|her)\b)"),
    ),
    Ask(
        "criticism or feedback you received",
        _p(r"\b(critici\w+|negative feed[- ]?back|critical feed[- ]?back|tough feed[- ]?back|hard "
           r"feed[- ]?back|difficult feed[- ]?back|constructive feed[- ]?back|feed[- ]?back (you|"
           r"that you) (got|received|didn'?t)|received (\w+ )?feed[- ]?back"
           r"|got (\w+ )?feed[- ]?back"
           r"|unhappy with your work|told you (that )?you|(said|told) (you|that you) (were|weren'?t"
           r"|was|are|aren'?t|had)|(manager|boss|lead|someone|colleague) (said|told) you|"
           r"building (far )?more than needed)"),
        _p(r"\b(feed[- ]?back|critici\w+|told me|said (that )?(my|I)|pointed out|complained about "
           r"(my|me)|reviews?|found me|unhappy with (my|me)|not (happy|satisfied) with (my|me)|"
           r"sat me down|called me)"),
    ),
    Ask(
        "a customer",
        _p(r"\b(customer|client|user|patient|guest|shopper|buyer|consumer|member of the public|"
           r"citizen|resident)s?\b"),
        _p(r"\b(customer|client|user|patient|guest|shopper|buyer|consumer|resident|citizen|"
           r"parent|student|account|clinic|order|subscriber|visitor|caller|passenger|tenant|"
           r"audience|reader|viewer|learner|public|satisf\w+|service|retailer|firm)s?\b|"
           r"\b(lady|man|woman|gentleman|couple|family|girl|boy|person) (came|walked|called|rang|"
           r"arrived|phoned|wrote|emailed) (in|into|to|up|with|for|asking|looking|back)\b|"
           # someone who booked or bought from us: "a couple booked our restaurant"
           r"\b(lady|man|woman|gentleman|couple|family|person|group|bride|groom|diner|traveller|"
           r"company|business|school|hospital) "
           r"(booked|ordered|bought|hired|reserved|commissioned)\b"),
        # "an older lady came to my branch", "an old man came with a prescription"
    ),
    Ask(
        "a decision with little information",
        _p(r"\b(without (enough |all the |complete |much |any )?(data|information|facts)|"
           r"incomplete (data|information)|little (data|information)|ambigu\w+|uncertain\w*|"
           r"judg(e)?ment call|quick decision|tough call|hard decision|difficult decision|"
           r"decide quickly)"),
        _p(r"\b(decid\w*|decision|chose|choose|choice|recommend\w*|judg\w*|assum\w*|no data|"
           r"without data|estimat\w*|uncertain\w*|risk|guess\w*|options?|trade-?off|weighed)"),
    ),
    Ask(
        "a short-term sacrifice for the long term",
        _p(r"\b(sacrific\w*|short[- ]term|long[- ]term)"),
        _p(r"\b(sacrific\w*|short[- ]term|long[- ]term|gave up|give up|trade-?off|instead of|"
           r"delay\w*|postpon\w*|slower|invest\w*|future|at the expense|cost us|cost me)"),
    ),
    Ask(
        "a risk you took",
        _p(r"\b(risks?|gamble|bet|calculated)\b"),
        _p(r"\b(risk\w*|gamble|bet|chance|might (fail|not)|could (fail|go wrong)|if it failed|"
           r"uncertain|unsure|safe\w*|test(ed|ing)? small|pilot|roll ?back|backups?|fallback|"
           r"downside|(without|w/o)( \w+)? (waiting|approval|permission|seeking|asking))"),
    ),
    Ask(
        "time pressure",
        _p(r"\b(deadlines?|tight (timeline|schedule)|pressure|limited time|time[- ]sensitive|"
           r"urgent|short notice|in a hurry|time constraint)"),
        _p(r"\b(deadlines?|weeks?|days?|hours?|minutes?|time|urgent|pressure|before|on time|"
           r"early|late|schedule|rush|quick\w*|fast|immediately|night|weekend|overnight|asap)"),
    ),
    Ask(
        "saving money or doing more with less",
        _p(r"\b(sav\w+ (\w+ )?money|costs?|budget|cheap\w*|frugal\w*|limited (resources|budget|"
           r"team|staff)|with less|spend\w*|expens\w*|resources)"),
        _p(r"\b(costs?|budget|money|dollars?|pounds?|euros?|cheap\w*|free|sav\w+|spend\w*|spent|"
           r"price|expens\w*|headcount|without (buying|hiring|new|extra|more)|no (extra )?"
           r"(budget|money|funding)|resources|paid|invoice|freight|spare"
           r"|reus\w+|limited)|[$£€]\s?\d+"),
    ),
    Ask(
        "ownership beyond your role",
        _p(r"\b(ownership|outside (your|my|the) (role|job|team|area|responsibilit\w*)|not your "
           r"(job|responsibility)|another team|other team|belonged to|beyond (your|my) (role|job)"
           r")"),  # "above and beyond" for someone asks for extra effort, not another's area
        _p(r"\b(not (my|our) (job|responsibility|role|area|team|project)|wasn'?t (my|our) (job|"
           r"responsibility|role|area)|another team|other team|belonged to|owned by|outside (my|"
           r"our)|even though|took (it |this |the problem )?(on|over)|decided to (take|help|fix|"
           r"own|step)|volunteered|stepped (up|in)|nobody (owned|was assigned|else)|no one|"
           r"their (team|code|tool|system|source)|extra mile|myself|on my own|beyond|"
           r"[\w-]+ (team|department|group)'s (problem|job|responsibility|area|issue)|"
           r"not ours|wasn'?t ours|officially|(?:was|is)(?:n'?t| not) (?:really )?(?:my|our) "
           r"\w+|my (?:part|job|role|scope) was (?:only|just)|(?:only|just) responsible for)"),
    ),
    Ask(
        "digging into a problem",
        _p(r"\b(root cause|dig\w* (deep|into)|deep[- ]dive|dive deep|analy\w+|investigat\w+|"
           r"troubleshoot\w*|debug\w*|get to the bottom|(find|found|figure|figured|work|"
           r"worked) out\b)"),
        _p(r"\b(causes?|because|found (that|out|the)|analy\w+|data|reports?|investigat\w+|"
           r"compared|traced|logs?|dug|patterns?|measured|checked|looked (at|into)|tested)"),
    ),
    Ask(
        "improving or simplifying something",
        _p(r"\b(improv\w+ (a |the |your )?process|simplif\w+|innovat\w+|creative|new way|"
           r"invent\w*|automat\w+|redesign\w*|more efficient)"),
        _p(r"\b(improv\w+|simplif\w+|process|new|automat\w+|changed|redesign\w*|instead|faster|"
           r"reduced|removed|steps?|workflow|checklist|template|tool|script|system|idea|easier|"
           r"simpler|quicker|fewer|less (time|work|effort)|no longer|any ?more|went (down )?from)"),
    ),
    Ask(
        "helping someone grow",
        _p(r"\b(coach\w*|mentor\w*|help\w* (a |your |an )?(colleague|teammate|team ?member|"
           r"someone|junior|new \w+|peer|report)s? (grow|develop|improve|learn|who was struggl\w+)"
           r"|develop (a|your|someone|others|people)|struggling|teach\w*|onboard\w*)"),
        _p(r"\b(coach\w*|mentor\w*|taught|teach\w*|train\w*|show(ed)? (him|her|them)|help(ed)? "
           r"(him|her|them)|paired|guided|feed[- ]?back|onboard\w*|junior|apprentice|new (hire|"
           r"person|recruiter|colleague|starter|member)|student|intern|graduate|trainee|"
           r"had (him|her|them) (explain|try|do|lead|run)|walked [\w ]{0,30}\bwith (him|her|them)"
           r"|explain\w* to|sat (in|with)|(took|taking|take) (him|her|them)\b|(let|letting) (him|"
           r"her|them) (read|try|practi[sc]e|lead|do|run)|one[- ](to|on)[- ]one)"),
    ),
    Ask(
        "leading others",
        _p(r"\b(lead(ership)?|led)\b"),
        _p(r"\b(led|lead\w*|organi[sz]\w+|coordinat\w+|team|manag\w+|delegat\w+|motivat\w+|"
           r"rallied|aligned|aligning)"),
    ),
    Ask(
        "someone who would not respond",
        _p(r"\b(unresponsive|not (very )?responsive|get information|wasn'?t responding|"
           r"didn'?t respond)"),
        _p(r"\b(respon\w+|repl\w+|answer\w*|chas\w+|follow\w* up|push\w*|remind\w*|call\w*|"
           r"email\w*|meeting|face to face|message\w*|ping\w*|escalat\w*|informed)"),
    ),
    Ask(
        "learning something new",
        _p(r"\b(learn\w* (something|a new|quickly|fast)|new skill"
           r"|taught yourself|get up to speed)"),
        _p(r"\b(learn\w*|taught myself|course|read|stud\w+|practi[cs]\w*|new to|documentation|"
           r"tutorial|book|training|figured out|picked up)"),
    ),
)


# The kinds of story a question can demand: a draft must tell one of these when asked for.
STORY_KINDS = (
    "a failure or mistake",
    "a setback or obstacle",
    "a conflict or disagreement",
    "criticism or feedback you received",
)


@dataclass
class Relevance:
    """What the question asks for, and which of it the answer tells."""

    asked: list[str]
    told: list[str]

    @property
    def off_topic(self) -> bool:
        """Nothing asked for is told, or the kind of event asked for (a failure, a conflict...)
        is not: a success told for a failure question answers something else."""
        kind_missing = any(name in STORY_KINDS for name in self.missing)
        return bool(self.asked) and (not self.told or kind_missing)

    @property
    def missing(self) -> list[str]:
        return [name for name in self.asked if name not in self.told]


# someone else's mistake the candidate found is no failure of theirs ("a mistake others missed")
OTHERS_MISTAKE = re.compile(
    r"\b(found|spotted|caught|noticed|discovered|fixed|flagged|corrected) (an?|the|some|\w+'s) "
    r"([\w-]+ )?(mistakes?|errors?|problems?|bugs?|issues?)( (that|which) [\w ]{0,40}?"
    r"(missed|made|overlooked))?|\b(mistakes?|errors?|something|anything|what) (that|which)? ?"
    r"(others|other people|someone|somebody|colleagues|they|nobody|no one)( else)? (had )?"
    r"(missed|made|overlooked)|"
    # a thing that broke is no failure of the candidate's ("a time equipment failed")
    r"\b(equipment|machine\w*|system|server|network|power|software|tool|device|computer|"
    r"printer|pump|vehicle|truck|engine|database|website|app|fridge|freezer|boiler|scanner|"
    r"line|kit)s? (had )?(failed|broke( down)?|crashed|went down|stopped working)|"
    # finding out why something went wrong asks for digging in, not for one's own failure
    r"\b(why|what|where|how) ((something|things|it|that|this|a|an|the|your|their) )?"
    r"([\w-]+ ){0,3}(went|was going|had gone|goes|kept going) wrong|"
    r"\b(cause|causes|source|root cause|reason) (of|for|behind) (the |a |these |those |repeated |"
    r"recurring )?([\w-]+ )?(failures?|errors?|mistakes?|problems?|defects?)|"
    # a belief or figure that proved wrong is no failure of one's own
    r"\b(explanation|assumption|belief|theory|diagnosis|estimate|forecast|numbers|figures|"
    r"report|idea|view|data)s? (\w+ ){0,3}(was|were|is|are|proved|turned out( to be)?) wrong",
    re.IGNORECASE,
)


# where a problem was caught is no ask for a customer story: "before it reached customers"
_BEFORE_REACHING = re.compile(
    r"\b(before|until) (it|they|this|that|the \w+) (reached|hit|got to|affected|went out to|"
    r"went to) (our |the |any )?(customers?|users?|clients?|production|the public|patients?)|"
    r"\bbefore (our |the |any )?(customers?|users?|clients?|patients?) (did|noticed|saw|found|"
    r"could|were)\b",  # "a problem you found before customers did"
    re.IGNORECASE,
)


def relevance(question: str, answer: str) -> Relevance:
    """The asks of ``question`` and the ones ``answer`` tells."""
    question = _BEFORE_REACHING.sub(" ", OTHERS_MISTAKE.sub(" ", question))
    asked = [ask for ask in ASKS if ask.question.search(question)]
    return Relevance(
        [ask.name for ask in asked], [ask.name for ask in asked if ask.answer.search(answer)]
    )
