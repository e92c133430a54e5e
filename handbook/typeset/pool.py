"""The worker processes that typeset units, and the cache in front of them.

Light on purpose: it is imported before anything heavy, so the workers can be
forked at once and load WeasyPrint while the main process is still reading
and validating the library.
"""

from __future__ import annotations

import multiprocessing

from .cache import Cache, digest
from .tasks import UnitPdf, UnitTask, start_worker, typeset_in_worker, worker_count


class Runner:
    """Typesets tasks from the cache, in worker processes, or here when jobs is 1."""

    def __init__(self, cache: Cache, jobs: int | None):
        self.cache = cache
        self.jobs = worker_count(jobs)
        self.pool = None
        self.typeset_count = self.cached_count = 0

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.pool is not None:
            if error is None:
                self.pool.close()
            else:  # interrupted or failed: do not wait for the others
                self.pool.terminate()
            self.pool.join()

    def run(self, tasks: list[UnitTask]) -> list[UnitPdf]:
        keys = [digest("unit", task.stylesheet, task.html, "\0".join(task.allowed))
                for task in tasks]
        results: list[UnitPdf | None] = [_from_cache(self.cache, key) for key in keys]
        missing = [index for index, result in enumerate(results) if result is None]
        self.cached_count += len(tasks) - len(missing)
        self.typeset_count += len(missing)
        # Longest first, so the last task to finish is a short one.
        missing.sort(key=lambda index: len(tasks[index].html), reverse=True)
        for index, result in zip(missing, self._typeset([tasks[i] for i in missing])):
            results[index] = result
            _to_cache(self.cache, keys[index], result)
        return results

    def _typeset(self, tasks: list[UnitTask]):
        if self.jobs == 1 or not tasks:
            return map(typeset_in_worker, tasks)
        self.start()
        return self.pool.imap(typeset_in_worker, tasks, chunksize=1)

    def start(self) -> None:
        """Fork the workers now, so they load WeasyPrint while this process validates."""
        if self.pool is None and self.jobs > 1:
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.jobs, initializer=start_worker)


def _from_cache(cache: Cache, key: str) -> UnitPdf | None:
    entry = cache.get("units", key)
    if entry is None:
        return None
    metadata, pdf = entry
    links = tuple((page, tuple(rectangle), target) for page, rectangle, target in metadata["links"])
    return UnitPdf(pdf, tuple(tuple(size) for size in metadata["pages"]), metadata["anchors"],
                   links)


def _to_cache(cache: Cache, key: str, unit: UnitPdf) -> None:
    cache.put("units", key, {"pages": unit.pages, "anchors": unit.anchors, "links": unit.links},
              unit.pdf)
