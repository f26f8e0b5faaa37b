"""The workspace and setup subcommands: ``coach ingest``, ``sources``, ``index``, ``doctor`` and
``migrate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.core.errors import CoachError

SHOWN_IDS = 5  # story ids listed per kind of change; the rest are counted


def sync_index(rebuild: bool = False) -> None:
    """Bring the search index in step with the workspace and print one summary line."""
    import shutil
    import time

    from coach.index import embedding
    from coach.index.builder import build_index, index_is_current, index_root, open_store
    from coach.knowledge.bank import load_knowledge
    from coach.knowledge.corpus import all_stories

    start = time.perf_counter()
    if rebuild:
        open_store().clear()  # on a Chroma server, this workspace's collections go too
        shutil.rmtree(index_root(), ignore_errors=True)
    else:
        current, count = index_is_current()
        if current:
            print(f"Index: up to date ({count} stories unchanged, checked in "
                  f"{time.perf_counter() - start:.2f} s).")  # fmt: skip
            return
    kb = load_knowledge()
    report = build_index(kb, all_stories(kb), open_store(), embedding.embed_for_index)
    for notice in report.notices:
        print(notice, file=sys.stderr)
    s = report.stories
    print(
        f"Index: {len(s.added)} added, {len(s.changed)} changed, {len(s.removed)} removed, "
        f"{s.unchanged} unchanged stories; {report.documents_embedded} texts embedded in "
        f"{time.perf_counter() - start:.1f} s."
    )
    for label, ids in (("added", s.added), ("changed", s.changed), ("removed", s.removed)):
        if ids:
            more = f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
            print(f"  {label}: {', '.join(ids[:SHOWN_IDS])}{more}")


def cmd_index(args: argparse.Namespace) -> int:
    sync_index(args.rebuild)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Parse and register notes files, then index what changed (one command after an edit)."""
    from coach.knowledge.ingest import ingest

    if any(not p.strip() for p in args.paths):
        raise CoachError("Give the path of a notes file or folder; an empty path was given.")
    reports = ingest([Path(p) for p in args.paths])
    for report in reports:
        print(report.summary())
    if any(r.parsed.entries for r in reports):
        sync_index()
    return 0 if all(r.parsed.entries for r in reports) else 2


def cmd_sources(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from coach.knowledge.corpus import uses_example_bank
    from coach.knowledge.workspace import (
        add_sources,
        list_sources,
        remove_sources,
        workspace_summary,
    )

    action = args.action or "list"
    if action != "list" and not args.paths:
        raise CoachError(f"Give at least one PATH to {action}.")
    if any(not p.strip() for p in args.paths or []):
        raise CoachError(f"Give a notes file or folder to {action}; an empty path was given.")
    if action == "list" and args.paths:
        raise CoachError("coach sources list takes no PATH.")
    lines = []
    if action == "add":
        lines = add_sources([Path(p) for p in args.paths])
    elif action == "remove":
        lines = remove_sources([Path(p) for p in args.paths])
    rows = list_sources()
    if args.json:
        payload = {"sources": [asdict(r) for r in rows], "example_bank": uses_example_bank()}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    for line in lines:
        print(line)
    if action in ("add", "remove"):
        sync_index()
    for row in rows:
        missing = "" if row.exists else "  (missing: put it back or remove it)"
        print(f"{row.kind:<8}{row.stories:>4} stories  {row.path}{missing}")
    print(workspace_summary())
    return 0


def cmd_phrase(args: argparse.Namespace) -> int:
    """Phrase every story's body now (what the app does in the background after ingest)."""
    import time

    from coach.drafting.backends.choice import choose_model, close_models, load_model
    from coach.drafting.phrasing import BackgroundPhraser
    from coach.retrieval.opening import open_retriever

    model, problem = load_model(choose_model(args.model))
    if model is None:
        raise CoachError(problem or "Phrasing needs a model; pass --model.")
    retriever = open_retriever()
    stories = [s for s in retriever.stories.values() if s.origin != "bank"] or list(
        retriever.stories.values()
    )
    mates = {s.id: retriever.project_mates(s.id) for s in stories}
    phraser = BackgroundPhraser(stories, mates, retriever.glossary(), retriever.query_embed, model)
    pending = len(phraser.pending())
    print(f"{model.name}: {pending} of {phraser.total} stories to phrase.")
    start = time.perf_counter()
    try:
        phraser.run(progress=print)
    finally:
        close_models()
    print(f"Done in {time.perf_counter() - start:.0f} s; drafts for these stories now use the "
          "phrased words.")  # fmt: skip
    return 0 if not phraser.failures else 1


def cmd_doctor(args: argparse.Namespace) -> int:
    from coach.drafting.backends.choice import close_models
    from coach.health.doctor import as_json, render, run_checks

    checks = run_checks()
    close_models()
    print(json.dumps(as_json(checks), indent=2) if args.json else render(checks))
    return 0 if all(c.ok for c in checks) else 1


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy an SQLite practice history into PostgreSQL, once, and check the counts."""
    from coach.core.database import database_url
    from coach.core.history import History, HistoryUnavailable, history_path
    from coach.core.history_pg import open_history

    if not database_url():
        raise CoachError("Set DATABASE_URL to the PostgreSQL database to copy your history into.")
    source_path = Path(args.source).expanduser() if args.source else history_path()
    if not source_path.is_file():
        raise CoachError(f"There is no SQLite history at {source_path} to copy.")
    target = open_history()
    try:
        critiques, sessions, copied = target.migrate_from(History(source_path))
        after = len(target.critiques(limit=10_000_000))
    except HistoryUnavailable as exc:
        raise CoachError(str(exc)) from exc
    if not copied:
        print(f"{source_path} was already copied ({critiques} critiques, {sessions} mock "
              "sessions); nothing done.")  # fmt: skip
        return 0
    print(f"Copied {critiques} critiques and {sessions} mock sessions from {source_path} into "
          f"PostgreSQL ({target.schema}); it now holds {after} critiques. The SQLite file is "
          "untouched.")  # fmt: skip
    return 0
