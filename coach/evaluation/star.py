"""STAR labelling on any prose: accuracy of the sentence labeller on the labelled sentence set
(``knowledge/star_sentences.yaml``), each domain in turn labelled by the other domains' examples
only (leave one domain out), so a profession the labeller never saw is measured honestly."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coach.critique.star_labeller import StarLabeller
from coach.knowledge.bank import load_star_sentences

Embed = Callable[[list[str]], np.ndarray]


def leave_one_domain_out(embed: Embed) -> dict[str, tuple[int, int]]:
    """(right, total) per held-out domain."""
    rows = load_star_sentences()
    if not rows:
        return {}
    vectors = embed([text for _, _, text in rows])
    domains = np.array([domain for domain, _, _ in rows])
    out: dict[str, tuple[int, int]] = {}
    for domain in dict.fromkeys(domains.tolist()):
        held = np.where(domains == domain)[0]
        train = np.where(domains != domain)[0]
        labeller = StarLabeller(
            [rows[i][1] for i in train], [rows[i][0] for i in train], vectors[train], embed
        )
        labelled = labeller.label_sentences([rows[i][2] for i in held], vectors[held])
        right = sum(item.label == rows[i][1] for item, i in zip(labelled, held, strict=True))
        out[domain] = (right, len(held))
    return out


def star_report(embed: Embed) -> str:
    """Per-domain and overall sentence accuracy, leaving each domain out."""
    scores = leave_one_domain_out(embed)
    if not scores:
        return "No labelled STAR sentences (knowledge/star_sentences.yaml)."
    right = sum(r for r, _ in scores.values())
    total = sum(t for _, t in scores.values())
    worst = sorted(scores.items(), key=lambda kv: kv[1][0] / kv[1][1])[:3]
    lines = [
        "STAR sentence labelling, leaving one domain out (labelled sentence set, "
        f"{len(scores)} domains, {total} sentences): accuracy {right / total:.2f}",
        "  hardest domains: "
        + ", ".join(f"{d} {r / t:.2f} ({t})" for d, (r, t) in worst),
    ]
    return "\n".join(lines)
