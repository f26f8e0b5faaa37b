"""Slow tests with the real MiniLM model: encoder equivalence, retrieval quality, offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coach.evaluation.retrieval import evaluate
from coach.evaluation.sets import sets_in
from coach.knowledge.bank import load_dev_questions
from tests.conftest import DATA, REPO

SETS = sets_in(DATA)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_retriever(module_home):
    from coach.retrieval.opening import open_retriever

    return open_retriever(include_notes=False)


def test_numpy_query_encoder_matches_sentence_transformers() -> None:
    from coach.index.embedding import MiniLMQueryEmbedder, SentenceTransformerEmbedder

    texts = [
        "Tell me about a time you acted without data.",
        "x",
        "Émoji 🎯 and 中文 and العربية text",
        "I shipped the DSP model two weeks before the production code freeze. " * 40,  # truncated
        "<img src=x onerror=alert(1)>",
    ]
    fast = MiniLMQueryEmbedder().encode(texts)
    reference = SentenceTransformerEmbedder().encode(texts)
    cosines = (fast * reference).sum(axis=1)
    assert np.all(cosines >= 0.9999), cosines


@pytest.mark.parametrize("name", ["dev", "test"])
def test_retrieval_meets_its_targets(real_retriever, name: str) -> None:
    questions = load_dev_questions(SETS.retrieval[name])
    fused = evaluate(real_retriever, questions, "fused")
    dense = evaluate(real_retriever, questions, "dense")
    bm25 = evaluate(real_retriever, questions, "bm25")
    assert fused.story_top1 >= 0.8 and fused.story_top3 >= 0.95
    assert fused.principle_top3 >= 0.85  # these sets' principle labels come from the stories
    assert fused.story_top1 > dense.story_top1 and fused.story_top1 > bm25.story_top1


@pytest.mark.parametrize("name", ["principle-dev", "principle-test"])
def test_principle_from_the_question_alone(real_retriever, name: str) -> None:
    from coach.evaluation.retrieval import principle_from_question
    from coach.knowledge.bank import load_questions

    top1, top3 = principle_from_question(real_retriever, load_questions(SETS.principle[name]))
    assert top1 >= 0.8 and top3 >= 0.9, (name, top1, top3)


def _can_unshare() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    done = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare -n is not permitted here (needs root)")
def test_ask_works_with_no_network_at_all(tmp_path: Path) -> None:
    """A fresh HOME with no index: build it and answer, in a namespace with only loopback."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "COACH_HOME": str(tmp_path / "coach")}
    env.pop("HF_HOME", None)
    probe = (
        "import socket; s = socket.socket(); s.settimeout(2)\n"
        "try:\n    s.connect(('1.1.1.1', 53)); print('NETWORK-REACHABLE')\n"
        "except OSError:\n    print('network-unreachable')\n"
    )
    coach = str(Path(sys.executable).with_name("coach"))
    script = (
        "ip link set lo up && "
        f'{sys.executable} -c "{probe}" && '
        f"{coach} ask 'Tell me about a time you disagreed with your manager' --retrieve-only --json"
    )
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, env=env,
        cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    first, _, rest = done.stdout.partition("\n")
    assert first == "network-unreachable"
    result = json.loads(rest)
    assert len(result["stories"]) == 3 and result["principles"][0]["id"]
