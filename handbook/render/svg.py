"""Figures as inline SVG, drawn from the figures the edition prepared.

Each panel of a figure is one square ``<svg role="img">`` with a ``<title>`` (its
alternative text, which the tagged PDF carries as the figure's /Alt): the outline of the body (a ``<symbol>`` from layouts/figures/, drawn once
and placed with ``<use>``), the zones shaded grey, and each step as a black mark
with its number in a circle.  WeasyPrint draws an inline SVG on its own, without
the page's stylesheet, so the figures' section of print.css is copied into each
SVG's own ``<style>``.  Everything from the library (captions, names) is escaped.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from html import escape

from markupsafe import Markup

from ..edition.figures import Figure, Panel, SpineMap
from ..edition.marks import (ARROW, ARROW_SPREAD, DOT_RADIUS, LABEL_RADIUS, LINE_WIDTH,
                             LOOP_RADIUS, TRACTION_BAR, WAVE_SWING, ZIGZAG_SWING, Mark)
from ..resources import LAYOUTS
from .environment import print_css

SVG = 'xmlns="http://www.w3.org/2000/svg"'


def body_map(figure: Figure, css_class: str = "body-map") -> Markup:
    """The figure as ``<figure>``: one square SVG per panel, and the caption."""
    classes = f"{css_class} small" if figure.small else css_class
    panels = "".join(_panel(panel) for panel in figure.panels)
    caption = f"<figcaption>{escape(figure.caption)}</figcaption>"
    return Markup(f'<figure class="{classes}"><div class="panels">{panels}</div>{caption}'
                  "</figure>")


def _panel(panel: Panel) -> str:
    x, y, size, _ = panel.box
    parts = [f'<svg {SVG} class="figure-art" role="img" '
             f'aria-label="{escape(panel.description)}" '
             f'viewBox="{_n(x)} {_n(y)} {_n(size)} {_n(size)}">',
             f"<title>{escape(panel.description)}</title>",
             f"<style>{_figure_css()}</style>", f"<defs>{_outline(panel.view)}</defs>",
             f'<use href="#body-{panel.view}" x="0" y="0" width="120" height="200"/>']
    parts += [f'<polygon class="zone" points="{_points(polygon)}"/>' for polygon in panel.zones]
    unit = panel.unit
    parts.append(f'<g class="marks" stroke-width="{_n(LINE_WIDTH * unit)}">')
    parts += [_mark(mark, unit) for mark in panel.marks]
    parts += [_label(number, spot, unit) for number, spot in panel.labels]
    parts.append("</g></svg>")
    return "".join(parts)


def legend(entries) -> Markup:
    """The marks of the body maps, each drawn small beside what it means."""
    rows = []
    for mark, meaning in entries:
        art = (f'<svg {SVG} class="legend-art" role="img" aria-label="{escape(meaning)}" '
               f'viewBox="0 0 20 36"><title>{escape(meaning)}</title><style>{_figure_css()}</style>'
               f'<g class="marks" stroke-width="{_n(LINE_WIDTH)}">{_mark(mark, 1.0)}</g></svg>')
        rows.append(f'<li data-mark="{mark.kind}">{art}<span>{escape(meaning)}</span></li>')
    return Markup(f'<ul class="mark-legend">{"".join(rows)}</ul>')


def spine_map(spine: SpineMap) -> Markup:
    """The vertebral column, C1 to S5, with the region's segments filled and labelled."""
    parts = [f'<svg {SVG} class="figure-art" role="img" aria-label="{escape(spine.description)}"'
             ' viewBox="0 0 72 200">', f"<title>{escape(spine.description)}</title>",
             f"<style>{_figure_css()}</style>"]
    y, positions = 4.0, {}
    for segment, lit in spine.segments:
        group = segment.rstrip("0123456789")
        height = {"C": 4.2, "Th": 5.6, "L": 7.4, "S": 4.0}[group]
        number = int(segment[len(group):])
        width = 18 - 2.4 * number if group == "S" else {"C": 11, "Th": 13, "L": 17}[group]
        positions.setdefault(group, [y, y])
        positions[group][1] = y + height
        shape = "vertebra lit" if lit else "vertebra"
        parts.append(f'<rect class="{shape}" x="{_n(24 - width / 2)}" y="{_n(y)}" '
                     f'width="{_n(width)}" height="{_n(height)}" rx="1.2"/>')
        y += height + (1.4 if group != "S" else 0.2)
    for label, span, lit in spine.groups:
        top, bottom = positions[label]
        middle = (top + bottom) / 2
        parts.append(f'<path class="bracket{" lit" if lit else ""}" d="M36 {_n(top)} '
                     f'L38 {_n(top)} L38 {_n(bottom)} L36 {_n(bottom)}"/>')
        parts.append(f'<text class="spine-label{" lit" if lit else ""}" x="40" '
                     f'y="{_n(middle + 1.8)}">{escape(span)}</text>')
    parts.append("</svg>")
    caption = f"<figcaption>{escape(spine.caption)}</figcaption>"
    return Markup(f'<figure class="spine-map">{"".join(parts)}{caption}</figure>')


def _mark(mark: Mark, unit: float) -> str:
    (x1, y1), (x2, y2) = mark.points[0], mark.points[-1]
    step = f'data-step="{mark.number}"'
    if mark.kind == "points":
        dots = "".join(f'<circle class="dot" cx="{_n(x)}" cy="{_n(y)}" r="{_n(DOT_RADIUS * unit)}"/>'
                       for x, y in mark.points)
        return f'<g class="mark" {step}>{dots}</g>'
    if mark.kind == "traction":  # arrows apart from a bar at the middle
        middle = ((x1 + x2) / 2, (y1 + y2) / 2)
        angle, bar = math.atan2(y2 - y1, x2 - x1) + math.pi / 2, TRACTION_BAR * unit
        across = [(middle[0] - bar * math.cos(angle), middle[1] - bar * math.sin(angle)),
                  (middle[0] + bar * math.cos(angle), middle[1] + bar * math.sin(angle))]
        return (f'<g class="mark" {step}>{_stroke(across)}{_stroke([middle, (x2, y2)])}'
                f'{_head(middle, (x2, y2), unit)}{_stroke([middle, (x1, y1)])}'
                f'{_head(middle, (x1, y1), unit)}</g>')
    if mark.kind == "circles":
        return (f'<g class="mark" {step}>{_stroke([(x1, y1), (x2, y2)], "thin")}'
                f'{_circles(x1, y1, x2, y2, unit)}{_head((x1, y1), (x2, y2), unit)}</g>')
    if mark.kind in ("zigzag", "wavy"):
        line = (_zigzag if mark.kind == "zigzag" else _wave)(x1, y1, x2, y2, unit)
        return (f'<g class="mark" {step}><path class="stroke" d="{line}"/>'
                f'{_head(*_last_two(line), unit)}</g>')
    points = list(mark.points)
    heads = _head(points[-2], points[-1], unit)
    if mark.kind == "double":
        heads += _head(points[1], points[0], unit)
    return f'<g class="mark" {step}>{_stroke(points)}{heads}</g>'


def _label(number: int, spot: tuple[float, float], unit: float) -> str:
    x, y = spot
    radius = LABEL_RADIUS * unit
    return (f'<g class="step-number" data-step="{number}"><circle cx="{_n(x)}" '
            f'cy="{_n(y)}" r="{_n(radius)}" stroke-width="{_n(0.8 * unit)}"/>'
            f'<text x="{_n(x)}" y="{_n(y + radius * 0.48)}" font-size="{_n(radius * 1.45)}">'
            f"{number}</text></g>")


def _stroke(points, kind: str = "stroke") -> str:
    return f'<polyline class="{kind}" points="{_points(points)}"/>'


def _head(start, end, unit: float) -> str:
    """A filled arrowhead at ``end``, pointing away from ``start``."""
    (x1, y1), (x2, y2) = start, end
    angle, length, spread = math.atan2(y2 - y1, x2 - x1), ARROW * unit, ARROW_SPREAD
    left = (x2 - length * math.cos(angle - spread), y2 - length * math.sin(angle - spread))
    right = (x2 - length * math.cos(angle + spread), y2 - length * math.sin(angle + spread))
    return f'<polygon class="head" points="{_points([end, left, right])}"/>'


def _circles(x1, y1, x2, y2, unit: float) -> str:
    """Small circles along the stroke: circular rubbing or kneading."""
    radius = LOOP_RADIUS * unit
    count = max(2, min(4, int(math.dist((x1, y1), (x2, y2)) // (3 * radius))))
    return "".join(
        f'<circle class="loop" cx="{_n(x1 + (x2 - x1) * (index + 0.5) / (count + 0.5))}" '
        f'cy="{_n(y1 + (y2 - y1) * (index + 0.5) / (count + 0.5))}" r="{_n(radius)}"/>'
        for index in range(count))


def _zigzag(x1, y1, x2, y2, unit: float) -> str:
    count = max(3, int(math.dist((x1, y1), (x2, y2)) // (5 * unit)))
    swing = ZIGZAG_SWING * unit
    points = [(x1 + (x2 - x1) * index / count + (swing if index % 2 else -swing)
               * (0 < index < count), y1 + (y2 - y1) * index / count)
              for index in range(count + 1)]
    return "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in points)


def _wave(x1, y1, x2, y2, unit: float) -> str:
    count = max(2, int(math.dist((x1, y1), (x2, y2)) // (10 * unit)))
    path = [f"M{_n(x1)} {_n(y1)}"]
    for index in range(count):
        sx, sy = x1 + (x2 - x1) * (index + 0.5) / count, y1 + (y2 - y1) * (index + 0.5) / count
        ex, ey = x1 + (x2 - x1) * (index + 1) / count, y1 + (y2 - y1) * (index + 1) / count
        side = WAVE_SWING * unit if index % 2 else -WAVE_SWING * unit
        path.append(f"Q{_n(sx + side)} {_n(sy)} {_n(ex)} {_n(ey)}")
    return " ".join(path)


def _last_two(path: str) -> tuple[tuple[float, float], tuple[float, float]]:
    numbers = [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?", path)]
    points = list(zip(numbers[::2], numbers[1::2]))
    return points[-2], points[-1]


def _points(points) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=4)
def _outline(view: str) -> str:
    text = (LAYOUTS / "figures" / f"body-{view}.svg").read_text(encoding="utf-8")
    return re.sub(r"<!--.*?-->\s*", "", text, flags=re.S).strip()


@lru_cache(maxsize=1)
def _figure_css() -> str:
    """The figures' section of print.css: WeasyPrint draws an inline SVG apart from the page."""
    css = print_css()
    start, end = css.index("/* -- Figures: copied"), css.index("/* -- end of figures")
    section = re.sub(r"/\*.*?\*/", "", css[start:end], flags=re.S)
    return " ".join(section.split())
