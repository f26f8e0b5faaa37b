"""The transcription worker: a child process that loads Whisper once and transcribes the files
it is sent, one at a time. Requests and replies are JSON lines on its stdin and stdout; while it
works it writes progress lines. A crash or hang here never reaches the coach, which stops the
child and starts a fresh one for the next recording.

Only this process decodes audio (PyAV, native code) and runs the model (CTranslate2).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time

import numpy as np

SAMPLE_RATE = 16_000
MAX_SECONDS = 600  # recordings over ten minutes are refused
SILENT_RMS = 0.003  # root mean square of a recording with nothing said in it
BEAM_SIZE = 5  # beam search: fewer misheard words than greedy decoding, well within the time budget


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _reply(payload: dict) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def speech_spans(audio: np.ndarray) -> list[list[float]]:
    """When the candidate was speaking, from the audio itself (Silero VAD, shipped with
    faster-whisper): Whisper's word times run into the silences around them, the VAD's do not.
    Silences shorter than 0.3 s stay inside a span."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=300, speech_pad_ms=30)
    return [
        [round(c["start"] / SAMPLE_RATE, 2), round(c["end"] / SAMPLE_RATE, 2)]
        for c in get_speech_timestamps(audio, options, sampling_rate=SAMPLE_RATE)
    ]


def transcribe(model, path: str, request: int) -> dict:
    """One recording: refused in one sentence when it is not audio, silent or too long."""
    from faster_whisper.audio import decode_audio

    try:
        audio = decode_audio(path, sampling_rate=SAMPLE_RATE)
    except Exception:
        return {"id": request, "error": f"{os.path.basename(path)} is not an audio file the coach "
                "can read (WAV, MP3, M4A, OGG or WebM)."}  # fmt: skip
    seconds = len(audio) / SAMPLE_RATE
    if seconds > MAX_SECONDS:
        return {"id": request, "error": f"The recording is {seconds / 60:.1f} minutes long; "
                "answers of up to 10 minutes are transcribed."}  # fmt: skip
    if seconds < 0.3 or float(np.sqrt(np.mean(np.square(audio)))) < SILENT_RMS:
        return {"id": request, "error": "The recording is silent: nothing was said in it."}
    spans = speech_spans(audio)
    segments, _ = model.transcribe(
        audio, language="en", word_timestamps=True, beam_size=BEAM_SIZE, vad_filter=False,
        condition_on_previous_text=False,
    )  # fmt: skip
    words, texts = [], []
    for segment in segments:
        texts.append(segment.text.strip())
        words += [
            {"word": w.word.strip(), "start": round(w.start, 2), "end": round(w.end, 2)}
            for w in segment.words or []
        ]
        _reply({"id": request, "progress": round(min(1.0, segment.end / seconds), 3)})
    if not words:
        return {"id": request, "error": "The recording is silent: nothing was said in it."}
    return {"id": request, "text": " ".join(texts), "seconds": round(seconds, 2), "words": words,
            "speech": spans}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Transcribe recordings sent on stdin.")
    parser.add_argument("--model", required=True, help="the Whisper folder (CTranslate2)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    parent = os.getppid()
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    from faster_whisper import WhisperModel

    model = WhisperModel(
        args.model, device="cpu", compute_type="int8", cpu_threads=args.threads,
        local_files_only=True,
    )  # fmt: skip
    _reply({"ready": True})
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        _reply(transcribe(model, str(request["path"]), int(request["id"])))


if __name__ == "__main__":
    main()
