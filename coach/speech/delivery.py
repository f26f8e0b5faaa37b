"""What a recording says about delivery: pace, pauses, fillers, how soon the story starts.

Pace is counted over the time the candidate is speaking: from the first word to the last, less
every pause of 1.5 s or more (those are reported on their own). Fillers are those that survive
transcription: Whisper rarely writes "um" or "uh" when they run into a sentence, so those are
undercounted and the note says so.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import pairwise

from coach.core.results import Delivery, Pause, Transcript
from coach.text.fillers import filler_words
from coach.text.sentences import split_sentences

PAUSE_SECONDS = 1.5  # a silence this long between two words is a pause
PACE_BAND = (130, 160)  # words per minute a listener follows comfortably
FILLERS_NOTE = (
    'Whisper rarely writes "um" and "uh" when they run into a sentence, so those are undercounted; '
    '"like", "you know", "so" and "basically" are counted as heard.'
)
# ways of playing for time before the story starts ("That's a good question. Let me think.")
_STALLING = re.compile(
    r"^(?:(?:so|well|okay|ok|right|um+|uh+|yeah|sure|hmm)\b[\s,.]*)*(?:that'?s a (?:good|great|"
    r"tough|hard) question|let me (?:think|see)|good question|give me a (?:second|moment)|"
    r"how do i (?:put|say) this|where do i start)",
    re.IGNORECASE,
)
_SPOKEN_SO = re.compile(r"(?:^|[.?!,]\s+)(so)\b,?", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SYMBOL_WORDS = {"%": 1, "$": 1, "£": 1, "€": 1}  # percent, dollars, pounds, euros


@cache
def _engine():
    import inflect

    return inflect.engine()


def said_words(token: str) -> int:
    """How many words a transcribed token stands for: Whisper writes numbers as figures, and
    "20%" was said as two words, "$1.5" as four."""
    count = sum(_SYMBOL_WORDS.get(ch, 0) for ch in token)
    numbers = _NUMBER.findall(token)
    for number in numbers:
        spoken = _engine().number_to_words(number.replace(",", ""), andword="")
        count += len(re.findall(r"[a-z]+", str(spoken)))
    rest = _NUMBER.sub(" ", token)
    count += len(re.findall(r"[A-Za-z]+(?:'[a-z]+)?", rest))
    return max(count, 1)


def _spans(transcript: Transcript) -> list[tuple[float, float]]:
    """When the candidate spoke: the audio's speech spans, or each word's times without them."""
    if transcript.speech:
        return [(float(a), float(b)) for a, b in transcript.speech]
    return [(w.start, w.end) for w in transcript.words]


def pauses(transcript: Transcript) -> list[Pause]:
    """Every silence of 1.5 s or more between two stretches of speech."""
    spans = _spans(transcript)
    out = []
    for (_, end), (start, _) in pairwise(spans):
        if start - end >= PAUSE_SECONDS:
            out.append(Pause(start=round(end, 2), seconds=round(start - end, 2)))
    return out


def pace(transcript: Transcript, found: list[Pause]) -> float:
    """Words per minute of speaking time (first word to last, long pauses left out), numbers
    counted as the words said."""
    words, spans = transcript.words, _spans(transcript)
    if len(words) < 2 or not spans:
        return 0.0
    speaking = spans[-1][1] - spans[0][0] - sum(p.seconds for p in found)
    said = sum(said_words(w.word) for w in words)
    return round(said / speaking * 60, 1) if speaking > 0 else 0.0


def filler_counts(text: str) -> dict[str, int]:
    """How often each filler was heard (as transcribed), "so" opening a sentence included."""
    counts = Counter(word.lower() for word in filler_words(text))
    counts.update("so" for _ in _SPOKEN_SO.finditer(text))
    return dict(counts.most_common())


def opening_seconds(transcript: Transcript) -> float:
    """Seconds until the first sentence of the story: stalling phrases and sentences of fewer
    than four words before it do not count."""
    position = 0
    for sentence in split_sentences(transcript.text):
        count = len(sentence.split())
        if count >= 4 and not _STALLING.match(sentence):
            break
        position += count
    else:
        return 0.0
    if position < len(transcript.words):
        return round(transcript.words[position].start, 2)
    return 0.0


def delivery(transcript: Transcript) -> Delivery:
    """Pace, pauses, fillers and opening time of one recording."""
    found = pauses(transcript)
    return Delivery(
        seconds=round(transcript.seconds, 2),
        words=sum(said_words(w.word) for w in transcript.words),
        words_per_minute=pace(transcript, found),
        pauses=found,
        fillers=filler_counts(transcript.text),
        fillers_note=FILLERS_NOTE,
        opening_seconds=opening_seconds(transcript),
    )
