"""Scores and flags from findings: deterministic rules, no model."""

from __future__ import annotations

from dataclasses import replace

from coach.core.ids import DIMENSION_IDS
from coach.critique.findings import Findings, RubricHit
from coach.critique.parts import Parts
from coach.critique.rubric import dimensions, flags, overall
from coach.critique.signals import Voice
from coach.critique.star_labeller import LabelledSentence
from coach.text.asks import Relevance

PARTS = ["situation", "task", "action", "action", "result", "lesson"]
ALL = dict.fromkeys(["situation", "task", "action", "result", "lesson"], True)


def _parts(hypothetical: list[str] | None = None, **present: bool) -> Parts:
    return Parts({**ALL, **present}, {}, hypothetical or [])


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
        parts=_parts(),
        in_order=True,
        action_share=0.45,
        voice=Voice(8, 1, ("we shipped",)),
        fillers=[],
        blame=[],
        names=[],
        code_names=[],
        outcome_text="Latency went from 80 ms to 20 ms.",
        outcome_measured=True,
        before_after=True,
        relevance=Relevance(["time pressure"], ["time pressure"]),
        principle_agreement=0.8,
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
    off = Relevance(["a failure or mistake"], [])
    cases = {
        "missing_result": _findings(parts=_parts(result=False)),
        "missing_task": _findings(parts=_parts(task=False)),
        "low_ownership": _findings(voice=Voice(1, 6, ("we did it",))),
        "no_metrics": _findings(outcome_measured=False, before_after=False),
        "too_long": _findings(words=600, seconds=257),
        "too_short": _findings(words=60, seconds=26),
        "filler_words": _findings(fillers=["um", "like", "you know", "basically"]),
        "hypothetical": _findings(parts=_parts(["I would do it.", "I usually do it."])),
        "names_people": _findings(names=["my manager, Laura"]),
        "blames_others": _findings(blame=["It was her fault."]),
        "off_topic": _findings(relevance=off),
        "unsupported_claim": _findings(unsupported=[("figure 85 not in notes", "It rose 85%.")]),
    }
    for code, findings in cases.items():
        codes, _, value, points = _score(findings)
        assert code in codes, code
        assert value <= 4 and points < strong, code


def test_missing_lesson_only_for_failure_conflict_and_criticism() -> None:
    no_lesson = _parts(lesson=False)
    assert "missing_lesson" not in _score(_findings(parts=no_lesson))[0]
    assert "missing_lesson" in _score(_findings(parts=no_lesson, kind="failure"))[0]


def test_no_metrics_applies_to_every_kind_of_question() -> None:
    for kind in ("standard", "conflict", "failure", "criticism"):
        assert "no_metrics" in _score(_findings(outcome_measured=False, kind=kind))[0], kind


def test_no_dimension_reaches_five_without_what_it_measures() -> None:
    no_result = _score(_findings(parts=_parts(result=False), outcome_measured=False))[1]
    assert no_result["impact"] == 1 and no_result["structure"] < 5
    unmeasured = _score(_findings(outcome_measured=False, before_after=False))[1]
    assert unmeasured["impact"] <= 2
    no_action = _score(_findings(parts=_parts(action=False)))[1]
    assert no_action["ownership"] <= 2 and no_action["principle_fit"] <= 2
    assert no_action["authenticity"] <= 2
    off = _score(_findings(relevance=Relevance(["a customer"], [])))[1]
    assert off["relevance"] == 1 and off["principle_fit"] <= 2
    fillers = _score(_findings(fillers=["um", "like", "you know", "basically"]))[1]
    assert fillers["delivery"] <= 3 and fillers["professionalism"] <= 4


def test_grounding_without_an_own_story_is_not_applicable_and_not_counted() -> None:
    f = _findings(matched_story_id=None, matched_story_title=None)
    raised = flags(f)
    dims = dimensions(f, raised)
    grounding = next(d for d in dims if d.id == "grounding")
    assert not grounding.applicable and "Not applicable" in grounding.comment
    # changing a non-applicable score changes nothing overall
    worse = [d.model_copy(update={"score": 1}) if d.id == "grounding" else d for d in dims]
    assert overall(dims, raised, f) == overall(worse, raised, f)


def test_without_a_question_relevance_is_not_applicable() -> None:
    f = _findings(relevance=None, assumed="No question was given, so the answer was judged as X.")
    dims = dimensions(f, flags(f))
    relevance = next(d for d in dims if d.id == "relevance")
    assert not relevance.applicable and relevance.comment.startswith("No question was given")


def test_junk_scores_one() -> None:
    junk = _findings(words=1, seconds=0, sentences=[LabelledSentence("fine", "other", 1.0)],
                     parts=_parts(situation=False, task=False, action=False, result=False,
                                  lesson=False), voice=Voice(0, 0, ()),
                     matched_story_id=None, outcome_measured=False)  # fmt: skip
    assert _score(junk)[2] == 1


def test_an_off_topic_story_scores_at_most_two() -> None:
    assert _score(_findings(relevance=Relevance(["a failure or mistake"], [])))[2] <= 2


def test_scores_are_deterministic() -> None:
    f = _findings(fillers=["um"], voice=Voice(3, 2, ()))
    assert _score(f) == _score(f)


def test_an_answer_with_no_event_is_hypothetical_not_off_topic() -> None:
    said = [s.text for s in _findings().sentences]
    advice = _findings(relevance=Relevance(["a customer"], []), parts=_parts(hypothetical=said))
    codes = _score(advice)[0]
    assert "hypothetical" in codes and "off_topic" not in codes
    assert "off_topic" in _score(_findings(relevance=Relevance(["a customer"], [])))[0]
