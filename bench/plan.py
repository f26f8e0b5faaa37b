"""Loop plan and workshop benchmark: prints figures, asserts nothing.

Run: .venv/bin/python bench/plan.py [--model gemma3-270m|smollm2|none]

- plan: a five-interview loop over the sixteen principles on the hand-written bank, in process
  (first plan, then the median of later ones) and as a cold `coach plan --json` command;
- workshop: each scripted session of tests/data/workshop_scripts.yaml (a thin notes entry and
  what its candidate answers) is run through the workshop in a fresh data folder, then the
  session's question is asked with a draft: words before and after, the draft's words against the
  two-minute budget, and whether every figure of the draft and every sentence the draft adds to
  the notes comes from the candidate's answers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
COACH = str(Path(sys.executable).with_name("coach"))
RUNS = 5


def bench_plan() -> None:
    from coach.practice.plan import build_plan, loop_from
    from coach.retrieval.opening import open_retriever

    with tempfile.TemporaryDirectory() as home:
        os.environ["COACH_HOME"] = home
        retriever = open_retriever(include_notes=False)
        loop = loop_from("amazon-5", None)
        start = time.perf_counter()
        plan = build_plan(retriever, loop)
        first = time.perf_counter() - start
        later = []
        for _ in range(RUNS):
            start = time.perf_counter()
            build_plan(retriever, loop)
            later.append(time.perf_counter() - start)
        cold = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([COACH, "plan", "--json"], env={**os.environ}, check=True,
                           capture_output=True)  # fmt: skip
            cold.append(time.perf_counter() - start)
    used = plan.story_ids()
    print(f"plan, amazon-5 on the bank ({len(retriever.stories)} stories): first in process "
          f"{first:.2f} s, then median {statistics.median(later):.3f} s; cold `coach plan --json` "
          f"median {statistics.median(cold):.2f} s (min {min(cold):.2f}, max {max(cold):.2f}) "
          f"over {RUNS} runs")  # fmt: skip
    print(f"  stories used {len(used)} (distinct {len(set(used))}), gaps {len(plan.gaps)}, "
          f"overused {len(plan.overused)}, figure conflicts {len(plan.conflicts)}, "
          f"details to decide on {len(plan.sensitive)}")  # fmt: skip


def bench_workshop(model_name: str) -> None:
    from coach.drafting.ask import DraftOptions, ask
    from coach.drafting.backends.choice import choose_model, load_model
    from coach.knowledge.sources import register
    from coach.practice.workshop import Workshop
    from coach.retrieval.opening import open_retriever
    from coach.text.sentences import numbers, split_sentences

    sessions = yaml.safe_load((REPO / "tests/data/workshop_scripts.yaml").read_text())["sessions"]
    model, problem = load_model(choose_model(model_name))
    if problem:
        print(problem)
    label = "none" if model is None else model_name
    budget = 280
    within = traced = 0
    for session in sessions:
        with tempfile.TemporaryDirectory() as home:
            os.environ["COACH_HOME"] = home
            notes = Path(home) / "notes.md"
            notes.write_text(session["notes"], encoding="utf-8")
            register(notes)
            retriever = open_retriever()
            thin = next(iter(retriever.stories.values()))
            workshop = Workshop(thin)
            while (prompt := workshop.current()) is not None:
                workshop.answer(session["answers"][prompt.key])
            workshop.save()
            retriever = open_retriever()
            result = ask(retriever, session["question"], 3,
                         DraftOptions(model=model, minutes=2.0))  # fmt: skip
            draft = result.draft
            answers = " ".join(session["answers"].values())
            source = thin.text() + " " + answers
            if draft is None:
                why = result.no_fit.message if result.no_fit else "; ".join(result.warnings)
                print(f"  {session['name']}: no draft ({why})")
                continue
            added = [s for s in split_sentences(draft.text) if numbers(s) - numbers(thin.text())]
            ok = numbers(draft.text) <= numbers(source) and all(
                numbers(s) - numbers(thin.text()) <= numbers(answers) for s in added
            )
            if not ok:
                print("    figures not traced:", numbers(draft.text) - numbers(source))
            near = abs(draft.words - budget) <= 0.25 * budget
            within += near
            traced += ok
            origin = "the grown story" if draft.story_id == thin.id else draft.story_id
            print(f"  {session['name']}: notes {workshop.before.words} words -> "
                  f"{workshop.after().words}; draft {draft.words} words "
                  f"({draft.words / budget:.0%} of {budget}), from {origin}; "
                  f"figures traced to notes or answers: {ok}; "
                  f"model sentences removed {len(draft.removed)}")  # fmt: skip
    print(f"workshop with model {label}: {within}/{len(sessions)} drafts within 25 % of the "
          f"two-minute budget; {traced}/{len(sessions)} with every figure traced")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="none")
    parser.add_argument("--skip-plan", action="store_true")
    args = parser.parse_args()
    if not args.skip_plan:
        bench_plan()
    bench_workshop(args.model)


if __name__ == "__main__":
    main()
