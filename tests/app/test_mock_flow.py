"""The mock interview's flow without a browser: pause between questions, the clock, overruns, the
report in names, and the principle recorded in History (toy embedder)."""

from __future__ import annotations

import pytest

from coach.app import mock_views
from coach.app.service import CoachService
from coach.app.views import critique_summary_md

pytestmark = pytest.mark.usefixtures("toy_embedder")
ANSWER = "I rewrote the build scripts myself and cut the build from 40 to 12 minutes."


@pytest.fixture
def service() -> CoachService:
    return CoachService("none")


def test_the_next_question_and_its_clock_wait_for_the_candidate(service, monkeypatch) -> None:
    names = service.loops.principle_names()
    session = service.practice.start_mock(["dive-deep", "ownership"], 2, 60)
    first = session.questions[0].text
    assert first in mock_views.question_md(session, names)
    assert "Probes Dive Deep" in mock_views.question_md(session, names) or "Probes Ownership" in (
        mock_views.question_md(session, names)
    )
    outcome = service.practice.answer_mock(session, ANSWER)
    assert session.paused and "Next question" in mock_views.question_md(session, names)
    assert session.questions[1].text not in mock_views.question_md(session, names)
    assert mock_views.clock_md(session) == ""  # stopped while the feedback is read
    feedback = mock_views.feedback_md(session, outcome.result)
    assert feedback.startswith("### Feedback on question 1") and first in feedback
    session.resume()
    assert session.questions[1].text in mock_views.question_md(session, names)
    assert mock_views.clock_md(session) == "**Time left 1:00**"


def test_time_up_is_said_and_the_overrun_reported(service, monkeypatch) -> None:
    import coach.practice.mock as mock

    names = service.loops.principle_names()
    session = service.practice.start_mock(["ownership"], 1, 60)
    now = [1000.0]
    monkeypatch.setattr(mock.time, "monotonic", lambda: now[0])
    session.resume()
    now[0] += 75
    clock = mock_views.clock_md(session)
    assert "Time is up" in clock and "0:15 over" in clock
    service.practice.answer_mock(session, ANSWER)
    assert session.finished and session.overruns() == [15]
    report = mock_views.report_md(session, names)
    assert "1:15 (**0:15 over**)" in report and "**Ownership**" in report
    assert "ownership" not in report.replace("Ownership", "")  # names, never the slug
    assert "Ran over the clock on 1 of 1" in report


def test_a_mock_answer_is_recorded_under_the_question_s_principle(service) -> None:
    session = service.practice.start_mock(["frugality"], 1, 60)
    outcome = service.practice.answer_mock(session, ANSWER)
    assert outcome.result.principles[0].id == "frugality"
    saved = service.runtime.history.critiques()[0]
    assert saved["principle"] == "frugality" and saved["session"] == session.history_id


def test_the_principle_a_question_was_set_for_wins_over_detection(service) -> None:
    question = "Tell me about a time you disagreed with your manager."
    detected = service.practice.critique(question, ANSWER).result.principles[0].id
    assert detected != "frugality"
    result = service.practice.critique(question, ANSWER, principle="frugality").result
    assert result.principles[0].id == "frugality"
    assert "Frugality" in critique_summary_md(result)


def test_an_unreachable_history_database_does_not_stop_coaching(monkeypatch) -> None:
    from tests.browser import free_port

    monkeypatch.setenv("DATABASE_URL", f"postgresql://coach@127.0.0.1:{free_port()}/db")
    outcome = CoachService("none").practice.critique("Tell me about a conflict.", ANSWER)
    assert outcome.result.overall >= 1 and not outcome.saved
    assert "cannot be reached" in outcome.notice and "coaching goes on" in outcome.notice


def test_a_remote_history_database_needs_consent() -> None:
    from coach.core.database import database_url
    from coach.core.errors import CoachError

    with pytest.raises(CoachError, match="not this machine"):
        database_url({"DATABASE_URL": "postgresql://coach@db.example.org/coach"})
    assert database_url({"DATABASE_URL": "postgresql://coach@db.example.org/coach",
                         "DATABASE_ALLOW_REMOTE": "1"})  # fmt: skip
    assert database_url({}) is None
