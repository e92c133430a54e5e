"""The cache: fast when nothing changed, never stale, safe to delete or damage."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, read_pdf
from handbook.build import BuildOptions, build


def build_into(source, target, cache, **options):
    return build(BuildOptions(source=source, output=target, cache_folder=cache, **options))


def test_unchanged_rebuild_comes_from_the_cache_byte_identical(minimal_copy, tmp_path):
    cache = tmp_path / "cache"
    first = build_into(minimal_copy, tmp_path / "a.pdf", cache)
    second = build_into(minimal_copy, tmp_path / "b.pdf", cache)
    assert not first.from_cache and second.from_cache
    assert second.pages == first.pages
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_an_edit_typesets_only_its_unit_and_shows_up(minimal_copy, tmp_path):
    cache = tmp_path / "cache"
    first = build_into(minimal_copy, tmp_path / "a.pdf", cache)
    region = minimal_copy / "regions" / "neck.yaml"
    region.write_text(region.read_text().replace("summary: Stroking only.",
                                                 "summary: Stroking, and nothing else."))
    second = build_into(minimal_copy, tmp_path / "b.pdf", cache)
    assert not second.from_cache
    assert second.units_typeset == 1, (second.units_typeset, second.units_cached)
    assert second.units_cached >= first.units_typeset - 1
    assert "Stroking, and nothing else." in read_pdf(tmp_path / "b.pdf", second.pages).text()


def test_options_are_part_of_the_key(minimal_copy, tmp_path):
    cache = tmp_path / "cache"
    build_into(minimal_copy, tmp_path / "a4.pdf", cache)
    a5 = build_into(minimal_copy, tmp_path / "a5.pdf", cache, paper="a5")
    assert not a5.from_cache
    width = float(read_pdf(tmp_path / "a5.pdf", a5.pages).reader.pages[1].mediabox.width)
    assert round(width / 72 * 25.4) == 148


def test_tagging_is_part_of_the_keys(minimal_copy, tmp_path):
    """Tagged and untagged units are different bytes: neither is ever taken for the other."""
    cache = tmp_path / "cache"
    tagged = build_into(minimal_copy, tmp_path / "tagged.pdf", cache)
    untagged = build_into(minimal_copy, tmp_path / "untagged.pdf", cache, tagged=False)
    assert not untagged.from_cache and untagged.units_cached == 0
    assert "/StructTreeRoot" in read_pdf(tmp_path / "tagged.pdf", 0).reader.trailer["/Root"]
    assert "/StructTreeRoot" not in read_pdf(tmp_path / "untagged.pdf", 0).reader.trailer["/Root"]
    shutil.rmtree(cache / "outputs")
    again = build_into(minimal_copy, tmp_path / "again.pdf", cache)
    assert again.units_typeset == 0 and again.units_cached == tagged.units_typeset
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "tagged.pdf").read_bytes()


def test_no_cache_neither_reads_nor_writes(minimal_copy, tmp_path):
    result = build_into(minimal_copy, tmp_path / "a.pdf", None)
    assert not result.from_cache and result.units_cached == 0
    assert not (tmp_path / "cache").exists()


def test_the_cache_may_be_deleted_or_damaged(minimal_copy, tmp_path):
    cache = tmp_path / "cache"
    reference = build_into(minimal_copy, tmp_path / "a.pdf", cache)
    for entry in cache.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"handbook-cache 1\nnot json\n\x00garbage")
    damaged = build_into(minimal_copy, tmp_path / "b.pdf", cache)
    assert not damaged.from_cache and damaged.units_cached == 0
    shutil.rmtree(cache)
    again = build_into(minimal_copy, tmp_path / "c.pdf", cache)
    assert again.pages == reference.pages
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() \
        == (tmp_path / "c.pdf").read_bytes()


def test_html_preview_and_variants_share_the_cache_safely(tmp_path):
    cache = tmp_path / "cache"
    source = FIXTURES / "minimal"
    html = build_into(source, tmp_path / "a.html", cache, format="html")
    pdf = build_into(source, tmp_path / "a.pdf", cache)
    assert html.pages is None and pdf.pages
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "a.html").read_bytes().startswith(b"<!DOCTYPE html>")
