"""Draft benchmark: prints figures, asserts nothing.

Run: .venv/bin/python bench/draft.py [N] [--speed-only]

1. Per packaged model, over the first N dev questions (default: all 50) at 2 minutes:
   share of model-written sentences that pass the grounding check, and the four per-question
   targets (all STAR parts present, no figure absent from the story, first person, length within
   25% of the budget), plus median draft time.
2. With the default model: time to the first streamed sentence and whole-draft time (medians),
   and the pipeline's time against raw llama-cpp-python generating the same number of tokens.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time

os.environ.setdefault("COACH_HOME", tempfile.mkdtemp(prefix="coach-bench-"))

from coach.ask import DraftOptions, ask
from coach.evaluation import EVAL_SETS
from coach.knowledge import load_dev_questions
from coach.llm import DEFAULT_MODEL, PACKAGED, choose_model, load_model
from coach.sentences import numbers
from coach.service import open_retriever

SECOND_PERSON = re.compile(r"(?<![-\w])(you|your)\b|\bthe candidate\b", re.IGNORECASE)


def compare_models(retriever, questions) -> None:
    print(f"{'model':<14}{'model sentences':>16}{'passed':>8}{'STAR':>7}{'figures':>9}"
          f"{'1st person':>11}{'len±25%':>9}{'median s':>10}")  # fmt: skip
    for name in PACKAGED:
        model, problem = load_model(choose_model(name))
        if problem:
            print(f"{name}: {problem}")
            continue
        written = passed = star = figures = first = length = 0
        seconds = []
        for q in questions:
            draft = ask(retriever, q.text, 3, DraftOptions(model=model)).draft
            if draft is None:
                continue
            story = retriever.stories[draft.story_id]
            model_sentences = sum(s.source == "model" for s in draft.sentences)
            written += model_sentences + len(draft.unsupported)
            passed += model_sentences
            star += all(draft.sections[p] for p in ("situation", "task", "action", "result"))
            figures += numbers(draft.text) <= numbers(story.title + " " + story.text())
            first += not SECOND_PERSON.search(draft.text)
            length += abs(draft.words - draft.budget_words) <= 0.25 * draft.budget_words
            seconds.append(draft.seconds)
        n = len(seconds)
        print(f"{name:<14}{written:>16}{passed / max(written, 1):>8.0%}{star:>4}/{n:<2}"
              f"{figures:>6}/{n:<2}{first:>8}/{n:<2}{length:>6}/{n:<2}"
              f"{statistics.median(seconds):>10.1f}")  # fmt: skip


def speed(retriever, questions) -> None:
    model, _ = load_model(choose_model(DEFAULT_MODEL))
    first_times, totals, vs_short, vs_replay = [], [], [], []
    for q in questions:
        seen: list[float] = []
        model.record = []
        tokens_before = model.tokens_generated
        options = DraftOptions(
            model=model, emit=lambda _s, seen=seen: seen.append(time.perf_counter())
        )
        start = time.perf_counter()
        draft = ask(retriever, q.text, 3, options).draft
        if draft is None or not seen:
            continue
        first_times.append(seen[0] - start)
        totals.append(time.perf_counter() - start)
        tokens = model.tokens_generated - tokens_before
        vs_short.append(draft.seconds / short_prompt_seconds(model, tokens) - 1)
        vs_replay.append(draft.seconds / replay_seconds(model, model.record) - 1)
    model.record = None
    print(f"default model {model.name}, {len(totals)} questions, 2-minute budget:")
    print(f"  time to first streamed sentence: median {statistics.median(first_times):.2f} s")
    print(f"  whole draft (retrieval + drafting): median {statistics.median(totals):.2f} s, "
          f"max {max(totals):.2f} s")  # fmt: skip
    print(f"  pipeline over raw llama-cpp-python replaying the same prompts and tokens: median "
          f"{statistics.median(vs_replay):+.0%}")  # fmt: skip
    print(
        f"  pipeline over raw generation of the same token count from a 5-token prompt: "
        f"median {statistics.median(vs_short):+.0%} (the difference is reading the notes)"
    )


def replay_seconds(model, calls) -> float:
    """Raw llama-cpp-python, no streaming wrapper and no checks: the same prompts, in order."""
    start = time.perf_counter()
    for prompt, stop, max_tokens in calls:
        model.llm.create_completion(
            prompt, max_tokens=max_tokens, temperature=0.0, repeat_penalty=1.15, stop=stop
        )
    return time.perf_counter() - start


def short_prompt_seconds(model, tokens: int) -> float:
    """Raw llama-cpp-python: a 5-token prompt, exactly ``tokens`` tokens (end-of-text masked)."""
    import numpy as np

    eos = model.llm.token_eos()

    def no_eos(_ids, logits):
        logits[eos] = -np.inf
        return logits

    start = time.perf_counter()
    model.llm.create_completion(
        "Here is a long story about a software project:", max_tokens=tokens, temperature=0.0,
        logits_processor=[no_eos],
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--speed-only"]
    count = int(args[0]) if args else 50
    retriever = open_retriever(include_notes=False)
    questions = load_dev_questions(EVAL_SETS["dev"])[:count]
    if "--speed-only" not in sys.argv:
        compare_models(retriever, questions)
    speed(retriever, questions[: min(count, 15)])


if __name__ == "__main__":
    main()
