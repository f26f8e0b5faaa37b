"""The Loop plan tab's handler: plan, cheat sheet, workshop, mock of the loop (toy embedder)."""

from __future__ import annotations

import pytest

from coach.app import loop_views
from coach.app.service import CoachService
from coach.core.errors import CoachError
from coach.knowledge.sources import register
from tests.practice.test_plan_workshop import ANSWERS, NOTES

pytestmark = pytest.mark.usefixtures("toy_embedder")


def test_plan_checks_and_cheat_sheets_on_the_example_bank() -> None:
    loops = CoachService("none").loops
    assert loops.loop_names()[-1] == "custom"
    plan = loops.plan("amazon-4")
    stories, names = loops.stories(), loops.principle_names()
    rows = loop_views.plan_rows(plan, stories, names)
    assert len(rows) == 8 and {r["interview"] for r in rows} == {1, 2, 3, 4}
    checks = loop_views.plan_checks_md(plan, stories, names)
    assert "### Gaps" in checks and "May be confidential" in checks
    markdown, page = loops.cheat_sheets(plan)
    assert markdown.suffix == ".md" and page.suffix == ".html"
    assert rows[0]["story"] in markdown.read_text(encoding="utf-8")
    with pytest.raises(CoachError, match="one interview per line"):
        loops.plan("custom", "  \n")


def test_workshop_from_the_tab_saves_and_indexes_the_grown_story(tmp_path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    register(notes)
    service = CoachService("none")
    loops = service.loops
    label, story_id = loops.workshop_choices()[0]
    assert label.endswith("(thin)")
    workshop = loops.start_workshop(story_id)
    while (prompt := workshop.current()) is not None:
        view = loop_views.workshop_md(workshop, prompt)
        assert prompt.text in view and "Why:" in view
        workshop.answer(ANSWERS[prompt.key])
    path = loops.save_workshop(workshop)
    grown = service.runtime.retriever.stories[story_id]
    assert grown.supersedes == story_id and grown.source == str(path)
    assert "After" in loop_views.workshop_saved_md(workshop, path.name)


def test_a_mock_of_the_loop_reports_per_interview(monkeypatch) -> None:
    from tests.fakes import ScriptedModel

    service = CoachService("none")
    monkeypatch.setattr(service.runtime, "model", lambda: ScriptedModel())
    session = service.loops.start_loop_mock("phone-screen", 120)
    assert len(session.questions) == 3 and "another" in session.questions[-1].text.lower()
    for _ in session.questions:
        service.practice.answer_mock(session, "I fixed the build and cut the time by 40%.")
    from coach.app import mock_views

    names = service.loops.principle_names()
    assert "Session complete: 3 of 3" in mock_views.question_md(session, names)
    report = mock_views.report_md(session, names)
    assert "**Interview 1**: 3 answers" in report and "told the planned story" in report
