"""``handbook changes``: every change a therapist must know between two editions, with the
page of the new handbook each prints on (the new edition is built, from the cache when it
was built before, and its named destinations read)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import click


@click.command(short_help="List what changed between two editions, with pages.")
@click.argument("old")
@click.argument("new", default="protocols", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output for scripts.")
def changes(old: str, new: str, as_json: bool) -> None:
    """List every change a therapist must know between the library OLD and NEW (default
    ./protocols): a dose or course number, a step added, removed, moved or given another
    technique, a contraindication or red flag added, removed, re-tiered or reworded, a
    stage a condition allows, a source added, each with where it is and the page of NEW's
    handbook it prints on.

    OLD and NEW are folders, or a folder as git holds it at a revision: REVISION:FOLDER.

    \b
    Examples:
      handbook changes ../protocols-2025 protocols
      handbook changes v1.0:protocols protocols
      handbook changes HEAD~1:protocols-ru protocols-ru --json
    """
    found = report(old, new)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for change in found:
        page = f"p. {change['page']}" if change["page"] else "—"
        click.echo(f"{page:>7}  {change['where']}: {change['what']}")
    click.echo(f"{len(found)} change{'s' if len(found) != 1 else ''} a therapist must know.")


def report(old: str, new: str) -> list[dict]:
    """The changes as records for people and scripts: where, what, page, file and line."""
    from ..edition.changes import compare_editions
    from ..source.revision import library_at

    found = compare_editions(old, new).changes
    pages = pages_of(library_at(new)) if found else {}
    return [{**asdict(change), "page": pages.get(change.anchor)} for change in found]


def pages_of(source: Path) -> dict[str, int]:
    """The page every anchor of ``source``'s handbook prints on (A4, as built by default,
    from the cache when it was built before)."""
    import pikepdf

    from ..build import BuildOptions, build

    target = Path(tempfile.mkdtemp(dir=tempfile.gettempdir())) / "handbook.pdf"
    build(BuildOptions(source=source, output=target))
    pages = {}
    with pikepdf.open(target) as pdf:
        numbers = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        for name, destination in pikepdf.NameTree(pdf.Root.Names.Dests).items():
            pages[name] = numbers.get(destination[0].objgen, 0)
    return pages
