"""Checks over the stories of a plan, for the candidate to decide on (nothing is ever removed):

- the same project told with different figures or dates in two stories (interviewers compare notes);
- details the candidate may not be allowed to say: colleagues' names, customer or partner names,
  internal code names and money figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from coach.core.schema import Story
from coach.text.people import everyday_words, people_named
from coach.text.sentences import figure_spans, split_sentences
from coach.text.terms import stem, terms

SAME_THING = 0.5  # share of content words two sentences have in common to tell the same thing
MIN_SHARED = 3  # and at least this many content words in common
_UNIT = re.compile(r"\s*(%|[A-Za-z]+)")
_BOUNDARY = re.compile(r"[;,:()\u2013\u2014]|\s-\s")
_FROM_TO = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")
_AFTER_YEAR_WORDS = 6


@dataclass(frozen=True)
class Mention:
    """One figure of a sentence: its value, what it counts, and the words that say what it is."""

    value: str
    said: str
    unit: str
    role: str  # "start" (from X), "end" (to Y, or a plain figure) or "date"
    context: frozenset[str]


def mentions(sentence: str) -> list[Mention]:
    """The figures of a sentence with their unit and the words before them (up to the previous
    clause break or figure; a "from X to Y" figure Y takes X's words)."""
    spans = figure_spans(sentence)
    out: list[Mention] = []
    for n, (start, end, value, raw) in enumerate(spans):
        unit_match = _UNIT.match(sentence[end:])
        unit = stem(unit_match.group(1).lower()) if unit_match else ""
        if raw.startswith(("$", "£", "€")):
            unit = "money"
        floor = spans[n - 1][1] if n else 0
        before = sentence[floor:start]
        cut = list(_BOUNDARY.finditer(before))
        words = set(terms(before[cut[-1].end() :] if cut else before))
        role = "end"
        if n and _FROM_TO.search(sentence[: spans[n - 1][0]]) and not cut:
            words |= out[-1].context  # "from 40 minutes to 12 minutes": 12 is what 40 was
            out[-1] = Mention(**{**out[-1].__dict__, "role": "start"})
        if _YEAR.match(value) and unit not in ("%", "percent"):
            role, unit = "date", "year"
            after = sentence[end:].split(",")[0].split(";")[0]
            words |= set(terms(" ".join(after.split()[:_AFTER_YEAR_WORDS])))
        words = {w for w in words if not w.isdigit() and w != unit}
        said = sentence[start : end + unit_match.end()] if unit_match and role != "date" else raw
        out.append(Mention(value, said.strip(), unit, role, frozenset(words)))
    return out


def _content(sentence: str) -> set[str]:
    return {t for t in terms(sentence) if not t.isdigit() and len(t) > 2}


def figure_conflicts(stories: list[Story]) -> list[dict]:
    """Pairs of stories that tell the same thing with a different figure or date.

    Two sentences tell the same thing when most of their content words are shared; two of their
    figures conflict when they count the same unit in the same role (a start, an end, a date),
    the words before them overlap, the values differ, and neither story gives the other's value.
    """
    said = {s.id: [(x, _content(x), mentions(x)) for x in split_sentences(s.text())]
            for s in stories}  # fmt: skip
    found: list[dict] = []
    for a, b in combinations(stories, 2):
        if a.text().strip() == b.text().strip():
            continue  # the same story pasted twice tells the same figures
        values_a = {(m.unit, m.value) for *_, ms in said[a.id] for m in ms}
        values_b = {(m.unit, m.value) for *_, ms in said[b.id] for m in ms}
        best: dict[tuple[str, str], tuple[int, dict]] = {}
        for text_a, words_a, figs_a in said[a.id]:
            for text_b, words_b, figs_b in said[b.id]:
                shared = words_a & words_b
                if not figs_a or not figs_b or len(shared) < MIN_SHARED:
                    continue
                if len(shared) / min(len(words_a), len(words_b)) < SAME_THING:
                    continue
                for x in figs_a:
                    for y in figs_b:
                        overlap = len(x.context & y.context)
                        if (x.unit, x.role) != (y.unit, y.role) or x.value == y.value:
                            continue
                        if not overlap or (x.unit, x.value) in values_b:
                            continue
                        if (y.unit, y.value) in values_a:
                            continue
                        key = (x.unit, x.role)
                        if key not in best or overlap > best[key][0]:
                            kind = "date" if x.role == "date" else "figure"
                            best[key] = (overlap, {
                                "stories": [a.id, b.id],
                                "what": f"the same {kind} told as {x.said} and as {y.said}",
                                "sentences": [text_a, text_b],
                            })  # fmt: skip
        found += [entry for _, entry in best.values()]
    return found


_CODE_NAME = re.compile(
    r"\b(?:[Pp]roject|[Oo]peration|[Cc]ode-?\s?name[d]?|[Ii]nitiative)\s+([A-Z][\w-]+)"
)
_CAMEL = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")
_NAME = r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2}"
_PARTNER = re.compile(
    r"\b(?:customer|client|partner|vendor|supplier|account|distributor|retailer|OEM|brand)s?"
    r"(?:\s+(?:called|named|like|such as|including|from))?\s*[,:]?\s*(?:with\s+)?"
    rf"({_NAME}(?:(?:,\s*|\s+and\s+|\s+or\s+){_NAME})*)"
)
_PARTNER_NEAR = re.compile(
    r"\b(?:customer|client|partner|vendor|supplier|distributor|retailer|brand)s?\b[^.;:!?]{0,50}?"
    r"\b(?:with|like|such as|including|for|from)\s+"
    rf"({_NAME}(?:(?:,\s*|\s+and\s+|\s+or\s+){_NAME})*)"
)
_LIST_SPLIT = re.compile(r",\s*|\s+and\s+|\s+or\s+")
_COMPANY = re.compile(
    r"\b((?:[A-Z][\w&-]+\s+){1,3}(?:Inc|Ltd|LLC|GmbH|Corp|Corporation|Bank|Labs|Group|Holdings|"
    r"Systems|Technologies|Motors|Airlines|Pharma|Insurance)\b\.?)"
)
_MONEY = re.compile(
    r"(?:[$£€]\s?\d[\d,.]*\s?(?:[kKmMbB]n?|million|billion|thousand)?|"
    r"\b\d[\d,.]*\s?(?:million|billion|thousand|[kKmM])?\s?(?:dollars|euros|pounds|USD|EUR|GBP)\b)"
)
# Brand names a candidate can say freely: public products written in CamelCase.
_PUBLIC_CAMEL = frozenset(
    """JavaScript TypeScript GitHub GitLab PowerPoint YouTube LinkedIn PostgreSQL MySQL MongoDB
    DynamoDB BigQuery CloudWatch CloudFormation WordPress PayPal FedEx SharePoint OneDrive DevOps
    NumPy SciPy PyTorch TensorFlow OpenCV JetBrains IntelliJ WhatsApp QuickBooks MacBook iPhone
    iPad FaceTime HubSpot SalesForce ServiceNow DataDog PagerDuty NetSuite OpenAI ChatGPT
    McDonald McKinsey DevSecOps FinOps MLOps SageMaker LaTeX GraphQL NoSQL AirPods""".split()
)


def sensitive_details(stories: list[Story]) -> list[dict]:
    """Details the candidate may not be free to say in an interview, one per story and text."""
    found: list[dict] = []
    for story in stories:
        text = story.text()
        seen: set[str] = set()

        def add(said: str, kind: str, story_id: str = story.id, seen: set[str] = seen) -> None:
            said = said.strip(" ,.;:\n")
            if said and said.lower() not in seen:
                seen.add(said.lower())
                found.append({"story_id": story_id, "text": said, "kind": kind})

        code_names = [m.group(0) for m in _CODE_NAME.finditer(text)]
        for name in people_named(text):
            if not any(name in code for code in code_names):  # "Project Scott" is no person
                add(name, "colleague name")
        for match in [*_PARTNER.finditer(text), *_PARTNER_NEAR.finditer(text)]:
            for name in _LIST_SPLIT.split(match.group(1)):
                if any(w.lower() not in everyday_words() for w in name.split()):
                    add(name, "customer or partner name")
        for match in _COMPANY.finditer(text):
            add(match.group(1), "company, product or code name")
        for code in code_names:
            add(code, "internal code name")
        for match in _CAMEL.finditer(text):
            if match.group(0) not in _PUBLIC_CAMEL:
                add(match.group(0), "company, product or code name")
        for match in _MONEY.finditer(text):
            add(match.group(0), "money figure")
    return found
