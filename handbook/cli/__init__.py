"""The ``handbook`` command line: parse options, call one function of a stage, report.

Exit codes: 0 success, 1 a content or build problem, 2 a usage mistake,
130 interrupted.  No command ever shows a traceback unless HANDBOOK_DEBUG=1.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import click

from .. import __version__
from ..errors import EXIT_INTERRUPTED, EXIT_PROBLEM, HandbookError
from ..scratch import scratch
from .options import WholeHelpGroup


class HandbookGroup(WholeHelpGroup):
    """Turns every expected failure into its message and its exit code (see errors); every
    command runs with its own scratch folder, and SIGTERM ends it as Ctrl-C does."""

    def invoke(self, ctx: click.Context):
        try:
            with _terminate_as_interrupt(), scratch():
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


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """``kill PID`` (SIGTERM) cleans up like Ctrl-C: temporary files removed, nothing half
    written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.group(cls=HandbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """Build a printed handbook of massage and manual-therapy protocols from YAML.

    \b
    Example:
      handbook validate protocols
      handbook build protocols -o build/handbook.pdf
    """


def _register_commands() -> None:
    from .build import build
    from .changes import changes
    from .export import export
    from .library import list_items, new, schema, validate
    from .plans import batch, plan
    from .serve import serve

    for command in (new, build, validate, list_items, schema, plan, batch, export, serve,
                    changes):
        main.add_command(command)


_register_commands()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
