"""Make ``knowledge/vectors/``: the vectors of every text the coach ships, so a new data folder
embeds only the user's notes (a first ``coach ingest`` takes seconds, not the ten it takes to
embed the question bank, example stories and rubric sentences).

Run after changing anything under ``knowledge/``: ``make knowledge-vectors``. A stale file is
never wrong, only slower: texts it does not hold are embedded as before.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def ship(home: Path) -> tuple[Path, int]:
    """Index the shipped knowledge alone in ``home`` and save every vector it embedded."""
    os.environ["COACH_HOME"] = str(home)
    from coach.index import embedding
    from coach.index.builder import build_index, open_store
    from coach.index.vector_cache import shipped_path, write_shipped
    from coach.knowledge.bank import load_knowledge
    from coach.knowledge.corpus import all_stories

    kb = load_knowledge()
    store = open_store()
    store.cache.path = home / "fresh-vectors.sqlite"  # every text embedded afresh
    store.cache.use_shipped = False
    build_index(kb, all_stories(kb, False), store, embedding.embed_for_index)
    items = store.cache.everything()
    path = shipped_path(store.embedder_name)
    write_shipped(path, items)
    return path, len(items)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="coach-ship-vectors-") as home:
        path, count = ship(Path(home))
    print(f"Wrote {count} vectors to {path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
