"""``handbook build``: one handbook, from a protocols folder to a PDF or an HTML preview."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from .options import LARGE_PRINT, SOURCE, TIME_LIMIT


@click.command()
@SOURCE
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write; default build/handbook.pdf (or .html).")
@click.option("--format", "output_format", type=click.Choice(["pdf", "html"]), default="pdf",
              show_default=True, help="PDF for print, or one self-contained HTML page to preview.")
@click.option("--audience", type=click.Choice(["therapist", "patient"]), default="therapist",
              show_default=True,
              help="The full handbook for therapists, or a short plain-language handout for patients.")
@LARGE_PRINT
@click.option("--region", "regions", multiple=True, metavar="ID",
              help="Only this region (repeatable), e.g. a cervical-only booklet.")
@click.option("--method", "methods", multiple=True, metavar="ID",
              help="Only protocols of this method (repeatable), e.g. a vacuum-massage sheet.")
@click.option("--paper", type=click.Choice(["a4", "letter", "a5"], case_sensitive=False),
              default="a4",
              show_default=True, help="Page size; margins and type adapt to it.")
@click.option("--duplex", is_flag=True,
              help="For double-sided printing and binding: mirrored margins with a gutter, "
                   "running heads outside, chapters on right-hand pages.")
@click.option("--booklet", is_flag=True,
              help="A saddle-stitch booklet: pages two-up on sheets twice their size, in "
                   "folding order. Print double-sided, flipping on the short edge, then fold. "
                   "A booklet is for printing only and is untagged: give readers the "
                   "PDF built without --booklet.")
@click.option("--bleed", default="0mm", metavar="LENGTH",
              help="Bleed around each page for a print house, with its unit: 3mm, 0.125in "
                   "or 9pt.")
@click.option("--marks", is_flag=True, help="Crop and registration marks for a print house.")
@click.option("--pdf-variant", "variant", type=click.Choice(["pdf/a-3u", "pdf/ua-1"]),
              help="Archival PDF/A-3u, or PDF/UA-1: tagged for screen readers, as every "
                   "PDF but a booklet is, and saying so in its metadata.")
@TIME_LIMIT
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes to typeset with; default: one per core.")
@click.option("--previous", metavar="OLD",
              help="The edition this one replaces (a folder, or REVISION:FOLDER in git): a "
                   "list of what changed, with pages, the revision history and a sign-off "
                   "sheet follow the contents.")
@click.option("--allow-withdrawn", is_flag=True,
              help="Build an edition whose status is withdrawn (for the archive); every page "
                   "says it is withdrawn.")
@click.option("--no-cache", is_flag=True,
              help="Typeset everything afresh, neither reading nor writing the cache "
                   "($HANDBOOK_CACHE, default ~/.cache/handbook).")
def build(source: Path, output: Path | None, output_format: str, audience: str,
          large_print: bool, regions: tuple[str, ...],
          methods: tuple[str, ...], paper: str, duplex: bool, booklet: bool, bleed: str,
          marks: bool, variant: str | None, time_limit: float, jobs: int | None,
          previous: str | None, allow_withdrawn: bool, no_cache: bool) -> None:
    """Build the handbook from SOURCE (default: ./protocols).

    \b
    Examples:
      handbook build
      handbook build protocols --region cervical -o build/cervical.pdf
      handbook build --method vacuum --format html
      handbook build --audience patient -o build/patient.pdf
      handbook build --audience patient --large-print -o build/patient-large.pdf
      handbook build --paper a5 --booklet -o build/booklet.pdf
      handbook build --duplex --bleed 3mm --marks -o build/print-house.pdf

    \b
    Printing a booklet: print the file double-sided, flipping on the short
    edge, at 100 % (no "fit to page"); stack the sheets in order, fold them
    in the middle and staple on the fold.

    Every PDF is tagged (its structure tree tells a screen reader the
    headings, lists, tables and figures) but a booklet, which is untagged.
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
    if large_print and audience != "patient":
        raise click.UsageError("--large-print sets the patient leaflet in large print: add "
                               "--audience patient (plan and batch take --large-print too)")
    target = output or Path("build") / f"handbook.{output_format}"
    options = BuildOptions(source=source, output=target, format=output_format,
                           audience=audience, large_print=large_print, regions=regions, methods=methods, paper=paper, duplex=duplex,
                           booklet=booklet, bleed=bleed_mm, marks=marks, variant=variant,
                           time_limit=time_limit, jobs=jobs, allow_withdrawn=allow_withdrawn,
                           previous=previous,
                           cache_folder=None if no_cache else default_folder())
    result = run_build(options)
    for url in result.refused:
        click.echo(f"warning: refused to fetch {url}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
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
