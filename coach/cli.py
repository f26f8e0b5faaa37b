"""The ``coach`` command line. Each subcommand is a thin layer over a ``coach`` module.

Exit codes (CONTRACT.md): 0 success, 2 bad input or usage (one sentence, no traceback), 1 internal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from coach.errors import CoachError


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one plain sentence and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{message[0].upper()}{message[1:]}. Run 'coach --help' for usage.", file=sys.stderr)
        raise SystemExit(2)


def _cmd_stories(args: argparse.Namespace) -> int:
    from coach.story_list import list_stories

    rows = list_stories(include_notes=args.all)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        thin = "  (thin)" if row["thin"] else ""
        principles = ", ".join(row["principles"]) or "no principle"
        print(f"{row['id']}\n    {row['title']}\n    {principles}{thin}")
    bank = sum(row["origin"] == "bank" for row in rows)
    print(
        f"\n{bank} stories in the bank" + (f", {len(rows) - bank} from notes." if args.all else ".")
    )
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from coach.ingest import ingest

    reports = ingest([Path(p) for p in args.paths])
    for report in reports:
        print(report.summary())
    return 0 if all(r.parsed.entries for r in reports) else 2


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (subcommands register themselves here)."""
    parser = _Parser(prog="coach", description="An offline behavioral-interview coach.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    stories = sub.add_parser("stories", help="list the stories the coach knows")
    stories.add_argument(
        "--all", action="store_true", help="include entries parsed from your notes"
    )
    stories.add_argument("--json", action="store_true", help="print JSON")
    stories.set_defaults(func=_cmd_stories)

    ingest = sub.add_parser("ingest", help="parse and register your own notes files or folders")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.set_defaults(func=_cmd_ingest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coach`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CoachError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the user; the traceback only on request
        if os.environ.get("COACH_DEBUG"):
            raise
        print(f"Unexpected internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
