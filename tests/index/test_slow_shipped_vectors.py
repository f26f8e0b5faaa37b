"""The shipped knowledge vectors are current: a new data folder embeds only the user's notes."""

from pathlib import Path

import pytest

from coach.core.paths import REPO_ROOT

pytestmark = pytest.mark.slow
NOTES = REPO_ROOT / "tests" / "fixtures" / "notes" / "teacher_prose.md"


def test_a_first_ingest_embeds_only_the_users_notes(tmp_path: Path, monkeypatch, capsys) -> None:
    from coach.cli.main import main
    from coach.index import embedding
    from coach.index.vector_cache import VectorCache, _shipped, shipped_path

    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    assert main(["ingest", str(NOTES)]) == 0
    shipped = _shipped(shipped_path(embedding.MODEL_NAME))
    embedded = VectorCache(tmp_path / "vectors.sqlite", embedding.MODEL_NAME).everything()
    assert shipped, "knowledge/vectors/ is missing: run make knowledge-vectors"
    stale = len(embedded) - 5 * 4  # five stories, a few views each
    assert stale <= 0, f"{len(embedded)} texts embedded: run make knowledge-vectors"
    assert not set(embedded) & set(shipped)
