"""Scores and flags from findings: deterministic rules, no model."""

from __future__ import annotations

from dataclasses import replace

from coach.core.ids import DIMENSION_IDS
from coach.critique.findings import Findings, RubricHit
from coach.critique.rubric import dimensions, flags, overall
from coach.critique.signals import Voice
from coach.critique.star_labeller import LabelledSentence

PARTS = ["situation", "task", "action", "action", "result", "lesson"]


def _findings(**changes) -> Findings:
    base = Findings(
        question="Tell me about a time you shipped under pressure.",
        kind="standard",
        principle_id="deliver-results",
        principle_name="Deliver Results",
        words=280,
        seconds=120,
        sentences=[
            LabelledSentence(f"Sentence {n} about the work.", p, 0.8) for n, p in enumerate(PARTS)
        ],
        star=dict.fromkeys(["situation", "task", "action", "result", "lesson"], True),
        in_order=True,
        action_share=0.45,
        voice=Voice(8, 1, ("we shipped",)),
        fillers=[],
        hypothetical=[],
        blame=[],
        names=[],
        code_names=[],
        result_text="Latency went from 80 ms to 20 ms.",
        result_quantified=True,
        before_after=True,
        relevance=0.9,
        principle_rank=0,
        listen_hits=[RubricHit("Delivering despite setbacks", "Sentence 3", 0.4)],
        matched_story_id="some-story",
        matched_story_title="Some story",
        matched_similarity=0.9,
    )
    return replace(base, **changes)


def _score(f: Findings) -> tuple[set[str], dict[str, int], int, float]:
    raised = flags(f)
    dims = dimensions(f, raised)
    value, points = overall(dims, raised, f)
    return {x.code for x in raised}, {d.id: d.score for d in dims}, value, points


def test_a_complete_answer_scores_five_with_no_flags() -> None:
    codes, dims, value, points = _score(_findings())
    assert codes == set()
    assert list(dims) == list(DIMENSION_IDS)
    assert all(1 <= v <= 5 for v in dims.values())
    assert value == 5 and points >= 80


def test_each_defect_raises_its_flag_and_costs_points() -> None:
    strong = _score(_findings())[3]
    cases = {
        "missing_result": _findings(star={**_findings().star, "result": False}),
        "low_ownership": _findings(voice=Voice(1, 6, ("we did it",))),
        "no_metrics": _findings(result_quantified=False, before_after=False),
        "too_long": _findings(words=600, seconds=257),
        "too_short": _findings(words=60, seconds=26),
        "filler_words": _findings(fillers=["um", "like", "you know", "basically"]),
        "hypothetical": _findings(hypothetical=["I would do it.", "I usually do it."]),
        "names_people": _findings(names=["my manager, Laura"]),
        "blames_others": _findings(blame=["It was her fault."]),
        "off_topic": _findings(relevance=0.1),
        "unsupported_claim": _findings(unsupported=[("figure 85 not in notes", "It rose 85%.")]),
    }
    for code, findings in cases.items():
        codes, _, value, points = _score(findings)
        assert code in codes, code
        assert value <= 4 and points < strong, code


def test_missing_lesson_only_for_failure_conflict_and_criticism() -> None:
    no_lesson = {**_findings().star, "lesson": False}
    assert "missing_lesson" not in _score(_findings(star=no_lesson))[0]
    assert "missing_lesson" in _score(_findings(star=no_lesson, kind="failure"))[0]


def test_no_metrics_is_not_raised_for_conflict_questions() -> None:
    assert "no_metrics" not in _score(_findings(result_quantified=False, kind="conflict"))[0]


def test_junk_scores_one() -> None:
    junk = _findings(words=1, seconds=0, sentences=[LabelledSentence("fine", "other", 1.0)],
                     star=dict.fromkeys(_findings().star, False), voice=Voice(0, 0, ()),
                     relevance=0.2, matched_story_id=None, result_quantified=False)  # fmt: skip
    assert _score(junk)[2] == 1


def test_unrelated_text_scores_one_and_off_topic_story_two() -> None:
    unrelated = _findings(relevance=0.05, matched_story_id=None)
    assert _score(unrelated)[2] == 1
    assert _score(_findings(relevance=0.05))[2] == 2


def test_scores_are_deterministic() -> None:
    f = _findings(fillers=["um"], voice=Voice(3, 2, ()))
    assert _score(f) == _score(f)
