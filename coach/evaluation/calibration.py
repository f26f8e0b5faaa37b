"""The critique calibration set: strong answers, variants with one known defect, and junk.

Variants are written as edits of their strong answer so the defect is exactly what changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.safe_yaml import load_yaml


@dataclass(frozen=True)
class CalibrationAnswer:
    """One answer of the set and what a careful reviewer expects of it."""

    id: str
    question: str
    answer: str
    expect: frozenset[str] = field(default_factory=frozenset)
    strong: bool = False
    junk: bool = False
    base: str | None = None
    labelled: bool = True  # False for junk whose flags are not counted
    weak: bool = False  # an answer a careful interviewer rates poorly


def _apply_edits(text: str, edits: list[dict[str, str]], owner: str) -> str:
    for edit in edits:
        old, new = edit["replace"], edit.get("with", "")
        if old not in text:
            raise CoachError(f"Calibration answer '{owner}': cannot find text to replace: {old!r}.")
        text = text.replace(old, new, 1)
    return text


def _with_texts(data: dict, path: Path) -> list[dict]:
    """Label files of outside answers name a ``source`` (JSON with id, question, answer) instead
    of holding the text; the answers are read from there, never copied into the repository."""
    raw = data["answers"]
    if "source" not in data:
        return raw
    source = (path.parent.parent.parent / data["source"]).resolve()
    if not source.exists():
        raise CoachError(f"{path.name} labels answers in {source}, which is not here.")
    texts = {a["id"]: a for a in json.loads(source.read_text(encoding="utf-8"))["answers"]}
    out = []
    for item in raw:
        if item["id"] not in texts:
            raise CoachError(f"{path.name}: no answer '{item['id']}' in {source.name}.")
        text = texts[item["id"]]
        out.append({**item, "question": text["question"], "answer": text["answer"]})
    return out


def load_calibration(path: Path) -> list[CalibrationAnswer]:
    """Every answer of the set, variants expanded from their strong answer."""
    raw = _with_texts(load_yaml(path.read_text(encoding="utf-8")), path)
    by_id = {item["id"]: item for item in raw}
    out = []
    for item in raw:
        base = by_id.get(item.get("base", ""))
        answer = item.get("answer")
        if answer is None:
            if base is None:
                raise CoachError(f"Calibration answer '{item['id']}' has no answer and no base.")
            answer = _apply_edits(base["answer"], item.get("edits", []), item["id"])
        out.append(
            CalibrationAnswer(
                id=item["id"],
                question=item.get("question") or (base or {}).get("question", ""),
                answer="\n".join(" ".join(line.split()) for line in answer.splitlines()).strip(),
                expect=frozenset(item.get("expect", [])),
                strong=bool(item.get("strong")),
                junk=bool(item.get("junk")),
                base=item.get("base"),
                labelled=not item.get("junk") or "expect" in item,
                weak=bool(item.get("weak") or item.get("junk")),
            )
        )
    return out
