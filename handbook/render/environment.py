"""The Jinja environments: one for HTML, autoescaping everything, and one for CSS.

HTML templates autoescape, and nothing from YAML is ever marked safe, so text
reaches the page only as text.  The page geometry is CSS, not HTML, so it is
rendered by its own environment without HTML escaping; any text that enters
CSS goes through :func:`css_string`, which escapes it for a CSS string.

A clinic may override any shipped template, or add CSS, with a ``layouts/``
folder inside its protocols folder (``layouts/parts/cover.html.j2`` replaces
the cover; ``layouts/clinic.css`` is added after print.css).  An override is
text from whoever sent the protocols folder, so every template runs in a sandbox
(:mod:`.guard`: Jinja's, with time and size limits) on inert data (:mod:`.inert`), reads
only files that lie inside its layouts folder, and an error in one is reported as
``file:line: message``, never a traceback.
"""

from __future__ import annotations

import base64
import re
import traceback
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from ..edition.words import Words
from ..errors import BuildError, ContentError, Problem, display_path
from ..resources import LAYOUTS
from .guard import GuardedEnvironment, RenderLimit, budget, memory_cap

#: The folder of a protocols folder that overrides the shipped layouts.
OVERRIDES = "layouts"
#: CSS a clinic adds after print.css.
CLINIC_CSS = "clinic.css"
#: A template or a stylesheet is a few kilobytes; a megabyte is far beyond any.
MAX_LAYOUT_BYTES = 1_000_000


class LayoutOutside(jinja2.TemplateError):
    """A layout file that is a link (or lies under a link) to a place outside its folder,
    or is too large to be one."""

    def __init__(self, path: Path, message: str):
        super().__init__(message)
        self.path = path


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from one folder, and only files that resolve inside it: Jinja's own loader
    follows links wherever they go."""

    def get_source(self, environment, template):
        root = Path(self.searchpath[0])
        path = root.joinpath(*split_template_path(template))
        if path.is_symlink() or path.exists():
            confined_file(path, root)
        return super().get_source(environment, template)


def confined_file(path: Path, root: Path) -> Path:
    """``path`` resolved, if it is a regular file inside ``root`` and of a layout's size;
    else LayoutOutside, saying what to do."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise LayoutOutside(path, "this layout file is a link to a place outside the layouts "
                                  "folder; copy the file in instead of linking to it")
    if not resolved.is_file():
        raise LayoutOutside(path, "this layout is not a regular file; make it one")
    if resolved.stat().st_size > MAX_LAYOUT_BYTES:
        raise LayoutOutside(path, f"this layout file is larger than "
                                  f"{MAX_LAYOUT_BYTES // 1_000_000} MB; a layout is a few "
                                  "kilobytes")
    return resolved


def overrides_folder(protocols: Path | None) -> str:
    """The clinic's layouts folder, resolved ("" if it has none).  The folder itself must lie
    inside the protocols folder: a link to one elsewhere is refused like a linked file."""
    if protocols is None:
        return ""
    folder = protocols / OVERRIDES
    if not folder.is_dir():
        return ""
    if not folder.resolve().is_relative_to(protocols.resolve()):
        raise ContentError([Problem(display_path(folder), 0, 0, (
            "the layouts folder is a link to a place outside the protocols folder; copy "
            "the folder in instead of linking to it"))])
    return str(folder.resolve())


def _loader(overrides: str) -> jinja2.BaseLoader:
    shipped = _ConfinedLoader(LAYOUTS)
    if not overrides:
        return shipped
    return jinja2.ChoiceLoader([_ConfinedLoader(overrides), shipped])


@lru_cache(maxsize=8)
def html_environment(language: str = "en", overrides: str = "") -> jinja2.Environment:
    """Templates in ``language``: ``_()`` and ``{% trans %}`` read its catalogue, and every
    value printed is set as the language sets text (see Words.typeset)."""
    words = Words(language)
    environment = GuardedEnvironment(
        loader=_loader(overrides),
        trusted=None if overrides else LAYOUTS,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        finalize=lambda value: (words.typeset(value)
                                if isinstance(value, str) and not isinstance(value, Markup)
                                else value),
    )
    environment.install_gettext_translations(words.translations, newstyle=True)
    environment.guard_filters()
    return environment


@lru_cache(maxsize=4)
def css_environment(overrides: str = "") -> jinja2.Environment:
    environment = GuardedEnvironment(
        loader=_loader(overrides),
        trusted=None if overrides else LAYOUTS,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = css_string
    environment.guard_filters()
    return environment


def render(environment: jinja2.Environment, template: str, context: dict,
           overrides: str = "") -> str:
    """``template`` rendered within the build's time limit (:func:`.guard.budget`); an
    error in a clinic's override is a ContentError at its line, naming the template."""
    try:
        with budget(), memory_cap() if overrides else nullcontext():
            return environment.get_template(template).render(context)
    except Exception as error:  # noqa: BLE001 - each kind is named in _message
        problem = _problem_in_overrides(error, overrides, template)
        if problem is not None:
            raise ContentError([problem], what_failed="nothing was built") from None
        if isinstance(error, (RenderLimit, RecursionError, SystemError)):
            raise BuildError(f"the layout {template}: {_message(error)}") from None
        raise


def _message(error: BaseException) -> str:
    # Python raises SystemError ("error return without exception set") for a recursion
    # that runs out of stack inside C code, where RecursionError cannot be raised.
    if isinstance(error, (RecursionError, SystemError)):
        return ("this template includes itself, or calls a macro that calls itself, without "
                "end; remove the loop")
    if isinstance(error, LayoutOutside):
        return str(error)
    if isinstance(error, RenderLimit):
        return str(error)
    if isinstance(error, MemoryError):
        return "this template needs more memory than a template may have"
    if isinstance(error, SecurityError):
        return f"this template asks for something templates may not reach: {error}"
    text = str(error).replace("'handbook.render.inert.Record object'", "this value").replace(
        "'handbook.render.inert.Helper object'", "this helper")
    return f"template error: {text}"


def _problem_in_overrides(error: BaseException, overrides: str, template: str
                          ) -> Problem | None:
    """Where in the clinic's layouts ``error`` happened: the innermost frame of an override
    (or the file a syntax error or a refused link names), else the overridden template
    that was being rendered."""
    if not overrides:
        return None
    root = Path(overrides).resolve()
    if isinstance(error, LayoutOutside):
        return Problem(display_path(error.path), 0, 0, _message(error))
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        if Path(error.filename).resolve().is_relative_to(root):
            return Problem(display_path(Path(error.filename)), error.lineno, 1,
                           f"template syntax error: {error.message}")
        return None
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.suffix in (".j2", ".css") and path.resolve().is_relative_to(root):
            return Problem(display_path(path), frame.lineno or 1, 1, _message(error))
    overridden = Path(overrides, *split_template_path(template))
    if overridden.is_file() and isinstance(error, (RenderLimit, RecursionError, SystemError,
                                                     MemoryError)):
        return Problem(display_path(overridden), 1, 1, _message(error))
    return None


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes and line breaks escaped, so
    nothing in it can end the string or the rule."""
    escaped = "".join(
        character if character.isprintable() and character not in '"\\<>'
        else f"\\{ord(character):x} " for character in str(text))
    return f'"{escaped}"'


@lru_cache(maxsize=1)
def print_css() -> str:
    """The one print stylesheet."""
    return (LAYOUTS / "print.css").read_text(encoding="utf-8")


def design_value(name: str) -> str:
    """A design value of print.css (a custom property of ``:root``), for what is drawn
    outside the stylesheet (the stamped page numbers), so the two never disagree."""
    root = re.search(r":root\s*\{(.*?)\}", print_css(), re.S)
    value = re.search(rf"(?m)^\s*{re.escape(name)}\s*:\s*([^;]+);", root.group(1) if root else "")
    if value is None:
        raise LookupError(f"print.css defines no {name} in :root")
    return value.group(1).strip()


def clinic_css(overrides: str) -> str:
    """The clinic's own CSS, added after print.css ("" if none).  It goes into a style
    element, so it may not hold a '<' (which could close that element)."""
    if not overrides:
        return ""
    path = Path(overrides) / CLINIC_CSS
    if not path.is_file() and not path.is_symlink():
        return ""
    try:
        text = confined_file(path, Path(overrides)).read_text(encoding="utf-8", errors="replace")
    except LayoutOutside as error:
        raise ContentError([Problem(display_path(path), 0, 0, str(error))]) from None
    if "<" in text:
        before = text[:text.index("<")]
        raise ContentError([Problem(display_path(path), before.count("\n") + 1,
                                    len(before) - before.rfind("\n"),
                                    "a '<' cannot appear in a stylesheet; remove it (HTML does "
                                    "not belong in CSS)")])
    return "\n" + text


#: What the stylesheet draws from the shipped layouts: its fonts, and its own little
#: pictures (the contents' leader dots).
_LAYOUT_URL = re.compile(r"url\((fonts/[A-Za-z0-9_.-]+\.ttf|[a-z][a-z0-9-]*\.svg)\)")
_KINDS = {".ttf": "font/ttf", ".svg": "image/svg+xml"}


def inline_files(stylesheet: str) -> str:
    """Make the HTML preview self-contained: the fonts and pictures print.css draws from the
    shipped layouts become data: URIs (a browser has no folder to look them up in)."""
    def data_uri(match: re.Match) -> str:
        path = LAYOUTS / match[1]
        if not path.is_file():  # not one of ours (a clinic's stylesheet names its own)
            return match[0]
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:{_KINDS[path.suffix]};base64,{encoded})"
    return _LAYOUT_URL.sub(data_uri, stylesheet)
