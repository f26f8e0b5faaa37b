"""Turn an answer's findings into flags, ten dimension scores and a calibrated overall score.

Deterministic and model-free: the same answer always gets the same scores. Every threshold is
here, and docs/CRITIQUE_RULES.md says each one in words with its reason.
"""

from __future__ import annotations

from coach.core.results import DimensionScore, Flag
from coach.critique.findings import Findings

WORDS_PER_MINUTE = 140
SHORT_WORDS = 140  # under one minute spoken cannot carry situation, actions and a result
LONG_WORDS = 420  # over three minutes loses the interviewer
MIN_WORDS_TO_JUDGE = 25  # below this, voice, figures, relevance and style are not judged
FILLERS_TO_FLAG = 3
FILLERS_PER_100_WORDS = 1.0
LOW_I_SHARE = 0.5  # "I" under half of all I/we subjects...
MIN_WE_TO_FLAG = 3  # ...with at least this many "we"
HYPOTHETICAL_SENTENCES = 2
AGREEMENT_FOR_FULL_RELEVANCE = 0.3  # question and answer rank the principles alike
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


def hypothetical_flagged(f: Findings) -> bool:
    count, total = len(f.hypothetical), max(len(f.sentences), 1)
    return count >= HYPOTHETICAL_SENTENCES or (count > 0 and count >= total / 2)


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
    v = f.voice
    if judged and v.we_count >= MIN_WE_TO_FLAG and v.i_share < LOW_I_SHARE:
        out.append(Flag(
            code="low_ownership",
            message=f'You say "we" {v.we_count} times and "I" {v.i_count} times as the one '
            "doing something; the interviewer is hiring you, so say what you did.",
            evidence=" … ".join(v.we_examples),
        ))  # fmt: skip
    if judged and (not f.outcome_measured or not f.star["result"]):  # no ending: no measure
        out.append(Flag(
            code="no_metrics",
            message="No figure or measurable outcome: add a number, a before and after, a time "
            "saved, or a checkable result (on time, zero complaints).",
            evidence=_quote(f.outcome_text) if f.outcome_text else "",
        ))  # fmt: skip
    minutes, seconds = divmod(f.seconds, 60)
    if f.words > LONG_WORDS:
        out.append(Flag(
            code="too_long",
            message=f"About {minutes} min {seconds:02d} s spoken; aim for 1.5 to 3 minutes and "
            "cut background first.",
            evidence=_quote(" ".join(s.text for s in f.sentences[:2]), 200),
        ))  # fmt: skip
    elif f.words < SHORT_WORDS:
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
    if hypothetical_flagged(f):
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
            message="This puts the fault on someone else and never says what your own part was; "
            "say what you did about it instead.",
            evidence=_quote(f.blame[0]),
        ))  # fmt: skip
    if judged and f.relevance is not None and f.relevance.off_topic and not (
        hypothetical_flagged(f)  # no event at all: the hypothetical flag says so
    ):
        out.append(Flag(
            code="off_topic",
            message="The question asks for " + " or ".join(f.relevance.asked) + "; the answer "
            "does not tell " + " or ".join(f.relevance.missing) + ".",
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


def _dim(dim_id: str, score: int, comment: str, applicable: bool = True) -> DimensionScore:
    return DimensionScore(
        id=dim_id, score=max(1, min(5, score)), comment=comment, applicable=applicable
    )


def dimensions(f: Findings, raised: list[Flag]) -> list[DimensionScore]:
    """The ten dimensions of CONTRACT.md, in its order; none reaches 5 without what it measures."""
    codes = {flag.code for flag in raised}
    judged = f.words >= MIN_WORDS_TO_JUDGE
    return [
        _structure(f),
        _ownership(f),
        _impact(f),
        _principle_fit(f, codes),
        _relevance(f),
        _conciseness(f),
        _delivery(f, judged),
        _authenticity(f, codes, judged),
        _professionalism(f, judged),
        _grounding(f),
    ]


def _structure(f: Findings) -> DimensionScore:
    needed = ["situation", "task", "action", "result"] + (["lesson"] if f.needs_lesson else [])
    missing = [p for p in needed if not f.star[p]]
    if missing:
        return _dim("structure", 4 - len(missing), f"Missing {', '.join(missing)}.")
    if f.in_order and f.action_share >= 0.3:
        return _dim("structure", 5, "All parts, in order, and the action is the largest.")
    why = "out of order" if not f.in_order else "the action is a small part"
    return _dim("structure", 4, f"All parts, but {why}.")


def _ownership(f: Findings) -> DimensionScore:
    v = f.voice
    if v.i_count + v.we_count == 0 or not f.star["action"]:
        return _dim("ownership", 1 if not f.star["action"] else 2,
                    "Nobody is seen doing anything: say what you did.")  # fmt: skip
    score = _score(v.i_share, (0.75, 0.6, 0.45, 0.25))
    return _dim("ownership", score, f'"I" {v.i_count} times and "we" {v.we_count} times as the '
                "one doing something, over the whole answer.")  # fmt: skip


def _impact(f: Findings) -> DimensionScore:
    if not f.star["result"]:
        return _dim("impact", 1, "No result is stated.")
    if not f.outcome_measured:
        return _dim("impact", 2, "A result, but no figure or checkable outcome shows its size.")
    if f.before_after:
        return _dim("impact", 5, "A measured result with a before and after.")
    return _dim("impact", 4, "A measured result; a before and after would make it stronger.")


LISTEN_HIT = 0.33  # cosine between an answer sentence and a listen-for line (measured 0.2-0.4)


def _principle_fit(f: Findings, codes: set[str]) -> DimensionScore:
    """Where the probed principle ranks among those the answer shows, closeness to what its
    interviewers listen for; off-topic, missing actions, blame and hypotheticals count against."""
    score = _score(-f.principle_rank, (0, -1, -3, -6)) - (1 if f.principle_rank else 0)
    best = f.listen_hits[0] if f.listen_hits else None
    hit = best is not None and best.similarity >= LISTEN_HIT
    score = score + (1 if hit else 0) - (1 if f.blame or f.hypothetical else 0)
    if "off_topic" in codes:
        score = min(score, 2)
    if not f.star["action"]:
        score = min(score, 2)
    if not hit:
        score = min(score, 4)
    if f.principle_rank == 0:
        why = f"The answer shows {f.principle_name} first of all principles."
    else:
        why = f"The answer shows {f.principle_name} only as principle #{f.principle_rank + 1}."
    if hit:
        why += f' Closest to what interviewers listen for: "{best.line.lower()}".'
    if "off_topic" in codes or not f.star["action"]:
        why += " Without the asked-for story or your actions it cannot show the principle."
    return _dim("principle_fit", score, why)


def _relevance(f: Findings) -> DimensionScore:
    if f.relevance is None:
        return _dim("relevance", 3, f.assumed or "No question was given.", applicable=False)
    r = f.relevance
    story = f.star["action"] and f.star["result"]
    if r.asked:
        if r.off_topic:
            return _dim("relevance", 1, f"Asked for {' or '.join(r.asked)}; the answer tells none.")
        if r.missing:
            return _dim("relevance", 4, f"Tells {', '.join(r.told)}, not {', '.join(r.missing)}.")
        score = 5 if story else 3
        return _dim("relevance", score, f"Tells what was asked for: {', '.join(r.told)}"
                    + ("." if story else ", but not as a full story."))  # fmt: skip
    if not story:
        return _dim("relevance", 3, "The question asks for any real example; this is not a "
                    "complete one.")  # fmt: skip
    score = 5 if f.principle_agreement >= AGREEMENT_FOR_FULL_RELEVANCE else 4
    return _dim("relevance", score, f"A complete example; the answer and the question point to "
                f"the same principles at {f.principle_agreement:.0%}.")  # fmt: skip


def _conciseness(f: Findings) -> DimensionScore:
    s = f.seconds
    if 90 <= s <= 180:
        con = 5
    elif 60 <= s <= 180:
        con = 4
    elif 30 <= s < 60 or 180 < s <= 300:
        con = 2
    else:
        con = 1
    return _dim("conciseness", con, f"{f.words} words, about {s // 60} min {s % 60:02d} s spoken "
                "(aim for 1.5 to 3 minutes).")  # fmt: skip


PACE_BAND = (130, 160)  # words per minute a listener follows comfortably
PAUSES_PER_MINUTE = 2.0  # more long pauses than this sound unprepared


def _spoken_delivery(f: Findings) -> DimensionScore:
    """Delivery judged from the recording: pace, long pauses and the fillers heard."""
    d = f.delivery
    assert d is not None
    low, high = PACE_BAND
    off = max(low - d.words_per_minute, d.words_per_minute - high, 0.0)
    score = 5 - (1 if off > 10 else 0) - (1 if off > 30 else 0)
    per_minute = len(d.pauses) / max(d.seconds / 60, 0.5)
    score -= 1 if per_minute > PAUSES_PER_MINUTE else 0
    heard = sum(d.fillers.values())
    score -= 1 if heard / max(d.words, 1) * 100 >= FILLERS_PER_100_WORDS and heard >= 3 else 0
    pace = f"{d.words_per_minute:.0f} words a minute ({low}-{high} is easy to follow)"
    said = f"{len(d.pauses)} pause(s) of 1.5 s or more, {heard} filler(s) heard"
    return _dim("delivery", max(1, score), f"{pace}; {said}.")


def _delivery(f: Findings, judged: bool) -> DimensionScore:
    if f.delivery is not None and f.delivery.words:
        return _spoken_delivery(f)
    if not judged:
        return _dim("delivery", 2, "Too short to judge how it sounds.")
    rate = len(f.fillers) / max(f.words, 1) * 100
    score = _score(-rate, (0.0, -1.0, -2.0, -4.0))
    if len(f.fillers) >= FILLERS_TO_FLAG:
        score = min(score, 3)
    shown = f" ({', '.join(f.fillers[:4])})" if f.fillers else ""
    return _dim("delivery", score, f"{len(f.fillers)} filler or hedge words{shown}.")


def _authenticity(f: Findings, codes: set[str], judged: bool) -> DimensionScore:
    if "hypothetical" in codes:
        score = 1 if len(f.hypothetical) >= len(f.sentences) / 2 else 2
        return _dim("authenticity", score,
                    f"{len(f.hypothetical)} sentences say what you would do, not what you did.")
    if not judged:
        return _dim("authenticity", 1, "Too little to show a real event.")
    if not f.star["action"]:
        return _dim("authenticity", 2, "No real action of yours is told.")
    specific = f.star["situation"] and (f.outcome_measured or f.names or f.code_names)
    if specific:
        return _dim("authenticity", 5, "One specific past event, told with concrete detail.")
    return _dim("authenticity", 4, "A past event, but with little concrete detail.")


def _professionalism(f: Findings, judged: bool) -> DimensionScore:
    problems = [text for text, bad in (("names colleagues", f.names), ("blames others", f.blame),
                                       ("mentions code names", f.code_names),
                                       ("sounds casual", len(f.fillers) >= FILLERS_TO_FLAG))
                if bad]  # fmt: skip
    score = 5 - (1 if f.names else 0) - (2 if f.blame else 0) - (1 if f.code_names else 0)
    score -= 1 if len(f.fillers) >= FILLERS_TO_FLAG else 0
    if not judged:
        score = min(score, 3)
    why = ("It " + ", ".join(problems) + ".") if problems else "No names, no blame, no code names."
    return _dim("professionalism", score, why if judged else why + " (very short)")


def _grounding(f: Findings) -> DimensionScore:
    if f.matched_story_id is None:
        why = (
            "Not applicable: the answer matches none of your own stories, so its facts were not "
            "checked." if f.own_stories else "Not applicable: you have no notes of your own yet "
            "(the example bank is another person's), so nothing was checked."
        )
        return _dim("grounding", 3, why, applicable=False)
    if f.unsupported:
        score = 2 if len(f.unsupported) == 1 else 1
        return _dim("grounding", score, f"{len(f.unsupported)} claims your notes do not support.")
    score = 5 if len(f.left_out) <= 1 else 4
    why = f"Matches your story '{f.matched_story_title}'" + (
        f"; {len(f.left_out)} strong facts from it are left out." if f.left_out else "."
    )
    return _dim("grounding", score, why)


def is_junk(f: Findings) -> bool:
    """A few words, or nothing of a story at all (no context, no action, no result)."""
    return f.words < MIN_WORDS_TO_JUDGE or not (
        f.star["situation"] or f.star["action"] or f.star["result"]
    )


def _cap(points: float, cap: float) -> float:
    """Squeeze [cap - 20, 100] into [cap - 20, cap]: the cap holds, and a better answer still
    scores more than a worse one under the same cap (clipping would make them equal)."""
    low = max(cap - 20, 0.0)
    return points if points <= low else low + (points - low) * (cap - low) / (100 - low)


def overall(dims: list[DimensionScore], raised: list[Flag], f: Findings) -> tuple[int, float]:
    """A 1-5 overall and the 0-100 points behind it, from the applicable dimensions.

    Calibration: any flag caps the answer at 4; no action, too short or off-topic caps it at 2;
    junk (a few words, or no story at all) is 1.
    """
    counted = [d for d in dims if d.applicable]
    weighted = sum(WEIGHTS[d.id] * d.score for d in counted) / sum(WEIGHTS[d.id] for d in counted)
    points = (weighted - 1) / 4 * 100
    codes = {flag.code for flag in raised}
    points -= 4 * len(raised)
    points = max(0.0, min(100.0, points))
    if raised:
        points = _cap(points, 79.0)
    if codes & {"missing_action", "too_short", "off_topic"}:
        points = _cap(points, 39.0)
    if is_junk(f):
        points = _cap(points, 19.0)
    score = 1 + min(4, int(points // 20))
    return score, round(points, 1)
