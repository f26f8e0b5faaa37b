"""Incremental indexing by content hash, and rebuilding a broken index from the notes."""

import json
from pathlib import Path

import numpy as np
import pytest

from coach.index.documents import IndexDoc
from coach.index.store import VectorStore
from tests.fakes import ToyEmbedder


def _groups(**texts: str) -> dict[str, tuple[str, list[IndexDoc]]]:
    return {
        owner: (f"h-{text}", [IndexDoc(f"{owner}::a", owner, "story", text),
                              IndexDoc(f"{owner}::b", owner, "action", text + " more")])
        for owner, text in texts.items()
    }  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> VectorStore:
    return VectorStore(tmp_path / "index", "toy-embedder")


def test_only_changes_are_embedded(store: VectorStore) -> None:
    toy = ToyEmbedder()
    first = store.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    assert sorted(first.added) == ["a", "b"] and first.documents_embedded == 4
    again = store.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    assert not again.touched and again.documents_embedded == 0 and again.unchanged == 2
    changed = store.sync("views", _groups(a="alpha edited", c="gamma text"), toy.encode)
    assert changed.changed == ["a"] and changed.added == ["c"] and changed.removed == ["b"]
    assert changed.documents_embedded == 4
    ids, _, _ = store.all_vectors("views")
    assert sorted(ids) == ["a::a", "a::b", "c::a", "c::b"]
    hits = store.query("views", toy.encode(["alpha edited"])[0], 10)
    assert hits[0].owner == "a" and hits[0].similarity > 0.9


def test_is_current_needs_no_chroma_and_notices_changes(store: VectorStore) -> None:
    toy = ToyEmbedder()
    groups = _groups(a="alpha", b="beta")
    store.sync("views", groups, toy.encode)
    fresh = VectorStore(store.root, "toy-embedder")
    assert fresh.is_current("views", groups)
    assert fresh._client is None, "the fast check must not open chroma"
    assert not fresh.is_current("views", _groups(a="alpha", b="beta changed"))
    assert not VectorStore(store.root, "another-model").is_current("views", groups)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda root: (root / "manifest.json").write_text("{not json"), "manifest is unreadable"),
        (lambda root: (root / "manifest.json").unlink(), "manifest is missing"),
        (lambda root: _edit_manifest(root, count=99), "where 99 were recorded"),
        (lambda root: _edit_manifest(root, embedder="other"), "another version or embedding model"),
    ],
)
def test_broken_index_is_rebuilt_with_a_message(store: VectorStore, damage, reason: str) -> None:
    toy = ToyEmbedder()
    groups = _groups(a="alpha", b="beta")
    store.sync("views", groups, toy.encode)
    damage(store.root)
    reopened = VectorStore(store.root, "toy-embedder")
    report = reopened.sync("views", groups, toy.encode)
    assert sorted(report.added) == ["a", "b"]
    assert any(reason in notice for notice in reopened.notices), reopened.notices
    assert len(reopened.all_vectors("views")[0]) == 4


def test_deleted_chroma_folder_is_rebuilt(store: VectorStore) -> None:
    import shutil

    toy = ToyEmbedder()
    store.sync("views", _groups(a="alpha"), toy.encode)
    shutil.rmtree(store.root / "chroma")
    reopened = VectorStore(store.root, "toy-embedder")
    assert reopened.sync("views", _groups(a="alpha"), toy.encode).added == ["a"]
    assert reopened.query("views", toy.encode(["alpha"])[0], 1)[0].owner == "a"


def test_garbage_chroma_database_is_rebuilt(store: VectorStore) -> None:
    toy = ToyEmbedder()
    store.sync("views", _groups(a="alpha"), toy.encode)
    for path in (store.root / "chroma").rglob("*.sqlite3"):
        path.write_bytes(b"this is not a database" * 100)
    reopened = VectorStore(store.root, "toy-embedder")
    report = reopened.sync("views", _groups(a="alpha"), toy.encode)
    assert report.added == ["a"] and reopened.notices


def _edit_manifest(root: Path, **changes: object) -> None:
    manifest = json.loads((root / "manifest.json").read_text())
    if "count" in changes:
        manifest["collections"]["views"]["count"] = changes["count"]
    if "embedder" in changes:
        manifest["embedder"] = changes["embedder"]
    (root / "manifest.json").write_text(json.dumps(manifest))


def test_an_empty_list_embeds_to_an_empty_array() -> None:
    from coach.index.embedding import numpy_embedder

    assert numpy_embedder().encode([]).shape == (0, 384)


def test_whole_view_of_a_story_with_sections_is_the_weighted_mean_of_its_sections(tmp_path) -> None:
    import numpy as np

    from coach.core.schema import Sections, Story
    from coach.index.collections import STORIES_COLLECTION
    from coach.index.documents import story_documents
    from coach.index.store import VectorStore
    from tests.fakes import ToyEmbedder

    story = Story(
        id="s1",
        title="Rig",
        sections=Sections(situation="The quote was too high.", action="I built a rig."),
    )
    docs = story_documents(story)
    whole = next(d for d in docs if d.kind == "story")
    assert set(whole.mean_of) == {"s1::situation", "s1::action"}
    toy = ToyEmbedder()
    store = VectorStore(tmp_path, toy.name)
    report = store.sync(STORIES_COLLECTION, {"s1": ("h", docs)}, toy.encode)
    assert report.documents_embedded == len(docs) - 1  # the whole view is not embedded
    _ids, metas, vectors = store.all_vectors(STORIES_COLLECTION)
    by_kind = {m["kind"]: v for m, v in zip(metas, vectors, strict=True)}
    words = {d.kind: len(d.text.split()) for d in docs}
    mean = words["situation"] * by_kind["situation"] + words["action"] * by_kind["action"]
    assert np.allclose(by_kind["story"], mean / np.linalg.norm(mean), atol=1e-5)
    # a story without sections is embedded whole
    bare = Story(id="s2", title="Note", body="I fixed the build.")
    assert story_documents(bare)[0].mean_of == ()


class CountingEmbedder(ToyEmbedder):
    """The toy embedder, remembering every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts: list[str]):
        self.seen.extend(texts)
        return super().encode(texts)


def test_a_story_that_comes_back_is_not_embedded_again(store: VectorStore) -> None:
    counting = CountingEmbedder()
    store.sync("views", _groups(a="alpha text", b="beta text"), counting.encode)
    store.sync("views", _groups(c="gamma text"), counting.encode)  # a and b leave the index
    counting.seen.clear()
    back = store.sync("views", _groups(a="alpha text", c="gamma text"), counting.encode)
    assert back.added == ["a"] and counting.seen == [] and back.documents_embedded == 0
    hits = store.query("views", ToyEmbedder().encode(["alpha text"])[0], 1)
    assert hits[0].owner == "a" and hits[0].similarity > 0.9
    store.sync("views", _groups(a="alpha edited", c="gamma text"), counting.encode)
    assert counting.seen == ["alpha edited", "alpha edited more"]  # new text: embedded


def test_a_damaged_vector_cache_is_dropped_and_indexing_goes_on(store: VectorStore) -> None:
    counting = CountingEmbedder()
    store.sync("views", _groups(a="alpha text"), counting.encode)
    store.cache.path.write_bytes(b"this is not a database")
    store.sync("views", _groups(b="beta text"), counting.encode)
    assert "beta text" in counting.seen
    ids, _, _ = store.all_vectors("views")
    assert sorted(ids) == ["b::a", "b::b"]


def test_the_vector_cache_keeps_only_the_most_recently_used(tmp_path: Path) -> None:
    from coach.index.vector_cache import VectorCache

    counting = CountingEmbedder()
    cache = VectorCache(tmp_path / "v.sqlite", "toy", max_entries=2)
    embed = cache.wrap(counting.encode)
    embed(["one"])
    embed(["two"])
    embed(["three"])  # "one" is the least recently used and goes
    counting.seen.clear()
    vectors = embed(["three", "one"])
    assert counting.seen == ["one"] and vectors.shape[0] == 2


def test_an_unreachable_chroma_server_is_one_sentence(tmp_path: Path, monkeypatch, capsys) -> None:
    from coach.cli.main import main
    from tests.browser import free_port

    monkeypatch.setenv("CHROMA_HTTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_HTTP_PORT", str(free_port()))  # nothing listens there
    assert main(["index"]) != 0
    err = capsys.readouterr().err.strip()
    assert "Chroma server at http://127.0.0.1" in err and "cannot be reached" in err
    assert "Traceback" not in err


def test_a_remote_chroma_server_needs_consent(monkeypatch) -> None:
    from coach.core.errors import CoachError
    from coach.index.chroma_target import chroma_server

    with pytest.raises(CoachError, match="not this machine"):
        chroma_server({"CHROMA_HTTP_HOST": "chroma.example.org"})
    allowed = chroma_server({"CHROMA_HTTP_HOST": "chroma.example.org", "CHROMA_ALLOW_REMOTE": "1",
                             "CHROMA_HTTP_PORT": "8123"})  # fmt: skip
    assert allowed is not None and allowed.port == 8123
    assert chroma_server({}) is None  # embedded by default


def test_a_current_index_is_searched_without_opening_chroma(store: VectorStore) -> None:
    toy = ToyEmbedder()
    groups = _groups(a="alpha text", b="beta text")
    store.sync("views", groups, toy.encode)
    fresh = VectorStore(store.root, "toy-embedder")
    report = fresh.sync("views", groups, toy.encode)
    assert report.unchanged == 2 and not report.touched
    hits = fresh.query("views", toy.encode(["beta text"])[0], 3)
    ids, metas, vectors = fresh.all_vectors("views", where={"kind": "action"})
    assert fresh._client is None, "a current index is read from its numpy mirror"
    assert hits[0].owner == "b" and hits[0].similarity > 0.99
    assert sorted(ids) == ["a::b", "b::b"] and all(m["kind"] == "action" for m in metas)
    assert vectors.shape[0] == 2


def test_the_mirror_answers_like_chroma(store: VectorStore) -> None:
    toy = ToyEmbedder()
    store.sync("views", _groups(a="alpha text", b="beta text", c="gamma words"), toy.encode)
    vector = toy.encode(["gamma words here"])[0]
    from_mirror = {h.doc_id: h.similarity for h in store.query("views", vector, 6)}
    store._mirrors["views"] = None  # force the chroma path
    from_chroma = {h.doc_id: h.similarity for h in store.query("views", vector, 6)}
    assert from_mirror.keys() == from_chroma.keys() and len(from_mirror) == 6
    for doc_id, similarity in from_mirror.items():
        assert abs(similarity - from_chroma[doc_id]) < 1e-4


def test_a_stale_mirror_is_never_read(store: VectorStore) -> None:
    toy = ToyEmbedder()
    store.sync("views", _groups(a="alpha text"), toy.encode)
    stale = (store.root / "mirror-views.npz").read_bytes()
    store.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    (store.root / "mirror-views.npz").write_bytes(stale)  # an old copy left behind
    fresh = VectorStore(store.root, "toy-embedder")
    ids, _, _ = fresh.all_vectors("views")
    assert sorted(ids) == ["a::a", "a::b", "b::a", "b::b"]  # read from chroma instead
    report = fresh.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    assert not report.touched
    assert VectorStore(store.root, "toy-embedder")._mirror("views") is not None  # rewritten


def test_an_empty_collection_has_an_empty_mirror(store: VectorStore) -> None:
    toy = ToyEmbedder()
    store.sync("views", {}, toy.encode)
    fresh = VectorStore(store.root, "toy-embedder")
    assert fresh.query("views", toy.encode(["anything"])[0], 5) == []
    assert fresh.all_vectors("views")[0] == []


def test_shipped_vectors_stand_behind_the_cache(tmp_path: Path, monkeypatch) -> None:
    from coach.index import vector_cache

    monkeypatch.setattr(vector_cache, "SHIPPED_DIR", tmp_path / "shipped")
    shipped = CountingEmbedder().encode(["the bank question"])[0] + 1.0  # told apart below
    key = vector_cache._key("toy", "the bank question")
    vector_cache.write_shipped(vector_cache.shipped_path("toy"), {key: shipped})
    counting = CountingEmbedder()
    cache = vector_cache.VectorCache(tmp_path / "v.sqlite", "toy")
    vectors = cache.wrap(counting.encode)(["the bank question", "my own note"])
    assert counting.seen == ["my own note"]  # only the text the file does not hold is embedded
    assert np.allclose(vectors[0], shipped)
    cache.use_shipped = False  # as when the file itself is made: everything is embedded
    counting.seen.clear()
    cache.wrap(counting.encode)(["the bank question"])
    assert counting.seen == ["the bank question"]


def test_a_damaged_shipped_file_only_costs_time(tmp_path: Path, monkeypatch) -> None:
    from coach.index import vector_cache

    monkeypatch.setattr(vector_cache, "SHIPPED_DIR", tmp_path / "shipped")
    path = vector_cache.shipped_path("toy")
    path.parent.mkdir()
    path.write_bytes(b"not a numpy file")
    counting = CountingEmbedder()
    vectors = vector_cache.VectorCache(tmp_path / "v.sqlite", "toy").wrap(counting.encode)(["a"])
    assert counting.seen == ["a"] and vectors.shape[0] == 1
