"""The Loop plan tab: the plan, its checks and cheat sheet, the workshop, and a mock of the loop."""

from __future__ import annotations

import time
from pathlib import Path

from coach.app.runtime import Runtime
from coach.core.errors import CoachError
from coach.core.history import HistoryUnavailable
from coach.core.paths import data_dir
from coach.core.schema import Story
from coach.practice.cheat_sheet import cheat_sheet_html, cheat_sheet_markdown
from coach.practice.mock import MockSession, plan_questions
from coach.practice.plan import Plan, build_plan, known_loops, loop_from
from coach.practice.workshop import Workshop

CUSTOM = "custom"


class LoopHandler:
    """Plans a loop, writes its cheat sheet, runs the workshop and starts a mock of the loop."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def loop_names(self) -> list[str]:
        return [*sorted(known_loops()), CUSTOM]

    def describe(self, name: str) -> str:
        loop = known_loops().get(name)
        if loop is None:
            return "One interview per line, its principle ids separated by commas."
        return loop.description

    def plan(self, name: str, custom: str = "") -> Plan:
        """The plan for a known loop, or for a custom one (one interview per line)."""
        if name == CUSTOM:
            groups = [line for line in custom.splitlines() if line.strip()]
            if not groups:
                raise CoachError("Type one interview per line, e.g. ownership, frugality.")
            return build_plan(self.runtime.retriever, loop_from(None, groups))
        return build_plan(self.runtime.retriever, loop_from(name, None))

    def stories(self) -> dict[str, Story]:
        return self.runtime.retriever.stories

    def principle_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.runtime.retriever.kb.principles}

    def cheat_sheets(self, plan: Plan) -> list[Path]:
        """The cheat sheet as Markdown and as a print-ready HTML page, in the exports folder."""
        folder = data_dir() / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        names, stories = self.principle_names(), self.stories()
        markdown = folder / f"cheat-sheet-{plan.loop}-{stamp}.md"
        page = folder / f"cheat-sheet-{plan.loop}-{stamp}.html"
        markdown.write_text(cheat_sheet_markdown(plan, stories, names), encoding="utf-8")
        page.write_text(cheat_sheet_html(plan, stories, names), encoding="utf-8")
        return [markdown, page]

    def workshop_choices(self) -> list[tuple[str, str]]:
        """(label, id) of the candidate's own stories, thin ones first."""
        own = [s for s in self.stories().values() if s.origin != "bank"]
        own.sort(key=lambda s: (not s.thin, s.title.lower()))
        return [(f"{s.title}{' (thin)' if s.thin else ''}", s.id) for s in own]

    def start_workshop(self, story_id: str) -> Workshop:
        story = self.stories().get(story_id or "")
        if story is None:
            raise CoachError("Choose one of your stories to work on.")
        settings = self.runtime.settings
        labeller = None
        if not story.labelled:
            found = self.runtime.critic.labeller
            labeller = lambda text: [(x.text, x.label) for x in found.label(text)]  # noqa: E731
        return Workshop(story, settings.minutes, settings.words_per_minute, labeller)

    def save_workshop(self, workshop: Workshop) -> Path:
        """Save the grown story and index it at once."""
        path = workshop.save()
        self.runtime.invalidate()
        self.runtime.retriever  # noqa: B018 (re-indexes now: only the grown story is embedded)
        return path

    def start_loop_mock(self, name: str, seconds: int, custom: str = "") -> MockSession:
        """A mock of the whole loop from its plan, with "another time" per interview."""
        plan = self.plan(name, custom)
        session = plan_questions(self.runtime.retriever.kb, plan)
        session.seconds = seconds
        try:
            session.history_id = self.runtime.history.start_session(
                sorted({q.principles[0] for q in session.questions}),
                [q.text for q in session.questions],
            )
        except HistoryUnavailable:
            session.history_id = None
        return session
