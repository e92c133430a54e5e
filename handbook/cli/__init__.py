"""The ``handbook`` command line: parse options, call one function of a stage, report.

Exit codes: 0 success, 1 a content or build problem, 2 a usage mistake,
130 interrupted.  No command ever shows a traceback unless HANDBOOK_DEBUG=1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import EXIT_INTERRUPTED, EXIT_PROBLEM, HandbookError, display_path

SOURCE = click.argument("source", type=click.Path(path_type=Path), default="protocols",
                        required=False)


class HandbookGroup(click.Group):
    """Turns every expected failure into its message and its exit code (see errors)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HandbookError as error:
            error.show()
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was written.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
            ctx.exit(0)
        except OSError as error:  # the machine refused something no stage expected
            click.echo(f"error: {error}", err=True)
            ctx.exit(EXIT_PROBLEM)
        except Exception as error:  # the last line of defence: no traceback for the user
            if os.environ.get("HANDBOOK_DEBUG"):
                raise
            click.echo(f"internal error: {type(error).__name__}: {error}\n"
                       "Please report this; run with HANDBOOK_DEBUG=1 for details.", err=True)
            ctx.exit(EXIT_PROBLEM)


@click.group(cls=HandbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """Build a printed handbook of massage and manual-therapy protocols from YAML.

    \b
    Example:
      handbook validate protocols
      handbook build protocols -o build/handbook.pdf
    """


@main.command()
@SOURCE
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write; default build/handbook.pdf (or .html).")
@click.option("--format", "output_format", type=click.Choice(["pdf", "html"]), default="pdf",
              show_default=True, help="PDF for print, or one self-contained HTML page to preview.")
@click.option("--audience", type=click.Choice(["therapist", "patient"]), default="therapist",
              show_default=True,
              help="The full handbook for therapists, or a short plain-language handout for patients.")
@click.option("--region", "regions", multiple=True, metavar="ID",
              help="Only this region (repeatable), e.g. a cervical-only booklet.")
@click.option("--method", "methods", multiple=True, metavar="ID",
              help="Only protocols of this method (repeatable), e.g. a vacuum-massage sheet.")
@click.option("--paper", type=click.Choice(["a4", "letter", "a5"]), default="a4",
              show_default=True, help="Page size; margins and type adapt to it.")
@click.option("--duplex", is_flag=True,
              help="For double-sided printing and binding: mirrored margins with a gutter, "
                   "running heads outside, chapters on right-hand pages.")
@click.option("--booklet", is_flag=True,
              help="A saddle-stitch booklet: pages two-up on sheets twice their size, in "
                   "folding order. Print double-sided, flipping on the short edge, then fold.")
@click.option("--bleed", default="0mm", metavar="LENGTH",
              help="Bleed around each page for a print house, e.g. 3mm.")
@click.option("--marks", is_flag=True, help="Crop and registration marks for a print house.")
@click.option("--pdf-variant", "variant", type=click.Choice(["pdf/a-3u", "pdf/ua-1"]),
              help="Archival PDF/A-3u, or accessible, tagged PDF/UA-1.")
@click.option("--time-limit", type=click.FloatRange(min=1), default=600, show_default=True,
              metavar="SECONDS", help="Give up typesetting after this long.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes to typeset with; default: one per core.")
@click.option("--no-cache", is_flag=True,
              help="Typeset everything afresh, neither reading nor writing the cache "
                   "($HANDBOOK_CACHE, default ~/.cache/handbook).")
def build(source: Path, output: Path | None, output_format: str, audience: str,
          regions: tuple[str, ...],
          methods: tuple[str, ...], paper: str, duplex: bool, booklet: bool, bleed: str,
          marks: bool, variant: str | None, time_limit: float, jobs: int | None,
          no_cache: bool) -> None:
    """Build the handbook from SOURCE (default: ./protocols).

    \b
    Examples:
      handbook build
      handbook build protocols --region cervical -o build/cervical.pdf
      handbook build --method vacuum --format html
      handbook build --audience patient -o build/patient.pdf
      handbook build --paper a5 --booklet -o build/booklet.pdf
      handbook build --duplex --bleed 3mm --marks -o build/print-house.pdf

    \b
    Printing a booklet: print the file double-sided, flipping on the short
    edge, at 100 % (no "fit to page"); stack the sheets in order, fold them
    in the middle and staple on the fold.
    """
    from ..build import BuildOptions
    from ..build import build as run_build
    from ..typeset.cache import default_folder
    from ..render.paper import parse_length

    try:
        bleed_mm = parse_length(bleed)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--bleed") from None
    _check_combinations(output_format, booklet, bleed_mm, marks, variant)
    target = output or Path("build") / f"handbook.{output_format}"
    options = BuildOptions(source=source, output=target, format=output_format,
                           audience=audience, regions=regions, methods=methods, paper=paper, duplex=duplex,
                           booklet=booklet, bleed=bleed_mm, marks=marks, variant=variant,
                           time_limit=time_limit, jobs=jobs,
                           cache_folder=None if no_cache else default_folder())
    result = run_build(options)
    for url in result.refused:
        click.echo(f"warning: refused to fetch {url}", err=True)
    pages = f"{result.pages} pages" if result.pages is not None else "1 HTML page"
    if result.sheets:
        pages += f" on {result.sheets} sheets"
    click.echo(f"{display_path(result.output.resolve())}: {pages} in {result.seconds:.1f} s")


def _check_combinations(output_format: str, booklet: bool, bleed: float, marks: bool,
                        variant: str | None) -> None:
    if output_format == "html" and (booklet or bleed or marks or variant):
        raise click.UsageError("--booklet, --bleed, --marks and --pdf-variant apply to PDF output only")
    if booklet and (bleed or marks):
        raise click.UsageError(
            "--booklet is for printing yourself; a print house imposes the pages itself, "
            "so give it --bleed and --marks without --booklet")
    if booklet and variant:
        raise click.UsageError("--pdf-variant describes the handbook's own pages; build it without --booklet")


@main.command()
@SOURCE
def validate(source: Path) -> None:
    """Check every file in SOURCE and report all problems at once.

    Each problem is printed as file:line:column: message. Exits 1 if there
    is any, 0 with a one-line summary otherwise.

    \b
    Example:
      handbook validate protocols
    """
    from ..source.loader import load_library

    library = load_library(source)
    counts = _counts(library)
    summary = ", ".join(f"{number} {name if number != 1 else _SINGULAR[name]}"
                        for name, number in counts.items())
    click.echo(f"{display_path(source.resolve())}: valid: {summary}")


@main.command(name="list")
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


@main.command()
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


def _register_plan_commands() -> None:
    from .plans import batch, plan

    main.add_command(plan)
    main.add_command(batch)


_register_plan_commands()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
