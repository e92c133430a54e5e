"""``handbook validate``, ``list`` and ``schema``: the library itself, without printing it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ContentError, display_path
from .options import SOURCE

#: How validate ends a list of problems (it builds nothing, so it does not say "nothing was built").
VALIDATE_FAILED = "the library cannot be built until it is fixed"


@click.command()
@SOURCE
@click.option("--reference", type=click.Path(path_type=Path), metavar="FOLDER",
              help="A library in another language that SOURCE translates: every id, number, "
                   "tier, step and source must be the same; only the words may differ.")
def validate(source: Path, reference: Path | None) -> None:
    """Check every file in SOURCE and report all problems at once.

    Each problem is printed as file:line:column: message. Exits 1 if there
    is any, 0 with a one-line summary otherwise.

    \b
    Examples:
      handbook validate protocols
      handbook validate protocols-ru --reference protocols
    """
    try:
        if reference is None:
            from ..source.loader import load_library

            library = load_library(source)
        else:
            from ..source.reference import validate_translation

            library = validate_translation(source, reference)
    except ContentError as error:
        if error.what_failed == "nothing was built":
            error.what_failed = VALIDATE_FAILED
        raise
    counts = _counts(library)
    summary = ", ".join(f"{number} {name if number != 1 else _SINGULAR[name]}"
                        for name, number in counts.items())
    same = f"; the same clinical content as {display_path(reference.resolve())}" if reference else ""
    click.echo(f"{display_path(source.resolve())}: valid: {summary}{same}")
    _warn_about_control(source, library)
    _report_reading(source)


def _report_reading(source: Path) -> None:
    """The reading grade of the patient texts; a text above the edition's limit is warned."""
    from ..edition.readability import grade_texts, reading_warnings, summary
    from ..source.loader import load_located

    loaded = load_located(source)
    limit = loaded.library.edition.reading_grade
    graded = grade_texts(loaded)
    for problem in reading_warnings(graded, limit):
        click.echo(str(problem), err=True)
    click.echo(f"{display_path(source.resolve())}: {summary(graded, limit)}")


def _warn_about_control(source: Path, library) -> None:
    """A review that is due, a draft, a withdrawn edition: said on every validate."""
    import datetime

    from ..edition.control import control_warnings, withdrawn

    control = library.edition.control
    if control is None:
        return
    warnings = control_warnings(control.status, control.review_by, datetime.date.today())
    reason = withdrawn(library.edition)
    for warning in warnings + ([f"{reason}; build and plan refuse it"] if reason else []):
        click.echo(f"warning: {display_path(source / 'handbook.yaml')}: {warning}", err=True)


@click.command(name="list")
@SOURCE
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output for scripts.")
def list_items(source: Path, as_json: bool) -> None:
    """List the regions, protocols, methods, techniques, contraindications and sources.

    \b
    Examples:
      handbook list
      handbook list protocols --json
    """
    from ..source.inventory import inventory

    items = inventory(source)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for kind, entries in items.items():
        click.echo(kind.replace("_", " ").capitalize())
        width = max((len(entry["id"]) for entry in entries), default=0)
        for entry in entries:
            click.echo(f"  {entry['id']:<{width}}  {entry.get('title') or entry.get('name')}")


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("schema"),
              show_default=True, help="The folder to write the schemas into.")
def schema(output: Path) -> None:
    """Write the JSON Schemas of the YAML files, for editor completion.

    \b
    Example:
      handbook schema -o schema
    Then, at the top of a region file:
      # yaml-language-server: $schema=../../schema/region.schema.json
    """
    from ..source.json_schema import write_schemas

    for path in write_schemas(output):
        click.echo(display_path(path.resolve()))


_SINGULAR = {"regions": "region", "protocols": "protocol", "methods": "method",
             "techniques": "technique", "contraindications": "contraindication",
             "red flags": "red flag", "sources": "source"}


def _counts(library) -> dict[str, int]:
    return {
        "regions": len(library.regions),
        "protocols": sum(1 for _ in library.protocols()),
        "methods": len(library.methods),
        "techniques": len(library.techniques),
        "contraindications": len(library.contraindications),
        "red flags": len(library.red_flags.flags),
        "sources": len(library.sources),
    }


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
def new(folder: Path) -> None:
    """Start a protocols library in FOLDER: one region with a complete protocol, a method,
    a technique, the catalogues, forms and patient texts, each file commented, with
    editor help (JSON Schemas in FOLDER/schema). Refuses a folder that is not empty.

    \b
    Then:
      handbook serve FOLDER        # edit and watch the preview
      handbook validate FOLDER
      handbook build FOLDER -o build/handbook.pdf
    """
    from ..source.scaffold import write_scaffold

    written = write_scaffold(folder)
    click.echo(f"{display_path(folder.resolve())}: a new library of "
               f"{sum(path.suffix == '.yaml' for path in written)} files; next: "
               f"handbook serve {folder}")
