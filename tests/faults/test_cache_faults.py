"""A cache is only an optimisation: damaged, cut-short, foreign or unreachable entries are
misses, and the build gives exactly the PDF a --no-cache build gives."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from conftest import FIXTURES
from handbook.build import BuildOptions, build
from handbook.typeset.cache import Cache

SOURCE = FIXTURES / "minimal"


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> bytes:
    """The minimal library built afresh: what every faulty cache must still give."""
    target = tmp_path_factory.mktemp("reference") / "fresh.pdf"
    build(BuildOptions(source=SOURCE, output=target, cache_folder=None, jobs=1))
    return target.read_bytes()


@pytest.fixture
def warm_cache(tmp_path) -> Cache:
    folder = tmp_path / "cache"
    build(BuildOptions(source=SOURCE, output=tmp_path / "warm.pdf", cache_folder=folder, jobs=1))
    return Cache(folder)


def entries(cache: Cache, kind: str) -> list:
    return sorted(path for path in (cache.folder / kind).rglob("*") if path.is_file())


def build_with(cache_folder, target, **options):
    return build(BuildOptions(source=SOURCE, output=target, cache_folder=cache_folder,
                              jobs=1, **options))


DAMAGE = {
    "a flipped byte": lambda data: data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0x40])
                                   + data[len(data) // 2 + 1:],
    "cut short": lambda data: data[:len(data) // 2],
    "emptied": lambda data: b"",
    "another program's file": lambda data: b"%PDF-1.7\n" + data[40:],
}


@pytest.mark.parametrize("kind", ["units", "fonts", "outputs"])
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_entries_are_misses_and_are_removed(warm_cache, reference, tmp_path, kind,
                                                    damage):
    damaged = entries(warm_cache, kind)
    assert damaged, f"the warm cache has no {kind} entries"
    for path in damaged:
        path.write_bytes(DAMAGE[damage](path.read_bytes()))
    if kind != "outputs":  # else the finished file answers and units are never read
        shutil.rmtree(warm_cache.folder / "outputs")
    result = build_with(warm_cache.folder, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == reference
    assert not result.from_cache
    if kind == "units":
        assert result.units_typeset >= len(damaged)
    for path in damaged:  # replaced by a good entry, or gone
        assert not path.exists() or Cache(warm_cache.folder).get(kind, path.name) is not None


def test_an_entry_copied_over_another_key_is_foreign(warm_cache, reference, tmp_path):
    units = entries(warm_cache, "units")
    assert len(units) >= 2
    for path in units[1:]:
        shutil.copy(units[0], path)  # whole and well formed, but written for another key
    shutil.rmtree(warm_cache.folder / "outputs")
    build_with(warm_cache.folder, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == reference


def test_a_well_formed_entry_with_wrong_contents_is_a_miss(warm_cache, reference, tmp_path):
    for path in entries(warm_cache, "units") + entries(warm_cache, "outputs"):
        warm_cache.put(path.parent.parent.name, path.name, {"pages": "many"}, b"%PDF nonsense")
    build_with(warm_cache.folder, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == reference


@pytest.mark.parametrize("where", ["under a file", "unwritable"])
def test_a_cache_folder_that_cannot_be_made_or_written(reference, tmp_path, where):
    if where == "under a file":
        (tmp_path / "a-file").write_text("not a folder")
        folder = tmp_path / "a-file" / "cache"
    else:
        folder = Path("/proc/handbook-cache")  # not writable, not even by root
    for attempt in range(2):
        result = build_with(folder, tmp_path / f"out{attempt}.pdf")
        assert (tmp_path / f"out{attempt}.pdf").read_bytes() == reference
        assert not result.from_cache


def test_pruning_while_builds_read_the_cache(warm_cache, reference, tmp_path):
    stop = threading.Event()

    def prune_all_the_time():
        while not stop.is_set():
            Cache(warm_cache.folder).prune(limit=0)

    pruner = threading.Thread(target=prune_all_the_time)
    pruner.start()
    try:
        for attempt in range(3):
            build_with(warm_cache.folder, tmp_path / f"out{attempt}.pdf")
            assert (tmp_path / f"out{attempt}.pdf").read_bytes() == reference
    finally:
        stop.set()
        pruner.join()


def test_debris_of_a_killed_cache_writer_is_swept(warm_cache):
    shard = next((warm_cache.folder / "units").iterdir())
    debris = shard / ".abandoned.part"
    debris.write_bytes(b"half an entry")
    warm_cache.prune()
    assert not debris.exists()
