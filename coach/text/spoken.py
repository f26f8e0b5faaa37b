"""Sentences a candidate can say out loud, made from their notes' own words without a model.

Notes are written to oneself: arrows, "mention X", half-closed brackets, ``Label:`` stubs, "e.g."
lists, TODOs, shorthand ("w/", "b4"), fragments with no subject ("Designed FD for video"), run-on
lines missing a full stop, typos. Each note sentence becomes either a spoken sentence (with every
change listed, so it can be shown and undone) or a *note to expand*: a fragment the coach cannot
turn into a sentence without guessing, which is listed for the candidate instead of read out.

Nothing is added that the notes do not say: the only words the coach supplies are "I" for a
fragment that opens with what the candidate did, connectives for arrows and shorthand, an
acronym's long form where the notes themselves use that form, and a spelling fix where the
spelling dictionary and the notes' own words agree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coach.text.clauses import is_clause
from coach.text.english import is_known, speller
from coach.text.measures import (
    FROM_TO,
    PER_UNIT,
    is_measure_label,
    measured_change,
    sentence_case,
    went,
)
from coach.text.star_cues import PAST_VERB
from coach.text.terms import STOPWORDS

MIN_WORDS = 4
MAX_WORDS = 45

_RESIDUE = re.compile(
    r"\b(?:todo|tbd|tbc|fixme|xxx+)\b|\?\?|\bmention\b|\bremember to\b|\bnote to self\b|"
    r"\bask about\b|\bneed (?:the )?(?:numbers?|data|details)\b",
    re.IGNORECASE,
)
_ARROW = re.compile(r"\s*(?:-{1,3}>|=>|→|⇒|->)\s*")
_LABEL = re.compile(r"^(?P<label>[A-Z][\w'/&-]*(?: [A-Za-z][\w'/&-]*){0,4})\s*:\s*(?P<rest>.*)$")
_QUOTED_AFTER_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w'/&-]*(?: [A-Za-z][\w'/&-]*){0,4})\s+[\"“](?P<rest>.*)$"
)
_WEEKDAYS = (
    ("mon", "Monday"), ("tues?", "Tuesday"), ("wed", "Wednesday"), ("thu(?:rs?)?", "Thursday"),
    ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday"),
)  # fmt: skip
_SHORTHAND = (
    (re.compile(r"\bw/o\b", re.I), "without"),
    (re.compile(r"\bw/(?=\s|\w)", re.I), "with "),
    (re.compile(r"\bb/c\b", re.I), "because"),
    (re.compile(r"\bb4\b", re.I), "before"),
    (re.compile(r"\be\.g\.,?\s*", re.I), "for example "),
    (re.compile(r"\bi\.e\.,?\s*", re.I), "that is, "),
    (re.compile(r"\betc\.?"), "and so on"),
    (re.compile(r"\bvs\.?\s", re.I), "versus "),
    (re.compile(r"(?<=\w)\s*&\s*(?=\w)"), " and "),
    (re.compile(r"(?<=[a-z])\s+\+\s+(?=[a-z])", re.I), " and "),
    (re.compile(r"~\s*(?=\d)"), "about "),
    (re.compile(r"\bppl\b", re.I), "people"),
    (re.compile(r"\bmgr\b", re.I), "manager"),
    (re.compile(r"\bdept\b", re.I), "department"),
    (re.compile(r"\bcust\b", re.I), "customer"),
    (re.compile(r"\bcusts\b", re.I), "customers"),
    (re.compile(r"\bsvcs\b", re.I), "services"),
    (re.compile(r"\bsvc\b", re.I), "service"),
    (re.compile(r"\bapprox\.?(?=\s)", re.I), "about"),
    # units after a figure: "3 mo", "2 wks", "6h", "40 mins"
    (re.compile(r"(?<=\d)\s?(?:mos?|mths?)\b", re.I), " months"),
    (re.compile(r"(?<=\d)\s?wks?\b", re.I), " weeks"),
    (re.compile(r"(?<=\d)\s?yrs?\b", re.I), " years"),
    (re.compile(r"(?<=\d)\s?(?:hrs?|h)\b", re.I), " hours"),
    (re.compile(r"(?<=\d)\s?mins?\b", re.I), " minutes"),
    # a day before a time of day: "fri night" (never "sat" or "wed" alone, which are words)
    *((re.compile(rf"\b{short}\.?(?= (?:night|morning|afternoon|evening)\b)", re.I), day)
      for short, day in _WEEKDAYS),
)
# Words that can open a clause after a missing full stop ("...the seg. head The accuracy...")
_OPENERS = r"(?:I|We|The|This|That|Then|So|But|He|She|They|It|My|Our|After|Later|Finally)"
_RUN_ON = re.compile(rf"(?<=[a-z0-9)])\s+(?={_OPENERS}\s+[a-z])")
_LOWER_STOP = re.compile(r"(?<=\w)\.\s+(?=[a-z])")  # "...we have DSP. eventually it failed"
# words after which a capital starts reported speech or the same clause, not a new sentence
_GLUE = frozenset(
    "say says said saying think thought told tell know knew asked ask meaning mean means "
    "like as if when because although though while whether".split()
)
_VERB_FIRST = re.compile(rf"^{PAST_VERB}(?![-\w])", re.IGNORECASE)  # not "Built-in"
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_DEFINED = re.compile(
    r"(?P<long>[A-Za-z][A-Za-z-]+(?: [A-Za-z][A-Za-z-]+){1,4}) \((?P<short>[A-Z]{2,6})\)"
)
_DEFINED_AFTER = re.compile(r"\b(?P<short>[A-Z]{2,6}) \((?P<long>[a-z][a-z-]+(?: [a-z-]+){1,4})\)")
_PHRASE_WORD = re.compile(r"[A-Za-z][a-z-]+")


@dataclass
class Glossary:
    """What the candidate's own notes tell about their shorthand and their spelling."""

    expansions: dict[str, str] = field(default_factory=dict)  # "FD" -> "face detection"
    words: Counter[str] = field(default_factory=Counter)  # every word of the notes, lower case

    @classmethod
    def of(cls, text: str) -> Glossary:
        """Read the glossary from all of a candidate's notes."""
        glossary = cls(words=Counter(w.lower() for w in re.findall(r"[A-Za-z']+", text)))
        for match in _DEFINED.finditer(text):
            glossary._define(match.group("short"), match.group("long"))
        for match in _DEFINED_AFTER.finditer(text):
            glossary._define(match.group("short"), match.group("long"))
        for short in set(_ACRONYM.findall(text)) - set(glossary.expansions):
            found = _initials_phrase(short.rstrip("s"), text)
            if found:
                glossary.expansions[short.rstrip("s")] = found
        return glossary

    def _define(self, short: str, long: str) -> None:
        words = long.split()[-len(short) :]
        if [w[0].lower() for w in words] == [c.lower() for c in short]:
            self.expansions.setdefault(short, " ".join(words).lower())


def _initials_phrase(short: str, text: str) -> str | None:
    """The one phrase of the notes, used at least twice, whose initials spell ``short``
    ("face detection" for "FD"); None when there is none or more than one."""
    size = len(short)
    if size < 2 or size > 4:
        return None
    words = _PHRASE_WORD.findall(text)
    found: Counter[str] = Counter()
    for i in range(len(words) - size + 1):
        run = words[i : i + size]
        initials = all(w[0].lower() == c.lower() for w, c in zip(run, short, strict=True))
        if initials and all(len(w) > 2 and w.lower() not in STOPWORDS for w in run):
            found[" ".join(w.lower() for w in run)] += 1
    common = [phrase for phrase, n in found.items() if n >= 2]
    return common[0] if len(common) == 1 else None


@dataclass
class Spoken:
    """A note sentence made speakable: what is said, what it came from, and what changed."""

    text: str
    source: str
    changes: list[str] = field(default_factory=list)
    speakable: bool = True  # False: a note to expand, never read out

    @property
    def words(self) -> int:
        return len(self.text.split())


def _ends_clause(text: str) -> bool:
    """Whether a run of words can end a sentence: four words or more, and not ending on a
    function word or a verb of saying ("So", "Meaning that If", "when you say")."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return False
    last = words[-1].lower().strip(",;:")
    return last not in STOPWORDS and last not in _GLUE


def _cuts(sentence: str) -> list[str]:
    """Where a full stop is missing before a capital, or a full stop is followed by a small
    letter after a whole word ("...we have DSP. eventually...", not "the seg. head")."""
    spots = [m.start() for m in _RUN_ON.finditer(sentence)]
    for match in _LOWER_STOP.finditer(sentence):
        before = sentence[: match.start()].split()[-1] if sentence[: match.start()].split() else ""
        if re.fullmatch(r"[A-Z]{2,}", before) or (len(before) >= 4 and is_known(before)):
            spots.append(match.start() + 1)
    pieces, start = [], 0
    for spot in sorted(spots):
        head = sentence[start:spot].strip()
        if _ends_clause(head) and len(sentence[spot:].split()) >= MIN_WORDS:
            pieces.append(head)
            start = spot
    pieces.append(sentence[start:].strip())
    return [p for p in pieces if p]


def _pieces(sentence: str) -> list[str]:
    """A note sentence cut where a full stop is missing, and a very long one at its clauses."""
    out: list[str] = []
    for piece in _cuts(sentence):
        if len(piece.split()) <= MAX_WORDS:
            out.append(piece)
            continue
        parts = [p.strip() for p in re.split(r";\s+|,\s+(?=(?:and|but|so|which)\b)", piece)]
        out.extend(p for p in parts if p)
    return out or [sentence]


def _strip_brackets(text: str, changes: list[str]) -> str:
    """Drop a bracket left open ("(mention hysteresis") and asides that are notes to self."""
    if text.count("(") > text.count(")"):
        head = text[: text.rfind("(")].rstrip(" ,;:-")
        if head != text:
            changes.append(f"dropped the unclosed aside '{text[text.rfind('('):].strip()}'")
            text = head
    for aside in re.findall(r"\([^()]*\)", text):
        if _RESIDUE.search(aside) or not re.search(r"[A-Za-z0-9]", aside):
            text = text.replace(aside, " ")
            changes.append(f"dropped the note to self '{aside}'")
    return text.replace(")", "") if text.count(")") > text.count("(") else text


SURE_TYPO = 7  # letters from which an unknown word one edit from a known one is a misspelling


def _spell(text: str, glossary: Glossary, changes: list[str]) -> str:
    """Fix a misspelt word only where the spelling dictionary and the notes agree: the word is
    unknown to the dictionary and one edit from a known word, the notes do not use it again and
    again as a term of their own, and either the notes also use the corrected form or the word
    is long enough that a slip is likelier than a term ("capex" stays, "suffiecient" is fixed)."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if not word.islower() or len(word) < 4 or is_known(lowered):
            return word
        better = speller().correction(lowered)
        if not better or better == lowered or not is_known(better):
            return word
        if better[0] != lowered[0] or abs(len(better) - len(lowered)) > 1:
            return word  # "alot" is not "lot": only a slip inside the word is fixed
        if _other_spelling(lowered, better):
            return word  # "polarising" is British, not a slip
        if glossary.words[lowered] > 1 and not glossary.words[better]:
            return word  # a word of the candidate's own, used again and again
        if len(lowered) < SURE_TYPO and not glossary.words[better]:
            return word  # short: as likely a term of theirs ("capex") as a slip
        changes.append(f"spelling: '{word}' -> '{better}'")
        return better

    return re.sub(r"\b[a-z][a-z']+\b", fix, text)


_VARIANTS = (("is", "iz"), ("ys", "yz"), ("our", "or"), ("re", "er"), ("ll", "l"), ("ce", "se"))


def _other_spelling(word: str, better: str) -> bool:
    """Whether ``word`` and ``better`` are the British and American spellings of one word
    ("polarising"/"polarizing", "colour"/"color", "centre"/"center", "travelled"/"traveled")."""
    for british, american in _VARIANTS:
        for i in range(len(word)):
            swapped = word[:i] + american + word[i + len(british) :]
            if word.startswith(british, i) and swapped == better:
                return True
    return False


def _expand(text: str, glossary: Glossary, changes: list[str], said: set[str]) -> str:
    """Spell out an acronym the first time it is said, where the notes use its long form."""
    def expand(match: re.Match[str]) -> str:
        short = match.group(0)
        long = glossary.expansions.get(short)
        if not long or short in said or long in text.lower():
            return short
        said.add(short)
        changes.append(f"'{short}' -> '{long}' (your notes use both)")
        return long

    return re.sub(r"\b[A-Z]{2,6}\b", expand, text)


def _then(arrow: re.Match[str]) -> str:
    """An arrow said as "then"; "then I" where what follows opens with what the candidate did
    ("... nobody knew why -> pulled the scans" -> "..., then I pulled the scans")."""
    after = arrow.string[arrow.end() :]
    return ", then I " if _VERB_FIRST.match(after) else ", then "


def speak(sentence: str, glossary: Glossary, said: set[str] | None = None) -> list[Spoken]:
    """The spoken sentences one note sentence becomes (notes to expand marked as such).
    ``said``: acronyms already spelt out earlier in the same answer."""
    said = set() if said is None else said
    out: list[Spoken] = []
    for piece in _pieces(sentence):
        out.append(_speak_one(piece, glossary, said))
    return out


def _speak_one(piece: str, glossary: Glossary, said: set[str]) -> Spoken:
    changes: list[str] = []
    text = piece.strip().strip('"“”*_ ')
    label = _LABEL.match(text) or _QUOTED_AFTER_LABEL.match(text)
    if label and len(label.group("label").split()) <= 4:
        rest = label.group("rest").strip().strip('"“”')
        change = FROM_TO.match(rest)
        if change and "," not in rest[change.end() :] and is_measure_label(label.group("label")):
            text = f"{sentence_case(label.group('label'))} {rest}"  # "Pick rate: 350 -> 610":
            # the label is the measure that went from one figure to the other
        else:
            changes.append(f"dropped the label '{label.group('label')}:'")
            text = rest
    if not text or _RESIDUE.search(text.split("(")[0]):
        return Spoken(text, piece, changes, speakable=False)
    text = measured_change(text, changes)
    text = _strip_brackets(text, changes)
    moved = FROM_TO.search(text)
    text = FROM_TO.sub(lambda m: f"from {m.group('a').strip()} to {m.group('b').strip()}", text)
    if moved:
        text = went(text, changes)
    if _ARROW.search(text):
        said_then = _ARROW.sub(_then, text)
        changes.append("an arrow said as 'then'")
        if said_then.count(", then I ") > text.count(", then I "):
            changes.append("added 'I' after 'then': the notes leave out who acted")
        text = said_then
    for pattern, spoken in (*_SHORTHAND, *PER_UNIT):
        if pattern.search(text):
            text = pattern.sub(spoken, text)
    text = _spell(text, glossary, changes)
    text = " ".join(text.split()).strip(" ,;:-")
    if _VERB_FIRST.match(text) and not re.match(r"^(?:I|we)\b", text, re.I):
        text = f"I {text[0].lower()}{text[1:]}"
        changes.append("added 'I': the notes leave out who acted")
    text = _expand(text, glossary, changes, said)
    if text:
        text = text[0].upper() + text[1:]
        if text[-1] not in ".!?":
            text += "."
    words = len(text.split())
    clause = is_clause(text)
    complete = clause and MIN_WORDS <= words <= MAX_WORDS
    return Spoken(text, piece, changes, speakable=complete)


# Note-to-self residue in a sentence that is otherwise complete
_LEFT_RESIDUE = re.compile(
    r"(?:-{1,3}>|=>|→|⇒)|\b(?:todo|tbd|fixme)\b|\bmention\b|\?\?|\be\.g\.|\bw/o?\b|\bb4\b|"
    r"^[A-Z][\w ]{0,30}:\s*$",
    re.IGNORECASE,
)
_STUB = re.compile(r"^\s*[A-Z][\w'/&-]*(?: [A-Za-z][\w'/&-]*){0,3}\s*:\s")


def sentence_problems(sentence: str) -> list[str]:
    """Why a sentence cannot be said as it stands (empty: it can): a capital at the start, a
    full stop (or question or exclamation mark) at the end, 4 to 45 words, no note-to-self
    residue (an arrow, "mention", TODO, an unclosed bracket, a ``Label:`` stub, "e.g.", "w/")."""
    problems = []
    text = sentence.strip()
    words = len(text.split())
    if not text[:1].isupper() and not text[:1].isdigit():
        problems.append("no capital at the start")
    if text[-1:] not in ".!?" and not text.endswith(('."', '!"', '?"', ".”")):
        problems.append("no full stop at the end")
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append(f"{words} words")
    if text.count("(") != text.count(")") or _LEFT_RESIDUE.search(text) or _STUB.match(text):
        problems.append("note-to-self residue")
    return problems
