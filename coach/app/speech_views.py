"""How a spoken answer came across, as Markdown beside the scores: pace against the band, length
against the time budget, the pauses marked in the transcript, the fillers heard."""

from __future__ import annotations

from coach.app.views import esc
from coach.core.results import Delivery, Transcript
from coach.speech.delivery import PACE_BAND, PAUSE_SECONDS


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def pace_line(words_per_minute: float) -> str:
    low, high = PACE_BAND
    if words_per_minute < low:
        verdict = "slower than most listeners like"
    elif words_per_minute > high:
        verdict = "fast: slow down so each fact lands"
    else:
        verdict = "easy to follow"
    band = f"{low}-{high} is easy to follow"
    return f"**Pace** {words_per_minute:.0f} words a minute ({band}): {verdict}."


def length_line(seconds: float, budget_seconds: int) -> str:
    if seconds > budget_seconds:
        verdict = f"{seconds - budget_seconds:.0f} s over: cut the situation short"
    elif seconds < budget_seconds * 0.4:
        verdict = "short: the interviewer will ask for more"
    else:
        verdict = "within it"
    return f"**Length** {_clock(seconds)} of a {_clock(budget_seconds)} budget: {verdict}."


def marked_transcript(transcript: Transcript, pauses_at: list[tuple[float, float]]) -> str:
    """The transcript word by word, each long pause marked with its length where it fell."""
    out: list[str] = []
    waiting = sorted(pauses_at)
    for word in transcript.words:
        while waiting and word.start >= waiting[0][0]:
            out.append(f"**[pause {waiting.pop(0)[1]:.1f} s]**")
        out.append(esc(word.word))
    return " ".join(out)


def delivery_md(said: Delivery, transcript: Transcript | None, budget_seconds: int = 120) -> str:
    """The delivery panel of a spoken answer."""
    heard = ", ".join(f"{esc(w)} ×{n}" for w, n in said.fillers.items()) or "none heard"
    lines = [
        "### How it sounded",
        pace_line(said.words_per_minute),
        length_line(said.seconds, budget_seconds),
        f"**Pauses** of {PAUSE_SECONDS:g} s or more: {len(said.pauses)}"
        + (" (marked [pause] below)." if said.pauses else "."),
        f"**The story starts** {said.opening_seconds:.1f} s in"
        + (": get to it sooner." if said.opening_seconds > 8 else "."),
        f"**Fillers** {heard}. _{esc(said.fillers_note)}_",
    ]
    if transcript is not None and transcript.words:
        marks = [(p.start + p.seconds, p.seconds) for p in said.pauses]
        lines += ["", "**What the coach heard:** " + marked_transcript(transcript, marks)]
    return "\n\n".join(lines)
