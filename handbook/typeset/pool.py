"""The worker processes that typeset, and the cache in front of them.

Light on purpose: it is imported before anything heavy, so the workers can be
forked at once and load WeasyPrint while the main process is still reading and
validating the library.  The handbook's units and a batch's plans run on the
same pool: :meth:`Runner.run` typesets units (through the cache),
:meth:`Runner.map` runs any picklable function on the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from typing import TypeVar

from .cache import Cache, digest
from .tasks import UnitPdf, UnitTask

#: How much lower than their parent's the priority of background workers is (the live
#: preview's: its HTML view refreshes while they typeset the page view's PDF).
BACKGROUND_NICENESS = 5

Item = TypeVar("Item")
Result = TypeVar("Result")


class Runner:
    """Typesets tasks from the cache, in worker processes, or here when jobs is 1.

    ``workers=True`` keeps even one job in a worker process: the time limit holds only in
    a process's main thread, and a caller that typesets from a thread of its own (the
    live preview) has it kept there.  ``background=True`` lowers the workers' priority
    (by :data:`BACKGROUND_NICENESS`), so what the caller does meanwhile comes first."""

    def __init__(self, cache: Cache, jobs: int | None, *, workers: bool = False,
                 background: bool = False):
        self.cache = cache
        self.jobs = worker_count(jobs)
        self.in_process = self.jobs == 1 and not workers
        self.niceness = BACKGROUND_NICENESS if background else 0
        self.pool = None
        self.typeset_count = self.cached_count = 0
        self.refused: dict[str, None] = {}  # every URL the sandbox refused, in order, once

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.pool is not None:
            if error is None:
                self.pool.close()
            else:  # interrupted or failed: do not wait for the others
                self.pool.terminate()
            self.pool.join()

    def begin(self) -> None:
        """Start a new document on a runner kept across documents: fresh counts."""
        self.typeset_count = self.cached_count = 0
        self.refused = {}

    def run(self, tasks: list[UnitTask]) -> list[UnitPdf]:
        """Each task's unit, from the cache or typeset afresh, in the order given."""
        keys = [digest("unit", task.stylesheet, task.html, "\0".join(task.allowed),
                       "tagged" if task.tagged else "untagged")
                if task.cacheable else "" for task in tasks]
        results: list[UnitPdf | None] = [_from_cache(self.cache, key) if key else None
                                         for key in keys]
        missing = [index for index, result in enumerate(results) if result is None]
        self.cached_count += len(tasks) - len(missing)
        self.typeset_count += len(missing)
        # Longest first, so the last task to finish is a short one.
        missing.sort(key=lambda index: len(tasks[index].html), reverse=True)
        for index, result in zip(missing, self.map(typeset_unit, [tasks[i] for i in missing],
                                                   ordered=True)):
            results[index] = result
            if keys[index]:
                _to_cache(self.cache, keys[index], result)
        for result in results:
            self.refused.update(dict.fromkeys(result.refused))
        return results

    def map(self, function: Callable[[Item], Result], items: list[Item], *,
            ordered: bool = False) -> Iterator[Result]:
        """``function`` of each item, on the workers (here when jobs is 1); unordered
        results come as soon as each is done."""
        if self.in_process or not items:
            return map(function, items)
        self.start()
        if ordered:
            return self.pool.imap(function, items, chunksize=1)
        return self.pool.imap_unordered(function, items, chunksize=1)

    def start(self) -> None:
        """Fork the workers now, so they load WeasyPrint while this process validates."""
        if self.pool is None and not self.in_process:
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.jobs, initializer=start_worker,
                                     initargs=(self.niceness,))


def typeset_unit(task: UnitTask) -> UnitPdf:
    """The pool's task: WeasyPrint is imported in the worker, not here."""
    from ._worker import typeset_unit as typeset

    return typeset(task)


def start_worker(niceness: int = 0) -> None:
    """Pool initializer: Ctrl-C is the parent's business (ignored before anything else,
    so an early Ctrl-C cannot kill a worker half-started), SIGTERM ends a worker at once;
    a background worker gives way to others (``niceness``); then load WeasyPrint while
    the parent is still validating."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent ends its workers with it
    if niceness:
        os.nice(niceness)
    from . import _worker  # noqa: F401 - the import is the warm-up


def worker_count(jobs: int | None) -> int:
    """How many processes to use: the cores this process may run on, unless told."""
    if jobs:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _from_cache(cache: Cache, key: str) -> UnitPdf | None:
    entry = cache.get("units", key)
    if entry is None:
        return None
    metadata, pdf = entry
    try:
        pages = tuple((float(width), float(height)) for width, height in metadata["pages"])
        anchors = {str(name): int(page) for name, page in metadata["anchors"].items()}
        refused = tuple(map(str, metadata["refused"]))
    except (KeyError, TypeError, ValueError, AttributeError):  # whole, but not a unit entry
        cache.discard("units", key)
        return None
    if not pages or not pdf.startswith(b"%PDF"):
        cache.discard("units", key)
        return None
    return UnitPdf(pdf, pages, anchors, refused)


def _to_cache(cache: Cache, key: str, unit: UnitPdf) -> None:
    cache.put("units", key, {"pages": unit.pages, "anchors": unit.anchors,
                             "refused": unit.refused}, unit.pdf)
