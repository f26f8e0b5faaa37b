"""Cue phrases of each STAR part ("my job was", "as a result", "I learned"), and a deterministic
split of unlabelled prose into STAR sections from those cues and the usual order of a story.
"""

from __future__ import annotations

import re

import numpy as np

from coach.core.ids import SECTION_NAMES
from coach.text.sentences import split_sentences

CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"^(at (my|our|the) (previous|last|old)?|when I (was|joined)|while I was|a few years ago|"
        r"last year|in \d{4}|there was|there were|our team|we were|we had|I was (working|the|a|an|"
        r"on|at|leading)|(early|late) in my|(on|in) (my|our|the) ([\w-]+ ){0,3}(team|project|"
        r"group|org)|(back )?in my (first|last|previous|old))\b",
        re.IGNORECASE,
    ),
    "task": re.compile(
        r"\b((my|our) (task|job|goal|role|responsibility|challenge|mission|part|aim) (was|is)|"
        r"(I|we) (had|needed|was asked|were asked|was expected|decided)( as a team)? to|"
        r"the (goal|task|challenge|problem) was|I was responsible "
        r"for|it was up to me|it fell to me|took it upon myself|set (myself|ourselves) the goal|"
        r"made it my (goal|job|mission))\b",
        re.IGNORECASE,
    ),
    "action": re.compile(
        r"^(so |then |first,? |next,? |finally,? |after that,? )?I (\w+ed|built|wrote|led|made|ran|"
        r"took|spoke|set|chose|broke|drew|got|gave|sat|met|put|brought|began|found|went|sent|"
        r"held|kept|told|taught|did)\b",
        re.IGNORECASE,
    ),
    "result": re.compile(
        r"\b(as a result|the result|in the end|ultimately|eventually|this (led|saved|cut|meant|"
        r"reduced|increased|improved)|we (shipped|delivered|launched|met|hit|reached|made it)|"
        r"went from|rose|dropped|increased|reduced|improved|\d+\s?%)",
        re.IGNORECASE,
    ),
    "lesson": re.compile(
        r"\b(I (learned|learnt) (that|to|how|the importance|a lot|from|the hard way|never)|"
        r"what I (learned|learnt|took)|lesson|taught me|in hindsight|looking back|next time|"
        r"since then|I now|from then on|what I took away|I would (do|have)|if I did it again)\b",
        re.IGNORECASE,
    ),
}


def has_cue(part: str, sentence: str) -> bool:
    """Whether the sentence uses a phrase typical of this STAR part ("as a result", "my job")."""
    pattern = CUES.get(part)
    return bool(pattern and pattern.search(sentence))


def cue_sections(text: str, min_sentences: int = 3) -> dict[str, str] | None:
    """Split prose into STAR sections, keeping the sentences in order; None when it is too short.

    Each sentence scores each section by its cues (weight 2) and by where it sits in the text
    (weight 1); the best labelling that never goes backwards (situation before task before
    action...) wins, found by dynamic programming.
    """
    sentences = split_sentences(text)
    if len(sentences) < min_sentences:
        return None
    n, k = len(sentences), len(SECTION_NAMES)
    scores = np.zeros((n, k))
    for i, sentence in enumerate(sentences):
        cued = [j for j, name in enumerate(SECTION_NAMES) if CUES[name].search(sentence)]
        for j in cued:
            scores[i, j] += 2.0
        scores[i, min(k - 1, int(i / n * (k - 1) + 0.5))] += 1.0
    best = np.full((n, k), -np.inf)
    back = np.zeros((n, k), dtype=np.int64)
    best[0] = scores[0]
    for i in range(1, n):
        for j in range(k):
            previous = int(np.argmax(best[i - 1, : j + 1]))
            best[i, j] = best[i - 1, previous] + scores[i, j]
            back[i, j] = previous
    labels = [int(np.argmax(best[-1]))]
    for i in range(n - 1, 0, -1):
        labels.append(int(back[i, labels[-1]]))
    labels.reverse()
    out: dict[str, list[str]] = {name: [] for name in SECTION_NAMES}
    for sentence, label in zip(sentences, labels, strict=True):
        out[SECTION_NAMES[label]].append(sentence)
    return {name: " ".join(parts) for name, parts in out.items()}
