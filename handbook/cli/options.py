"""Shared pieces of the commands."""

from __future__ import annotations

from pathlib import Path

import click

class WholeHelpGroup(click.Group):
    """Lists each command with its whole first sentence, wrapped, never cut short ("...")."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(limit=1_000))
                for name, command in sorted(self.commands.items()) if not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


#: Names the clinic's library once, for every command run outside it.
LIBRARY_VARIABLE = "HANDBOOK_LIBRARY"
SOURCE = click.argument("source", type=click.Path(path_type=Path), default="protocols",
                        required=False, envvar=LIBRARY_VARIABLE)
#: The pages a patient takes home at 16 pt: the leaflet (``build``) and plans.
LARGE_PRINT = click.option(
    "--large-print", is_flag=True,
    help="The pages a patient takes home (the leaflet; a plan's dates and warning signs) in "
         "large print, 16 pt on one and a half lines, for patients with low vision.")
#: ``build`` and the PDF of ``serve``'s page view give up after the same time.
TIME_LIMIT = click.option("--time-limit", type=click.FloatRange(min=1), default=600,
                          show_default=True, metavar="SECONDS",
                          help="Give up typesetting after this long.")


def warn_about_base(base: str) -> None:
    """FHIR records written with the placeholder address name no real clinic."""
    from ..fhir.resources import DEFAULT_BASE

    if base == DEFAULT_BASE:
        click.echo(f"warning: the records name {DEFAULT_BASE}, a placeholder, as the home of "
                   "the clinic's definitions; give the clinic's own address with --base, "
                   "e.g. --base https://clinic.example/fhir", err=True)


def base_url(context, parameter, value: str) -> str:
    """``--base``: an absolute http(s) URL, since it starts every canonical URL written."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.netloc or parts.query
            or parts.fragment or any(character.isspace() or ord(character) < 32
                                     for character in value)):
        raise click.BadParameter(
            f"{value!r} is not an absolute http(s) address; give where the clinic publishes "
            "its definitions, e.g. https://clinic.example/fhir")
    return value
