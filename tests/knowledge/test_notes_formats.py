"""Each notes format people write becomes the right stories (fixtures written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.schema import Story
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.labels import dash_label, letter_label
from coach.knowledge.notes.parser import ParsedNotes, parse_notes
from tests.conftest import FIXTURES

NOTES = FIXTURES / "notes"


@pytest.fixture(scope="module")
def principles():
    return load_knowledge().principles


def _parse(name: str, principles) -> ParsedNotes:
    path = NOTES / name
    return parse_notes(read_notes(path), path, principles)


def _story(parsed: ParsedNotes, words: str) -> Story:
    found = [s for s in parsed.entries if words.lower() in (s.title + " " + s.text()).lower()]
    assert len(found) == 1, [s.title for s in parsed.entries]
    return found[0]


def _lines(story: Story) -> list[tuple[int, int]]:
    out = []
    for span in story.spans:
        first, _, last = span.rpartition(":")[2].partition("-")
        out.append((int(first), int(last)))
    return out


def test_one_letter_and_bracketed_labels() -> None:
    assert letter_label("S: we had no data") == ("S", "we had no data", None)
    assert letter_label("**S (Situation):** text") == ("S", "text", "situation")
    assert letter_label("I - think so") is None  # a sentence, not a label
    assert dash_label("Situation - flu season") == ("situation", "flu season")
    assert dash_label("Sometimes - it rains") is None


def test_question_and_answer_pairs_with_dash_labels(principles) -> None:
    parsed = _parse("nurse_qa.md", principles)
    assert len(parsed.entries) == 4
    surge = _story(parsed, "flu season")
    assert surge.questions == ["How did you handle a surge of admissions with too few staff?"]
    assert surge.primary_principle == "deliver-results"
    assert surge.sections.situation.startswith("flu season")
    assert surge.sections.task == "keep ratios safe without closing beds."
    assert surge.sections.result.startswith("no missed medications")
    assert _lines(surge) == [(26, 31)]
    heparin = _story(parsed, "heparin")
    assert heparin.sections.lesson.startswith("saying it first")
    # prose answers are split into STAR sections by cues and order, and say so
    deaf = _story(parsed, "interpreter")
    assert deaf.labelled and deaf.sections.action.startswith("I set up a whiteboard")
    assert any("STAR cues" in note for note in deaf.inferred)


def test_front_matter_comments_asides_and_placeholders_stay_out(principles) -> None:
    parsed = _parse("nurse_qa.md", principles)
    text = " ".join(s.title + " " + s.text() for s in parsed.entries)
    for kept_out in ("tags:", "written on my phone", "Note to self", "hospice"):
        assert kept_out not in text
    reasons = {(p.line, p.reason) for p in parsed.problems}
    assert (21, "placeholder only") in reasons  # the question it answers starts there
    assert (51, "empty STAR template") in reasons


def test_bold_titles_story_lines_and_a_story_pasted_twice(principles) -> None:
    parsed = _parse("teacher_prose.md", principles)
    kits = _story(parsed, "shoebox")
    rubric = _story(parsed, "four-page rubric")
    assert kits.title == "Lab kits in shoeboxes" and rubric.title == "Grading rubric on one page"
    assert kits.questions == rubric.questions == [
        "Tell me about a time you made something complicated simpler"
    ]
    bus = _story(parsed, "side gate")
    assert bus.title == "the bus duty gap"
    assert _lines(bus) == [(29, 33), (52, 56)]  # both pastes, one story
    assert any("also pasted under" in note for note in bus.inferred)
    assert "rota numbers" not in bus.text()  # a note to self
    assert not any("|" in s.text() for s in parsed.entries)  # the index table
    assert not any(s.text().startswith("Leaders") for s in parsed.entries)  # definitions


def test_spsil_one_letter_labels_lists_and_typos(principles) -> None:
    parsed = _parse("pm_spsil.md", principles)
    checkout = _story(parsed, "session recordings")
    # the second "S:" of SPSIL is the solution
    assert checkout.sections.action.startswith("I watched forty session recordings")
    assert checkout.sections.task.startswith("Leadership wanted to roll")
    assert checkout.primary_principle == "customer-obsession"
    assert "dive-deep" in checkout.principles
    assert "Describe a time you dug into a metric that suddenly dropped." in checkout.questions
    assert _lines(checkout) == [(8, 17), (22, 26)]
    backbone = _story(parsed, "custom reporting")
    assert backbone.sections.situation.startswith("Sales asked")  # "Situaton"
    assert backbone.sections.action.startswith("I showed")  # "Acton"
    frugal = _story(parsed, "experimentation platform")
    assert {m.measured for m in frugal.metrics} == {True, False}  # "would save" is projected
    pricing = _story(parsed, "pricing page")
    assert pricing.thin and any("placeholder" in m for m in pricing.missing)
    assert "no task" not in pricing.missing  # only situation, action and result are required


def test_colleague_names_are_found(principles) -> None:
    parsed = _parse("nurse_qa.md", principles)
    mentoring = _story(parsed, "new grad")
    assert mentoring.people == ["Priya"]
    assert _story(parsed, "heparin").people == []


def test_external_notes_formats_when_present(principles) -> None:
    folder = Path(__file__).resolve().parents[3] / "shared" / "external" / "notes"
    if not folder.is_dir():
        pytest.skip("../shared/external is not present in this checkout")
    for path in sorted(folder.glob("*.md")):
        parsed = parse_notes(read_notes(path), path, principles)
        assert len(parsed.entries) >= 8, path.name
        for story in parsed.entries:
            assert not story.text().startswith(("Leaders ", "<!--", "---"))
