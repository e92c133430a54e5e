"""The worker side of the pool: loaded only in worker processes (or when one job
typesets in the main process), because it imports WeasyPrint.
"""

from __future__ import annotations

from .engine import typeset_html
from .tasks import UnitPdf, UnitTask


def typeset_unit(task: UnitTask) -> UnitPdf:
    """Lay out and write one unit; fonts are marked, not embedded (see the assembler), and
    a unit that would end on a page of a few lines is fitted onto one page less."""
    return typeset_html(task.html, stylesheet=task.stylesheet, allowed=task.allowed,
                        epoch=task.epoch, time_limit=task.time_limit, mark_fonts=True,
                        tagged=task.tagged, fit=True)
