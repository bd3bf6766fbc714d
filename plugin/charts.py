"""Geometry for the server-side SVG charts. Numbers only: the templates draw the SVG, so every
label goes through Jinja's autoescaping.

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
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw), default=raw)
    start = math.floor(lo / step) * step
    ticks = [round(start, 10)]
    while ticks[-1] < hi - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
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
            dots.append({"x": x(v), "y": round(y + jitter, 2), "value": v})
        out_rows.append({
            "label": r["label"], "y": y, "dots": dots, "box": box,
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
             high: float | None) -> dict | None:
    """Where one outlet sits among all outlets on a metric: a dot per outlet's mean, the
    highlighted outlet larger, with its 95% confidence interval from ``low`` to ``high``."""
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
    dots = [{"x": x(v), "y": round(y + ((i * 7919) % 13 - 6) * 1.3, 2), "label": name,
             "value": v, "highlight": name == highlight}
            for i, (name, v) in enumerate(values) if v is not None]
    dots.sort(key=lambda d: d["highlight"])  # the highlighted dot is drawn last, on top
    return {
        "metric": metric.name, "label": metric.label, "unit": metric.unit, "fmt": metric.fmt,
        "higher_means": metric.higher_means, "width": WIDTH, "height": 84, "axis_y": 60,
        "left": left, "right": right, "y": y, "dots": dots,
        "ci": {"low": x(low), "high": x(high)} if low is not None and high is not None else None,
        "ticks": [{"x": x(t), "label": f"{t:g}"} for t in ticks],
        "outlets": len(dots),
    }


# --- SVG ------------------------------------------------------------------------------------
# The chart markup is written here rather than in Jinja macros: a chart has hundreds of
# elements, and Datasette's async Jinja made the macros most of a page's time. Every text from
# the data goes through markupsafe.escape; everything else is numbers this module computed.

def _label(text, limit=28) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _axis(c) -> list[str]:
    out = []
    for t in c["ticks"]:
        out.append(f'<line class="mb-grid" x1="{t["x"]}" x2="{t["x"]}" y1="0" '
                   f'y2="{c["axis_y"]}"></line>'
                   f'<text class="mb-tick" x="{t["x"]}" y="{c["axis_y"] + 16}" '
                   f'text-anchor="middle">{escape(t["label"])}</text>')
    return out


def _svg(c, aria: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg role="img" aria-label="{escape(aria)}" viewBox="0 0 {c["width"]} {c["height"]}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">' + "".join(body) + "</svg>")


def distribution_svg(c) -> Markup:
    body = _axis(c)
    for r in c["rows"]:
        y = r["y"]
        body.append(f'<text class="mb-rowlabel" x="{c["left"] - 8}" y="{y + 4}" '
                    f'text-anchor="end">{escape(_label(r["label"]))}</text>')
        b = r["box"]
        if b:
            body.append(
                f'<line class="mb-whisker" x1="{b["min"]}" x2="{b["max"]}" y1="{y}" y2="{y}">'
                f'</line><rect class="mb-box" x="{b["q1"]}" y="{y - 9}" '
                f'width="{max(b["q3"] - b["q1"], 0.5):.2f}" height="18"></rect>'
                f'<line class="mb-median" x1="{b["median"]}" x2="{b["median"]}" y1="{y - 9}" '
                f'y2="{y + 9}"></line>')
        body.extend(f'<circle class="mb-dot" cx="{d["x"]}" cy="{d["y"]}" r="2.6"><title>'
                    f'{d["value"]:.2f}</title></circle>' for d in r["dots"])
        if r["article"] is not None:
            body.append(f'<path class="mb-article" d="M{r["article"]} {y - 7} l6 7 l-6 7 '
                        f'l-6 -7 z"><title>{escape(r["label"])} article: '
                        f'{r["article_value"]:.2f}</title></path>')
    return _svg(c, f"{c['label']} by outlet", body)


def position_svg(c, outlet_name: str) -> Markup:
    body = _axis(c)
    if c["ci"]:
        body.append(f'<line class="mb-ci" x1="{c["ci"]["low"]}" x2="{c["ci"]["high"]}" '
                    f'y1="{c["y"]}" y2="{c["y"]}"></line>')
    for d in c["dots"]:
        if d["highlight"]:
            body.append(f'<circle class="mb-this" cx="{d["x"]}" cy="{c["y"]}" r="6"><title>'
                        f'{escape(d["label"])}: {d["value"]:.2f}</title></circle>')
        else:
            body.append(f'<circle class="mb-dot" cx="{d["x"]}" cy="{d["y"]}" r="3"><title>'
                        f'{escape(d["label"])}: {d["value"]:.2f}</title></circle>')
    return _svg(c, f"{c['label']}: {outlet_name} among all outlets", body)
