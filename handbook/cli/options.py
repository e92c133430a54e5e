"""Shared pieces of the commands."""

from __future__ import annotations

from pathlib import Path

import click

SOURCE = click.argument("source", type=click.Path(path_type=Path), default="protocols",
                        required=False)
