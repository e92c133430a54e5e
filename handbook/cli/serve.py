"""``handbook serve``: the live preview while the methodologist edits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import click

from ..errors import ContentError, HandbookError, problems_found
from .options import SOURCE, TIME_LIMIT


@click.command()
@SOURCE
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port to listen on; 0 takes a free one.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but localhost lets others on the "
                   "network read the handbook.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@click.option("--audience", type=click.Choice(["therapist", "patient"]), default="therapist",
              show_default=True, help="The handbook, or the patient leaflet.")
@click.option("--region", "regions", multiple=True, metavar="ID", help="Only this region.")
@click.option("--method", "methods", multiple=True, metavar="ID", help="Only this method.")
@click.option("--paper", type=click.Choice(["a4", "letter", "a5"], case_sensitive=False),
              default="a4",
              show_default=True, help="The paper the preview's sheets show.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes that typeset the PDF; default: one per core.")
@TIME_LIMIT
def serve(source: Path, port: int, host: str, no_browser: bool, audience: str,
          regions: tuple[str, ...], methods: tuple[str, ...], paper: str,
          jobs: int | None, time_limit: float) -> None:
    """Preview SOURCE in a browser while you edit it: every save re-renders the page.

    The page reloads by itself; a broken file shows its problems above the last good
    preview (and here). /pages shows the pages as they print, the PDF built again in
    the background after every save; /handbook.pdf is the PDF, rebuilt from the warm
    cache. Stop with Ctrl-C.

    \b
    Example:
      handbook serve protocols
      handbook serve protocols --audience patient --paper a5 --no-browser
    """
    import webbrowser

    from ..build import BuildOptions
    from ..preview.state import Preview
    from ..preview.watcher import watch
    from ..source.folder import check_folder

    try:
        check_folder(source)  # a mistyped folder is refused at once, as build refuses it
    except ContentError as error:
        error.what_failed = "nothing is served"
        raise
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this machine can read "
                   "the handbook", err=True)
    preview = Preview(BuildOptions(source=source, output=Path("preview.html"), audience=audience,
                                   regions=regions, methods=methods, paper=paper,
                                   time_limit=time_limit), jobs)
    try:
        server = _listen(preview, host, port)
    except BaseException:
        preview.close()
        raise
    stop = threading.Event()
    console = _Console(preview)
    try:
        preview.start()
        console.problems(preview.snapshot.problems)
        watch(preview, source, stop, console)
        url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_address[1]}/"
        click.echo(f"Previewing {source} at {url} (the PDF: {url}handbook.pdf); Ctrl-C stops.")
        if not no_browser:
            webbrowser.open(url)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        stop.set()
        server.stopping.set()
        server.server_close()
        preview.close()


def _listen(preview, host: str, port: int):
    """The server, bound; a port that is taken is said in words, with the way out."""
    import errno

    from ..preview.server import make_server

    try:
        return make_server(preview, host, port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise HandbookError(
                f"port {port} is already in use on {host} (another handbook serve, or another "
                "program); stop that one, or choose another port: --port 0 takes a free "
                "one") from None
        raise HandbookError(f"cannot listen on {host} port {port}: {error.strerror or error}; "
                            "check --host, or give --port 0 to take a free port") from None


class _Console:
    """What the terminal says, as ``mkdocs serve`` does: the problems of a save that broke
    the library, and one line per PDF the page view built after a good one (the time, the
    pages, "fixed" once problems went away)."""

    def __init__(self, preview):
        self.preview = preview
        self.broken = False
        self.first = True
        preview.printer.listeners.append(self.printed)

    def __call__(self, problems: list[str]) -> None:
        """A save was rendered: its problems now; a good one is said once its PDF is built."""
        self.problems(problems)

    def printed(self, printed) -> None:
        if printed.problems:
            self.problems(printed.problems)
            return
        pages = len(printed.pdf.sizes) if printed.pdf is not None else 0
        what = "built" if self.first else "rebuilt"
        click.echo(f"{time.strftime('%H:%M:%S')} {what}: {pages} page{'s' if pages != 1 else ''}"
                   f"{'; fixed' if self.broken else ''}", err=True)
        self.first = self.broken = False

    def problems(self, problems) -> None:
        from ..preview.state import shown_instead

        for problem in problems:
            click.echo(problem, err=True)
        if problems:
            click.echo(f"{time.strftime('%H:%M:%S')} {problems_found(len(problems))}; "
                       f"{shown_instead(self.preview.snapshot)}.", err=True)
            self.broken = True
