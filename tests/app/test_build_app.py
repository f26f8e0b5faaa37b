"""The app builds: every tab's layout and wiring runs without a server (toy embedder)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("toy_embedder")


def test_every_tab_builds_and_the_main_endpoints_are_named() -> None:
    import app
    from coach.app.service import CoachService

    demo = app.build_app(CoachService("none"))
    names = {fn.api_name for fn in demo.fns.values() if isinstance(fn.api_name, str)}
    wanted = {"status", "ask", "critique", "upload_notes", "add_source", "remove_source",
              "save_story", "history", "export_markdown", "export_csv"}  # fmt: skip
    assert wanted <= names, wanted - names
    labels = {getattr(block, "label", None) for block in demo.blocks.values()}
    assert {"Ask", "Critique", "Mock interview", "Loop plan", "Story bank", "History"} <= labels


def test_the_draft_legend_says_what_plain_text_is() -> None:
    from coach.app.views import legend
    from coach.core.results import DraftSentence

    notes = DraftSentence(text="I moved the stock.", part="action", source="notes")
    opening = DraftSentence(text="Here is a time that fits.", part="situation", source="template")
    phrased = DraftSentence(text="I moved it fast.", part="action", source="model")
    assert "connecting words" in legend([opening, notes])
    assert "phrased by the model" in legend([opening, phrased, notes])
