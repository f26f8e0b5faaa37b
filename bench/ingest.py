"""Ingest benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/ingest.py [N]

Writes N synthetic stories (default 1,000) as ten notes files in four formats (labelled STAR under
principle headings, one-letter SPSIL, Q/A pairs, prose under question headings), then measures
whole commands in a fresh data directory:
- `coach ingest` of the ten files (parse, register, embed, store: ingest indexes what changed);
- after one story of one file is edited: `coach ingest` of that file (median of several edits),
  and how many texts were embedded again;
- a no-op `coach index` after that.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scratch import scratch_dir

COACH = str(Path(sys.executable).with_name("coach"))
FILES = 10
EDITS = 5

PRINCIPLES = [
    "Customer Obsession", "Ownership", "Invent and Simplify", "Are Right, A Lot",
    "Learn and Be Curious", "Hire and Develop the Best", "Insist on the Highest Standards",
    "Think Big", "Bias for Action", "Frugality", "Earn Trust", "Dive Deep",
    "Have Backbone; Disagree and Commit", "Deliver Results",
]  # fmt: skip
PLACES = ["the billing team", "a regional warehouse", "the night shift", "our mobile app",
          "a school district", "the payments service", "a hospital ward", "the sales desk",
          "a call centre", "the data platform", "a construction site", "the finance office"]
THINGS = ["release checklist", "onboarding guide", "shipping dashboard", "nightly import",
          "returns process", "staffing rota", "test rig", "invoice queue", "parent newsletter",
          "inventory count", "deployment script", "patient handover", "pricing sheet"]
VERBS = ["rebuilt", "simplified", "measured", "automated", "documented", "split", "audited",
         "redesigned", "replaced", "trimmed"]
PEOPLE = ["two nurses", "the support lead", "three drivers", "a new analyst", "the QA group",
          "our vendor", "the head teacher", "a product manager", "the on-call engineers"]
SITUATION = [
    "At {place} the {thing} kept failing, and nobody owned it.",
    "When I joined {place}, the {thing} took most of every Monday.",
    "In my second year at {place} we found the {thing} was out of date by {n} weeks.",
    "Our {thing} broke during the busiest month, and {people} were stuck waiting.",
    "{people} complained that the {thing} made them repeat the same work.",
]
TASK = [
    "I was responsible for the {thing}, so fixing it fell to me.",
    "My goal was to make the {thing} reliable before the next audit.",
    "I set myself the aim of halving the time the {thing} took, with no new budget.",
    "It was not my job, but I decided to take the {thing} on.",
]
ACTION = [
    "I {verb} the {thing} one step at a time and checked each change with {people}.",
    "First I timed every step for a week; then I {verb} the slowest two.",
    "I wrote a short guide, ran a pilot with {people} and kept a log of what broke.",
    "I asked {people} what annoyed them most and started with the smallest fix.",
    "I {verb} the {thing}, added a check at the end and reviewed it with my lead.",
]
RESULT = [
    "As a result errors fell by {n}%.",
    "The wait dropped from {n} to {m} minutes.",
    "We saved about {n} hours a week, and the team kept the new way.",
    "Complaints about the {thing} stopped within a month.",
    "We finished {m} days early and the next audit found nothing.",
]
LESSON = [
    "I learned to ask the people closest to a problem before changing anything.",
    "Next time I would measure first and argue later.",
    "It taught me that small fixes shipped early beat a perfect plan.",
]


def _story(rng: random.Random, i: int) -> dict[str, str]:
    fill = {
        "place": rng.choice(PLACES), "thing": rng.choice(THINGS), "verb": rng.choice(VERBS),
        "people": rng.choice(PEOPLE), "n": rng.randint(5, 60), "m": rng.randint(1, 4),
    }  # fmt: skip

    def pick(pool: list[str], k: int) -> str:
        text = " ".join(rng.sample(pool, k)).format(**fill)
        return text[0].upper() + text[1:]

    return {
        "title": f"Story {i}: {fill['verb']} the {fill['thing']} at {fill['place']}",
        "situation": pick(SITUATION, 2),
        "task": pick(TASK, 1),
        "action": pick(ACTION, 3),
        "result": pick(RESULT, 2),
        "lesson": pick(LESSON, 1),
    }


def _labelled(stories: list[dict[str, str]], rng: random.Random) -> str:
    out = ["# Interview notes\n"]
    for s in stories:
        out += [f"## {rng.choice(PRINCIPLES)}", f"### {s['title']}"]
        out += [f"- **{k.capitalize()}**: {s[k]}" for k in ("situation", "task", "action",
                                                            "result", "lesson")]  # fmt: skip
        out.append("")
    return "\n".join(out)


def _spsil(stories: list[dict[str, str]], rng: random.Random) -> str:
    out = []
    for s in stories:
        out += [f"## {s['title']}", f"Leadership Principles: {rng.choice(PRINCIPLES)}"]
        out += [f"- S: {s['situation']}", f"- P: {s['task']}", f"- S: {s['action']}",
                f"- I: {s['result']}", f"- L: {s['lesson']}", ""]  # fmt: skip
    return "\n".join(out)


def _qa(stories: list[dict[str, str]], rng: random.Random) -> str:
    out = []
    for s in stories:
        topic = s["title"].split(": ", 1)[1]
        out += [f"Q: Tell me about the time you {topic}.",
                f"A: {s['situation']} {s['task']} {s['action']} {s['result']}", ""]  # fmt: skip
    return "\n".join(out)


def _prose(stories: list[dict[str, str]], rng: random.Random) -> str:
    out = []
    for s in stories:
        topic = s["title"].split(": ", 1)[1]
        out += [f"## Tell me about a time you {topic}", ""]
        out += [" ".join(s[k] for k in ("situation", "task", "action", "result", "lesson")), ""]
    return "\n".join(out)


FORMATS = [_labelled, _spsil, _qa, _prose]


def write_notes(folder: Path, total: int, seed: int = 7) -> list[Path]:
    """``total`` stories over FILES notes files, the four formats in turn."""
    rng = random.Random(seed)
    stories = [_story(rng, i) for i in range(total)]
    per = -(-total // FILES)
    paths = []
    for f in range(FILES):
        chunk = stories[f * per : (f + 1) * per]
        if not chunk:
            break
        path = folder / f"notes-{f:02d}.md"
        path.write_text(FORMATS[f % len(FORMATS)](chunk, rng), encoding="utf-8")
        paths.append(path)
    return paths


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr[-500:]}")
    return elapsed, done.stdout


def _embedded(output: str) -> int:
    found = re.search(r"(\d+) texts embedded", output)
    return int(found.group(1)) if found else 0


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    work = Path(scratch_dir("coach-bench-ingest-"))
    notes = work / "notes"
    notes.mkdir()
    paths = write_notes(notes, total)
    env = {**os.environ, "COACH_HOME": str(work / "home")}
    print(f"machine: {os.cpu_count()} cores; {total} stories in {len(paths)} notes files")

    ingest, out = _run([COACH, "ingest", *map(str, paths)], env)
    found = sum(int(m) for m in re.findall(r": (\d+) stories", out))
    print(f"ingest and index {found} stories: {ingest:.1f} s "
          f"({_embedded(out)} texts embedded)")  # fmt: skip

    rng = random.Random(11)
    times, embedded = [], []
    for n in range(EDITS):
        path = rng.choice(paths)
        text = path.read_text(encoding="utf-8")
        text = text.replace("reviewed it with my lead", f"reviewed it with my lead (edit {n})", 1)
        path.write_text(text, encoding="utf-8")
        elapsed, out = _run([COACH, "ingest", str(path)], env)
        times.append(elapsed)
        embedded.append(_embedded(out))
    print(f"re-ingest of one edited file (indexed): median {statistics.median(times):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in times)}); texts embedded {embedded}")  # fmt: skip
    noop, _ = _run([COACH, "index"], env)
    print(f"no-op index after that: {noop:.2f} s")


if __name__ == "__main__":
    main()
