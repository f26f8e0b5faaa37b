"""People named outright in a text: a first name used as a name, a title with a name, or a name
set beside a role.

Used to warn in critique (interviewers want roles, not names) and to tell the user which of their
notes name people, so nothing private goes further than they intend. First names come from the
45,000-name dictionary of the ``gender-guesser`` package plus ``knowledge/first_names.txt``; a
name only counts where English would not capitalise the word anyway: not first in a sentence,
not after "in"/"at"/"to"/"from" (places), and not one of the names that are everyday words.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from coach.core.paths import knowledge_dir

_ROLE_NAME = re.compile(
    r"\b(?:my|our|the|a|his|her|their) (?:manager|boss|lead|teammate|colleague|coworker|co-worker|"
    r"director|engineer|intern|advisor|mentor|VP|PM|peer|report|skip-level|apprentice|nurse|"
    r"teacher|client|customer|supervisor|recruiter|student|patient)s?,? ([A-Z][a-z]{2,})\b"
)
_NAME_FROM_TEAM = re.compile(r"\b([A-Z][a-z]{2,}) (?:from|on|in) (?:the|our|my) [\w-]+ team\b")
_TITLED = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.? ([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_CALLED = re.compile(r"\b(?:call (?:him|her|them)|called|named) ([A-Z][a-z]{2,})\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|across|around|via|into|outside)\s+$", re.I)
# First names that are also ordinary words, months or days: never a name on their own.
_EVERYDAY = frozenset(
    """Will May Grace Mark Rose Hope Faith Joy Bill Frank Art Ray Dean Chase Sky Summer Amber
    Crystal River Angel Star Dawn Iris Ivy Lily Olive Don Sol Gene Page Jack June April August
    Autumn Winter Sunny Justice Major Prince King Earl Baron Rich Guy Pat Sue Lane Hunter Penny
    Ruby Pearl Holly Heather Daisy Ginger Honey Brandy Candy Sandy Misty Stormy Forest Glen Dale
    Cliff Brook Clay Stone Miles Max Royal Early Young Love Precious Harmony Melody Destiny Unique
    Easter Christmas Trust Bliss Happy Lucky Price Hall Bell Case Cook Miller Booth Pierce
    Dash Jewel Long Moon Noble Ocean Patience Rain Reed Rock Rusty Sage Scout Shade Storm
    Sterling Tiger Trinity
    Victory Wade Ward West Wolf Wren Asia China India Paris Florence Victoria Jordan Austin
    Sydney Chelsea Georgia Virginia Carolina Dallas Houston Phoenix Denver Orlando Adelaide
    Java Julia Alexa Siri Ada Kotlin Swift Meta Tesla Ford Dell Disney Wendy Mercedes
    Toyota""".split()
)
# Places that are also first names somewhere (countries, regions, big cities).
_PLACES = frozenset(
    """America Africa Europe Asia India China Japan France Germany Italy Spain Mexico Brazil Chile
    Peru Kenya Israel Jordan Georgia Chad Niger Mali Cuba Sudan Lebanon Egypt Ireland Scotland
    Wales England Britain Holland Sweden Norway Denmark Finland Poland Russia Turkey Iran Iraq
    Syria Austria Australia Canada Virginia Carolina Dakota Nevada Florida Indiana Montana Arizona
    Alabama Washington London Paris Berlin Madrid Rome Vienna Sofia Lima Quito Santiago Austin
    Houston Dallas Denver Phoenix Boston Seattle Chicago Atlanta Miami Orlando Sydney Melbourne
    Adelaide Victoria Florence Milan Naples Venice Geneva Zurich Dublin Tokyo Osaka Seoul Delhi
    Mumbai Bangalore Chennai Beijing Shanghai Singapore Dubai Cairo Lagos Nairobi Latin Bulgaria
    Texas Wisconsin California Oregon Ohio Kansas Georgia""".split()
)
# Words that open English sentences and happen to be names somewhere in the world.
_COMMON = frozenset(
    """The A An This That These Those Our My We I It In On At Then So But And Or If When While
    After Before During Since Once Also First Next Finally There Here Each Every All Some One
    Two Three Most Many Much More Both Even Still Just Only Yes No Not Now Today Later
    Again He She They Hey Hi Hello Dear Thanks""".split()
)
# "let's call him Bob", "a colleague named Sam": an everyday-word name is still a name there
_ALWAYS_NAME_AFTER = (_CALLED,)


@cache
def _dictionary_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary (read once; empty if the package is gone)."""
    try:
        import gender_guesser
    except ImportError:
        return frozenset()
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names: set[str] = set()
    try:
        with path.open(encoding="iso8859-1") as handle:
            for line in handle:
                if line[:1] in "#=" or len(line) < 4:
                    continue
                parts = line[3:30].split()
                if parts and "+" not in parts[0] and parts[0][:1].isupper():
                    names.add(parts[0])
    except OSError:
        return frozenset()
    return frozenset(names)


_CURATED: dict[str, frozenset[str]] = {}


def curated_names() -> frozenset[str]:
    """knowledge/first_names.txt: common names that are never everyday words, so they count even
    at the start of a sentence ("Priya was new")."""
    key = str(knowledge_dir())
    if key not in _CURATED:
        try:
            lines = (knowledge_dir() / "first_names.txt").read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        _CURATED[key] = frozenset(w for ln in lines if not ln.startswith("#") for w in ln.split())
    return _CURATED[key]


_ALL: dict[str, frozenset[str]] = {}
_WORDS: dict[str, frozenset[str]] = {}
_ENGLISH_SOURCES = ("questions.yaml", "star_sentences.yaml", "principles.yaml", "follow_ups.yaml")


def everyday_words() -> frozenset[str]:
    """Lower-case words of the shipped English texts (questions, labelled sentences, principles):
    a dictionary name that is also one of these ("Key", "Brand", "Take") is no name on its own."""
    key = str(knowledge_dir())
    if key not in _WORDS:
        words: set[str] = set()
        for name in _ENGLISH_SOURCES:
            try:
                text = (knowledge_dir() / name).read_text(encoding="utf-8")
            except OSError:
                continue
            words.update(re.findall(r"\b[a-z][a-z'-]+\b", text))
        for path in (knowledge_dir() / "stories").glob("*.md"):
            words.update(re.findall(r"\b[a-z][a-z'-]+\b", path.read_text(encoding="utf-8")))
        _WORDS[key] = frozenset(words)
    return _WORDS[key]


def first_names() -> frozenset[str]:
    """Every known first name: the dictionary and the curated list."""
    key = str(knowledge_dir())
    if key not in _ALL:
        _ALL[key] = _dictionary_names() | curated_names()
    return _ALL[key]


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a bullet."""
    before = text[:start].rstrip(" \t*_\"'“(")
    return not before or before[-1] in ".!?:\n-•>#;"


def name_mentions(text: str) -> list[tuple[str, int, int, bool]]:
    """(words, start, end, is a known first name) for each person named, first mention only."""
    found: dict[str, tuple[str, int, int, bool]] = {}
    names, curated, everyday = first_names(), curated_names(), everyday_words()
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group(0))
        if word not in names or word in _EVERYDAY or word in _COMMON or word in _PLACES:
            continue
        if word.lower() in everyday and word not in curated:
            continue
        if word in found:
            continue
        opening = _sentence_start(text, match.start())
        if (opening and word not in curated) or _PLACE_BEFORE.search(text[: match.start()]):
            follower = re.match(r"\s+([A-Z][a-z]+)", text[match.end() :])
            if not follower or follower.group(1) in _EVERYDAY | _COMMON:
                continue  # "Jordan said..." is ambiguous; "Jordan Lee said..." is a name
        found[word] = (word, match.start(), match.end(), True)
    for pattern in (_TITLED, *_ALWAYS_NAME_AFTER, _ROLE_NAME, _NAME_FROM_TEAM):
        for match in pattern.finditer(text):
            words = match.group(1).split()
            for word in words:  # "Dr. Priya Raman": one person, not two
                found.pop(word, None)
            found[words[0]] = (match.group(0), match.start(), match.end(), False)
    return sorted(found.values(), key=lambda item: item[1])


_TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "Mx", "Prof"})


def people_named(text: str) -> list[str]:
    """The names themselves ("Dana"), in order of first mention."""
    out = []
    for said, _, _, known in name_mentions(text):
        name = said if known else said.split()[-1].strip(",.")
        first, _, rest = said.partition(" ")
        if first.rstrip(".") in _TITLES and rest:  # "Dr. Priya Raman", never "Draga"
            name = rest
        if name not in out:
            out.append(name)
    return out
