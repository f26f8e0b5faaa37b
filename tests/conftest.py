"""Shared fixtures: an isolated user data directory, the seed notes, and the network guard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import network_guard

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
SEED_NOTES = SEEDS / "000_8cfa992463ddd1e4.txt"
SEED_PREP = SEEDS / "001_758bcd43470c8702.txt"
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    network_guard.install()


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty user data directory."""
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("COACH_KNOWLEDGE", raising=False)
    return home


@pytest.fixture
def seed_notes() -> Path:
    if not SEED_NOTES.exists():
        pytest.skip("../shared/seeds is not present in this checkout")
    return SEED_NOTES


@pytest.fixture
def seed_prep() -> Path:
    if not SEED_PREP.exists():
        pytest.skip("../shared/seeds is not present in this checkout")
    return SEED_PREP


@pytest.fixture
def knowledge_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the knowledge folder, used by tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", target)
    monkeypatch.setenv("COACH_KNOWLEDGE", str(target))
    return target


@pytest.fixture
def toy_embedder(monkeypatch: pytest.MonkeyPatch):
    """Route the coach's embedders to one toy embedder (no model load, no torch)."""
    from coach.index import embedding
    from tests.fakes import ToyEmbedder

    toy = ToyEmbedder()
    monkeypatch.setattr(embedding, "query_embedder", lambda: toy)
    monkeypatch.setattr(embedding, "index_embedder", lambda: toy)
    monkeypatch.setattr(embedding, "embed_for_index", toy.encode)
    monkeypatch.setattr(embedding, "MODEL_NAME", toy.name)
    return toy


@pytest.fixture(scope="module")
def module_home(tmp_path_factory: pytest.TempPathFactory):
    """A data directory shared by one module (slow tests build the real index once per module)."""
    home = tmp_path_factory.mktemp("module-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COACH_HOME", str(home))
        yield home
