"""Typeset the handbook unit by unit, on every core, reusing what has not changed.

1. Every unit is typeset on its own (in worker processes, or taken from the
   cache when its HTML and stylesheet were seen before); the contents are
   typeset with placeholder page numbers, only to learn how long they are.
2. The final page of every anchor follows from the units' lengths (with a
   blank page wherever a duplex unit must open on the right); the contents
   are typeset again with the real numbers.
3. An overlay of "Page X of Y" footers is typeset for the final sequence of
   pages, and everything is assembled into one PDF (see assembly).

The result has the same pages, contents numbers, outline and footers as the
handbook typeset as a single document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .assembly import Metadata, assemble, page_numbers, page_plan
from .pool import Runner
from ..errors import BuildError
from ..render.document import Handbook, Unit
from .tasks import UnitPdf, UnitTask

#: Typesetting the contents again can change its length only in freak cases;
#: a few rounds always settle it.
MAX_CONTENTS_ROUNDS = 3


@dataclass(frozen=True)
class TypesetOptions:
    allowed: tuple[str, ...]
    epoch: int
    time_limit: float


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    pages: int
    units_typeset: int
    units_cached: int


def typeset(handbook: Handbook, metadata: Metadata, options: TypesetOptions,
            runner: Runner) -> Typeset:
    """The handbook as one PDF, typeset by ``runner``'s workers (see the module)."""
    stylesheet = handbook.stylesheet(page_numbers=False)
    placeholders = {entry.anchor: 0 for entry in handbook.contents}
    units = handbook.units(page_numbers=placeholders)
    names = [unit.name for unit in units]
    duplex = handbook.setup.duplex
    typeset_units = runner.run([_task(handbook, unit, stylesheet, options) for unit in units])
    plan = page_plan(typeset_units, duplex=duplex)
    for _ in range(MAX_CONTENTS_ROUNDS):
        # The numbered contents and the footers only depend on the plan: typeset together.
        kinds = _page_kinds(typeset_units, plan, names)
        tasks = [UnitTask(handbook.overlay(kinds), "", options.allowed, options.epoch,
                          options.time_limit)]
        if "part-contents" in names:
            contents = handbook.contents_unit(page_numbers(typeset_units, plan))
            tasks.append(_task(handbook, contents, stylesheet, options))
        overlay, *numbered_contents = runner.run(tasks)
        if numbered_contents:
            typeset_units[names.index("part-contents")] = numbered_contents[0]
        settled = page_plan(typeset_units, duplex=duplex) == plan
        plan = page_plan(typeset_units, duplex=duplex)
        if settled:
            break
    else:  # the footers would belong to another sequence of pages than the one assembled
        raise BuildError("the contents kept changing length as their page numbers were "
                         "filled in; please report this edition")
    pdf = assemble(typeset_units, plan, overlay.pdf, [kind in ("page", "log") for kind in kinds],
                   handbook.contents, metadata, options.epoch, runner.cache)
    return Typeset(pdf, len(plan), runner.typeset_count, runner.cached_count)


def _task(handbook: Handbook, unit: Unit, stylesheet: str, options: TypesetOptions) -> UnitTask:
    return UnitTask(handbook.html([unit], None), stylesheet, options.allowed, options.epoch,
                    options.time_limit)


def _page_kinds(units: Sequence[UnitPdf], plan: list[int | None], names: list[str]) -> list[str]:
    """What each final page is, for the footer overlay."""
    kinds, seen = [], {}
    for unit_index in plan:
        if unit_index is None:
            kinds.append("blank")
            continue
        page = seen.get(unit_index, 0)
        seen[unit_index] = page + 1
        width, height = units[unit_index].pages[page]
        if names[unit_index] == "part-cover":
            kinds.append("cover")
        else:
            kinds.append("log" if width > height else "page")
    return kinds
