"""Batches of personal plans: ms per plan page against the naive document, on two jobs, and
a thousand plans in time linear in their number with the whole process tree's memory flat.

Run with ``python bench/batch.py`` (``make bench`` runs it after bench/run.py).  Every
figure is a fresh process, measured like bench/run.py measures builds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import measure  # noqa: E402 - the same sampler as the build benchmark

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLS = ["lumbar-hernia-classic", "cervical-hernia", "thoracic-hernia-classic",
             "lumbar-hernia-manual-therapy", "lumbosacral-osteochondrosis"]
FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina", "Hugo", "Irina",
         "Jonas", "Katya", "Lev", "Maria", "Nikolai", "Olga", "Pavel"]
LAST = ["Petrova", "Ivanov", "Schmidt", "Orlov", "Adams", "Kuznetsova", "Novak", "Smirnov"]


def write_plans(path: Path, count: int) -> None:
    rows = ["patient,protocol,start"]
    rows += [f"{FIRST[number % len(FIRST)]} {LAST[number % len(LAST)]} {number},"
             f"{PROTOCOLS[number % len(PROTOCOLS)]},2026-12-{1 + number % 28:02d}"
             for number in range(count)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def batch(plans: Path, folder: Path, jobs: int, cache: Path) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    row = measure([sys.executable, "-m", "handbook", "batch", str(plans), "-o", str(folder),
                   "--source", str(ROOT / "protocols"), "--jobs", str(jobs)],
                  env={"HANDBOOK_CACHE": str(cache)})
    row["plans"] = sum(1 for _ in folder.glob("*.pdf"))
    row["pages"] = sum(len(PdfReader(path).pages) for path in folder.glob("*.pdf"))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large", type=int, default=1000, help="plans in the large batch")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="handbook-batch-"))
    try:
        cache = work / "cache"
        naive = min((measure([sys.executable, str(ROOT / "bench" / "naive.py")])
                     for _ in range(arguments.runs)), key=lambda row: row["seconds"])
        naive_ms = 1000 * naive["seconds"] / naive["pages"]
        plans = work / "plans-40.csv"
        write_plans(plans, 40)
        batch(plans, work / "warm", 2, cache)  # the shared pages reach the unit cache
        rows = {jobs: min((batch(plans, work / f"jobs{jobs}", jobs, cache)
                           for _ in range(arguments.runs)), key=lambda row: row["seconds"])
                for jobs in (1, 2)}
        large = work / f"plans-{arguments.large}.csv"
        write_plans(large, arguments.large)
        big = batch(large, work / "large", 2, cache)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"naive WeasyPrint document: {naive_ms:.0f} ms/page")
    for jobs, row in rows.items():
        per_page = 1000 * row["seconds"] / row["pages"]
        print(f"40 plans, --jobs {jobs}: {row['seconds']:.2f} s, {row['pages']} pages, "
              f"{per_page:.0f} ms/page ({per_page / naive_ms:.2f} x naive), "
              f"{row['plans'] / row['seconds']:.1f} plans/s, tree {row['tree_rss_mb']:.0f} MB")
    speed_up = rows[1]["seconds"] / rows[2]["seconds"]
    two = 1000 * rows[2]["seconds"] / rows[2]["pages"] / naive_ms
    per_plan_small = rows[2]["seconds"] / rows[2]["plans"]
    per_plan_large = big["seconds"] / big["plans"]
    print(f"{big['plans']} plans, --jobs 2: {big['seconds']:.1f} s, {big['pages']} pages, "
          f"{per_plan_large * 1000:.0f} ms/plan (40 plans: {per_plan_small * 1000:.0f} ms/plan), "
          f"tree peak {big['tree_rss_mb']:.0f} MB, largest process {big['largest_rss_mb']:.0f} MB")
    print()
    for name, value, limit in (
            ("batch ms/plan page <= 0.22 x naive (2 jobs)", two, 0.22),
            ("two jobs' time <= 0.625 x one job's (1.6 x faster)", 1 / speed_up, 1 / 1.6),
            (f"{big['plans']} plans: time per plan <= 1.2 x a small batch's",
             per_plan_large / per_plan_small, 1.2),
            (f"{big['plans']} plans: process tree peak <= 1000 MB", big["tree_rss_mb"], 1000)):
        print(f"{'met   ' if value <= limit else 'MISSED'} {name:52} {value:8.3f} (limit {limit})")


if __name__ == "__main__":
    main()
