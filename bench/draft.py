"""Draft benchmark: prints figures, asserts nothing.

Run: .venv/bin/python bench/draft.py [N] [--speed-only | --cold-only] [--baseline GIT_REF]

1. Per packaged model, over the first N dev questions (default: all 50) at 2 minutes:
   share of model-written sentences that pass the grounding check, and the four per-question
   targets (all STAR parts present, no figure absent from the story, first person, length within
   25% of the budget), plus median draft time.
2. With the default model, warm: time to the first checked sentence and to the whole draft, for
   the coach's own path (the model in its supervised process, over HTTP) and for llama-cpp-python
   in-process, on the same questions and token counts; their ratio; and raw generation replaying
   the same prompts both ways.
3. Cold whole commands: `coach ask Q --json` with a draft, and with --baseline REF the same command
   from an earlier commit (for example the last one with the model in-process).
4. (`--safety`, also part of a full run) Per packaged model over the dev questions: model sentences
   removed for a change of meaning and for other reasons; then, checked independently of the
   draft's own checks, sentences shown that change the meaning of their closest notes sentence,
   near-duplicate pairs shown, figures shown that the story does not hold; and for questions that
   ask for a failure, setback, conflict or criticism, drafts whose story does not tell it and
   drafts from a story the question's labels do not list.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from pathlib import Path

from scratch import scratch_dir

os.environ.setdefault("COACH_HOME", scratch_dir("coach-bench-"))

from coach.drafting.ask import DraftOptions, ask
from coach.drafting.backends.choice import DEFAULT_MODEL, PACKAGED, choose_model, load_model
from coach.evaluation.sets import sets_in
from coach.knowledge.bank import load_dev_questions
from coach.retrieval.opening import open_retriever
from coach.text.sentences import numbers

SETS = sets_in(Path(__file__).resolve().parents[1] / "tests" / "data")

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


MEANING = ("negation", "direction", "from ...", "who acted", "claims for you", "projection",
           "measured result")  # fmt: skip
from coach.text.asks import STORY_KINDS as KIND_ASKS  # noqa: E402


def safety(retriever, questions) -> None:
    from coach.drafting.framing import without_repeats
    from coach.drafting.grounding import GroundingChecker
    from coach.text.asks import ASKS, relevance
    from coach.text.meaning import meaning_changes

    print(f"{'model':<14}{'drafts':>7}{'removed: meaning':>17}{'other':>7}{'shown changed':>14}"
          f"{'dupes':>7}{'invented':>9}{'kind asked':>11}{'kind wrong':>11}{'not labelled':>13}")
    for name in PACKAGED:
        model, problem = load_model(choose_model(name))
        if problem:
            print(f"{name}: {problem}")
            continue
        drafts = meaning = other = changed = dupes = invented = asked = wrong = unlabelled = 0
        for q in questions:
            result = ask(retriever, q.text, 3, DraftOptions(model=model))
            kinds = [a for a in relevance(q.text, "").asked if a in KIND_ASKS]
            draft = result.draft
            if kinds:
                asked += 1
            if draft is None:
                continue
            drafts += 1
            story = retriever.stories[draft.story_id]
            for removed in draft.removed:
                if any(word in removed.reason for word in MEANING):
                    meaning += 1
                else:
                    other += 1
            checker = GroundingChecker(story, q.text, retriever.query_embed)
            for sentence in draft.sentences:
                if sentence.source == "model":
                    closest = checker.check(sentence.text).closest
                    changed += bool(meaning_changes(closest, sentence.text))
            dupes += len(draft.sentences) - len(without_repeats(draft.sentences))
            invented += bool(checker.claims.invented(draft.text))
            if kinds:
                told = f"{story.title} {story.text()} {' '.join(story.questions)}"
                asks = [a for a in ASKS if a.name in kinds]
                wrong += not any(a.answer.search(told) for a in asks)
                unlabelled += story.id not in q.stories
        print(f"{name:<14}{drafts:>7}{meaning:>17}{other:>7}{changed:>14}{dupes:>7}"
              f"{invented:>9}{asked:>11}{wrong:>11}{unlabelled:>13}")  # fmt: skip


FIRST_WORDS: list[float] = []  # seconds from the stories on screen to the draft's first words


def _timed_ask(retriever, question: str, model) -> tuple[float, float, object]:
    """Seconds to the first checked sentence (not the fact-free opening line) and to the whole
    draft, and the draft; the time from the stories to the first words shown is kept aside."""
    seen: list[float] = []
    shown: list[float] = []
    found: list[float] = []

    def emit(sentence) -> None:
        shown.append(time.perf_counter())
        if sentence.source != "template":
            seen.append(time.perf_counter())

    options = DraftOptions(model=model, emit=emit,
                           on_retrieved=lambda _: found.append(time.perf_counter()))  # fmt: skip
    start = time.perf_counter()
    draft = ask(retriever, question, 3, options).draft
    total = time.perf_counter() - start
    if shown and found:
        FIRST_WORDS.append(shown[0] - found[0])
    return (seen[0] - start if seen else float("nan")), total, draft


def speed(retriever, questions, runs: int = 3) -> None:
    """Out-of-process (the coach's own path) against in-process llama-cpp-python, warm, same
    questions, same prompts, same token counts (greedy decoding makes them identical)."""
    from coach.drafting.backends.inprocess import InProcessModel

    choice = choose_model(DEFAULT_MODEL)
    worker, _ = load_model(choice)
    worker.prepare()
    inproc = InProcessModel(choice.path)
    for model in (worker, inproc):  # both pay their first-generation costs before timing
        "".join(model.stream("Continue.", "The team met and", max_tokens=4))
    first = {"out": [], "in": []}
    whole = {"out": [], "in": []}
    ratios, replay_ratios = [], []
    # Blocks, not interleaved: llama.cpp's threads spin for a while after generating, and an
    # in-process model spinning in this process would slow the next out-of-process draft.
    for _ in range(runs):
        per_question = {}
        for label, model in (("out", worker), ("in", inproc)):
            for q in questions:
                before = model.tokens_generated
                first_s, total, draft = _timed_ask(retriever, q.text, model)
                if draft is None:
                    continue
                first[label].append(first_s)
                whole[label].append(total)
                per_question.setdefault(q.text, {})[label] = (model.tokens_generated - before,
                                                              total)  # fmt: skip
        for pair in per_question.values():
            if len(pair) == 2 and pair["out"][0] == pair["in"][0]:
                ratios.append(pair["out"][1] / pair["in"][1])
    for q in questions:
        worker.record = []
        _timed_ask(retriever, q.text, worker)
        calls, worker.record = worker.record, None
        time.sleep(1)  # let the other side's threads stop spinning first
        out_seconds = replay_http(worker, calls)
        time.sleep(1)
        replay_ratios.append(out_seconds / replay_inprocess(inproc, calls))
    med = statistics.median
    print(f"default model {worker.name}, {len(questions)} questions x {runs} runs, "
          "2-minute budget, warm:")  # fmt: skip
    for label, name in (("out", "own process (the coach)"), ("in", "in-process (baseline)")):
        print(f"  {name:<24} first checked sentence median {med(first[label]):.2f} s "
              f"(max {max(first[label]):.2f}); whole draft median {med(whole[label]):.2f} s")
    print(f"  first words on screen after the stories (the coach's opening): median "
          f"{med(FIRST_WORDS):.3f} s, max {max(FIRST_WORDS):.3f} s (target <= 0.5 s)")
    print(f"  whole pipeline, out-of-process / in-process, same tokens: median ratio "
          f"{med(ratios) if ratios else float('nan'):.3f} over {len(ratios)} pairs with equal "
          "token counts (target <= 1.10)")
    print(f"  raw generation replaying the same prompts, HTTP stream / in-process: median ratio "
          f"{med(replay_ratios):.3f}")


def replay_http(model, calls) -> float:
    """The worker's server, no checks: the same prompts, in order, streamed over HTTP."""
    import httpx

    start = time.perf_counter()
    for prompt, stop, max_tokens in calls:
        body = {"prompt": prompt, "stop": stop, "max_tokens": max_tokens, "temperature": 0.0,
                "repeat_penalty": 1.15, "stream": True}  # fmt: skip
        with httpx.stream("POST", model.client.base_url + "/completions", json=body,
                          timeout=60, trust_env=False) as response:  # fmt: skip
            for _line in response.iter_lines():
                pass
    return time.perf_counter() - start


def replay_inprocess(model, calls) -> float:
    """llama-cpp-python in this process, no checks: the same prompts, in order, streamed."""
    start = time.perf_counter()
    for prompt, stop, max_tokens in calls:
        for _chunk in model.llm.create_completion(
            prompt, max_tokens=max_tokens, temperature=0.0, repeat_penalty=1.15, stop=stop,
            stream=True,
        ):  # fmt: skip
            pass
    return time.perf_counter() - start


def cold(baseline_ref: str | None, runs: int = 3) -> None:
    """Whole `coach ask QUESTION --json` commands (index built, model not running), against the
    same command from an earlier commit (its code on PYTHONPATH, same packages)."""
    import subprocess

    question = "Tell me about a time you disagreed with your manager"
    command = [sys.executable, "-m", "coach.cli", "ask", question, "--json"]
    subprocess.run(command, capture_output=True, check=True)  # builds the index once
    tree = None
    if baseline_ref:
        tree = scratch_dir("coach-baseline-")
        subprocess.run(["git", "worktree", "add", "--detach", tree, baseline_ref],
                       capture_output=True, check=True)  # fmt: skip
    try:
        rows = {"now": [], "baseline": []}
        for _ in range(runs):
            for label in ("now", "baseline") if tree else ("now",):
                env = dict(os.environ)
                if label == "baseline":
                    env["PYTHONPATH"] = tree
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=True, env=env)
                rows[label].append(time.perf_counter() - start)
        now = statistics.median(rows["now"])
        print(f"cold `coach ask --json` with a draft: median {now:.2f} s over {runs} runs")
        if tree:
            base = statistics.median(rows["baseline"])
            print(f"  baseline {baseline_ref} (model in-process): median {base:.2f} s; "
                  f"difference {now - base:+.2f} s (target <= +1.5 s)")
    finally:
        if tree:
            subprocess.run(["git", "worktree", "remove", "--force", tree], capture_output=True)


def main() -> None:
    args = sys.argv[1:]
    baseline = args[args.index("--baseline") + 1] if "--baseline" in args else None
    numbers_given = [a for a in args if a.isdigit()]
    count = int(numbers_given[0]) if numbers_given else 50
    retriever = open_retriever(include_notes=False)
    questions = load_dev_questions(SETS.retrieval["dev"])[:count]
    if "--safety" in args:
        safety(retriever, questions)
        return
    if "--speed-only" not in args and "--cold-only" not in args:
        compare_models(retriever, questions)
        safety(retriever, questions)
    if "--cold-only" not in args:
        speed(retriever, questions[: min(count, 8)])
    cold(baseline)


if __name__ == "__main__":
    main()
