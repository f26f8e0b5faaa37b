"""The principle detector: the question decides, stories only nudge, the classifier is cached."""

from pathlib import Path

import numpy as np
import pytest

from coach.core.ids import PRINCIPLE_IDS
from coach.core.schema import Story
from coach.index.collections import Example
from coach.retrieval.principles import LinearPrinciples, PrincipleDetector


def _cluster(principle: str, n: int, dim: int = 32) -> tuple[list[Example], np.ndarray]:
    """Examples of one principle around one direction of a small space."""
    rng = np.random.default_rng(PRINCIPLE_IDS.index(principle))
    centre = np.zeros(dim, dtype=np.float32)
    centre[PRINCIPLE_IDS.index(principle)] = 1.0
    vectors = centre + 0.05 * rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return [Example(f"{principle} question {i}", (principle,)) for i in range(n)], vectors


def _bank(principles: tuple[str, ...] = ("ownership", "frugality", "have-backbone")):
    examples, vectors = [], []
    for principle in principles:
        e, v = _cluster(principle, 6)
        examples += e
        vectors.append(v)
    return examples, np.vstack(vectors)


def _query(principle: str, dim: int = 32) -> np.ndarray:
    q = np.zeros(dim, dtype=np.float32)
    q[PRINCIPLE_IDS.index(principle)] = 1.0
    return q


def test_the_question_alone_names_its_principle() -> None:
    examples, vectors = _bank()
    detector = PrincipleDetector(examples, vectors, LinearPrinciples.fit(examples, vectors))
    for principle in ("ownership", "frugality", "have-backbone"):
        ranked = detector.rank(_query(principle))
        assert ranked[0][0] == principle
        assert abs(sum(s for _, s in ranked) - 1.0) < 1e-5
        assert {p for p, _ in ranked} == set(PRINCIPLE_IDS)


def test_classifier_gives_no_weight_to_principles_it_never_saw() -> None:
    examples, vectors = _bank()
    model = LinearPrinciples.fit(examples, vectors)
    probs = model.probabilities(_query("ownership"))
    unseen = [
        i
        for i, p in enumerate(PRINCIPLE_IDS)
        if p not in {"ownership", "frugality", "have-backbone"}
    ]
    assert probs[unseen].max() < 1e-6
    assert probs[PRINCIPLE_IDS.index("ownership")] > 0.5


def test_stories_nudge_but_do_not_overrule_the_question() -> None:
    examples, vectors = _bank()
    detector = PrincipleDetector(examples, vectors, LinearPrinciples.fit(examples, vectors))
    frugal = Story(id="s1", title="Cheap rig", primary_principle="frugality")
    unlabelled = Story(id="s2", title="Notes entry")
    # a story labelled with another principle: the question's principle stays first
    assert detector.rank(_query("ownership"), [(frugal, 5.0)])[0][0] == "ownership"
    # a story without principles adds nothing at all
    alone = detector.rank(_query("ownership"))
    with_unlabelled = detector.rank(_query("ownership"), [(unlabelled, 5.0)])
    assert alone == with_unlabelled
    # with the whole weight on stories, the story decides (the blend is real)
    assert detector.rank(_query("ownership"), [(frugal, 5.0)], story_share=1.0)[0][0] == (
        "frugality"
    )


def test_classifier_is_fitted_once_and_refitted_when_examples_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples, vectors = _bank()
    fits = []
    real_fit = LinearPrinciples.fit.__func__

    def counting_fit(cls, *args):
        fits.append(1)
        return real_fit(cls, *args)

    monkeypatch.setattr(LinearPrinciples, "fit", classmethod(counting_fit))
    first = LinearPrinciples.cached(examples, vectors, tmp_path)
    again = LinearPrinciples.cached(examples, vectors, tmp_path)
    assert len(fits) == 1
    assert np.allclose(first.weights, again.weights)
    more, more_vectors = _bank(("ownership", "frugality", "have-backbone", "dive-deep"))
    LinearPrinciples.cached(more, more_vectors, tmp_path)
    assert len(fits) == 2
    (tmp_path / "principle_classifier.npz").write_bytes(b"garbage")
    LinearPrinciples.cached(examples, vectors, tmp_path)
    assert len(fits) == 3
