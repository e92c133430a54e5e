"""Benchmark the handbook build: run with ``make bench`` or ``python bench/run.py``.

Every figure is a fresh process, as an author would run it, timed on the wall
clock; each is run several times and the median is reported (this machine's
timings wander by ±15 %).  Peak memory is read from the kernel: the largest
single process (main or worker), and the sum over the process tree sampled
while it runs.  Results are printed as a table and written to
``bench/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLS = ROOT / "protocols"
HANDBOOK = [sys.executable, "-m", "handbook"]
SINGLE_DOCUMENT = """
import sys
from pathlib import Path
from handbook.clock import source_epoch
from handbook.typeset.whole import print_pdf
from handbook.render.document import Handbook
from handbook.edition.selection import select
from handbook.source.loader import load_library
library = load_library(Path(sys.argv[1]))
printed = print_pdf(Handbook(select(library)).document(), allowed=[Path(sys.argv[1])],
                    epoch=source_epoch(library.edition.date), tagged=False)
Path(sys.argv[2]).write_bytes(printed.pdf)
print(f"{printed.pages} pages")
"""
#: The default build as it would be without its structure tree (``handbook build --no-cache``
#: with ``tagged=False``): what tagging costs.
UNTAGGED = """
import sys
from pathlib import Path
from handbook.build import BuildOptions, build
result = build(BuildOptions(source=Path(sys.argv[1]), output=Path(sys.argv[2]), tagged=False,
                            cache_folder=None))
print(f"{result.pages} pages")
"""


def measure(command: list[str], env: dict | None = None) -> dict:
    """Wall seconds, the largest process's peak RSS, and the tree's sampled peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, cwd=ROOT)
    tree_peak = [0]
    sampler = threading.Thread(target=_sample_tree, args=(process.pid, tree_peak), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stdout, stderr = process.stdout.read().decode(), process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stdout}{stderr}")
    pages = re.search(r"(\d+) pages", stdout)
    return {"seconds": seconds, "largest_rss_mb": usage.ru_maxrss / 1024,
            "tree_rss_mb": tree_peak[0] / 1024, "pages": int(pages[1]) if pages else None}


def _sample_tree(pid: int, peak: list[int]) -> None:
    while True:
        total = 0
        for member in _tree(pid):
            try:
                status = Path(f"/proc/{member}/status").read_text()
            except OSError:
                continue
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            total += int(found[1]) if found else 0
        if total == 0 and not Path(f"/proc/{pid}").exists():
            return
        peak[0] = max(peak[0], total)
        time.sleep(0.02)


def _tree(pid: int) -> list[int]:
    members, queue = [], [pid]
    while queue:
        current = queue.pop()
        members.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:  # the process ended while we looked
            continue
        for task in tasks:
            try:
                queue += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
    return members


def repeat(runs: int, command: list[str], env=None) -> dict:
    return summarise([measure(command, env) for _ in range(runs)])


def interleaved(runs: int, commands: dict) -> dict[str, dict]:
    """Each command ``runs`` times, one round of all commands after another."""
    samples: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, prepare, env) in commands.items():
            if prepare:
                prepare()
            samples[name].append(measure(command, env))
    return {name: summarise(rows) for name, rows in samples.items()}


def summarise(samples: list[dict]) -> dict:
    return {
        "seconds": statistics.median(sample["seconds"] for sample in samples),
        "min_seconds": min(sample["seconds"] for sample in samples),
        "largest_rss_mb": max(sample["largest_rss_mb"] for sample in samples),
        "tree_rss_mb": max(sample["tree_rss_mb"] for sample in samples),
        "pages": samples[0]["pages"],
        "runs": len(samples),
    }


def scaled_library(folder: Path, factor: int) -> Path:
    """The library with every region copied ``factor`` times under new ids."""
    target = folder / f"library-x{factor}"
    shutil.copytree(PROTOCOLS, target)
    for region in sorted((PROTOCOLS / "regions").glob("*.yaml")):
        text = region.read_text(encoding="utf-8")
        protocol_ids = re.findall(r"^  - id: ([a-z0-9-]+)$", text, flags=re.M)
        for copy in range(2, factor + 1):
            renamed = text
            for protocol_id in protocol_ids:
                renamed = renamed.replace(f"id: {protocol_id}\n", f"id: {protocol_id}-{copy}\n")
            renamed = renamed.replace("\nname: ", f"\nname: ({copy}) ", 1) if "\nname: " in renamed \
                else re.sub(r"^name: ", f"name: ({copy}) ", renamed, count=1, flags=re.M)
            (target / "regions" / f"{region.stem}-{copy}.yaml").write_text(renamed, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each figure")
    parser.add_argument("--scales", default="1,4,16", help="library sizes for the scaling rows")
    arguments = parser.parse_args()
    runs = arguments.runs
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    cache = work / "cache"
    env = {"HANDBOOK_CACHE": str(cache)}
    out = work / "out.pdf"
    results: dict[str, dict] = {}
    try:
        library = scaled_library(work, 1)
        build = [*HANDBOOK, "build", str(library), "-o", str(out)]
        note = library / "regions" / "cervical.yaml"
        words = iter(f"Closes{n}" for n in range(1000))

        def change_one_word():
            text = note.read_text(encoding="utf-8")
            note.write_text(re.sub(r"note: Closes\w*", f"note: {next(words)}", text, count=1),
                            encoding="utf-8")
        measure(build, env)  # fill the cache
        # The figures that are compared with each other are taken in turns, round by
        # round, so that the machine's slow and fast spells touch them alike.
        results.update(interleaved(runs, {
            "naive WeasyPrint document": ([sys.executable, str(ROOT / "bench" / "naive.py")], None, None),
            "single document (before)": (
                [sys.executable, "-c", SINGLE_DOCUMENT, str(PROTOCOLS), str(out)], None, None),
            "cold build (--no-cache)": (
                [*HANDBOOK, "build", str(PROTOCOLS), "-o", str(out), "--no-cache"], None, None),
            "cold build, untagged": (
                [sys.executable, "-c", UNTAGGED, str(PROTOCOLS), str(out)], None, None),
            "cold build, one job": (
                [*HANDBOOK, "build", str(PROTOCOLS), "-o", str(out), "--no-cache", "--jobs", "1"],
                None, None),
            "rebuild, nothing changed": (build, None, env),
            "rebuild, one word changed in one protocol": (build, change_one_word, env),
        }))
        results["handbook --help"] = repeat(runs, [*HANDBOOK, "--help"])
        results["handbook validate"] = repeat(runs, [*HANDBOOK, "validate", str(PROTOCOLS)])
        for factor in map(int, arguments.scales.split(",")):
            scaled = scaled_library(work, factor) if factor > 1 else library
            results[f"scaling x{factor} (--no-cache)"] = repeat(
                1, [*HANDBOOK, "build", str(scaled), "-o", str(out), "--no-cache"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results)


def report(results: dict[str, dict]) -> None:
    naive = results["naive WeasyPrint document"]
    naive_ms = 1000 * naive["seconds"] / naive["pages"]
    cold = results["cold build (--no-cache)"]
    cold_ms = 1000 * cold["seconds"] / cold["pages"]
    print(f"{'measurement':44} {'seconds':>8} {'min':>7} {'pages':>6} {'ms/page':>8} "
          f"{'largest MB':>10} {'tree MB':>8}")
    for name, row in results.items():
        per_page = f"{1000 * row['seconds'] / row['pages']:.0f}" if row["pages"] else ""
        print(f"{name:44} {row['seconds']:8.2f} {row['min_seconds']:7.2f} {row['pages'] or '':>6} "
              f"{per_page:>8} {row['largest_rss_mb']:10.0f} {row['tree_rss_mb']:8.0f}")
    x1 = results.get("scaling x1 (--no-cache)")
    x16 = results.get("scaling x16 (--no-cache)")
    targets = {
        "--help <= 0.3 s": (results["handbook --help"]["seconds"], 0.3),
        "validate <= 0.5 s": (results["handbook validate"]["seconds"], 0.5),
        "cold ms/page <= 0.3 x naive": (cold_ms / naive_ms, 0.3),
        "tagged cold <= 1.15 x untagged cold": (
            cold["seconds"] / results["cold build, untagged"]["seconds"], 1.15),
        "no-change rebuild <= 0.05 x cold": (
            results["rebuild, nothing changed"]["seconds"] / cold["seconds"], 0.05),
        "one word changed <= 0.35 x cold": (
            results["rebuild, one word changed in one protocol"]["seconds"] / cold["seconds"], 0.35),
        "peak memory <= 400 MB (largest process)": (cold["largest_rss_mb"], 400),
    }
    if x1 and x16:
        targets["x16 content <= 17 x time"] = (x16["seconds"] / x1["seconds"], 17)
    print()
    for name, (value, limit) in targets.items():
        print(f"{'met   ' if value <= limit else 'MISSED'} {name:42} {value:8.3f} (limit {limit})")
    output = ROOT / "bench" / "results" / "latest.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({"results": results, "naive_ms_per_page": naive_ms,
                                  "cold_ms_per_page": cold_ms,
                                  "targets": {name: {"value": value, "limit": limit}
                                              for name, (value, limit) in targets.items()}},
                                 indent=2))
    print(f"\nwritten to {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
