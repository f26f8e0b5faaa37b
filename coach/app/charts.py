"""Two small charts drawn as HTML and SVG, so their legends, full principle names and whole-number
axes are always visible, at desktop and at phone width alike."""

from __future__ import annotations

import html

COVERAGE_KINDS = (
    ("strong", "#15803d", "shows it first, with detail"),
    ("thin", "#f59e0b", "shows it first, few words"),
    ("supporting", "#93c5fd", "shows it as a secondary principle"),
)
LINE_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd",
)  # fmt: skip


def _legend(items: list[tuple[str, str]]) -> str:
    chips = "".join(
        f'<span class="chart-key">{f"<i style=background:{colour}></i>" if colour else ""}'
        f"{html.escape(label)}</span>"
        for label, colour in items
    )
    return f'<div class="chart-legend">{chips}</div>'


def coverage_html(rows: list[dict]) -> str:
    """Stories per principle as stacked horizontal bars: full names, counts, a legend on top."""
    widest = max((r["primary"] + r["secondary"] for r in rows), default=0) or 1
    lines = [_legend([(f"{kind}: {meaning}", colour) for kind, colour, meaning in COVERAGE_KINDS])]
    for row in rows:
        counts = {"strong": row["strong"], "thin": row["primary"] - row["strong"],
                  "supporting": row["secondary"]}  # fmt: skip
        bars = "".join(
            f'<span class="bar" style="width:{100 * counts[kind] / widest:.1f}%;'
            f'background:{colour}" title="{counts[kind]} {kind}"></span>'
            for kind, colour, _ in COVERAGE_KINDS
            if counts[kind]
        )
        total = sum(counts.values())
        detail = ", ".join(f"{counts[k]} {k}" for k, _, _ in COVERAGE_KINDS if counts[k]) or "none"
        lines.append(
            f'<div class="cov-row"><span class="cov-name">{html.escape(row["principle"])}</span>'
            f'<span class="cov-bars">{bars}</span>'
            f'<span class="cov-count" title="{detail}">{total}</span></div>'
        )
    return f'<div class="coach-chart" id="coverage-chart">{"".join(lines)}</div>'


def progress_svg(points: list[dict], names: dict[str, str]) -> str:
    """Overall score per attempt (oldest first), a line per principle, mock answers as squares.
    ``points``: attempt (1, 2, ...), overall (1-5), principle id, mock (bool)."""
    if not points:
        return ('<div class="coach-chart" id="progress-chart"><p>No critiques yet: critique '
                "an answer or run a mock interview and your scores appear here.</p></div>")
    order = list(dict.fromkeys(p["principle"] for p in points))
    colour = {pid: LINE_COLOURS[n % len(LINE_COLOURS)] for n, pid in enumerate(order)}
    last = max(p["attempt"] for p in points)
    width, height, left, bottom, top, right = 640, 240, 34, 30, 10, 12

    def x(attempt: int) -> float:
        span = max(last - 1, 1)
        return left + (width - left - right) * ((attempt - 1) / span if last > 1 else 0.5)

    def y(score: float) -> float:
        return top + (height - top - bottom) * (5 - score) / 4

    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="Scores over time" '
             'preserveAspectRatio="xMidYMid meet">']  # fmt: skip
    for score in range(1, 6):
        level = y(score)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{level:.1f}" '
                     f'y2="{level:.1f}" stroke="#e5e7eb"/><text x="{left - 8}" '
                     f'y="{level + 4:.1f}" text-anchor="end">{score}</text>')  # fmt: skip
    step = max(1, -(-last // 10))  # at most about ten whole-number ticks
    for attempt in range(1, last + 1, step):
        parts.append(f'<text x="{x(attempt):.1f}" y="{height - 10}" '
                     f'text-anchor="middle">{attempt}</text>')  # fmt: skip
    for pid in order:
        mine = [p for p in points if p["principle"] == pid]
        path = " ".join(f"{x(p['attempt']):.1f},{y(p['overall']):.1f}" for p in mine)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour[pid]}" '
                     'stroke-width="2"/>')  # fmt: skip
        for p in mine:
            cx, cy, label = x(p["attempt"]), y(p["overall"]), html.escape(names.get(pid, pid))
            tip = f"<title>attempt {p['attempt']}: {p['overall']}/5, {label}</title>"
            fill = f'fill="{colour[pid]}">{tip}'
            parts.append(
                f'<rect x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10" {fill}</rect>'
                if p["mock"]
                else f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" {fill}</circle>'
            )
    parts.append("</svg>")
    legend = _legend([(names.get(pid, pid), colour[pid]) for pid in order])
    marks = _legend([("● critique", ""), ("■ mock interview answer", ""),
                     ("x: attempt · y: overall score (1-5)", "")])  # fmt: skip
    return f'<div class="coach-chart" id="progress-chart">{"".join(parts)}{legend}{marks}</div>'


def delivery_svg(rows: list[dict], band: tuple[int, int] = (130, 160)) -> str:
    """Pace per spoken answer (oldest first) against the easy-to-follow band, with the number of
    long pauses written above each point. ``rows``: History.deliveries()."""
    if not rows:
        return ('<div class="coach-chart" id="delivery-chart"><p>No spoken answers yet: answer '
                "aloud in the Critique or Mock interview tab and your pace and pauses appear "
                "here.</p></div>")  # fmt: skip
    width, height, left, bottom, top, right = 640, 220, 40, 30, 18, 12
    paces = [r["words_per_minute"] for r in rows]
    low = min(80, *(p - 10 for p in paces))
    high = max(220, *(p + 10 for p in paces))
    last = len(rows)

    def x(n: int) -> float:
        return left + (width - left - right) * ((n - 1) / (last - 1) if last > 1 else 0.5)

    def y(pace: float) -> float:
        return top + (height - top - bottom) * (high - pace) / (high - low)

    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="Pace and pauses per '
             'spoken answer" preserveAspectRatio="xMidYMid meet">',
             f'<rect x="{left}" y="{y(band[1]):.1f}" width="{width - left - right}" '
             f'height="{y(band[0]) - y(band[1]):.1f}" fill="#dcfce7"/>']  # fmt: skip
    for pace in range(int(low // 20 * 20 + 20), int(high), 40):
        parts.append(f'<text x="{left - 6}" y="{y(pace) + 4:.1f}" text-anchor="end">{pace}</text>')
    step = max(1, -(-last // 10))
    for n in range(1, last + 1, step):
        parts.append(f'<text x="{x(n):.1f}" y="{height - 10}" text-anchor="middle">{n}</text>')
    path = " ".join(f"{x(n):.1f},{y(p):.1f}" for n, p in enumerate(paces, 1))
    parts.append(f'<polyline points="{path}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for n, row in enumerate(rows, 1):
        cx, cy = x(n), y(row["words_per_minute"])
        tip = (f"<title>answer {n} ({html.escape(row['when'])}): {row['words_per_minute']:.0f} "
               f"words a minute, {row['pauses']} long pause(s), {row['seconds']:.0f} s</title>")
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="#1f77b4">{tip}</circle>'
                     f'<text x="{cx:.1f}" y="{cy - 9:.1f}" text-anchor="middle">'
                     f'{row["pauses"]}</text>')  # fmt: skip
    parts.append("</svg>")
    keys = _legend([(f"{band[0]}-{band[1]} words a minute: easy to follow", "#dcfce7"),
                    ("● pace of a spoken answer", ""),
                    ("number above a point: its pauses of 1.5 s or more", ""),
                    ("x: spoken answer · y: words a minute", "")])  # fmt: skip
    return f'<div class="coach-chart" id="delivery-chart">{"".join(parts)}{keys}</div>'


CHART_CSS = """
.coach-chart {font-size: 0.9em}
.coach-chart svg {width: 100%; height: auto; max-height: 320px}
.coach-chart svg text {font-size: 12px; fill: currentColor}
.chart-legend {display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0 8px}
.chart-key {display: inline-flex; align-items: center; gap: 6px}
.chart-key i {display: inline-block; width: 12px; height: 12px; border-radius: 2px}
.cov-row {display: grid; grid-template-columns: minmax(8em, 16em) 1fr 2em; gap: 8px;
          align-items: center; padding: 2px 0}
.cov-bars {display: flex; height: 14px; background: #f3f4f6; border-radius: 2px}
.cov-bars .bar {display: block; height: 100%}
.cov-count {text-align: right; font-variant-numeric: tabular-nums}
@media (max-width: 600px) {
  .coach-chart svg text {font-size: 20px}
  .cov-row {grid-template-columns: 1fr 2em; }
  .cov-name {grid-column: 1 / span 2}
  .cov-bars {grid-column: 1}
}
"""
