"""The workspace and setup subcommands: ``coach sources`` and ``coach doctor``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coach.core.errors import CoachError


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
    for row in rows:
        missing = "" if row.exists else "  (missing: put it back or remove it)"
        print(f"{row.kind:<8}{row.stories:>4} stories  {row.path}{missing}")
    print(workspace_summary())
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from coach.drafting.backends.choice import close_models
    from coach.health.doctor import as_json, render, run_checks

    checks = run_checks()
    close_models()
    print(json.dumps(as_json(checks), indent=2) if args.json else render(checks))
    return 0 if all(c.ok for c in checks) else 1
