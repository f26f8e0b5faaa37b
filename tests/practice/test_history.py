"""Practice history: saved, exported, never silently lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coach.core.history import History, HistoryUnavailable
from coach.core.results import Critique, DimensionScore, PrincipleScore


def _critique(question: str = "Tell me about a conflict.", overall: int = 3) -> Critique:
    return Critique(
        question=question,
        principles=[PrincipleScore(id="earn-trust", name="Earn Trust", score=0.5)],
        overall=overall,
        dimensions=[DimensionScore(id="structure", score=3, comment="ok")],
        star={"situation": True, "task": True, "action": True, "result": True, "lesson": False},
        flags=[],
        matched_story=None,
        follow_ups=[],
        coach_note="note",
        words=10,
        speaking_seconds=4,
        points=50.0,
        kind="conflict",
        sentences=[],
    )


def test_save_list_and_export(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    history.save_critique(_critique(overall=2), "first answer, with a comma")
    history.save_critique(_critique("Another question", 4), "second answer")
    rows = history.critiques()
    assert [r["overall"] for r in rows] == [4, 2]  # newest first
    csv_text = history.export_csv()
    assert csv_text.splitlines()[0].startswith("id,when,question")
    assert '"first answer, with a comma"' in csv_text
    markdown = history.export_markdown()
    assert markdown.index("first answer") < markdown.index("second answer")
    session = history.start_session(["ownership"], ["Q1"])
    history.finish_session(session, [{"principle": "ownership", "answers": 1, "average": 3.0,
                                      "weakest": "impact"}])  # fmt: skip
    assert history.sessions()[0]["report"][0]["average"] == 3.0
    assert "average 3.0/5" in history.export_markdown()


def test_survives_a_new_process(tmp_path: Path) -> None:
    History(tmp_path / "h.sqlite3").save_critique(_critique(), "kept")
    assert History(tmp_path / "h.sqlite3").critiques()[0]["answer"] == "kept"


def test_a_corrupt_database_is_backed_up_before_a_new_one(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    history = History(path)
    assert history.critiques() == []
    backups = list(tmp_path.glob("h.sqlite3.broken-*"))
    assert len(backups) == 1 and backups[0].read_bytes().startswith(b"this is not a database")
    assert "copied to" in history.notices[0]
    history.save_critique(_critique(), "after repair")
    assert history.critiques()[0]["answer"] == "after repair"


def test_a_locked_database_is_reported_not_wiped(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    history.save_critique(_critique(), "before the lock")
    monkeypatch.setattr("coach.core.history.BUSY_TIMEOUT_S", 0.1)
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryUnavailable, match="locked"):
            History(path).save_critique(_critique(), "during the lock")
    finally:
        blocker.rollback()
        blocker.close()
    assert [r["answer"] for r in History(path).critiques()] == ["before the lock"]
