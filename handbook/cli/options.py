"""Shared pieces of the commands."""

from __future__ import annotations

from pathlib import Path

import click

SOURCE = click.argument("source", type=click.Path(path_type=Path), default="protocols",
                        required=False)
#: ``build`` and the PDF of ``serve``'s page view give up after the same time.
TIME_LIMIT = click.option("--time-limit", type=click.FloatRange(min=1), default=600,
                          show_default=True, metavar="SECONDS",
                          help="Give up typesetting after this long.")


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
