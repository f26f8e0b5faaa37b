"""``coach transcribe FILE`` and the audio half of ``coach critique --audio FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.results import Transcript


def register(sub: argparse._SubParsersAction) -> None:
    transcribe = sub.add_parser("transcribe", help="transcribe a spoken answer on this machine")
    transcribe.add_argument("file", metavar="FILE", help="WAV, MP3, M4A, OGG or WebM")
    transcribe.add_argument("--json", action="store_true", help="print the contract's JSON")
    transcribe.set_defaults(func=cmd_transcribe)


def transcribe_file(name: str) -> Transcript:
    """The transcript of a recording named on the command line (one sentence when it is bad)."""
    from coach.speech.transcriber import shared_transcriber

    path = Path(name)
    if not path.is_file():
        raise CoachError(f"{path} does not exist.")
    try:
        return shared_transcriber().transcribe(path)
    finally:
        shared_transcriber().close()


def cmd_transcribe(args: argparse.Namespace) -> int:
    transcript = transcribe_file(args.file)
    if args.json:
        words = [w.model_dump() for w in transcript.words]
        payload = {"text": transcript.text, "seconds": transcript.seconds, "words": words}
        print(json.dumps(payload, indent=2))
    else:
        print(transcript.text)
        print(f"({transcript.seconds:.1f} s, {len(transcript.words)} words)", file=sys.stderr)
    return 0


def render_delivery(result) -> str:
    """The delivery figures of a spoken answer, for the terminal."""
    d = result.delivery
    if d is None:
        return ""
    pauses = ", ".join(f"{p.seconds:.1f} s at {p.start:.0f} s" for p in d.pauses) or "none"
    fillers = ", ".join(f"{word} x{n}" for word, n in d.fillers.items()) or "none heard"
    return "\n".join([
        f"Spoken: {d.seconds:.0f} s, {d.words} words, {d.words_per_minute:.0f} words a minute "
        "(130-160 is easy to follow)",
        f"Pauses of 1.5 s or more: {pauses}",
        f"Fillers: {fillers} ({d.fillers_note})",
        f"The story starts {d.opening_seconds:.1f} s in.",
        f"Transcript: {result.transcript}",
    ])  # fmt: skip
