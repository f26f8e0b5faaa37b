"""A stand-in transcription worker: speaks the worker's JSON-lines protocol, and its "recordings"
are text files saying what to do: ``crash``, ``hang``, ``wait FILE`` (reply once FILE exists),
or the words to return (one every 0.4 s, a 2 s silence at each ``|``)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def words_of(text: str) -> tuple[list[dict], list[list[float]], float]:
    words, speech, clock, span_start = [], [], 0.0, 0.0
    for stretch in text.split("|"):
        for word in stretch.split():
            words.append({"word": word, "start": round(clock, 2), "end": round(clock + 0.3, 2)})
            clock += 0.4
        speech.append([round(span_start, 2), round(clock - 0.1, 2)])
        clock += 2.0
        span_start = clock
    return words, speech, clock - 2.0


def main() -> None:
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        text = Path(request["path"]).read_text().strip()
        if text == "crash":
            os._exit(3)
        if text == "hang":
            time.sleep(3600)
        if text.startswith("wait "):
            gate = Path(text.split(" ", 1)[1])
            print(json.dumps({"id": request["id"], "progress": 0.1}), flush=True)
            while not gate.exists():
                time.sleep(0.05)
            text = "done waiting"
        print(json.dumps({"id": request["id"], "progress": 0.5}), flush=True)
        words, speech, seconds = words_of(text)
        plain = " ".join(text.replace("|", " ").split())
        print(json.dumps({"id": request["id"], "text": plain, "seconds": seconds,
                          "words": words, "speech": speech}), flush=True)


if __name__ == "__main__":
    main()
