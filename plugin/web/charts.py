"""Geometry for the server-side SVG charts. The template macros in
``templates/_media_bias_chart.html`` draw the SVG, so every label goes through Jinja's
autoescaping; only the dots, which are many and carry nothing but numbers, are drawn here (a
page with a few thousand sentences renders in a fraction of the time).

A distribution chart has one row per article (outlet): a dot for every prose sentence, a box
from the first to the third quartile with a line at the median, whiskers to min and max, and a
diamond at the article-level value.
"""
from __future__ import annotations

import math

from markupsafe import Markup, escape


WIDTH = 640
LEFT = 170  # room for outlet labels
RIGHT = 16
ROW = 34
TOP = 8
AXIS = 28


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    # values equal up to rounding noise (identical texts' means: 5.000000000000001 and
    # 5.000000000000002) get a unit axis: a step below the rounding of the ticks never got
    # past the first one
    if hi - lo <= 1e-9 * max(1.0, abs(lo), abs(hi)):
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw), default=raw)
    start = math.floor(lo / step) * step
    ticks = [round(start, 10)]
    # counted from the start, not added up: n steps or a few more reach hi (bounded either way)
    k = 1
    while ticks[-1] < hi - step * 1e-9 and k <= 4 * n + 2:
        ticks.append(round(start + k * step, 10))
        k += 1
    if len(ticks) == 1:
        ticks.append(round(start + step, 10))
    return ticks


def distribution(metric, rows: list[dict]) -> dict | None:
    """rows: [{"label", "values": [...], "article": float|None, "spread": {...}|None}]."""
    all_values = [v for r in rows for v in r["values"] if v is not None]
    all_values += [r["article"] for r in rows if r["article"] is not None]
    if not all_values:
        return None
    ticks = nice_ticks(min(all_values), max(all_values))
    lo, hi = ticks[0], ticks[-1]
    span = (hi - lo) or 1.0
    plot_w = WIDTH - LEFT - RIGHT

    def x(v):
        return round(LEFT + (v - lo) / span * plot_w, 2)

    out_rows = []
    for i, r in enumerate(rows):
        y = TOP + i * ROW + ROW / 2
        sp = r.get("spread")
        box = None
        if sp:
            box = {"min": x(sp["min"]), "q1": x(sp["q1"]), "median": x(sp["median"]),
                   "q3": x(sp["q3"]), "max": x(sp["max"])}
        n = len(r["values"])
        dots = []
        for j, v in enumerate(r["values"]):
            if v is None:
                continue
            jitter = ((j * 7919) % 11 - 5) * 1.2 if n > 1 else 0  # deterministic jitter
            # numbers only (floats formatted here), so nothing to escape
            dots.append(f'<circle class="mb-dot" cx="{x(float(v))}" '
                        f'cy="{round(y + jitter, 2)}" r="2.6"><title>{float(v):.2f}</title>'
                        '</circle>')
        out_rows.append({
            "label": r["label"], "y": y, "dots": Markup("".join(dots)), "box": box,
            "article": x(r["article"]) if r["article"] is not None else None,
            "article_value": r["article"],
        })
    height = TOP + len(rows) * ROW + AXIS
    return {
        "metric": metric.name, "label": metric.label, "unit": metric.unit,
        "higher_means": metric.higher_means, "fmt": metric.fmt,
        "width": WIDTH, "height": height, "left": LEFT, "right": WIDTH - RIGHT,
        "axis_y": TOP + len(rows) * ROW,
        "ticks": [{"x": x(t), "label": f"{t:g}"} for t in ticks],
        "rows": out_rows,
    }


def position(metric, values: list[tuple[str, float]], highlight: str, low: float | None,
             high: float | None, labels: dict | None = None, memo: dict | None = None
             ) -> dict | None:
    """Where one outlet sits among all outlets on a metric: a dot per outlet's mean, the
    highlighted outlet larger, with its 95% confidence interval from ``low`` to ``high``.
    ``labels``: the outlets' names already escaped, when a page draws several such charts.
    ``memo``: a dict that lives as long as ``values`` stay the same (the kept corpus figures),
    where the dots are kept by metric and axis for the next outlet's chart."""
    vals = [v for _, v in values if v is not None]
    if not vals:
        return None
    extent = vals + [v for v in (low, high) if v is not None]
    ticks = nice_ticks(min(extent), max(extent))
    lo, hi = ticks[0], ticks[-1]
    span = (hi - lo) or 1.0
    left, right = 20, WIDTH - RIGHT

    def x(v):
        return round(left + (v - lo) / span * (right - left), 2)

    y = 30
    key = ("position", metric.name, lo, hi)
    dots = None if memo is None else memo.get(key)
    if dots is None:
        dots = _position_dots(values, x, y, labels if labels is not None else {})
        if memo is not None:
            memo[key] = dots
    # the highlighted dot last, on top
    drawn, top = [], ""
    for name, label, v, circle in dots:
        if name == highlight:
            top = (f'<circle class="mb-this" cx="{x(v)}" cy="{y}" r="6"><title>{label}: '
                   f'{float(v):.2f}</title></circle>')
        else:
            drawn.append(circle)
    drawn.append(top)
    svg = Markup("".join(drawn))
    return {
        "metric": metric.name, "label": metric.label, "unit": metric.unit, "fmt": metric.fmt,
        "higher_means": metric.higher_means, "width": WIDTH, "height": 84, "axis_y": 60,
        "left": left, "right": right, "y": y, "dots_svg": svg,
        "ci": {"low": x(low), "high": x(high)} if low is not None and high is not None else None,
        "ticks": [{"x": x(t), "label": f"{t:g}"} for t in ticks],
        "outlets": len(vals),
    }


def _position_dots(values, x, y, labels: dict) -> list[tuple]:
    """(outlet, its escaped label, its mean, its dot) of every outlet with a mean: hundreds of
    outlets, drawn here, each label escaped once."""
    out = []
    for i, (name, v) in enumerate(values):
        if v is None:
            continue
        label = labels.get(name)
        if label is None:
            label = labels[name] = str(escape(name))
        out.append((name, label, v,
                    f'<circle class="mb-dot" cx="{x(v)}" '
                    f'cy="{round(y + ((i * 7919) % 13 - 6) * 1.3, 2)}" r="3"><title>'
                    f'{label}: {float(v):.2f}</title></circle>'))
    return out
