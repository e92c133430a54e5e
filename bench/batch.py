"""The batch speed-up: twenty plans with one job, then with two, as fresh processes.

Run with ``python bench/batch.py``; the issue asks for at least 1.6 times
faster with two jobs on a two-core machine.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLS = ["lumbar-hernia-classic", "cervical-hernia", "thoracic-hernia-classic",
             "lumbar-hernia-manual-therapy", "lumbosacral-osteochondrosis"]


def write_plans(path: Path, count: int = 20) -> None:
    rows = ["patient,protocol,start"]
    rows += [f"Patient {number},{PROTOCOLS[number % len(PROTOCOLS)]},2026-12-{1 + number % 28:02d}"
             for number in range(count)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def timed_batch(plans: Path, folder: Path, jobs: int) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "handbook", "batch", str(plans), "-o", str(folder),
                    "--source", str(ROOT / "protocols"), "--jobs", str(jobs)],
                   check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main(runs: int = 3) -> None:
    work = Path(tempfile.mkdtemp(prefix="handbook-batch-"))
    try:
        plans = work / "plans.csv"
        write_plans(plans)
        one = min(timed_batch(plans, work / "one", 1) for _ in range(runs))
        two = min(timed_batch(plans, work / "two", 2) for _ in range(runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"20 plans, --jobs 1: {one:.2f} s   --jobs 2: {two:.2f} s   speed-up {one / two:.2f}x"
          f"   ({'met' if one / two >= 1.6 else 'MISSED'}: at least 1.6x)")


if __name__ == "__main__":
    main()
