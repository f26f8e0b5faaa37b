"""Speech benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/speech.py

On espeak-ng speech with silences inserted by sox (known words, length, speaking time, pauses),
in three voices at three speeds, transcribed by the coach's own worker process:
- word error rate (jiwer), numbers written as figures counted as the words said;
- recording length, pace and pauses found against what was made;
- a two-minute answer: transcription time (median of runs), the worker's peak memory, and how long
  a typed critique takes in the same process while that transcription runs.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

import jiwer
from scratch import scratch_dir

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coach.speech.delivery import delivery  # noqa: E402
from coach.speech.synthetic import comparable, speak  # noqa: E402
from coach.speech.transcriber import Transcriber  # noqa: E402

# Answers written for this benchmark, each in stretches with a silence between them.
ANSWERS = [
    [
        "Last spring our checkout service failed every evening at peak time.",
        "I was asked to find the cause before the holiday sale started.",
        "I read three weeks of logs and found a retry loop that doubled the load on the database.",
        "After my fix the errors stopped and the sale ran without a single outage.",
    ],
    [
        "A customer called about a delivery that had gone missing twice.",
        "I promised to call her back within the hour with a plan.",
        "I tracked the parcel, booked a courier myself and kept her informed by text.",
        "She received it the next morning and wrote to my manager to thank the team.",
    ],
    [
        "Our clinic kept paper records for every patient visit.",
        "My task was to move the schedule to a shared calendar without losing any bookings.",
        "I trained the nurses in small groups and checked every entry for a month.",
        "Missed appointments fell by a third and nobody asked to go back to paper.",
    ],
]
VOICES = [("en-us", 140), ("en-gb", 160), ("en-gb-x-rp", 180)]
LONG_RUNS = 3


def peak_mb(pid: int | None) -> float:
    """The worker's peak resident memory (VmHWM)."""
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def accuracy(transcriber: Transcriber, folder: Path) -> None:
    print("voice, speed | WER | length error | pace made / found | pauses made / found (extra)")
    errors, worst_length, worst_pace, missed, extra = [], 0.0, 0.0, 0, 0
    for (voice, speed), answer in [(v, a) for v in VOICES for a in ANSWERS]:
        place = folder / voice / str(speed)
        made = speak(answer, voice=voice, words_per_minute=speed, folder=place)
        heard = transcriber.transcribe(made.path)
        said = delivery(heard)
        wer = jiwer.wer(comparable(made.text), comparable(heard.text))
        errors.append(wer)
        length = abs(said.seconds - made.seconds) / made.seconds
        real_pace = len(comparable(made.text).split()) / made.speaking_seconds * 60
        pace = abs(said.words_per_minute - real_pace) / real_pace
        found = [p.start for p in said.pauses]
        hits = [s for s in made.pause_starts if any(abs(s - f) <= 0.5 for f in found)]
        missed += len(made.pause_starts) - len(hits)
        extra += max(0, len(found) - len(hits))
        worst_length, worst_pace = max(worst_length, length), max(worst_pace, pace)
        print(f"{voice:>11} {speed} | {wer:5.1%} | {length:5.2%} | {real_pace:5.1f} / "
              f"{said.words_per_minute:5.1f} ({pace:4.1%}) | {len(made.pause_starts)} / "
              f"{len(hits)} ({len(found) - len(hits)})")  # fmt: skip
    print(f"word error rate: mean {statistics.mean(errors):.1%}, worst {max(errors):.1%} "
          f"(target <= 10 %)")  # fmt: skip
    print(f"length: worst {worst_length:.2%} off (target <= 2 %); pace: worst {worst_pace:.1%} "
          f"off (target <= 5 %)")  # fmt: skip
    print(f"inserted pauses missed: {missed}; pauses reported that were not inserted: {extra}")


def long_answer(transcriber: Transcriber, folder: Path) -> None:
    stretches = [sentence for answer in ANSWERS for sentence in answer] * 2
    made = speak(stretches, voice="en-us", words_per_minute=150, pause_seconds=1.0,
                 folder=folder / "long")  # fmt: skip
    print(f"two-minute answer: {made.seconds:.0f} s of audio, {len(made.text.split())} words")
    from coach.critique.critic import Critic
    from coach.retrieval.opening import open_retriever

    critic = Critic(open_retriever())
    question, typed = "Tell me about a time you fixed a hard problem.", " ".join(ANSWERS[0])
    critic.critique(question, typed)  # warm
    idle = []
    for _ in range(5):
        start = time.perf_counter()
        critic.critique(question, typed)
        idle.append(time.perf_counter() - start)
    times, busy = [], []
    for _ in range(LONG_RUNS):
        done = threading.Event()

        def critique_while(done: threading.Event = done) -> None:
            while not done.is_set():
                start = time.perf_counter()
                critic.critique(question, typed)
                busy.append(time.perf_counter() - start)
                time.sleep(0.5)

        worker = threading.Thread(target=critique_while)
        start = time.perf_counter()
        worker.start()
        transcriber.transcribe(made.path)
        times.append(time.perf_counter() - start)
        done.set()
        worker.join()
    print(f"transcribed in {statistics.median(times):.1f} s median of {LONG_RUNS} "
          f"(runs: {', '.join(f'{t:.1f}' for t in times)}; target <= 40 s)")  # fmt: skip
    print(f"worker peak memory: {peak_mb(transcriber.pid):.0f} MB (target <= 500 MB extra)")
    print(f"typed critique: idle median {statistics.median(idle) * 1000:.0f} ms; while "
          f"transcribing median {statistics.median(busy) * 1000:.0f} ms, worst "
          f"{max(busy) * 1000:.0f} ms over {len(busy)} (target <= 1 s)")  # fmt: skip


def main() -> None:
    transcriber = Transcriber()
    folder = Path(scratch_dir("coach-bench-speech-"))
    start = time.perf_counter()
    transcriber.transcribe(speak(["Warming up the model."], folder=folder / "warm").path)
    print(f"worker start and first transcription: {time.perf_counter() - start:.1f} s")
    accuracy(transcriber, folder)
    long_answer(transcriber, folder)
    transcriber.close()


if __name__ == "__main__":
    main()
