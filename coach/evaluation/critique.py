"""``coach eval`` for the critique: flag precision and recall, and whether strong answers outrank
their flawed variants, on the calibration set and the held-out set."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.core.ids import FLAG_CODES
from coach.core.results import Critique
from coach.critique.critic import Critic
from coach.evaluation.calibration import CalibrationAnswer, load_calibration

STRONG_FLOOR = 4  # a strong answer, in any voice, scores at least this


@dataclass
class FlagCounts:
    """True positives, false positives and false negatives of one flag."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class CritiqueScores:
    """Everything measured on one set."""

    flags: dict[str, FlagCounts] = field(default_factory=dict)
    outranked: list[tuple[str, str]] = field(default_factory=list)  # (variant, strong) pairs
    not_outranked: list[tuple[str, str]] = field(default_factory=list)
    junk_scores: dict[str, int] = field(default_factory=dict)
    strong_scores: dict[str, int] = field(default_factory=dict)
    results: dict[str, Critique] = field(default_factory=dict)
    above_weak: int = 0  # (strong, weak) pairs of the set where the strong answer scores higher
    weak_pairs: list[tuple[str, str]] = field(default_factory=list)  # every (strong, weak) pair
    not_above_weak: list[tuple[str, str]] = field(default_factory=list)


def evaluate_critique(critic: Critic, answers: list[CalibrationAnswer]) -> CritiqueScores:
    """Critique every answer and compare with what the reviewer expected."""
    scores = CritiqueScores(flags={code: FlagCounts() for code in FLAG_CODES})
    for item in answers:
        result = critic.critique(item.question, item.answer)
        scores.results[item.id] = result
        if item.junk:
            scores.junk_scores[item.id] = result.overall
        if not item.labelled:
            continue
        if item.strong:
            scores.strong_scores[item.id] = result.overall
        got = {flag.code for flag in result.flags}
        for code in got | item.expect:
            entry = scores.flags.setdefault(code, FlagCounts())
            if code in got and code in item.expect:
                entry.tp += 1
            elif code in got:
                entry.fp += 1
            else:
                entry.fn += 1
    strong = [a.id for a in answers if a.strong]
    weak = [a.id for a in answers if a.weak]
    for good in strong:
        for bad in weak:
            scores.weak_pairs.append((good, bad))
            if scores.results[good].points > scores.results[bad].points:
                scores.above_weak += 1
            else:
                scores.not_above_weak.append((good, bad))
    by_id = {a.id: a for a in answers}
    for item in answers:
        if item.base and item.base in scores.results and not item.junk and item.id != item.base:
            pair = (item.id, item.base)
            strong, variant = scores.results[item.base], scores.results[item.id]
            if item.strong and not by_id[item.base].strong:  # the edit made it the strong one
                pair, strong, variant = (item.base, item.id), variant, strong
            (scores.outranked if strong.points > variant.points else scores.not_outranked).append(
                pair
            )
    return scores


def micro(scores: CritiqueScores) -> tuple[float | None, float | None]:
    """Precision and recall over every flag of a set together."""
    tp = sum(c.tp for c in scores.flags.values())
    fp = sum(c.fp for c in scores.flags.values())
    fn = sum(c.fn for c in scores.flags.values())
    return (tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else None)


def _rate(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def critique_report(critic: Critic, sets: dict[str, Path]) -> str:
    """Per-flag precision and recall, ranking and calibration, for each set side by side."""
    measured = {
        name: (evaluate_critique(critic, load_calibration(path)), len(load_calibration(path)))
        for name, path in sets.items()
    }
    names = list(measured)
    header = f"{'flag':<20}" + "".join(f"{name + ' P':>14}{name + ' R':>8}" for name in names)
    lines = [
        "Critique flags (P = precision, R = recall; 'calibration' and 'dev' guided tuning; "
        "'held-out', 'test' and 'real' never did)",
        header,
    ]
    for code in FLAG_CODES:
        row = f"{code:<20}"
        for name in names:
            counts = measured[name][0].flags[code]
            row += f"{_rate(counts.precision):>14}{_rate(counts.recall):>8}"
        lines.append(row)
    row = f"{'all flags (micro)':<20}"
    for name in names:
        p, r = micro(measured[name][0])
        row += f"{_rate(p):>14}{_rate(r):>8}"
    lines += [row, ""]
    for name in names:
        s, total = measured[name]
        pairs = len(s.outranked) + len(s.not_outranked)
        lines.append(
            f"{name}: {total} answers; strong answers outrank their flawed variants in "
            f"{len(s.outranked)}/{pairs} pairs"
            + (f" (not: {', '.join(v for v, _ in s.not_outranked)})" if s.not_outranked else "")
            + "; strong answers overall "
            + ", ".join(f"{v}" for v in s.strong_scores.values())
            + (
                "; junk overall " + ", ".join(f"{v}" for v in s.junk_scores.values())
                if s.junk_scores
                else ""
            )
        )
        if s.weak_pairs:
            low = [k for k, v in s.strong_scores.items() if v < STRONG_FLOOR]
            lines.append(
                f"{'':>{len(name)}}  strong above weak in {s.above_weak}/{len(s.weak_pairs)} "
                f"pairs of the set"
                + (f" (not: {', '.join(f'{a}<={b}' for a, b in s.not_above_weak[:6])})"
                   if s.not_above_weak else "")
                + f"; strong answers below {STRONG_FLOOR}: {', '.join(low) or 'none'}"
            )  # fmt: skip
    return "\n".join(lines)
