"""Critique of a spoken answer: the transcript is critiqued as a typed answer would be, and the
delivery dimension is judged from the recording itself (pace, pauses, fillers heard)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from coach.core.results import Critique, Transcript
from coach.critique.critic import Critic, CritiqueOptions
from coach.speech.delivery import delivery
from coach.speech.transcriber import Transcriber, shared_transcriber


def said_this(transcript: Transcript, text: str, share: float = 0.5) -> bool:
    """Whether ``text`` is still the transcript, corrected: at least half of its words were said.
    A candidate who records and then types a different answer gets a typed critique."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    heard = set(re.findall(r"[a-z0-9']+", transcript.text.lower()))
    return bool(words) and sum(w in heard for w in words) / len(words) >= share


def critique_transcript(
    critic: Critic,
    question: str | None,
    transcript: Transcript,
    text: str | None = None,
    options: CritiqueOptions | None = None,
) -> Critique:
    """The critique of what was said; ``text``: the transcript as the candidate corrected it."""
    said = delivery(transcript)
    words = (text or transcript.text).strip()
    result = critic.critique(question, words, replace(options or CritiqueOptions(), delivery=said))
    return result.model_copy(update={"transcript": words, "delivery": said})


def critique_recording(
    critic: Critic,
    question: str | None,
    path: Path,
    options: CritiqueOptions | None = None,
    transcriber: Transcriber | None = None,
) -> Critique:
    """Transcribe a recording on this machine, then critique it."""
    transcript = (transcriber or shared_transcriber()).transcribe(path)
    return critique_transcript(critic, question, transcript, options=options)
