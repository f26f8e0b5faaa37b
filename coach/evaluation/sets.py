"""The evaluation sets of ``coach eval``: files in a folder the caller names, found by file name.

The runtime never looks for them on its own: the command line passes the folder (``--sets``), and
tests and benchmarks pass their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.core.errors import CoachError

RETRIEVAL_FILES = {"dev": "dev_questions.yaml", "test": "test_questions.yaml"}
PRINCIPLE_FILES = {
    "principle-dev": "principle_eval/principle_dev.yaml",
    "principle-test": "principle_eval/principle_test.yaml",
}
CRITIQUE_FILES = {
    "calibration": "critique_calibration.yaml",
    "held-out": "critique_holdout.yaml",
    "dev": "critique_dev.yaml",
    "test": "critique_test.yaml",
    "real": "critique_real_labels.yaml",
    "voices-dev": "critique_voices_dev.yaml",
    "voices-test": "critique_voices_test.yaml",
    "fresh": "critique_fresh.yaml",
    "fresh-2": "critique_fresh2.yaml",
    "fresh-3": "critique_fresh3.yaml",
    "fresh-4": "critique_fresh4.yaml",
    "fresh-5": "critique_fresh5.yaml",
    "fresh-6": "critique_fresh6.yaml",
    "fresh-7": "critique_fresh7.yaml",
    "fresh-8": "critique_fresh8.yaml",
    "fresh-9": "critique_fresh9.yaml",
    "fresh-10": "critique_fresh10.yaml",
    "fresh-11": "critique_fresh11.yaml",
    "fresh-12": "critique_fresh12.yaml",
    "fresh-13": "critique_fresh13.yaml",
    "fresh-14": "critique_fresh14.yaml",
    "fresh-15": "critique_fresh15.yaml",
    "fresh-16": "critique_fresh16.yaml",
}


@dataclass
class EvalSets:
    """Named set files: retrieval question sets and critique answer sets."""

    retrieval: dict[str, Path] = field(default_factory=dict)
    critique: dict[str, Path] = field(default_factory=dict)
    folder: Path = Path(".")
    principle: dict[str, Path] = field(default_factory=dict)


def sets_in(folder: Path) -> EvalSets:
    """The known set files present in ``folder``; one sentence when there are none."""
    if not folder.is_dir():
        raise CoachError(f"{folder} is not a folder of evaluation sets.")
    found = EvalSets(
        {n: folder / f for n, f in RETRIEVAL_FILES.items() if (folder / f).exists()},
        {n: folder / f for n, f in CRITIQUE_FILES.items() if (folder / f).exists()},
        folder,
        {n: folder / f for n, f in PRINCIPLE_FILES.items() if (folder / f).exists()},
    )
    if not found.retrieval and not found.critique:
        names = ", ".join([*RETRIEVAL_FILES.values(), *CRITIQUE_FILES.values()])
        raise CoachError(f"{folder} holds none of the evaluation sets ({names}).")
    return found
