"""Mock interviews, coverage, stories added from the app, and where the app may listen."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.app.serve_options import is_loopback, serve_options
from coach.core.errors import CoachError
from coach.knowledge.bank import load_knowledge
from coach.knowledge.user_stories import (
    StoryForm,
    load_user_stories,
    save_story,
    slugify,
    user_stories_dir,
)
from coach.practice.coverage import coverage_rows, principles_without_strong_story, thin_stories
from coach.practice.mock import MockSession, draw_questions, session_report

KB = load_knowledge()
FORM = StoryForm(
    title="Rescuing the flaky nightly build",
    primary_principle="dive-deep",
    situation="Our nightly build failed one night in three.",
    task="I owned the build pipeline.",
    action="I bisected the failures and fixed a race in the flashing script.",
    result="The build has not failed since.",
)


def test_draw_questions_without_repeats() -> None:
    loop = draw_questions(KB, None, 16, seed=1)
    assert len({q.text for q in loop}) == 16
    assert len({q.principles[0] for q in loop}) == 16  # a full loop covers every principle
    chosen = draw_questions(KB, ["ownership", "frugality"], 6, seed=2)
    assert {q.principles[0] for q in chosen} <= {"ownership", "frugality"}
    assert len({q.text for q in chosen}) == 6
    with pytest.raises(CoachError):
        draw_questions(KB, None, 0)


def test_session_report_per_principle() -> None:
    from tests.practice.test_history import _critique

    session = MockSession(draw_questions(KB, ["ownership"], 2, seed=3))
    session.record(_critique(overall=2))
    assert not session.finished and session.seconds_left() > 0
    session.record(_critique(overall=4))
    assert session.finished and session.current is None
    assert session_report(session) == [
        {"principle": "ownership", "answers": 2, "average": 3.0, "weakest": "structure"}
    ]


def test_coverage() -> None:
    rows = coverage_rows(KB, KB.stories)
    assert len(rows) == 16 and sum(r["primary"] for r in rows) == len(KB.stories)
    assert principles_without_strong_story(KB, KB.stories) == []
    assert all(s.thin for s in thin_stories(KB.stories))
    only_thin = [s for s in KB.stories if s.thin]
    assert principles_without_strong_story(KB, only_thin)


def test_save_story_validates_refuses_overwrite_and_loads_back() -> None:
    story = save_story(FORM, {s.id for s in KB.stories})
    assert story.id == "rescuing-the-flaky-nightly-build" and story.origin == "user"
    assert Path(story.source).parent == user_stories_dir().resolve()
    with pytest.raises(CoachError, match="confirm"):
        save_story(FORM, set())
    changed = StoryForm(**{**FORM.__dict__, "result": "It never failed again."})
    assert save_story(changed, set(), overwrite=True).sections.result == "It never failed again."
    assert [s.id for s in load_user_stories()] == [story.id]
    assert not list(user_stories_dir().glob("*.tmp"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "title"),
        ({"primary_principle": "nonsense"}, "principle"),
        ({"action": ""}, "action"),
        ({"title": "!!!"}, "letters"),
        ({"title": "Y-channel face detection"}, "already exists"),
    ],
)
def test_bad_story_forms(change: dict, message: str) -> None:
    form = StoryForm(**{**FORM.__dict__, **change})
    with pytest.raises(CoachError, match=message):
        save_story(form, {"y-channel-face-detection"})


def test_titles_cannot_escape_the_folder() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    story = save_story(StoryForm(**{**FORM.__dict__, "title": "../../evil"}), set())
    assert Path(story.source).parent == user_stories_dir().resolve()


def test_serve_options(monkeypatch) -> None:
    monkeypatch.delenv("COACH_AUTH", raising=False)
    monkeypatch.delenv("COACH_PORT", raising=False)
    assert serve_options(None, None, None).port == 7860
    monkeypatch.setenv("COACH_PORT", "8123")
    assert serve_options(None, None, None).port == 8123
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    with pytest.raises(CoachError, match="without credentials"):
        serve_options("0.0.0.0", None, None)
    assert serve_options("0.0.0.0", None, "me:secret").auth == ("me", "secret")
    monkeypatch.setenv("COACH_AUTH", "me:env")
    assert serve_options("0.0.0.0", None, None).auth == ("me", "env")
    with pytest.raises(CoachError):
        serve_options(None, None, "no-colon")


def test_a_saved_story_loads_back_into_the_form() -> None:
    from coach.app.service import CoachService

    save_story(FORM, set())
    service = CoachService("none")
    assert service.stories.user_story_titles() == [FORM.title]
    form = service.stories.user_story_form(FORM.title)
    assert form is not None and form.action == FORM.action and form.primary_principle == "dive-deep"
    assert service.stories.user_story_form("no such story") is None
