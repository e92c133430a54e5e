"""``handbook export``: the library in formats other systems read."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from ..fhir.resources import DEFAULT_BASE
from .options import SOURCE, WholeHelpGroup, base_url, warn_about_base


@click.group(cls=WholeHelpGroup)
def export() -> None:
    """Export the library for other systems.

    \b
    Example:
      handbook export fhir protocols -o build/library.fhir.json --base https://clinic.example/fhir
    """


@export.command()
@SOURCE
@click.option("-o", "--output", type=click.Path(path_type=Path),
              default=Path("build") / "library.fhir.json", show_default=True,
              help="The JSON file to write.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="URL",
              callback=base_url,
              help="The start of every canonical URL: where the clinic publishes its "
                   "definitions.")
def fhir(source: Path, output: Path, base: str) -> None:
    """The library as one FHIR R4 Bundle: a PlanDefinition per protocol, an
    ActivityDefinition per method, the sources as citations.

    \b
    Example:
      handbook export fhir protocols -o build/library.fhir.json
    """
    from ..fhir.definitions import library_bundle
    from ..fhir.resources import to_json
    from ..files import write_atomically
    from ..source.loader import load_library

    warn_about_base(base)
    bundle = library_bundle(load_library(source), base)
    write_atomically(output, to_json(bundle))
    click.echo(f"{display_path(output.resolve())}: {len(bundle['entry'])} resources")
