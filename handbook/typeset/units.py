"""Typeset a document unit by unit, on every core, reusing what has not changed.

1. Every unit is typeset on its own (in worker processes, or taken from the
   cache when its HTML and stylesheet were seen before); the contents are
   typeset with placeholder page numbers, only to learn how long they are.
2. The final page of every anchor follows from the units' lengths (with a
   blank page wherever a duplex unit must open on the right); the contents
   are typeset again with the real numbers.  In a booklet only chapters open on
   the right: a unit that falls on a left-hand page is typeset again with that
   page's mirrored margins (the same measure, so the same length), and blank
   pages before the back cover make whole sheets.
3. Everything is assembled into one PDF (see assembly), and "Page X of Y" is
   written straight into each page (see footers): nothing is laid out twice.
   Each unit's structure tree is joined into the document's (see structure).

The result has the same pages, contents numbers, outline and footers as the
document typeset whole.  What a document must offer is plain data
(:class:`~.tasks.UnitDocument`): this package knows nothing of rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import BuildError
from .assembly import assemble, page_numbers, page_plan
from .footers import page_kinds
from .tasks import Metadata, UnitDocument, UnitPdf, UnitTask

if TYPE_CHECKING:
    from .cache import Cache
    from .pool import Runner

#: Typesetting the contents again can change its length only in freak cases;
#: a few rounds always settle it.
MAX_CONTENTS_ROUNDS = 3


@dataclass(frozen=True)
class TypesetOptions:
    allowed: tuple[str, ...]
    epoch: int
    time_limit: float
    #: Every unit written with its structure tree, joined into one (see structure).
    tagged: bool = True


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    pages: int
    units_typeset: int
    units_cached: int
    refused: tuple[str, ...]
    #: The page of every anchor (what the contents print), for the live preview's contents.
    numbers: dict[str, int] = field(default_factory=dict)


def typeset(document: UnitDocument, metadata: Metadata, options: TypesetOptions,
            runner: Runner, fonts: Cache | None = None, pad_fonts: bool = False) -> Typeset:
    """The document as one PDF, typeset by ``runner``'s workers (see the module).

    ``fonts`` caches font subsets (the runner's cache unless given: a document that names
    a patient passes one kept in memory); ``pad_fonts`` subsets to the whole alphabet, so
    documents that differ only in a name share one subset."""
    names = [name for name, _ in document.units]
    typeset_units = runner.run([
        _task(html, document.stylesheet, options, name not in document.personal_units)
        for name, html in document.units])
    right_hand = (None if document.right_hand_units is None
                  else [name in document.right_hand_units for name in names])
    plan = page_plan(typeset_units, duplex=document.duplex, right_hand=right_hand)
    if document.contents_unit in names:
        plan = _number_the_contents(document, typeset_units, plan, runner, options, right_hand)
    if document.left_stylesheet:
        plan = _set_left_hand_units(document, typeset_units, plan, runner, options, right_hand)
    if document.back_cover in names:
        plan = _pad_before_back_cover(plan, names.index(document.back_cover))
    kinds = page_kinds(_page_sizes(typeset_units, plan),
                       [unit is not None and names[unit] in document.unnumbered_units
                        for unit in plan])
    pdf = assemble(typeset_units, plan, kinds, document.footer, document.outline, metadata,
                   options.epoch, fonts or runner.cache, pad_fonts)
    return Typeset(pdf, len(plan), runner.typeset_count, runner.cached_count,
                   tuple(runner.refused), page_numbers(typeset_units, plan))


def _number_the_contents(document: UnitDocument, typeset_units: list[UnitPdf],
                         plan: list[int | None], runner: Runner, options: TypesetOptions,
                         right_hand: list[bool] | None = None) -> list[int | None]:
    """Typeset the contents again with the real page numbers until its length, and so the
    page plan, stops changing; ``typeset_units`` gets the numbered contents."""
    index = [name for name, _ in document.units].index(document.contents_unit)
    for _ in range(MAX_CONTENTS_ROUNDS):
        numbered = document.numbered_contents(page_numbers(typeset_units, plan))
        typeset_units[index] = runner.run([_task(numbered, document.stylesheet, options)])[0]
        previous, plan = plan, page_plan(typeset_units, duplex=document.duplex,
                                         right_hand=right_hand)
        if plan == previous:
            return plan
    raise BuildError("the contents kept changing length as their page numbers were filled "
                     "in; please report this edition")


def _set_left_hand_units(document: UnitDocument, typeset_units: list[UnitPdf],
                         plan: list[int | None], runner: Runner, options: TypesetOptions,
                         right_hand: list[bool] | None) -> list[int | None]:
    """Typeset every unit that opens on a left-hand (even) page with the left-hand page's
    geometry; ``typeset_units`` gets them.  Mirrored margins keep the measure, so the units
    keep their lengths and the plan stands (it is checked)."""
    first_page = {}
    for number, unit in enumerate(plan, start=1):
        if unit is not None:
            first_page.setdefault(unit, number)
    left = [index for index, number in sorted(first_page.items()) if number % 2 == 0]
    if not left:
        return plan
    retypeset = runner.run([
        _task(document.units[index][1], document.left_stylesheet, options,
              document.units[index][0] not in document.personal_units) for index in left])
    for index, unit in zip(left, retypeset):
        typeset_units[index] = unit
    if page_plan(typeset_units, duplex=document.duplex, right_hand=right_hand) != plan:
        raise BuildError("a unit changed length when set on a left-hand page; please report "
                         "this edition")
    return plan


def _pad_before_back_cover(plan: list[int | None], back_cover: int) -> list[int | None]:
    """Blank pages before the back cover, so the booklet fills whole sheets of four pages
    and the back cover is the last of them."""
    start = plan.index(back_cover)
    return plan[:start] + [None] * (-len(plan) % 4) + plan[start:]


def _task(html: str, stylesheet: str, options: TypesetOptions,
          cacheable: bool = True) -> UnitTask:
    return UnitTask(html, stylesheet, options.allowed, options.epoch, options.time_limit,
                    cacheable, options.tagged)


def _page_sizes(units: Sequence[UnitPdf], plan: list[int | None]) -> list:
    """The size of each final page, None for a blank."""
    sizes, seen = [], {}
    for unit_index in plan:
        if unit_index is None:
            sizes.append(None)
            continue
        page = seen.get(unit_index, 0)
        seen[unit_index] = page + 1
        sizes.append(units[unit_index].pages[page])
    return sizes
