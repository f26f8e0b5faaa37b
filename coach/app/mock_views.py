"""What the Mock interview tab shows: the question or the pause after it, the clock, the feedback
on the answer just given, and the report at the end (principle and dimension names, never ids)."""

from __future__ import annotations

from coach.app.views import critique_summary_md, esc, flags_md
from coach.core.results import Critique
from coach.practice.mock import MockSession, interview_report, session_report

READY = "Choose principles, or a whole loop from your plan, then press **Start**."


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _dimension(dim_id: str) -> str:
    return dim_id.replace("_", " ")


def question_md(session: MockSession | None, names: dict[str, str]) -> str:
    """The current question; between questions, where the candidate stands; at the end, done."""
    if session is None:
        return READY
    total = len(session.questions)
    if session.finished:
        return f"### Session complete: {total} of {total} answered\nYour report is below."
    if session.paused:
        return (f"### Question {session.index} of {total} answered\nRead the feedback, then press "
                "**Next question** when you are ready: its clock starts then.")  # fmt: skip
    question = session.questions[session.index]
    where = f"Interview {session.interviews[session.index]} · " if session.interviews else ""
    probes = ", ".join(names.get(p, p) for p in question.principles)
    return (f"### {where}Question {session.index + 1} of {total}\n\n{esc(question.text)}"
            f"\n\n_Probes {esc(probes)}_")  # fmt: skip


def clock_md(session: MockSession | None) -> str:
    """The countdown; once it reaches 0:00, how far over and what to do."""
    if session is None or session.finished or session.paused:
        return ""
    over = session.seconds_over()
    if session.seconds_left() > 0:
        return f"**Time left {_clock(session.seconds_left())}**"
    past = f" · {_clock(over)} over" if over else ""
    return (f"**Time is up**{past}. Finish your sentence and submit; the overrun goes in your "
            "report.")  # fmt: skip


def feedback_md(session: MockSession, result: Critique) -> str:
    """Feedback on the answer just given, headed by the question it answers."""
    n = len(session.critiques)
    question = session.questions[n - 1].text
    used, over = session.used[n - 1], session.overruns()[n - 1]
    allowed = _clock(session.seconds)
    timing = (f"You ran {_clock(over)} over the {allowed} allowed." if over
              else f"You took {_clock(used)} of {allowed}.")  # fmt: skip
    said = ""
    if result.delivery is not None:
        from coach.app.speech_views import delivery_md

        said = "\n\n" + delivery_md(result.delivery, None, session.seconds)
    return (f"### Feedback on question {n}\n> {esc(question)}\n\n{timing}\n\n"
            f"{critique_summary_md(result)}{said}\n\n{flags_md(result)}")  # fmt: skip


def _work_on(results: list[Critique]) -> str:
    """The weakest dimension over these answers, with the reason given on the weakest answer."""
    totals: dict[str, int] = {}
    for result in results:
        for dim in result.dimensions:
            if dim.applicable:
                totals[dim.id] = totals.get(dim.id, 0) + dim.score
    if not totals:
        return ""
    weakest = min(totals, key=lambda d: totals[d])
    worst = min(
        (d for r in results for d in r.dimensions if d.id == weakest), key=lambda d: d.score
    )
    return f"{_dimension(weakest)}: {esc(worst.comment)}"


def report_md(session: MockSession, names: dict[str, str]) -> str:
    """The end-of-session report: a row per question, then a line per principle (or interview)."""
    lines = ["### Your mock interview", "",
             "| # | question | principle | time | score | work on |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    answered = zip(session.questions, session.critiques, strict=False)
    for n, (question, result) in enumerate(answered, 1):
        over = session.overruns()[n - 1]
        time_used = _clock(session.used[n - 1]) + (f" (**{_clock(over)} over**)" if over else "")
        principle = names.get(question.principles[0], question.principles[0])
        lines.append(f"| {n} | {esc(question.text)} | {esc(principle)} | {time_used} | "
                     f"{result.overall}/5 | {_work_on([result])} |")  # fmt: skip
    lines.append("")
    if session.interviews:
        for row in interview_report(session):
            picked = [r for i, r in enumerate(session.critiques)
                      if session.interviews[i] == row["interview"]]  # fmt: skip
            lines.append(f"- **Interview {row['interview']}**: {row['answers']} answers, average "
                         f"{row['average']}/5; told the planned story "
                         f"{row['planned_story_told']} of {row['answers']}; work on "
                         f"{_work_on(picked)}")  # fmt: skip
    else:
        for row in session_report(session):
            picked = [r for q, r in zip(session.questions, session.critiques, strict=False)
                      if q.principles[0] == row["principle"]]  # fmt: skip
            name = names.get(row["principle"], row["principle"])
            lines.append(f"- **{esc(name)}**: {row['answers']} answer(s), average "
                         f"{row['average']}/5; work on {_work_on(picked)}")  # fmt: skip
    overran = sum(1 for o in session.overruns() if o)
    if overran:
        lines.append(f"- Ran over the clock on {overran} of {len(session.critiques)} questions: "
                     "practise a shorter situation and get to your actions sooner.")  # fmt: skip
    return "\n".join(lines)
