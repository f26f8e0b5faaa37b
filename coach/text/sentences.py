"""Sentence splitting and the small text facts the grounding check needs (numbers, terms)."""

from __future__ import annotations

import re
import unicodedata

_SPLIT = re.compile(r"(?<=[.!?])[\"”')\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
_NUMBER = re.compile(r"(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?(?:[kKmM](?![a-zA-Z]))?")
_WORD_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "half": "50",
    "once": "1", "twice": "2", "single": "1", "double": "2",
}  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*")
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_SPELLED = "|".join([*_UNITS, *_TENS, *_SCALES])
# a run of number words ("nine thousand", "one hundred and twenty", "twenty-two"), or any word
_NUMBER_WORDS = re.compile(
    rf"\b(?:{_SPELLED})(?:(?:[\s-]+|\s+and\s+)(?:{_SPELLED}))+\b|[A-Za-z][A-Za-z0-9'’\-]*",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9\-]+$")
_CAMEL = re.compile(r"[a-z][A-Z]")


def visible_text(text: str) -> str:
    """Text without control characters, on one line with single spaces."""
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of a text (kept whole; no sentence is cut inside)."""
    return [s.strip() for s in _SPLIT.split(" ".join(text.split())) if s.strip()]


_CLAUSE = re.compile(r"(?:;\s+|,\s+(?=(?:and |but )(?:when|after|as a result|in the end)\b))")


def split_clauses(sentence: str, min_words: int = 4) -> list[str]:
    """A long sentence cut where a new step or outcome starts ("; ", ", and when ...", ", so ...").
    Parts shorter than ``min_words`` stay attached, so a list is never chopped up."""
    parts: list[str] = []
    for piece in _CLAUSE.split(sentence):
        piece = piece.strip()
        if parts and (len(piece.split()) < min_words or len(parts[-1].split()) < min_words):
            parts[-1] = f"{parts[-1]}, {piece}" if piece else parts[-1]
        elif piece:
            parts.append(piece)
    return parts or [sentence]


def figure_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, normalised value, words as written) for every figure of a text, in order:
    '10,000' -> '10000', '10K' -> '10000', 'three' -> '3'."""
    spotted: list[tuple[int, int, str, str]] = []
    for match in _NUMBER.finditer(text):
        raw = match.group(0)
        value = raw.lstrip("$£€").replace(",", "")
        if value[-1] in "kK":
            value = str(int(float(value[:-1]) * 1000))
        elif value[-1] in "mM":
            value = str(int(float(value[:-1]) * 1_000_000))
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        spotted.append((match.start(), match.end(), value, raw))
    for match in _NUMBER_WORDS.finditer(text):
        said = match.group(0)
        value = _spelled_value(said)
        if value is not None:
            spotted.append((match.start(), match.end(), value, said))
            continue
        for token in _TOKEN.finditer(said):  # "once", "half": one word, one figure
            word = token.group(0)
            if word.lower() in _WORD_NUMBERS:
                start = match.start() + token.start()
                spotted.append((start, start + len(word), _WORD_NUMBERS[word.lower()], word))
    return sorted(spotted)


def _spelled_value(said: str) -> str | None:
    """The value of a number spelled in words ("nine thousand" -> 9000, "one hundred and
    twenty" -> 120, "twenty-two" -> 22); None for a lone word the table maps on its own."""
    words = [w for w in re.split(r"[\s-]+", said.lower()) if w and w != "and"]
    if len(words) < 2 or not all(w in _UNITS or w in _TENS or w in _SCALES for w in words):
        return None
    total, current = 0, 0
    for word in words:
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[word]
            current = 0
    return str(total + current)


def figure_mentions(text: str) -> dict[str, str]:
    """Every figure in a text, in order, normalised, with the words that stated it first
    (kept as written for quoting: 'three' stays 'three')."""
    found: dict[str, str] = {}
    for _, _, value, raw in figure_spans(text):
        found.setdefault(value, raw)
    return found


def numbers(text: str) -> set[str]:
    """Every figure in a text, normalised: '10,000' -> '10000', '10K' -> '10000', 'two' -> '2'."""
    return set(figure_mentions(text))


def special_terms(sentence: str) -> set[str]:
    """Names and technical terms: acronyms, CamelCase, words with digits, capitalised words
    that do not open the sentence. Lower-cased for comparison."""
    out = set()
    tokens = _TOKEN.findall(sentence)
    for index, token in enumerate(tokens):
        bare = token.strip("'’-")
        if len(bare) < 2 or bare in {"I", "I'm", "I've", "I'd", "I'll"}:
            continue
        if (
            _ACRONYM.match(bare)
            or _CAMEL.search(bare)
            or any(c.isdigit() for c in bare)
            or (bare[0].isupper() and index > 0)
        ):
            out.add(bare.lower())
    return out


def vocabulary(text: str) -> set[str]:
    """Lower-cased word forms of a text, for checking that terms occur in it."""
    return {t.strip("'’-").lower() for t in _TOKEN.findall(text)}
