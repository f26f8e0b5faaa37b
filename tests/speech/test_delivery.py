"""Delivery figures from a transcript: pauses from the speech spans, pace over speaking time with
numbers counted as said, fillers as heard, and when the story starts."""

from __future__ import annotations

from pathlib import Path

from coach.core.results import TimedWord, Transcript
from coach.speech.delivery import delivery, pauses, said_words
from coach.speech.recordings import settle


def _transcript(text: str, gaps: dict[int, float] | None = None) -> Transcript:
    """One word every 0.4 s; ``gaps``: extra silence before word i."""
    words, spans, clock, start = [], [], 0.0, 0.0
    for i, word in enumerate(text.split()):
        if gaps and i in gaps:
            spans.append((start, clock - 0.1))
            clock += gaps[i]
            start = clock
        words.append(TimedWord(word=word, start=clock, end=clock + 0.3))
        clock += 0.4
    spans.append((start, clock - 0.1))
    return Transcript(text=text, seconds=clock + 0.5, words=words, speech=spans)


def test_only_silences_of_a_second_and_a_half_are_pauses() -> None:
    said = _transcript("one two three four five six seven", gaps={2: 2.0, 5: 1.0})
    found = pauses(said)
    assert [round(p.seconds, 1) for p in found] == [2.1]
    assert round(found[0].start, 1) == 0.7


def test_pace_leaves_long_pauses_out_and_counts_numbers_as_said() -> None:
    plain = delivery(_transcript("we cut the costs by a lot in the end"))
    paused = delivery(_transcript("we cut the costs by a lot in the end", gaps={4: 3.0}))
    assert paused.words_per_minute / plain.words_per_minute < 1.03  # the 3 s are not speaking
    assert 145 < plain.words_per_minute < 160  # 10 words over 3.9 s of speaking
    figures = delivery(_transcript("we cut costs by 20%"))
    assert figures.words == 6  # "twenty percent" is two words said
    assert said_words("$1.5") == 4 and said_words("don't") == 1


def test_fillers_are_counted_as_heard_and_undercounting_is_said() -> None:
    said = delivery(_transcript("So, you know, I basically rewrote it. So it was, like, faster."))
    assert said.fillers["you know"] == 1 and said.fillers["basically"] == 1
    assert said.fillers["so"] == 2
    assert "undercounted" in said.fillers_note


def test_the_story_starts_after_the_stalling() -> None:
    stalled = delivery(_transcript("That's a good question. Let me think. I led the billing move."))
    assert stalled.opening_seconds > 2.0
    direct = delivery(_transcript("I led the billing move last spring."))
    assert direct.opening_seconds == 0.0


def test_without_speech_spans_word_times_are_used() -> None:
    said = _transcript("one two three four", gaps={2: 2.5})
    bare = said.model_copy(update={"speech": []})
    assert len(pauses(bare)) == 1 and pauses(bare)[0].seconds >= 2.5


def test_a_recording_is_deleted_unless_kept(coach_home, tmp_path: Path) -> None:
    gone = tmp_path / "a.wav"
    gone.write_bytes(b"RIFF")
    assert settle(gone, keep=False) is None and not gone.exists()
    kept = tmp_path / "b.wav"
    kept.write_bytes(b"RIFF")
    copy = settle(kept, keep=True)
    assert copy is not None and copy.read_bytes() == b"RIFF" and not kept.exists()
    assert copy.parent == coach_home / "recordings"
