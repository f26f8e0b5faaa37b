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

from coach.cli import account_commands, practice_commands, setup_commands, speech_commands
from coach.core.errors import CoachError

BATCH_WARM_ENCODER = 15  # batches longer than this load sentence-transformers first


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one plain sentence and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{message[0].upper()}{message[1:]}. Run 'coach --help' for usage.", file=sys.stderr)
        raise SystemExit(2)


def _cmd_stories(args: argparse.Namespace) -> int:
    from coach.knowledge.corpus import list_stories

    rows = list_stories(include_notes=args.all)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        print(render_story_row(row))
    bank = sum(row["origin"] == "bank" for row in rows)
    notes = sum(row["origin"] == "notes" for row in rows)
    print(f"\n{len(rows)} stories: {notes} from notes, {bank} from the example bank, "
          f"{len(rows) - notes - bank} from story files.")  # fmt: skip
    from coach.knowledge.bank import load_knowledge
    from coach.knowledge.story_list import cutting_decisions, unplaced

    principles = load_knowledge().principles
    for path, decisions in cutting_decisions(principles):
        print(f"\nHow {path.name} was cut into stories:")
        print("\n".join(f"  {decision}" for decision in decisions))
    left = unplaced(principles)
    if left:
        print(f"\nCould not place {len(left)} item(s) of your notes:")
        for path, line, why, text in left:
            print(f"  {path.name}:{line}: {why}: {text!r}")
    return 0


def render_story_row(row: dict) -> str:
    """A story as ``coach stories`` prints it: title, where it is, and what was inferred."""
    why = ": " + "; ".join(row["missing"]) if row["missing"] else ""
    thin = f"  (thin{why})" if row["thin"] else ""
    principles = ", ".join(row["principles"]) or "no principle"
    lines = [row["id"], f"    {row['title']}", f"    {principles}{thin}"]
    if row["spans"]:
        where = ", ".join(Path(s.rpartition(":")[0]).name + ":" + s.rpartition(":")[2]
                          for s in row["spans"])  # fmt: skip
        sections = "/".join(x[0].upper() for x in row["sections"]) or "unlabelled"
        lines.append(f"    lines {where}; sections {sections}")
    lines += [f"    - {note}" for note in row["inferred"]]
    if row.get("project_mates"):
        lines.append(f"    - also in your notes about {row['project']}: "
                     + "; ".join(row["project_mates"]))  # fmt: skip
    if row["people"]:
        lines.append("    - names " + ", ".join(row["people"]))
    return "\n".join(lines)


def to_json_line(obj: object) -> str:
    """Compact JSON for one line of JSON Lines output."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _print_notices(notices: list[str]) -> None:
    for notice in notices:
        print(notice, file=sys.stderr)


def _drafting(args: argparse.Namespace, stream: bool, wanted: bool = True):
    """Draft options from the command line: model (loaded once), minutes, streaming.

    --minutes is checked even when no draft is ``wanted`` (then None, and no model loads).
    """
    from coach.core.settings import load_settings
    from coach.drafting.ask import DraftOptions
    from coach.drafting.backends.choice import choose_model, load_model

    settings = load_settings()
    minutes = settings.minutes if args.minutes is None else args.minutes
    if not 0 < minutes <= 10:
        raise CoachError("--minutes must be more than 0 and at most 10.")
    if not wanted:
        return None
    model, problem = load_model(choose_model(args.model))
    if problem:
        print(problem, file=sys.stderr)
    if model is not None:
        model.prepare()  # the model's process starts while the stories are searched
    options = DraftOptions(model=model, minutes=minutes, words_per_minute=settings.words_per_minute,
                           time_limit=settings.llm_timeout)  # fmt: skip
    if stream:
        options.emit = lambda sentence: print(sentence.text, end=" ", flush=True)
    return options


def _cmd_ask(args: argparse.Namespace) -> int:
    from coach.cli.render_ask import render, render_draft_footer
    from coach.drafting.ask import ask, ask_batch
    from coach.retrieval.opening import open_retriever

    if args.batch is None and args.question is None:
        raise CoachError("Give a question, or --batch FILE with one question per line.")
    if args.batch is not None and args.question is not None:
        raise CoachError("Give either a question or --batch FILE, not both.")
    if args.k < 1:
        raise CoachError("-k must be at least 1.")
    lines = _read_lines(args.batch) if args.batch is not None else None
    stream = lines is None and not args.json
    drafting = _drafting(args, stream, wanted=not args.retrieve_only)
    retriever = open_retriever()
    _print_notices(retriever.report.notices)
    if lines is not None:
        failed = False
        for obj in ask_batch(retriever, lines, args.k, drafting):
            failed = failed or "error" in obj
            print(to_json_line(obj), flush=True)
        return 2 if failed else 0
    shown: list[bool] = []
    if drafting is not None and stream:

        def show(found) -> None:
            shown.append(True)
            print(render(found) + ("" if found.no_fit else "\n\nDraft:"), flush=True)

        drafting.on_retrieved = show
    result = ask(retriever, args.question, args.k, drafting)
    if args.json:
        for warning in result.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
        print(result.model_dump_json(indent=2))
    elif not shown:
        print(render(result))
    elif result.draft is not None:
        print("\n" + render_draft_footer(result))
    return 0


def _read_answer(args: argparse.Namespace) -> str:
    """The answer from --answer or --answer-file (a path, or - for standard input)."""
    if args.answer is not None and args.answer_file is not None:
        raise CoachError("Give either --answer or --answer-file, not both.")
    if args.answer is not None:
        return args.answer
    if args.answer_file is None:
        raise CoachError("Give --answer TEXT, --answer-file FILE (or - for stdin), or --batch.")
    return "\n".join(_read_lines(args.answer_file))


def _cmd_critique(args: argparse.Namespace) -> int:
    from coach.cli.render_critique import critique_batch, render_critique
    from coach.critique.critic import Critic, CritiqueOptions
    from coach.retrieval.opening import open_retriever

    if args.batch is not None and (args.answer is not None or args.answer_file is not None):
        raise CoachError("Give either an answer or --batch FILE, not both.")
    given = [x for x in (args.answer, args.answer_file, args.batch, args.audio) if x is not None]
    if args.audio is not None and len(given) > 1:
        raise CoachError("Give either --audio FILE or a typed answer, not both.")
    transcript = None
    if args.audio is not None:
        from coach.cli.speech_commands import transcribe_file

        transcript = transcribe_file(args.audio)  # a bad recording is refused before any index
    lines = _read_lines(args.batch) if args.batch is not None else None
    answer = transcript.text if transcript else (_read_answer(args) if lines is None else "")
    if lines is None and not answer.strip():
        raise CoachError("The answer is empty; type or paste the answer you would give.")
    options = CritiqueOptions()
    phrase_note = args.model is not None and args.model != "none"
    if args.rewrite or phrase_note:
        drafting = _drafting(args, stream=False)
        options.rewrite = drafting if args.rewrite else None
        options.note_model = drafting.model if phrase_note else None
    if lines is not None and len(lines) > BATCH_WARM_ENCODER:
        from coach.index import embedding

        # many answers: the faster encoder pays for its load time
        embedding.index_embedder().encode(["warm up"])
    retriever = open_retriever()
    _print_notices(retriever.report.notices)
    critic = Critic(retriever)
    if lines is not None:
        failed = False
        for obj in critique_batch(critic, lines, options):
            failed = failed or "error" in obj
            print(to_json_line(obj), flush=True)
        return 2 if failed else 0
    from coach.cli.speech_commands import render_delivery
    from coach.critique.spoken import critique_transcript

    if transcript is not None:
        result = critique_transcript(critic, args.question, transcript, options=options)
    else:
        result = critic.critique(args.question, answer, options)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    spoken = "\n" + render_delivery(result) if transcript is not None else ""
    print(result.model_dump_json(indent=2) if args.json else render_critique(result) + spoken)
    return 0


def _read_lines(name: str) -> list[str]:
    """Lines of a batch file ('-' for standard input), as one clear sentence when unreadable."""
    if name == "-":
        return sys.stdin.read().splitlines()
    try:
        return Path(name).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise CoachError(f"{name} does not exist.") from exc
    except UnicodeDecodeError as exc:
        raise CoachError(f"{name} is not UTF-8 text.") from exc
    except OSError as exc:
        raise CoachError(f"Cannot read {name}: {exc.strerror}.") from exc


def _eval_sets(folder: str | None):
    """The sets named by --sets, else tests/data of the checkout the coach runs from."""
    from coach.core.paths import REPO_ROOT
    from coach.evaluation.sets import sets_in

    if folder is not None:
        return sets_in(Path(folder))
    default = REPO_ROOT / "tests" / "data"
    if not default.is_dir():
        raise CoachError("No evaluation sets here; pass --sets DIR (a folder of set files).")
    return sets_in(default)


def _cmd_eval(args: argparse.Namespace) -> int:
    from coach.evaluation.retrieval import principle_report, retrieval_report
    from coach.index import embedding
    from coach.retrieval.opening import open_retriever

    sets = _eval_sets(args.sets)
    # hundreds of texts: the faster encoder pays for its load time
    embedding.index_embedder().encode(["warm up"])
    retriever = open_retriever(include_notes=False)  # the example bank, whatever the workspace
    _print_notices(retriever.report.notices)
    if args.only in (None, "retrieval") and sets.retrieval:
        print(retrieval_report(retriever, sets.retrieval))
    if args.only in (None, "retrieval") and sets.principle:
        print()
        print(principle_report(retriever, sets.principle))
    notes_sets = sets.folder / "notes_eval"
    if args.only in (None, "notes") and notes_sets.is_dir():
        from coach.core.paths import REPO_ROOT
        from coach.evaluation.notes import notes_report

        print()
        print(notes_report(notes_sets, REPO_ROOT, verbose=args.misses))
    if args.only in (None, "critique") and sets.critique:
        from coach.critique.critic import Critic
        from coach.evaluation.critique import critique_report

        if args.only is None:
            print()
        print(critique_report(Critic(retriever, own_stories=True), sets.critique))
        from coach.evaluation.star import star_report

        print()
        print(star_report(retriever.query_embed))
    return 0


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
    ingest.set_defaults(func=setup_commands.cmd_ingest)

    ask = sub.add_parser("ask", help="find the principle and your best stories for a question")
    ask.add_argument("question", nargs="?", help="the interview question")
    ask.add_argument("--batch", metavar="FILE", help="one question per line; JSON Lines out")
    ask.add_argument("--json", action="store_true", help="print the contract's JSON")
    ask.add_argument("--retrieve-only", action="store_true", help="skip drafting (draft is null)")
    ask.add_argument("-k", type=int, default=3, help="number of stories (default 3)")
    ask.add_argument("--minutes", type=float, help="spoken length of the draft (default 2)")
    ask.add_argument(
        "--model",
        help="GGUF path, gemma3-270m, smollm2, qwen2.5-coder-1.5b, none, or a model name on "
        "llm_url",
    )
    ask.set_defaults(func=_cmd_ask)

    critique = sub.add_parser("critique", help="score a typed answer against the rubric")
    critique.add_argument("--question", help="the interview question (optional)")
    critique.add_argument("--answer", help="the answer text")
    critique.add_argument("--answer-file", metavar="FILE", help="read the answer from FILE or -")
    critique.add_argument("--batch", metavar="FILE", help='JSON Lines {"question", "answer"} in')
    critique.add_argument(
        "--audio", metavar="FILE", help="a spoken answer (WAV, MP3, M4A, OGG or WebM)"
    )
    critique.add_argument("--json", action="store_true", help="print the contract's JSON")
    critique.add_argument(
        "--rewrite",
        action="store_true",
        help="add a stronger version drafted from your matched story",
    )
    critique.add_argument(
        "--model",
        help="GGUF path, smollm2, gemma3-270m, or none (phrases the coach note and the rewrite)",
    )
    critique.add_argument("--minutes", type=float, help="length of the rewrite (default 2)")
    critique.set_defaults(func=_cmd_critique)

    phrase = sub.add_parser(
        "phrase", help="phrase every story's spoken version now with a slow model (cached)"
    )
    phrase.add_argument("--model", help="the model (default: the one drafts use)")
    phrase.set_defaults(func=setup_commands.cmd_phrase)

    index = sub.add_parser("index", help="bring the search index up to date with your stories")
    index.add_argument("--rebuild", action="store_true", help="discard the index and build anew")
    index.set_defaults(func=setup_commands.cmd_index)

    evaluate = sub.add_parser("eval", help="measure retrieval and critique on held-out sets")
    evaluate.add_argument("--only", choices=("retrieval", "notes", "critique"), help="run one part")
    evaluate.add_argument("--sets", metavar="DIR", help="folder of set files (default tests/data)")
    evaluate.add_argument(
        "--misses", action="store_true", help="list each question whose top story was wrong"
    )
    evaluate.set_defaults(func=_cmd_eval)

    sources = sub.add_parser("sources", help="list, add or remove your notes and story folders")
    sources.add_argument("action", nargs="?", choices=("list", "add", "remove"))
    sources.add_argument("paths", nargs="*", metavar="PATH")
    sources.add_argument("--json", action="store_true", help="print JSON")
    sources.set_defaults(func=setup_commands.cmd_sources)

    doctor = sub.add_parser("doctor", help="check the install, model, index, data and sources")
    doctor.add_argument("--json", action="store_true", help="print JSON")
    doctor.set_defaults(func=setup_commands.cmd_doctor)
    migrate = sub.add_parser(
        "migrate", help="copy your SQLite practice history into the PostgreSQL in DATABASE_URL"
    )
    migrate.add_argument("--from", dest="source", metavar="FILE",
                         help="the SQLite history to copy (default: the one in your data "
                         "directory)")  # fmt: skip
    migrate.set_defaults(func=setup_commands.cmd_migrate)
    practice_commands.register(sub)
    speech_commands.register(sub)
    account_commands.register(sub)
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
    except BrokenPipeError:  # the reader stopped early (coach stories | head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # one line for the user; the traceback only on request
        if os.environ.get("COACH_DEBUG"):
            raise
        print(f"Unexpected internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
