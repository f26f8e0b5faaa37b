"""The transcription process is supervised: a crash or a hang is one sentence and the next
recording gets a fresh worker; recordings wait their turn and are told their place in line."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from coach.speech.transcriber import SpeechUnavailable, Transcriber

FAKE = [sys.executable, str(Path(__file__).with_name("fake_speech_worker.py"))]


def _recording(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content)
    return path


def test_a_transcript_carries_words_times_and_speech_spans(coach_home, tmp_path: Path) -> None:
    transcriber = Transcriber(command=FAKE)
    seen: list[float] = []
    recording = _recording(tmp_path, "a.wav", "I led it | it worked")
    result = transcriber.transcribe(recording, seen.append)
    transcriber.close()
    assert result.text == "I led it it worked"
    assert [w.word for w in result.words] == ["I", "led", "it", "it", "worked"]
    assert len(result.speech) == 2 and result.speech[1][0] - result.speech[0][1] > 2.0
    assert seen == [0.5]


def test_a_crash_is_one_sentence_and_the_next_recording_starts_afresh(
    coach_home, tmp_path: Path
) -> None:
    transcriber = Transcriber(command=FAKE)
    with pytest.raises(SpeechUnavailable, match="ended unexpectedly"):
        transcriber.transcribe(_recording(tmp_path, "a.wav", "crash"))
    again = transcriber.transcribe(_recording(tmp_path, "b.wav", "still here"))
    transcriber.close()
    assert again.text == "still here"
    assert transcriber.starts == 2


def test_a_hung_worker_is_stopped_and_replaced(coach_home, tmp_path: Path) -> None:
    transcriber = Transcriber(command=FAKE, hang_seconds=1.0)
    with pytest.raises(SpeechUnavailable, match="stopped responding"):
        transcriber.transcribe(_recording(tmp_path, "a.wav", "hang"))
    assert transcriber.pid is None  # the hung process was killed
    assert transcriber.transcribe(_recording(tmp_path, "b.wav", "fine")).text == "fine"
    transcriber.close()


def test_recordings_wait_their_turn_and_are_told_their_place(coach_home, tmp_path: Path) -> None:
    transcriber = Transcriber(command=FAKE)
    gate = tmp_path / "gate"
    first_started = threading.Event()
    places: list[int] = []
    second_waiting = threading.Event()
    results: dict[str, str] = {}

    def first() -> None:
        recording = _recording(tmp_path, "a.wav", f"wait {gate}")
        results["first"] = transcriber.transcribe(recording, lambda _: first_started.set()).text

    def second() -> None:
        def told(place: int) -> None:
            places.append(place)
            second_waiting.set()

        results["second"] = transcriber.transcribe(
            _recording(tmp_path, "b.wav", "after you"), waiting=told
        ).text

    one = threading.Thread(target=first)
    one.start()
    assert first_started.wait(60)  # the first recording is being transcribed
    two = threading.Thread(target=second)
    two.start()
    assert second_waiting.wait(60)  # the second is told it waits
    assert "second" not in results
    gate.touch()
    one.join(60)
    two.join(60)
    transcriber.close()
    assert results == {"first": "done waiting", "second": "after you"}
    assert places and set(places) == {1}


def test_a_missing_file_is_one_sentence(coach_home, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="does not exist"):
        Transcriber(command=FAKE).transcribe(tmp_path / "nope.wav")
