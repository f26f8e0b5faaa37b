"""Critique with the real embedding model: calibration targets, held-out set, big input."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.critique.critic import Critic
from coach.evaluation.calibration import load_calibration
from coach.evaluation.critique import evaluate_critique
from coach.evaluation.sets import sets_in
from coach.retrieval.opening import open_retriever
from tests.conftest import DATA, REPO

SETS = sets_in(DATA)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def critic(module_home) -> Critic:
    return Critic(open_retriever())


@pytest.mark.parametrize("name", ["calibration", "held-out"])
def test_flag_precision_recall_and_ranking(critic: Critic, name: str) -> None:
    answers = load_calibration(SETS.critique[name])
    scores = evaluate_critique(critic, answers)
    for code, counts in scores.flags.items():
        if counts.recall is not None:
            assert counts.recall >= 0.9, (name, code, counts)
        if counts.precision is not None:
            assert counts.precision >= 0.85, (name, code, counts)
    assert not scores.not_outranked, scores.not_outranked
    assert all(score >= 4 for score in scores.strong_scores.values())
    assert all(score == 1 for score in scores.junk_scores.values())


def test_same_answer_same_scores(critic: Critic) -> None:
    item = load_calibration(SETS.critique["calibration"])[0]
    first, second = (
        critic.critique(item.question, item.answer),
        critic.critique(item.question, item.answer),
    )
    assert first.model_dump() == second.model_dump()


def test_a_one_megabyte_answer_from_the_command_line(
    critic: Critic, module_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_HOME", str(module_home))  # reuse the module's built index
    item = load_calibration(SETS.critique["calibration"])[0]
    big = tmp_path / "big.txt"
    big.write_text((item.answer + " ") * (1_000_000 // (len(item.answer) + 1)), encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "coach.cli", "critique", "--question", item.question,
         "--answer-file", str(big), "--json"],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    assert '"too_long"' in done.stdout
    assert elapsed < 5, elapsed
