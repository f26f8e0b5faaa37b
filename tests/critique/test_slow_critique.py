"""Critique with the real embedding model: calibration targets, held-out set, big input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach.critique.critic import Critic
from coach.evaluation.calibration import load_calibration
from coach.evaluation.critique import evaluate_critique, micro
from coach.evaluation.sets import sets_in
from coach.retrieval.opening import open_retriever
from tests.conftest import DATA, REPO

SETS = sets_in(DATA)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def critic(module_home) -> Critic:
    # the bank stands for the candidate's own notes, as for the seed author who adds it
    return Critic(open_retriever(), own_stories=True)


# (micro precision, micro recall, share of strong answers above their flawed variants,
#  whether every strong answer scores 4 or 5)
TARGETS = {
    "calibration": (0.95, 0.95, 1.0, True),
    "held-out": (0.8, 0.9, 1.0, True),
    "dev": (0.95, 0.9, 1.0, True),
    "test": (0.85, 0.8, 0.95, True),  # issue 14's targets, on the set never tuned on
    "voices-dev": (0.85, 0.8, 0.85, True),  # issue 26's targets
    # never tuned on; one strong answer (vt5) still scores 3, reported in docs/CRITIQUE.md
    "voices-test": (0.85, 0.8, 0.85, False),
}
STRONG_ABOVE_WEAK = 0.9  # issue 26: share of (strong, weak) pairs of a set ranked right


@pytest.mark.parametrize("name", list(TARGETS))
def test_flag_precision_recall_and_ranking(critic: Critic, name: str) -> None:
    answers = load_calibration(SETS.critique[name])
    scores = evaluate_critique(critic, answers)
    precision, recall = micro(scores)
    want_p, want_r, want_pairs, all_strong = TARGETS[name]
    assert precision >= want_p and recall >= want_r, (name, precision, recall)
    pairs = len(scores.outranked) + len(scores.not_outranked)
    assert len(scores.outranked) / pairs >= want_pairs, scores.not_outranked
    if scores.weak_pairs:
        share = scores.above_weak / len(scores.weak_pairs)
        assert share >= STRONG_ABOVE_WEAK, scores.not_above_weak
    if all_strong:
        assert all(score >= 4 for score in scores.strong_scores.values()), scores.strong_scores
    assert all(score <= 2 for score in scores.junk_scores.values())


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
    done = subprocess.run(
        [sys.executable, "-m", "coach.cli", "critique", "--question", item.question,
         "--answer-file", str(big), "--json"],
        capture_output=True, text=True, timeout=900, cwd=REPO,
    )  # fmt: skip  (how long it takes is measured by bench/critique.py, not asserted)
    assert done.returncode == 0, done.stderr
    assert '"too_long"' in done.stdout
