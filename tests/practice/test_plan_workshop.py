"""Loop plan, story workshop, mock of a loop and the cheat sheet (toy embedder, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli.main import main
from coach.core.errors import CoachError
from coach.drafting.draft import DraftWriter
from coach.knowledge.corpus import own_stories
from coach.knowledge.sources import register
from coach.practice.cheat_sheet import cheat_sheet_html, cheat_sheet_markdown
from coach.practice.mock import another_time, interview_report, plan_questions
from coach.practice.plan import Loop, build_plan, known_loops, loop_from
from coach.practice.workshop import Workshop
from coach.retrieval.opening import open_retriever
from coach.text.sentences import numbers, split_sentences

pytestmark = pytest.mark.usefixtures("toy_embedder")

NOTES = """# Ownership

## Fixed the flaky nightly build
We had a flaky nightly build that failed often. I looked into it and it got better.

# Customer Obsession

## Called the angry clinic customer
S: A clinic customer was angry about missing lab results.
A: I called them the same day and walked through the sync logs with their office manager.
R: The missing results were recovered within 2 days.
"""
# What a candidate might type, by the question the workshop asks (their words, their facts).
ANSWERS = {
    "own_action": "I read six weeks of build logs and found that two integration tests shared "
    "one database and raced each other. I split the database per test, added a retry only for "
    "the download step, and wrote a short page on how to spot shared state in tests.",
    "result_figure": "The nightly build went from failing 9 nights out of 30 to failing once in "
    "the next 60 nights, and the release team stopped re-running builds by hand every morning.",
    "stakes": "Twelve engineers waited on the nightly build every morning before they could "
    "merge, and the release train slipped twice in one quarter because nobody trusted a red build.",
    "goal": "Nobody owned the build; I took it on myself with the goal of a green build for a "
    "whole month before the March release.",
    "obstacle": "The hardest part was that the failure only appeared under load at night. I "
    "wrote a script that replayed the night's load on my machine, so I could reproduce it in "
    "ten minutes instead of waiting a day. The test owners were sceptical, so I showed them the "
    "trace where both tests wrote the same row at the same second.",
    "lesson": "I learned to treat a flaky test as a real bug with an owner and a deadline. Next "
    "time I would add a dashboard of flaky tests from the start.",
    "options": "I considered quarantining the flaky tests, which was faster, but it would have "
    "hidden a real race, so I chose to fix the shared database.",
    "afterwards": "The fix held for the rest of the year and two other teams copied the "
    "per-test database setup.",
}
THIN_ID = "fixed-the-flaky-nightly-build"


@pytest.fixture
def notes(coach_home: Path, tmp_path: Path) -> Path:
    path = tmp_path / "my-notes.md"
    path.write_text(NOTES, encoding="utf-8")
    register(path)
    return path


def _thin_story(retriever):
    return next(s for s in retriever.stories.values() if s.id.endswith(THIN_ID))


def test_plan_on_the_bank_uses_no_story_twice_and_finds_no_gap() -> None:
    retriever = open_retriever(include_notes=False)
    plan = build_plan(retriever, loop_from("amazon-5", None))
    assert sorted(p for i in plan.interviews for p in i.principles) == sorted(
        p.id for p in retriever.kb.principles
    )
    used = [x for i in plan.interviews for a in i.assignments for x in (a.story_id, a.backup_id)]
    assert None not in used and len(used) == len(set(used)) == 32
    data = plan.as_json()
    assert set(data) >= {"loop", "interviews", "gaps", "overused", "conflicts", "sensitive"}
    assert data["conflicts"] == []
    stories = {a.story_id: a for i in plan.interviews for a in i.assignments}
    for story_id, a in stories.items():  # a strong first story is filed under its principle
        if a.strength == "strong":
            assert a.principle in retriever.stories[story_id].principles


def test_plan_names_gaps_when_the_notes_are_thin(notes: Path) -> None:
    retriever = open_retriever()
    plan = build_plan(retriever, loop_from(None, ["ownership,frugality", "customer-obsession"]))
    first = {a.principle: a for i in plan.interviews for a in i.assignments}
    assert first["customer-obsession"].story_id.endswith("called-the-angry-clinic-customer")
    assert first["ownership"].strength == "thin"
    gaps = {g["principle"]: g["why"] for g in plan.gaps}
    assert set(gaps) == {"ownership", "frugality"}
    assert gaps["ownership"] == "only a thin story"


def test_an_answer_to_tell_me_about_yourself_is_never_planned(coach_home, tmp_path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        NOTES + "\n# Earn Trust\n\n## Tell me about yourself\nI am a support engineer with "
        "eight years in clinics, and I earn trust by calling customers back the same day.\n",
        encoding="utf-8",
    )
    register(path)
    retriever = open_retriever()
    about = next(s for s in retriever.stories.values() if s.title == "Tell me about yourself")
    plan = build_plan(retriever, loop_from(None, ["earn-trust,customer-obsession"]))
    assert about.id not in plan.story_ids()


def test_unknown_loops_and_principles_are_one_sentence() -> None:
    with pytest.raises(CoachError, match="No loop called 'big'"):
        loop_from("big", None)
    with pytest.raises(CoachError, match="Unknown principle id"):
        loop_from(None, ["ownership,kindness"])
    assert set(known_loops()) >= {"amazon-5", "amazon-4", "phone-screen"}


def test_workshop_grows_a_thin_story_to_the_budget_from_the_answers_alone(notes: Path) -> None:
    before_bytes = notes.read_bytes()
    retriever = open_retriever()
    thin = _thin_story(retriever)
    workshop = Workshop(thin, minutes=2.0, words_per_minute=140)
    asked = []
    while (prompt := workshop.current()) is not None:
        assert prompt.why  # every question says why it is asked
        asked.append(prompt.key)
        workshop.answer(ANSWERS[prompt.key])
    assert asked[:2] == ["own_action", "result_figure"]
    assert workshop.before.seconds < 15 and workshop.after().seconds > 90
    assert set(workshop.after().parts) == {"situation", "task", "action", "result", "lesson"}
    saved = workshop.save()
    assert saved.parent.name == "stories" and notes.read_bytes() == before_bytes
    mine = [s for s in own_stories(retriever.kb) if s.id == thin.id]
    assert len(mine) == 1 and mine[0].supersedes == thin.id  # the notes entry is hidden
    assert mine[0].supersedes_where == thin.spans

    grown = open_retriever().stories[thin.id]
    writer = DraftWriter(model=None, embed=retriever.query_embed)
    draft = writer.write("Tell me about a time you owned a problem nobody owned.", grown,
                         "Ownership", minutes=2.0, wpm=140)  # fmt: skip
    budget = 280
    assert abs(draft.words - budget) <= 0.25 * budget
    answers = " ".join(ANSWERS.values())
    for sentence in split_sentences(draft.text):
        if sentence in thin.text() or not numbers(sentence) - numbers(thin.text()):
            continue
        assert sentence in answers, sentence  # a new fact comes from the answers, word for word
    assert numbers(draft.text) <= numbers(thin.text() + " " + answers)


def test_workshop_skips_blank_answers_and_refuses_the_example_bank(notes: Path) -> None:
    retriever = open_retriever()
    workshop = Workshop(_thin_story(retriever))
    first = workshop.current()
    following = workshop.answer("  skip ")
    assert following is not None and following.key != first.key
    with pytest.raises(CoachError, match="Nothing to save"):
        workshop.save()
    bank_story = open_retriever(include_notes=False).kb.stories[0]
    with pytest.raises(CoachError, match="grows your own stories"):
        Workshop(bank_story)


def test_mock_of_a_loop_asks_for_another_time_and_reports_per_interview() -> None:
    from tests.practice.test_history import _critique

    assert another_time("Tell me about a time you failed.") == (
        "Tell me about another time you failed."
    )
    assert another_time("Why Amazon?").startswith("Can you give me another example?")
    retriever = open_retriever(include_notes=False)
    plan = build_plan(retriever, Loop("two", [["ownership", "frugality"], ["dive-deep"]]))
    session = plan_questions(retriever.kb, plan, seed=4)
    assert session.interviews == [1, 1, 1, 2, 2]
    assert "another" in session.questions[2].text
    assert session.planned[2] == plan.interviews[0].assignments[0].backup_id
    for score in (2, 4, 3, 5, 1):
        session.record(_critique(overall=score))
    report = interview_report(session)
    assert [(r["interview"], r["answers"], r["average"]) for r in report] == [
        (1, 3, 3.0),
        (2, 2, 3.0),
    ]


def test_cheat_sheet_holds_each_interview_story_and_figures() -> None:
    retriever = open_retriever(include_notes=False)
    plan = build_plan(retriever, loop_from("amazon-4", None))
    names = {p.id: p.name for p in retriever.kb.principles}
    markdown = cheat_sheet_markdown(plan, retriever.stories, names)
    page = cheat_sheet_html(plan, retriever.stories, names)
    for interview in plan.interviews:
        assert f"## Interview {interview.n}:" in markdown
        for a in interview.assignments:
            title = retriever.stories[a.story_id].title
            assert title in markdown
    with_figures = [a for i in plan.interviews for a in i.assignments
                    if numbers(retriever.stories[a.story_id].text())]  # fmt: skip
    assert with_figures and markdown.count("- Key figures:") == len(with_figures)
    assert page.startswith("<!doctype html>") and "@media print" in page
    assert "<script" not in page


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_cli_plan_json_and_cheat_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.md"
    assert _run(["plan", "--loop", "amazon-4", "--json", "--cheat-sheet", str(sheet)]) == 0
    data = json.loads(capsys.readouterr().out)
    per_interview = [{a["story_id"] for a in i["assignments"]} for i in data["interviews"]]
    assert all(not (x & y) for n, x in enumerate(per_interview) for y in per_interview[n + 1 :])
    assert sheet.read_text(encoding="utf-8").startswith("# Interview loop cheat sheet")
    assert _run(["plan", "--loop", "nope"]) == 2
    assert "No loop called 'nope'" in capsys.readouterr().err
    assert _run(["plan", "--cheat-sheet", "x.pdf"]) == 2


def test_cli_workshop_with_scripted_answers(
    notes: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story_id = _thin_story(open_retriever()).id
    answers = tmp_path / "answers.txt"
    answers.write_text(f"{ANSWERS['own_action']}\n\n{ANSWERS['stakes']}\ndone\n", encoding="utf-8")
    assert _run(["workshop", story_id, "--answers", str(answers), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["answer"] is not None for q in data["questions"]] == [True, False, True]
    assert data["after"]["words"] > data["before"]["words"] and data["saved"]
    assert _run(["workshop", "no-such-story"]) == 2
    assert "No story with the id" in capsys.readouterr().err


def test_a_gap_names_the_filed_story_spent_on_another_principle(coach_home, tmp_path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# Stories\n\n## Night courier run (Customer Obsession, Bias for Action)\n"
        "S: A clinic ran out of insulin on a Sunday.\nA: I drove the stock there myself.\n"
        "R: The clinic opened on time and 40 patients got their doses.\n",
        encoding="utf-8",
    )
    register(path)
    retriever = open_retriever()
    plan = build_plan(retriever, loop_from(None, ["bias-for-action", "customer-obsession"]))
    first = {a.principle: a for i in plan.interviews for a in i.assignments}
    used = [p for p, a in first.items() if a.story_id]
    assert len(used) == 1  # one story, never used twice
    (gap,) = [g for g in plan.gaps if g["principle"] not in used]
    assert "Night courier run" in gap["why"] and "no story is used twice" in gap["why"]
    assert "interview" in gap["why"]
