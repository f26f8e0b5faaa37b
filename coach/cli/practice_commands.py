"""Loop preparation on the command line: ``coach plan`` and ``coach workshop``."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from coach.core.errors import CoachError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``plan`` and ``workshop`` subcommands."""
    plan = sub.add_parser("plan", help="plan your stories over a whole interview loop")
    plan.add_argument("--loop", help="a known loop (default amazon-5); --loops lists them")
    plan.add_argument("--principles", action="append", metavar="P,P",
                      help="one interview's principle ids; repeat per interview")  # fmt: skip
    plan.add_argument("--loops", action="store_true", help="list the known loops and stop")
    plan.add_argument("--json", action="store_true", help="print the contract's JSON")
    plan.add_argument("--cheat-sheet", metavar="FILE",
                      help="also write a printable cheat sheet (.md or .html)")  # fmt: skip
    plan.set_defaults(func=cmd_plan)

    workshop = sub.add_parser("workshop", help="grow a thin story with your answers to questions")
    workshop.add_argument("story_id", metavar="STORY_ID")
    workshop.add_argument(
        "--answers", metavar="FILE", help="answers, one per line, in question order (- for stdin)"
    )
    workshop.add_argument("--minutes", type=float, help="answer length to aim for (default 2)")
    workshop.add_argument("--json", action="store_true", help="print the result as JSON")
    workshop.set_defaults(func=cmd_workshop)


def cmd_plan(args: argparse.Namespace) -> int:
    from coach.practice.plan import build_plan, known_loops, loop_from
    from coach.retrieval.opening import open_retriever

    if args.loops:
        for name, loop in sorted(known_loops().items()):
            print(f"{name}: {loop.description}")
            for n, interview in enumerate(loop.interviews, 1):
                print(f"  interview {n}: {', '.join(interview)}")
        return 0
    if args.loop and args.principles:
        raise CoachError("Give either --loop NAME or --principles groups, not both.")
    sheet = Path(args.cheat_sheet) if args.cheat_sheet else None
    if sheet is not None and sheet.suffix.lower() not in (".md", ".html", ".htm"):
        raise CoachError("The cheat sheet file must end in .md or .html.")
    loop = loop_from(args.loop, args.principles)
    import importlib
    import threading

    # the matcher's import overlaps with opening the index (about half a second saved)
    threading.Thread(target=importlib.import_module, args=("scipy.optimize",), daemon=True).start()
    retriever = open_retriever()
    for notice in retriever.report.notices:
        print(notice, file=sys.stderr)
    plan = build_plan(retriever, loop)
    if sheet is not None:
        _write_sheet(sheet, plan, retriever)
    if args.json:
        print(json.dumps(plan.as_json(), indent=2, ensure_ascii=False))
    else:
        print(render_plan(plan, retriever))
        if sheet is not None:
            print(f"\nCheat sheet written to {sheet}.")
    return 0


def _write_sheet(path: Path, plan, retriever) -> None:
    from coach.practice.cheat_sheet import cheat_sheet_html, cheat_sheet_markdown

    names = {p.id: p.name for p in retriever.kb.principles}
    render = cheat_sheet_markdown if path.suffix.lower() == ".md" else cheat_sheet_html
    try:
        path.write_text(render(plan, retriever.stories, names), encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"Cannot write {path}: {exc.strerror}.") from exc


def render_plan(plan, retriever) -> str:
    """The plan as text: per interview, each principle's story and backup, then the checks."""
    names = {p.id: p.name for p in retriever.kb.principles}
    title = {sid: s.title for sid, s in retriever.stories.items()}
    lines = [f"Loop {plan.loop}: {len(plan.interviews)} interview(s), "
             f"{len(retriever.stories)} stories considered."]  # fmt: skip
    for interview in plan.interviews:
        lines.append(f"\nInterview {interview.n}")
        for a in interview.assignments:
            mark = "" if a.strength == "strong" else f"  [{a.strength}]"
            lines.append(f"  {names[a.principle]}{mark}")
            lines.append(f"    story:  {title.get(a.story_id, 'none yet')}"
                         + (f" ({a.story_id})" if a.story_id else ""))  # fmt: skip
            if a.backup_id:
                lines.append(f"    backup: {title[a.backup_id]} ({a.backup_id})")
    if plan.gaps:
        lines.append("\nGaps (grow a story with coach workshop, or add one to your notes):")
        lines += [f"  {g['name']}: {g['why']}" for g in plan.gaps]
    if plan.overused:
        lines.append("\nStories you lean on (the best fit for several principles):")
        lines += [f"  {o['story_id']}: {', '.join(names[p] for p in o['principles'])}"
                  for o in plan.overused]  # fmt: skip
    if plan.conflicts:
        lines.append("\nThe same project told differently (make the figures agree):")
        for c in plan.conflicts:
            lines.append(f"  {c['stories'][0]} / {c['stories'][1]}: {c['what']}")
    if plan.sensitive:
        lines.append("\nMay be confidential (your call; nothing was removed):")
        lines += [f'  {s["story_id"]}: {s["kind"]} "{s["text"]}"' for s in plan.sensitive]
    return "\n".join(lines)


def _answers(name: str | None) -> list[str] | None:
    if name is None:
        return None
    if name == "-":
        return sys.stdin.read().splitlines()
    try:
        return Path(name).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CoachError(f"Cannot read the answers file {name}.") from exc


def _check_workshop_story(story_id: str) -> None:
    """Refuse at once, from the notes alone: no notes of one's own yet, or no such story."""
    from coach.knowledge.bank import load_knowledge
    from coach.knowledge.corpus import all_stories, uses_example_bank

    if uses_example_bank():
        raise CoachError("The workshop grows your own stories; add your notes first "
                         "(coach sources add FILE), then pick one of them.")  # fmt: skip
    ids = [s.id for s in all_stories(load_knowledge())]
    if story_id not in ids:
        close = difflib.get_close_matches(story_id, ids, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else " See coach stories."
        raise CoachError(f"No story with the id '{story_id}'.{hint}")


def cmd_workshop(args: argparse.Namespace) -> int:
    from coach.cli.setup_commands import sync_index
    from coach.core.settings import load_settings
    from coach.practice.workshop import Workshop
    from coach.retrieval.opening import open_retriever

    settings = load_settings()
    minutes = settings.minutes if args.minutes is None else args.minutes
    if not 0 < minutes <= 10:
        raise CoachError("--minutes must be more than 0 and at most 10.")
    _check_workshop_story(args.story_id)  # refusals come before the index is opened
    retriever = open_retriever()
    story = retriever.stories.get(args.story_id)
    if story is None:
        close = difflib.get_close_matches(args.story_id, list(retriever.stories), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else " See coach stories --all."
        raise CoachError(f"No story with the id '{args.story_id}'.{hint}")
    workshop = Workshop(story, minutes, settings.words_per_minute, labeller_for(retriever, story))
    scripted = _answers(args.answers)
    talk = not args.json
    if talk:
        print(
            f"{story.title}\nNow: {_profile_line(workshop.before)}\n"
            "Answer in your own words; press Enter to skip a question, type 'done' to finish."
        )
    while (prompt := workshop.current()) is not None:
        if talk:
            print(f"\n{prompt.text}\n  (why: {prompt.why})")
        if scripted is not None:
            if not scripted:
                break
            reply = scripted.pop(0)
        else:
            try:
                reply = input("> ")
            except EOFError:
                break
        if reply.strip().lower() == "done":
            break
        workshop.answer(reply)
    saved = workshop.save() if workshop.answered() else None
    if saved is not None:
        sync_index() if talk else _quiet(sync_index)
    if args.json:
        print(json.dumps(workshop.as_json(saved), indent=2, ensure_ascii=False))
    elif saved is None:
        print("\nNothing answered; the story is unchanged.")
    else:
        before, after = _profile_line(workshop.before), _profile_line(workshop.after())
        print(f"\nBefore: {before}\nAfter:  {after}\nSaved to {saved} (your notes file is "
              "unchanged; this version replaces the entry in every answer).")  # fmt: skip
    return 0


def labeller_for(retriever, story):
    """The critique's STAR labeller as the workshop wants it, only when the story needs it."""
    if story.labelled:
        return None
    from coach.critique.critic import Critic

    labeller = Critic(retriever).labeller
    return lambda text: [(x.text, x.label) for x in labeller.label(text)]


def _quiet(step) -> None:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        step()


def _profile_line(p) -> str:
    figures = ", ".join(p.figures) or "no figures"
    parts = "/".join(x[0].upper() for x in p.parts) or "no parts"
    return f"{p.words} words (~{p.seconds} s spoken), parts {parts}, {figures}"
