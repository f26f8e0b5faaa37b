"""Turn an answer's findings into flags, ten dimension scores and a calibrated overall score.

Deterministic and model-free: the same answer always gets the same scores. Thresholds were set
on the calibration set (tests/data/critique_calibration.yaml); docs/CRITIQUE.md lists them.
"""

from __future__ import annotations

from coach.core.results import DimensionScore, Flag
from coach.critique.findings import Findings

SHORT_SECONDS = 60  # under a minute is too short for a behavioral answer
LONG_SECONDS = 180  # over three minutes loses the interviewer
MIN_WORDS_TO_JUDGE = 25  # below this, voice, relevance and style are not judged
FILLERS_TO_FLAG = 3
FILLERS_PER_100_WORDS = 1.0
LOW_I_SHARE = 0.5  # "I" under half of all I/we mentions...
MIN_WE_TO_FLAG = 3  # ...with at least this many "we"
OFF_TOPIC_BELOW = 0.3  # principle agreement between question and answer
HYPOTHETICAL_SENTENCES = 2
WEIGHTS = {
    "structure": 1.5, "ownership": 1.0, "impact": 1.2, "principle_fit": 1.0, "relevance": 1.5,
    "conciseness": 0.7, "delivery": 0.6, "authenticity": 1.0, "professionalism": 0.8,
    "grounding": 0.8,
}  # fmt: skip
FLAG_PRIORITY = (  # most serious first: the order flags are shown and fixed in
    "off_topic", "too_short", "hypothetical", "missing_action", "missing_result",
    "unsupported_claim", "blames_others", "low_ownership", "no_metrics", "missing_lesson",
    "missing_task", "missing_situation", "too_long", "names_people", "filler_words",
)  # fmt: skip
_MISSING_MESSAGES = {
    "situation": "No context: say where and when this happened and what was at stake.",
    "task": "No task: say what you were responsible for or the goal you set yourself.",
    "action": "No actions: the interviewer cannot hear what you yourself did.",
    "result": "No result: say how it ended and what changed because of you.",
    "lesson": "No lesson: for this kind of question, end with what you learned and now do "
    "differently.",
}


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def flags(f: Findings) -> list[Flag]:
    """Every flag the answer earns, each with the words that triggered it."""
    out: list[Flag] = []
    for part in ("situation", "task", "action", "result"):
        if not f.star[part]:
            out.append(Flag(code=f"missing_{part}", message=_MISSING_MESSAGES[part], evidence=""))
    if f.needs_lesson and not f.star["lesson"]:
        last = f.sentences[-1].text if f.sentences else ""
        out.append(Flag(code="missing_lesson", message=_MISSING_MESSAGES["lesson"],
                        evidence=_quote(last)))  # fmt: skip
    judged = f.words >= MIN_WORDS_TO_JUDGE
    if judged and f.voice.we_count >= MIN_WE_TO_FLAG and f.voice.i_share < LOW_I_SHARE:
        out.append(Flag(
            code="low_ownership",
            message=f'You say "we" {f.voice.we_count} times and "I" {f.voice.i_count} times; '
            "the interviewer is hiring you, so say what you did.",
            evidence=" … ".join(f.voice.we_examples),
        ))  # fmt: skip
    if f.kind == "standard" and f.star["result"] and not f.result_quantified:
        out.append(Flag(
            code="no_metrics",
            message="The result has no figure: add a number, a before and after, or a time saved.",
            evidence=_quote(f.result_text),
        ))  # fmt: skip
    if f.seconds > LONG_SECONDS:
        out.append(Flag(
            code="too_long",
            message=f"About {f.seconds // 60} min {f.seconds % 60} s spoken; aim for 1.5 to 3 "
            "minutes and cut background first.",
            evidence=_quote(" ".join(s.text for s in f.sentences[-2:]), 200),
        ))  # fmt: skip
    elif f.seconds < SHORT_SECONDS:
        out.append(Flag(
            code="too_short",
            message=f"About {f.seconds} s spoken; a behavioral answer needs 1.5 to 3 minutes to "
            "show what you did.",
            evidence=_quote(" ".join(s.text for s in f.sentences)),
        ))  # fmt: skip
    rate = len(f.fillers) / max(f.words, 1) * 100
    if len(f.fillers) >= FILLERS_TO_FLAG and rate >= FILLERS_PER_100_WORDS:
        shown = ", ".join(f'"{w}"' for w in f.fillers[:6])
        out.append(Flag(
            code="filler_words",
            message=f"{len(f.fillers)} filler or hedge words ({rate:.1f} per 100 words); they make "
            "you sound unsure.",
            evidence=shown,
        ))  # fmt: skip
    if (judged and len(f.hypothetical) >= HYPOTHETICAL_SENTENCES) or (
        f.hypothetical and len(f.hypothetical) >= len(f.sentences) / 2
    ):
        out.append(Flag(
            code="hypothetical",
            message="Parts of the answer say what you would or usually do; tell what you did, "
            "once, in a real situation.",
            evidence=_quote(f.hypothetical[0]),
        ))  # fmt: skip
    if f.names:
        out.append(Flag(
            code="names_people",
            message="Name roles, not people (\"my manager\", \"a teammate\").",
            evidence=" … ".join(f.names[:3]),
        ))  # fmt: skip
    if f.blame:
        out.append(Flag(
            code="blames_others",
            message="This puts the fault on someone else; say what you did about it instead.",
            evidence=_quote(f.blame[0]),
        ))  # fmt: skip
    if judged and f.relevance is not None and f.relevance < OFF_TOPIC_BELOW:
        out.append(Flag(
            code="off_topic",
            message=f"This answer shows something other than what the question asks about "
            f"({f.principle_name}).",
            evidence=_quote(f.sentences[0].text if f.sentences else ""),
        ))  # fmt: skip
    for reason, sentence in f.unsupported:
        out.append(Flag(code="unsupported_claim", message=reason, evidence=_quote(sentence)))
    return sorted(out, key=lambda flag: FLAG_PRIORITY.index(flag.code))


def _score(value: float, steps: tuple[float, float, float, float]) -> int:
    """5 when value ≥ steps[0], 4 when ≥ steps[1] ... 1 below steps[3]."""
    for score, step in zip((5, 4, 3, 2), steps, strict=True):
        if value >= step:
            return score
    return 1


def dimensions(f: Findings, raised: list[Flag]) -> list[DimensionScore]:
    """The ten dimensions of CONTRACT.md, in its order."""
    codes = {flag.code for flag in raised}
    needed = ["situation", "task", "action", "result"] + (["lesson"] if f.needs_lesson else [])
    missing = [p for p in needed if not f.star[p]]
    if not missing:
        structure = 5 if f.in_order and f.action_share >= 0.3 else 4
        why = (
            "all parts, in order, action the largest"
            if structure == 5
            else "all parts, but "
            + ("out of order" if not f.in_order else "action is a small part")
        )
    else:
        structure = max(1, 4 - len(missing))
        why = "missing " + ", ".join(missing)
    dims = [DimensionScore(id="structure", score=structure, comment=why.capitalize() + ".")]

    v = f.voice
    if v.i_count + v.we_count == 0:
        own, why = 2, "Nobody acts in this answer: say what you did."
    else:
        own = _score(v.i_share, (0.75, 0.6, 0.45, 0.25))
        why = f'"I" {v.i_count} times, "we" {v.we_count} times.'
    dims.append(DimensionScore(id="ownership", score=own, comment=why))

    if not f.star["result"]:
        impact, why = 1, "No result is stated."
    elif f.result_quantified:
        impact = 5 if f.before_after else 4
        why = "Quantified result" + (" with a before and after." if f.before_after else ".")
    else:
        impact = 4 if f.kind in ("conflict", "criticism") else 3
        why = "A result, but no figure shows its size."
    dims.append(DimensionScore(id="impact", score=impact, comment=why))

    fit = _principle_fit(f)
    dims.append(fit)

    if f.relevance is None:
        rel, why = 3, "No question given; judged against the principle the answer shows."
    else:
        rel = _score(f.relevance, (0.7, 0.5, 0.3, 0.15))
        why = f"Agreement with what the question probes: {f.relevance:.0%}."
    dims.append(DimensionScore(id="relevance", score=rel, comment=why))

    s = f.seconds
    if 90 <= s <= 180:
        con = 5
    elif 60 <= s <= LONG_SECONDS:
        con = 4
    elif 30 <= s < 60 or LONG_SECONDS < s <= 300:
        con = 2
    else:
        con = 1
    dims.append(DimensionScore(id="conciseness", score=con,
                               comment=f"{f.words} words, about {s // 60} min {s % 60:02d} s "
                                       "spoken (aim 1.5 to 3 min)."))  # fmt: skip

    rate = len(f.fillers) / max(f.words, 1) * 100
    delivery = _score(-rate, (0.0, -1.0, -2.0, -4.0)) if f.words >= MIN_WORDS_TO_JUDGE else 3
    if "filler_words" in codes:
        delivery = min(delivery, 3)
    dims.append(DimensionScore(id="delivery", score=delivery,
                               comment=f"{len(f.fillers)} filler or hedge words."))  # fmt: skip

    if "hypothetical" in codes:
        auth = 1 if len(f.hypothetical) >= len(f.sentences) / 2 else 2
        why = f"{len(f.hypothetical)} sentences say what you would do, not what you did."
    elif f.words < MIN_WORDS_TO_JUDGE:
        auth, why = 1, "Too little to show a real event."
    else:
        auth = 5 if f.star["situation"] and f.star["action"] else 4
        why = "A specific past event, told in the past tense."
    dims.append(DimensionScore(id="authenticity", score=auth, comment=why))

    prof = 5 - (1 if f.names else 0) - (2 if f.blame else 0) - (1 if f.code_names else 0)
    problems = [text for text, bad in (("names colleagues", f.names), ("blames others", f.blame),
                                       ("mentions code names", f.code_names)) if bad]  # fmt: skip
    dims.append(DimensionScore(id="professionalism", score=max(1, prof),
                               comment=("It " + ", ".join(problems) + ".") if problems else
                               "No names, no blame, no code names."))  # fmt: skip

    if f.matched_story_id is None:
        grounding, why = 3, "Not matched to a story in your notes, so its facts were not checked."
    elif f.unsupported:
        grounding = 2 if len(f.unsupported) == 1 else 1
        why = f"{len(f.unsupported)} claims your notes do not support."
    else:
        grounding = 5 if len(f.left_out) <= 1 else 4
        why = f"Matches your story '{f.matched_story_title}'" + (
            f"; {len(f.left_out)} strong facts from it are left out." if f.left_out else "."
        )
    dims.append(DimensionScore(id="grounding", score=grounding, comment=why))
    return dims


def _principle_fit(f: Findings) -> DimensionScore:
    """Whether the answer shows the probed principle (its rank among the principles the answer
    itself shows), what its interviewers listen for, and no blame or hypotheticals."""
    score = _score(-f.principle_rank, (0, -1, -3, -6)) - (1 if f.principle_rank else 0)
    best = f.listen_hits[0] if f.listen_hits else None
    if best is not None and best.similarity >= LISTEN_HIT:
        score += 1
    if f.blame or f.hypothetical:
        score -= 1
    score = max(1, min(5, score))
    if f.principle_rank == 0:
        why = f"The answer shows {f.principle_name} first of all principles."
    else:
        why = f"The answer shows {f.principle_name} only as principle #{f.principle_rank + 1}."
    if best is not None and best.similarity >= LISTEN_HIT:
        why += f' Closest to what interviewers listen for: "{best.line.lower()}".'
    if f.blame or f.hypothetical:
        why += " Blame or hypotheticals count against it."
    return DimensionScore(id="principle_fit", score=score, comment=why)


LISTEN_HIT = 0.33  # cosine between an answer sentence and a listen-for line (measured 0.2-0.4)


def overall(dims: list[DimensionScore], raised: list[Flag], f: Findings) -> tuple[int, float]:
    """A 1-5 overall and the 0-100 points behind it.

    Calibration: any flag caps the answer at 4; no action, too short or unrelated caps it at 2;
    junk (a few words, or unrelated to the question and to any story) is 1.
    """
    weighted = sum(WEIGHTS[d.id] * d.score for d in dims) / sum(WEIGHTS.values())
    points = (weighted - 1) / 4 * 100
    codes = {flag.code for flag in raised}
    points -= 4 * len(raised)
    if codes & {"missing_action", "too_short", "off_topic"}:
        points = min(points, 39.0)
    unrelated = "off_topic" in codes and f.matched_story_id is None
    if f.words < MIN_WORDS_TO_JUDGE or unrelated:
        points = min(points, 19.0)
    if raised:
        points = min(points, 79.0)
    points = max(0.0, min(100.0, points))
    score = 1 + min(4, int(points // 20))
    return score, round(points, 1)
