"""Is every page of a built PDF right?  The checks a careful proof-reader makes, from the PDF.

Each page is read back as lines of text, rules and figures (pdf_pages.py), and judged:

* **fill** — a page whose section goes on overleaf is at least half used, and a section's
  last page holds more than a stray line or two.  Meant to be sparse: the cover, a section
  of one page (a chapter's opening page, a form), a blank page before a section (duplex)
  or at the end of a booklet;
* **last line** — no heading, and no caption or table head with nothing under it, as the
  last thing on a page;
* **overlap** — no text box overlaps another, crosses a rule (a table's, a box's) or comes
  within 3 mm of the page's edge;
* **page number** — every page but the covers and the blanks carries "Page X of Y" (X its
  number, Y the count) on the running footer's baseline, in the same place as on every
  other page of its kind;
* **back cover** — a booklet's outside back cover is blank or a back cover, not content.

What the PDF shows is all it knows: a section starts where a named destination (an
element's id) stands at the top of a page, or where the page turns to landscape; in a
booklet's sheets, which keep no destinations, also where a page opens with a heading or
follows a blank.  Every finding names the variant, the page and the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from page_layout import MM, SAME, Layout
from pdf_pages import Box, Page, Run

#: A page whose section goes on overleaf uses at least this share of the type area's height.
MIN_FILL = 0.5
#: A section's last page holds at least this share, or at least TAIL_LINES lines.
MIN_TAIL = 0.12
TAIL_LINES = 4
#: No text closer than this to the trimmed page's edge (a print shop's safe area).
SAFE = 3 * MM


@dataclass(frozen=True)
class Finding:
    """One thing wrong on one page: which variant, which page, which rule, in words."""

    variant: str
    page: str
    rule: str  # underfull, alone, blank, heading, caption, overlap, rule, edge, number, ...
    problem: str
    text: str

    def __str__(self) -> str:
        return f"{self.variant}, {self.page}: {self.problem}: «{self.text}»"


def check_pages(variant: str, pages: list[Page], *, booklet: bool = False) -> list[Finding]:
    """Every finding on the pages of one built PDF, page by page; a ``booklet``'s outside
    back cover (its last page) must be a back cover: blank, or unnumbered."""
    layout = Layout(pages)
    findings: list[Finding] = []
    last = pages[-1] if pages else None
    if booklet and last is not None and layout.kind(last) not in ("blank", "cover"):
        findings.append(Finding(variant, last.place, "back", "the outside back cover is a page "
                                "of the booklet's content", _last_text(layout, last)))
    for page in pages:
        for rule, problem, text in (*_fill(layout, page), *_last_line(layout, page),
                                    *_collisions(page), *_page_number(layout, page)):
            findings.append(Finding(variant, page.place or f"page {page.number}", rule, problem,
                                    _short(text)))
    return findings


def _fill(layout: Layout, page: Page):
    kind = layout.kind(page)
    if kind == "blank":
        following = page.number < len(layout.pages) and layout.kinds[page.number]
        if following not in (False, "start", "blank"):
            yield "blank", "a blank page inside a section", "(blank)"
        return
    if kind == "cover":
        return
    fill = layout.fill(page)
    lines = _lines(layout.body_runs(page))
    if layout.goes_on(page) and fill < MIN_FILL:
        yield ("underfull", f"only {fill:.0%} of the page is used and its section goes on "
               "overleaf", _last_text(layout, page))
    elif not layout.goes_on(page) and kind == "more" and fill < MIN_TAIL \
            and len(lines) < TAIL_LINES:
        yield ("alone", f"the end of a section stands alone on a page ({len(lines)} lines)",
               " / ".join(lines))


def _last_line(layout: Layout, page: Page):
    """A heading, a caption or a table's head whose text is overleaf."""
    runs = layout.body_runs(page)
    if not runs or not layout.goes_on(page):
        return
    lines = sorted({round(run.baseline, 1) for run in runs})
    last = [run for run in runs if abs(run.baseline - lines[0]) < 2]
    if not all(run.bold_sans for run in last):
        return
    lowest = min(box[1] for box in layout.body(page))
    if lowest < min(run.box[1] for run in last) - 2 * layout.body_size:
        return  # a drawing or a box comes under the line: the line is not last
    if _under_figure(page, last) or _ruled_below(page, last):
        return  # a figure's caption, or the last line inside a box or a table
    text = " ".join(run.text for run in sorted(last, key=lambda run: run.box[0]))
    if text.rstrip().endswith((".", "!")) and not layout.is_heading(last, 0.98):
        return  # a bold sentence ends here (a red flag's action under its sign), no caption
    if layout.is_heading(last, 0.98):
        yield "heading", "a heading is the last thing on the page", text
    else:
        yield "caption", "a caption or table head is the last thing on the page", text


def _under_figure(page: Page, line: list[Run]) -> bool:
    top = max(run.box[3] for run in line)
    left, right = min(run.box[0] for run in line), max(run.box[2] for run in line)
    return any(0 <= figure[1] - top < 3 * line[0].size and figure[0] < right and left < figure[2]
               for figure in page.figures)


def _ruled_below(page: Page, line: list[Run]) -> bool:
    """The line sits in a box or a table cell: a rule runs under it within a line's height."""
    bottom = min(run.box[1] for run in line)
    left, right = min(run.box[0] for run in line), max(run.box[2] for run in line)
    return any(0 <= bottom - rule[3] < 1.5 * line[0].size and rule[0] < right and left < rule[2]
               for rule in page.rules)


def _collisions(page: Page):
    """Text on text, text across a rule, text at the edge of the page."""
    runs = sorted(page.runs, key=lambda run: run.box[1])
    bands: dict[int, list[Box]] = {}  # the rules by the 20-point bands of height they cross
    for rule in page.rules:
        for band in range(int(rule[1] // 20), int(rule[3] // 20) + 1):
            bands.setdefault(band, []).append(rule)
    for index, run in enumerate(runs):
        for other in runs[index + 1:]:
            if other.box[1] >= run.box[3]:
                break
            if _overlap(run.box, other.box, 0.5):
                yield "overlap", "two text boxes overlap", f"{run.text} ⟷ {other.text}"
        near = {rule for band in range(int(run.box[1] // 20), int(run.box[3] // 20) + 1)
                for rule in bands.get(band, ())}
        for rule in sorted(near):
            if _overlap(run.box, rule, 0.15):
                yield "rule", "text crosses a rule", run.text
                break
        left, bottom, right, top = page.trim
        if (run.box[0] < left + SAFE or run.box[2] > right - SAFE
                or run.box[1] < bottom + SAFE or run.box[3] > top - SAFE):
            yield "edge", "text runs to the edge of the page", run.text


def _page_number(layout: Layout, page: Page):
    """"Page X of Y" on the baseline of the footer beside it, where it is on every page."""
    if layout.kind(page) in ("blank", "cover"):
        return
    number = layout.numbers[page.number]
    if number is None:
        yield "number", "no stamped page number", f"page {page.number} of {len(layout.pages)}"
        return
    beside = [run for run in page.runs if run is not number and layout.in_foot(page, run.baseline)
              and abs(run.baseline - number.baseline) < 4 * MM]
    if beside and abs(beside[0].baseline - number.baseline) > SAME:
        off = number.baseline - beside[0].baseline
        yield ("baseline", f"the page number is {off:+.1f} pt off the running footer's "
               f"baseline ({beside[0].text})", number.text)
    elif abs(number.baseline - page.trim[1] - layout.number_height[page.landscape]) > SAME:
        yield ("place", "the page number is not where it is on the other pages",
               number.text)


def _lines(runs: list[Run]) -> list[str]:
    rows: dict[int, list[Run]] = {}
    for run in runs:
        rows.setdefault(round(run.baseline), []).append(run)
    return [" ".join(run.text for run in sorted(rows[y], key=lambda run: run.box[0]))
            for y in sorted(rows, reverse=True)]


def _last_text(layout: Layout, page: Page) -> str:
    lines = _lines(layout.body_runs(page))
    return lines[-1] if lines else "(a drawing)"


def _overlap(first: Box, second: Box, margin: float) -> bool:
    return (min(first[2], second[2]) - max(first[0], second[0]) > margin
            and min(first[3], second[3]) - max(first[1], second[1]) > margin)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
