"""Drafts from raw notes as a new user has them: are they something a candidate can say?

Run: .venv/bin/python bench/draft_notes.py [dev|test] [--models none,gemma3-270m,...] [-v]

For every notes set of the split (the seed notes, the four real candidates' notes, our own
fixture files; each file alone as the workspace, as for a new user), every question of the set
is asked with a 2-minute budget and the draft judged by coach/evaluation/drafts.py: clean
drafts (every sentence speakable, first person, no figure or name the notes do not hold, not
"do not rehearse", at least 60 % of what budget or notes allow), speakable sentences, drafts
with an invented figure or name, model sentences shown with a changed meaning, repeats, median
seconds. Prints figures; asserts nothing. 'dev' shaped the rules; 'test' never did.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scratch import scratch_dir

os.environ.setdefault("COACH_HOME", scratch_dir("coach-bench-notes-"))

from coach.core.paths import REPO_ROOT
from coach.drafting.ask import DraftOptions, ask
from coach.drafting.backends.choice import choose_model, load_model
from coach.drafting.framing import without_repeats
from coach.drafting.grounding import GroundingChecker
from coach.drafting.phrasing import BackgroundPhraser, in_background
from coach.drafting.speaking import prepare
from coach.evaluation.drafts import DraftTally, judge_draft
from coach.evaluation.notes import case_stories, load_cases
from coach.index import embedding
from coach.index.builder import build_index
from coach.index.store import VectorStore
from coach.knowledge.bank import load_knowledge
from coach.retrieval.retriever import Retriever
from coach.text.meaning import meaning_changes

SHOW_FAILED = False
NEXT_STORY: dict[tuple[str, str], int] = {}  # drafts told from the next story (best: fragments)
_FIXED = {"dev": ("seed-dev",), "test": ("seednotes-test",)}  # the seed sets come first


def sets_of(split: str, names: list[str]) -> list[str]:
    """Every notes set of one split (``dev`` or ``test``), the seed set first."""
    return [*_FIXED[split], *sorted(n for n in names if n.endswith(f"-{split}") and
                                    n not in _FIXED[split] and not n.startswith("seed-"))]


def run(split: str, model_names: list[str], verbose: bool) -> None:
    kb = load_knowledge()
    encoder = embedding.index_embedder()
    embed = encoder.encode
    cases = load_cases(REPO_ROOT / "tests" / "data" / "notes_eval", REPO_ROOT)
    models = {}
    for name in model_names:
        if name == "none":
            models[name] = None
            continue
        model, problem = load_model(choose_model(name))
        if problem:
            print(f"{name}: {problem}")
            continue
        models[name] = model
    chosen = sets_of(split, list(cases))
    tallies = {(name, set_name): DraftTally() for name in models for set_name in chosen}
    phrasing = dict.fromkeys(models, 0.0)
    phrased = dict.fromkeys(models, 0)
    with tempfile.TemporaryDirectory(prefix="coach-bench-drafts-") as tmp:
        store = VectorStore(Path(tmp), embedding.MODEL_NAME)
        for set_name in chosen:
            for case in cases.get(set_name, []):
                stories = case_stories(case, kb)
                build_index(kb, stories, store, embed)
                retriever = Retriever(kb, stories, store, embed)
                for name, model in models.items():
                    if in_background(model):  # phrase every story first, as the app does
                        started = time.perf_counter()
                        own = list(retriever.stories.values())
                        BackgroundPhraser(
                            own, {s.id: retriever.project_mates(s.id) for s in own},
                            retriever.glossary(), embed, model,
                        ).run()  # fmt: skip
                        phrasing[name] += time.perf_counter() - started
                        phrased[name] += len(own)
                for question in case.questions:
                    for name, model in models.items():
                        if _one(retriever, question.text, name, model, tallies[(name, set_name)]):
                            NEXT_STORY[(name, set_name)] = NEXT_STORY.get((name, set_name), 0) + 1
    print(f"{'model':<14}{'set':<16}{'drafts':>7}{'clean':>7}{'speakable':>11}{'invented':>9}"
          f"{'meaning':>8}{'repeats':>8}{'median s':>9}{'next story':>11}")  # fmt: skip
    for (name, set_name), t in tallies.items():
        if not t.drafts:
            continue
        print(f"{name:<14}{set_name:<16}{t.drafts:>7}{t.clean / t.drafts:>7.0%}"
              f"{t.speakable / max(t.sentences, 1):>11.0%}{t.invented:>9}{t.negations:>8}"
              f"{t.repeats:>8}{statistics.median(t.seconds):>9.2f}"
              f"{NEXT_STORY.get((name, set_name), 0):>11}")  # fmt: skip
        if verbose:
            for failure in t.failures:
                print(f"      {failure}")
    for name, seconds in phrasing.items():
        if phrased[name]:
            print(f"{name}: phrased {phrased[name]} stories in the background in {seconds:.0f} s "
                  f"({seconds / phrased[name]:.1f} s a story)")  # fmt: skip
    for name in models:
        group = [t for (n, _), t in tallies.items() if n == name]
        drafts = sum(t.drafts for t in group)
        sentences = max(sum(t.sentences for t in group), 1)
        if drafts:
            print(f"{name:<14}{'(all)':<16}{drafts:>7}{sum(t.clean for t in group) / drafts:>7.0%}"
                  f"{sum(t.speakable for t in group) / sentences:>11.0%}"
                  f"{sum(t.invented for t in group):>9}{sum(t.negations for t in group):>8}"
                  f"{sum(t.repeats for t in group):>8}")  # fmt: skip


def _one(retriever: Retriever, question: str, name: str, model, tally: DraftTally) -> bool:
    """Judge one draft; whether it tells the next story because the best is fragments only."""
    result = ask(retriever, question, 3, DraftOptions(model=model, minutes=2))
    draft = result.draft
    if draft is None:
        return False
    story = retriever.stories[draft.story_id]
    mates = [retriever.stories[m.id] for m in draft.combined]
    notes = " ".join([story.title, story.text(), *(f"{m.title} {m.text()}" for m in mates)])
    projected = [m.value for s in [story, *mates] for m in s.metrics if not m.measured]
    held = len(f"{story.title} {story.text()}".split())  # what the entry itself holds
    verdict = judge_draft(draft, f"{notes} {question}", held, projected)
    material = prepare(
        story, question, retriever.glossary(), draft.budget_words, retriever.query_embed, mates
    )  # what the draft may say: the check below holds model sentences against the same notes
    checker = GroundingChecker(story, question, retriever.query_embed, material.extra())
    negations = sum(
        bool(meaning_changes(checker.check(s.text).closest, s.text))
        for s in draft.sentences
        if s.source == "model"
    )
    repeats = len(draft.sentences) - len(without_repeats(draft.sentences))
    tally.add(draft, verdict, negations, repeats)
    if SHOW_FAILED and not verdict.clean and name == "none":
        print(
            f"--- {question}\n    problems: {verdict.problems}\n    notes: {story.title} | "
            f"{story.text()[:600]}\n    draft: {draft.text}\n    to expand: {draft.notes}"
        )
    return any(n.startswith("Your closest entry") for n in draft.notes)


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = "none,gemma3-270m"
    if "--models" in args:
        chosen = args[args.index("--models") + 1]
    split = "test" if "test" in args else "dev"
    SHOW_FAILED = "-vv" in args
    run(split, chosen.split(","), "-v" in args)
