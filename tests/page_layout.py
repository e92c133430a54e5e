"""What every page of one built PDF shares, learned from the pages themselves: the body
text's size, the running heads' and footers' lines, the type area, the stamped page
numbers, and what each page is (a cover, a blank, a section's first page, or more of
one).  The page-quality rules (page_quality.py) judge each page against it.
"""

from __future__ import annotations

import re
from collections import Counter

from pdf_pages import Box, Page, Run

MM = 72 / 25.4
#: How far apart two positions may be and still be "the same" (points).
SAME = 0.6
#: "Page 7 of 80", "Стр. 7 из 80": two numbers and words around them, alone on their line.
PAGE_NUMBER = re.compile(r"^\D{0,12}(\d+)\D{1,6}(\d+)\D{0,6}$")


class Layout:
    """What every page of the PDF shares: the body text's size, where the running heads
    and footers are, and the type area, learned from the pages themselves."""

    def __init__(self, pages: list[Page]):
        self.pages = pages
        sizes = Counter()
        for page in pages:
            for run in page.runs:
                if "Serif" in run.font:
                    sizes[round(run.size, 1)] += len(run.text)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        self.numbers = {page.number: self._stamped(page) for page in pages}
        self.header, self.footer, self.area = {}, {}, {}
        for landscape in (False, True):
            numbered = [page for page in pages if page.landscape == landscape
                        and self.numbers[page.number] is not None]
            # The running heads' baseline: the top line's on most numbered pages.
            tops = Counter(round(max(run.baseline for run in page.runs)) for page in numbered)
            self.header[landscape] = tops.most_common(1)[0][0] - 1 if tops else None
            self.footer[landscape] = max((self.numbers[page.number].baseline
                                          for page in numbered), default=None)
        for landscape in (False, True):
            boxes = [box for page in pages if page.landscape == landscape
                     for box in self.body(page)]
            if boxes:
                self.area[landscape] = (min(box[1] for box in boxes), max(box[3] for box in boxes))
        self.kinds = [self._kind(page, pages[index - 1] if index else None)
                      for index, page in enumerate(pages)]
        numbered = [(page, self.numbers[page.number]) for page in pages
                    if self.numbers[page.number] is not None]
        self.number_height = {
            landscape: Counter(round(run.baseline - page.trim[1], 1) for page, run in numbered
                               if page.landscape == landscape).most_common(1)[0][0]
            for landscape in (False, True) if any(page.landscape == landscape
                                                  for page, _ in numbered)}

    def kind(self, page: Page) -> str:
        return self.kinds[page.number - 1]

    def goes_on(self, page: Page) -> bool:
        """The page's section goes on overleaf."""
        return page.number < len(self.pages) and self.kinds[page.number] == "more"

    def _stamped(self, page: Page) -> Run | None:
        """The run that says "Page X of Y" for this page, in the lower quarter of the page;
        Y counts every page, or those up to the last printed one (blanks that pad a
        booklet to whole sheets may follow)."""
        printed = len(self.pages)
        while printed > 1 and self.pages[printed - 1].blank:
            printed -= 1
        limit = page.trim[1] + (page.trim[3] - page.trim[1]) / 4
        for run in page.runs:
            match = PAGE_NUMBER.match(run.text)
            if match and run.box[3] < limit and int(match[1]) == page.number \
                    and int(match[2]) in (len(self.pages), printed):
                return run
        return None

    def in_head(self, page: Page, height: float) -> bool:
        """A line whose baseline (a drawing whose bottom) is this high is a running head."""
        header = self.header.get(page.landscape)
        return header is not None and height >= header

    def in_foot(self, page: Page, height: float) -> bool:
        """A line whose baseline (a drawing whose top) is this low is a running footer."""
        footer = self.footer.get(page.landscape)
        return footer is not None and height <= footer + SAME

    def body_runs(self, page: Page) -> list[Run]:
        return [run for run in page.runs if _inside(run.box, page.trim)
                and not self.in_head(page, run.baseline) and not self.in_foot(page, run.baseline)]

    def body(self, page: Page) -> list[Box]:
        """The boxes of everything in the page's type area: text, rules, figures."""
        boxes = [run.box for run in self.body_runs(page)]
        boxes += [box for box in (*page.rules, *page.figures) if _inside(box, page.trim)
                  and not self.in_head(page, box[1]) and not self.in_foot(page, box[3])]
        return boxes

    def fill(self, page: Page) -> float:
        """How far down the type area the page's content reaches, from 0 to 1."""
        boxes = self.body(page)
        bottom, top = self.area.get(page.landscape, (0.0, 1.0))
        if not boxes or top <= bottom:
            return 0.0
        return (top - min(box[1] for box in boxes)) / (top - bottom)

    def first_line(self, page: Page) -> list[Run]:
        runs = self.body_runs(page)
        if not runs:
            return []
        top = max(run.baseline for run in runs)
        return [run for run in runs if abs(run.baseline - top) < 2]

    def is_heading(self, runs: list[Run], scale: float) -> bool:
        return bool(runs) and all(run.bold_sans and run.size >= scale * self.body_size - 0.1
                                  for run in runs)

    def _kind(self, page: Page, previous: Page | None) -> str:
        """cover, blank, start (a section's first page: a chapter, a protocol, a form) or more.

        A section starts where a named destination (a section's id) stands at the top of
        the page; in a PDF without any (a booklet's sheets), where a heading does."""
        if page.blank:
            return "blank"
        if page.number in (1, len(self.pages)) and self.numbers[page.number] is None:
            return "cover"  # the front cover, or a back cover
        first = self.first_line(page)
        if previous is None or previous.landscape != page.landscape:
            return "start"
        if page.anchors is None:
            return "start" if previous.blank or self.is_heading(first, 0.98) else "more"
        top = max((run.box[3] for run in first), default=page.trim[3])
        return "start" if any(height >= top - 1 for height in page.anchors) else "more"


def _inside(box: Box, trim: Box) -> bool:
    return box[0] >= trim[0] - 1 and box[1] >= trim[1] - 1 and box[2] <= trim[2] + 1 \
        and box[3] <= trim[3] + 1
