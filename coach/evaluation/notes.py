"""Retrieval on raw notes: each notes file alone is the whole workspace, as for a new user.

Set files (in ``notes_eval/`` of the sets folder) name notes files and, for each question, the
line ranges where the answering story sits; a retrieved story is right when its line ranges
overlap one of them, and it is not a merge of several stories: a story that also holds the
answers to two or more other questions of the same file, with other targets, counts as a miss
(the granularity rule: a notes file read as one big story "contains" every answer and helps
nobody). The seed notes are asked the bank's own dev/test questions, through
``seed_anchors.yaml`` (where each bank story sits in the seed notes). A set entry may give
``stories``, the count a careful reader makes by hand, reported beside the coach's count.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.safe_yaml import load_yaml
from coach.core.schema import KnowledgeBase, Story
from coach.index import embedding
from coach.index.builder import build_index
from coach.index.store import VectorStore
from coach.knowledge.bank import load_dev_questions, load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.parser import parse_notes
from coach.knowledge.projects import with_projects
from coach.retrieval.retriever import Retriever

Span = tuple[str, int, int]  # file key ("" = any file of the case), first line, last line


@dataclass
class NotesQuestion:
    """A question and where its answer sits in the notes."""

    text: str
    anchors: list[Span]


@dataclass
class NotesCase:
    """Notes files searched together, and the questions asked of them."""

    name: str
    files: list[Path]
    questions: list[NotesQuestion] = field(default_factory=list)
    hand_count: int | None = None  # stories counted by hand, when the set gives it


@dataclass
class CaseScore:
    name: str
    n: int
    top1: int
    top3: int
    stories: int
    hand_count: int | None = None
    misses: list[str] = field(default_factory=list)  # questions whose top story was wrong


def _yaml(path: Path) -> dict:
    return load_yaml(path.read_text(encoding="utf-8")) or {}


def _span(text: str) -> Span:
    key, _, lines = str(text).rpartition(":")
    first, _, last = lines.partition("-")
    return key, int(first), int(last or first)


def _resolve(path: str, repo: Path) -> Path:
    return (repo / path).resolve()


def load_cases(folder: Path, repo: Path) -> dict[str, list[NotesCase]]:
    """Every notes set in ``folder`` (dev and test of each kind), missing files skipped."""
    sets: dict[str, list[NotesCase]] = {}
    numbered = {p.stem.rsplit("_", 1)[0] for p in folder.glob("fresh*_*.yaml")}
    fresh = sorted(numbered, key=lambda k: int(k[5:] or 1))  # fresh, fresh2, ..., fresh10
    kinds = ("seednotes", "external", "own", "formats", *fresh)
    for kind in kinds:
        for split in ("dev", "test"):
            path = folder / f"{kind}_{split}.yaml"
            if not path.exists():
                continue
            cases = [case for e in _yaml(path).get("files", []) if (case := _case(e, repo))]
            if cases:
                sets[f"{kind}-{split}"] = cases
    seeds = _seed_cases(folder, repo)
    return {**seeds, **sets}


def _case(entry: dict, repo: Path) -> NotesCase | None:
    """One entry of a set file: its notes file (or files) and questions; None when a file is
    missing. Lines are "FIRST-LAST" or, across several files, "FILE:FIRST-LAST"."""
    names = entry["notes"] if isinstance(entry["notes"], list) else [entry["notes"]]
    files = [_resolve(name, repo) for name in names]
    if not all(file.exists() for file in files):
        return None
    questions = [
        NotesQuestion(q["text"], [_span(x if ":" in str(x) else f":{x}") for x in q["lines"]])
        for q in entry.get("questions", [])
    ]
    return NotesCase(entry.get("name", files[0].name), files, questions, entry.get("stories"))


def _seed_cases(folder: Path, repo: Path) -> dict[str, list[NotesCase]]:
    anchors_file = folder / "seed_anchors.yaml"
    seeds = repo.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not anchors_file.exists() or not files:
        return {}
    anchors = {k: [_span(x) for x in v] for k, v in _yaml(anchors_file)["anchors"].items()}
    out = {}
    for split, name in (("dev", "dev_questions.yaml"), ("test", "test_questions.yaml")):
        path = folder.parent / name
        if path.exists():
            questions = [
                NotesQuestion(q.text, [a for sid in q.stories for a in anchors.get(sid, [])])
                for q in load_dev_questions(path)
            ]
            out[f"seed-{split}"] = [NotesCase("seed notes (both files)", files, questions)]
    return out


def _spans(story: Story) -> list[Span]:
    return [_span(s) for s in story.spans]


def _hit(story: Story, anchors: list[Span]) -> bool:
    for path, first, last in _spans(story):
        name = Path(path).name
        for key, a_first, a_last in anchors:
            if (not key or name.startswith(key)) and first <= a_last and a_first <= last:
                return True
    return False


def _overlaps(first: list[Span], second: list[Span]) -> bool:
    return any(
        (not ka or not kb or ka == kb) and f1 <= l2 and f2 <= l1
        for ka, f1, l1 in first
        for kb, f2, l2 in second
    )


def is_right(story: Story, question: NotesQuestion, case: NotesCase) -> bool:
    """The story answers the question and is that story, not a merge: it does not also hold
    the answers to two or more other questions of the case that target other stories."""
    if not _hit(story, question.anchors):
        return False
    others = [
        q
        for q in case.questions
        if q is not question and not _overlaps(q.anchors, question.anchors)
    ]
    return sum(_hit(story, q.anchors) for q in others) < 2


def case_stories(case: NotesCase, kb: KnowledgeBase) -> list[Story]:
    """The stories a new user with only these notes files would have."""
    stories = [
        story
        for file in case.files
        for story in parse_notes(read_notes(file), file, kb.principles).entries
    ]
    return with_projects(stories, kb)


def score_case(
    case: NotesCase, kb: KnowledgeBase, store: VectorStore, embed: Callable, query: Callable
) -> CaseScore:
    """Right story in the top 1 and top 3 for each question of the case."""
    stories = case_stories(case, kb)
    build_index(kb, stories, store, embed)
    retriever = Retriever(kb, stories, store, query)
    score = CaseScore(case.name, len(case.questions), 0, 0, len(stories), case.hand_count)
    for question in case.questions:
        found = [m.story for m in retriever.search(question.text, k=3).matches]
        first = bool(found) and is_right(found[0], question, case)
        score.top1 += first
        score.top3 += any(is_right(s, question, case) for s in found[:3])
        if not first:
            score.misses.append(question.text)
    return score


def notes_report(folder: Path, repo: Path, verbose: bool = False) -> str:
    """A table: each notes set (and each file of it), stories made against the hand count,
    story@1 and story@3 under the granularity rule. ``verbose`` lists each top-1 miss."""
    cases = load_cases(folder, repo)
    if not cases:
        return f"No notes evaluation sets in {folder}."
    kb = load_knowledge()
    embed = lambda texts: embedding.index_embedder().encode(texts)  # noqa: E731
    query = lambda texts: embedding.query_embedder().encode(texts)  # noqa: E731
    lines = [
        "Retrieval on raw notes, each file alone as the workspace ('dev' guided tuning, 'test'"
        " never did)",
        f"{'set':<16}{'notes':<44}{'stories':>8}{'hand':>6}{'n':>4}{'story@1':>9}{'story@3':>9}",
    ]
    with tempfile.TemporaryDirectory(prefix="coach-notes-eval-") as tmp:
        store = VectorStore(Path(tmp), embedding.MODEL_NAME)
        for name, set_cases in cases.items():
            n = t1 = t3 = 0
            for case in set_cases:
                s = score_case(case, kb, store, embed, query)
                n, t1, t3 = n + s.n, t1 + s.top1, t3 + s.top3
                hand = "" if s.hand_count is None else str(s.hand_count)
                lines.append(
                    f"{name:<16}{s.name[:42]:<44}{s.stories:>8}{hand:>6}{s.n:>4}"
                    f"{s.top1 / (s.n or 1):>9.2f}{s.top3 / (s.n or 1):>9.2f}"
                )
                if verbose:
                    lines += [f"{'':<16}  miss: {text}" for text in s.misses]
            if len(set_cases) > 1:
                lines.append(
                    f"{name:<16}{'(all files)':<44}{'':>8}{'':>6}{n:>4}{t1 / n:>9.2f}{t3 / n:>9.2f}"
                )
    return "\n".join(lines)
