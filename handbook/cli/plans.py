"""The ``plan`` and ``batch`` commands: personal course plans, one or many."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from ..errors import BatchIncomplete, UsageError, display_path
from ..fhir.resources import DEFAULT_BASE
from .options import LARGE_PRINT, LIBRARY_VARIABLE, SOURCE, base_url, warn_about_base

#: What each format writes, by the suffix its file must have.
SUFFIX = {"pdf": ".pdf", "fhir": ".json"}


def _check_suffix(output: Path | None, output_format: str) -> None:
    """-o anna.pdf with --format fhir would put JSON in a .pdf: refused, with the fix."""
    wanted = SUFFIX[output_format]
    if output is not None and output.suffix.lower() != wanted:
        raise UsageError(f"{output} does not end in {wanted}, but --format {output_format} "
                         f"writes {'a PDF' if output_format == 'pdf' else 'JSON'}; name it "
                         f"{output.with_suffix(wanted).name}, or choose the --format its name "
                         "says")


class StartDate(click.ParamType):
    """The forms of a date batch reads too: YYYY-MM-DD or DD.MM.YYYY."""

    name = "DATE"

    def convert(self, value, param, ctx) -> datetime.date:
        from ..errors import PlanError
        from ..plans.csv_rows import parse_date

        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(value, what="the date")
        except PlanError as error:
            self.fail(str(error), param, ctx)


@click.command()
@SOURCE
@click.option("--patient", required=True, help="The patient's name, as it should be printed.")
@click.option("--protocol", "protocol_id", required=True, metavar="ID",
              help="The protocol's id (see: handbook list).")
@click.option("--start", required=True, type=StartDate(),
              help="The date of the first session: YYYY-MM-DD or DD.MM.YYYY.")
@click.option("--every", type=click.IntRange(min=1), metavar="DAYS",
              help="Days from one session to the next; default: the protocol's interval.")
@click.option("--sessions", type=click.IntRange(min=1), metavar="N",
              help="Sessions in the course; default: the protocol's course.")
@click.option("--skip-weekends", is_flag=True, help="Move a session that falls on a weekend to Monday.")
@click.option("--holidays", "holidays_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Days the clinic is closed, one date a line, besides the holidays of "
                   "handbook.yaml; a session on one moves to the next open day.")
@click.option("--stage", metavar="ID",
              help="The patient's stage of the condition (see the protocol's allowed stages); "
                   "more than one session a day only where the protocol gives it for it.")
@click.option("--therapist", metavar="NAME")
@click.option("--clinic", metavar="NAME")
@LARGE_PRINT
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write: a .pdf file (a .json one with --format fhir); default "
                   "build/plans/<name>_<start>.pdf (or .json).")
@click.option("--format", "output_format", type=click.Choice(["pdf", "fhir"]), default="pdf",
              show_default=True,
              help="The printed plan, or a FHIR R4 CarePlan (JSON) for the clinic's records.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="URL",
              callback=base_url,
              help="Where the clinic's FHIR definitions live (the protocol's canonical URL).")
def plan(source: Path, patient: str, protocol_id: str, start: datetime.date, every: int | None,
         sessions: int | None, skip_weekends: bool, holidays_file: Path | None,
         stage: str | None, therapist: str | None, clinic: str | None, large_print: bool,
         output: Path | None, output_format: str, base: str) -> None:
    """A personal course plan for one patient: dated sessions, screening, warning signs, log.

    SOURCE is the protocols folder; outside it, name the clinic's library once with
    HANDBOOK_LIBRARY=/path/to/library instead of giving it every time.

    \b
    Example:
      handbook plan --patient "Anna Petrova" --protocol lumbar-hernia-classic \\
                    --start 01.12.2026 --skip-weekends --therapist "Dr Ivanova"
    """
    from ..plans.holidays import read_holidays
    from ..plans.schedule import PlanRequest
    from ..plans.single import plan_fhir, plan_pdf

    _check_suffix(output, output_format)
    if output_format == "fhir":
        warn_about_base(base)
    holidays = read_holidays(holidays_file) if holidays_file else ()
    request = PlanRequest(patient, protocol_id, start, every, sessions, skip_weekends,
                          therapist, clinic, holidays, stage, large_print)
    if output_format == "fhir":
        result = plan_fhir(source, request, output, base)
        click.echo(f"{display_path(result.output.resolve())}: a FHIR CarePlan in "
                   f"{result.seconds:.1f} s")
        return
    result = plan_pdf(source, request, output)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{display_path(result.output.resolve())}: {result.pages} pages in "
               f"{result.seconds:.1f} s")


@click.command()
@click.argument("plans_csv", type=click.Path(path_type=Path))
@click.option("-o", "--output", "folder", required=True, type=click.Path(path_type=Path),
              help="The folder the plans go into.")
@click.option("--source", type=click.Path(path_type=Path), default="protocols", show_default=True,
              envvar=LIBRARY_VARIABLE, show_envvar=True, help="The protocols folder.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes to build with; default: one per core.")
@click.option("--date-format", type=click.Choice(["DD/MM/YYYY", "MM/DD/YYYY"]),
              help="How to read slashed dates such as 01/02/2026 (never guessed).")
@click.option("--format", "output_format", type=click.Choice(["pdf", "fhir", "both"]),
              default="pdf", show_default=True,
              help="Printed plans, FHIR CarePlans (<name>_<start>.json), or both side by side.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="URL",
              callback=base_url,
              help="Where the clinic's FHIR definitions live.")
@click.option("--holidays", "holidays_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Days the clinic is closed, one date a line, besides the holidays of "
                   "handbook.yaml; a session on one moves to the next open day.")
@LARGE_PRINT
def batch(plans_csv: Path, folder: Path, source: Path, jobs: int | None,
          date_format: str | None, output_format: str, base: str,
          holidays_file: Path | None, large_print: bool) -> None:
    """Build one plan per row of PLANS_CSV into a folder, on every core.

    The CSV has a header row with the columns patient, protocol and start, and
    optionally every, sessions, therapist, clinic, stage and large_print (yes
    or no; in any case, or in Russian: пациент, протокол, начало, ...), separated by commas, semicolons or tabs, in
    UTF-8 or UTF-16 as spreadsheets save them. Dates are YYYY-MM-DD or
    DD.MM.YYYY; slashed dates need --date-format. A bad row is reported with its
    line number and skipped; the others are still built, and the exit code is 1.
    Plans already up to date are skipped.

    \b
    Example:
      handbook batch next-week.csv -o build/plans --jobs 2
    """
    from ..plans.batch import REPORT, run_batch
    from ..plans.holidays import read_holidays

    if output_format != "pdf":
        warn_about_base(base)
    holidays = read_holidays(holidays_file) if holidays_file else ()
    with _Progress("Building plans") as progress:
        formats = ("pdf", "fhir") if output_format == "both" else (output_format,)
        summary = run_batch(plans_csv, folder, source, jobs, progress, date_format=date_format,
                            formats=formats, base=base, holidays=holidays,
                            large_print=large_print)
    for line, warning in summary.warnings:
        click.echo(f"{display_path(plans_csv.resolve())}:{line}: warning: {warning}", err=True)
    for line, reason in summary.failed:
        click.echo(f"{display_path(plans_csv.resolve())}:{line}: {reason}; row skipped", err=True)
    click.echo(f"{display_path(folder.resolve())}: {len(summary.built)} built, "
               f"{len(summary.skipped)} already up to date, {len(summary.failed)} failed")
    if summary.failed:
        raise BatchIncomplete(f"{len(summary.failed)} row{'s' if len(summary.failed) != 1 else ''}"
                              f" could not be built; see the lines above, or "
                              f"{display_path((folder / REPORT).resolve())} (line and reason, "
                              "no names) to hand back with the spreadsheet")


class _Progress:
    """A progress bar on stderr, drawn once the number of plans to build is known."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *error) -> None:
        if self.bar is not None:
            self.bar.__exit__(*error)
