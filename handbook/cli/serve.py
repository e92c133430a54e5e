"""``handbook serve``: the live preview while the methodologist edits."""

from __future__ import annotations

import threading
from pathlib import Path

import click

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
    from ..preview.server import make_server
    from ..preview.state import Preview
    from ..preview.watcher import watch

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this machine can read "
                   "the handbook", err=True)
    preview = Preview(BuildOptions(source=source, output=Path("preview.html"), audience=audience,
                                   regions=regions, methods=methods, paper=paper,
                                   time_limit=time_limit), jobs)
    server = make_server(preview, host, port)
    stop = threading.Event()
    try:
        preview.start()
        _report(preview.snapshot.problems)
        url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_address[1]}/"
        click.echo(f"Previewing {source} at {url} (the PDF: {url}handbook.pdf); Ctrl-C stops.")
        watch(preview, source, stop, _report)
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


def _report(problems) -> None:
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s); the preview shows the last good version.",
                   err=True)
