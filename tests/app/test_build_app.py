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
