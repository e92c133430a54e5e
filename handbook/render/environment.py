"""The Jinja environments: one for HTML, autoescaping everything, and one for CSS.

HTML templates autoescape, and nothing from YAML is ever marked safe, so text
reaches the page only as text.  The page geometry is CSS, not HTML, so it is
rendered by its own environment without HTML escaping; any text that enters
CSS goes through :func:`css_string`, which escapes it for a CSS string.

A clinic may override any shipped template, or add CSS, with a ``layouts/``
folder inside its protocols folder (``layouts/parts/cover.html.j2`` replaces
the cover; ``layouts/clinic.css`` is added after print.css).  An override is
text the clinic wrote, so every template runs in Jinja's sandbox, and an error
in one is reported as ``file:line: message``, never a traceback.
"""

from __future__ import annotations

import base64
import re
import traceback
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..edition.words import Words
from ..errors import ContentError, Problem, display_path
from ..resources import LAYOUTS

#: The folder of a protocols folder that overrides the shipped layouts.
OVERRIDES = "layouts"
#: CSS a clinic adds after print.css.
CLINIC_CSS = "clinic.css"


def _loader(overrides: str) -> jinja2.BaseLoader:
    shipped = jinja2.FileSystemLoader(LAYOUTS)
    if not overrides:
        return shipped
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(overrides), shipped])


@lru_cache(maxsize=8)
def html_environment(language: str = "en", overrides: str = "") -> jinja2.Environment:
    """Templates in ``language``: ``_()`` and ``{% trans %}`` read its catalogue, and every
    value printed is set as the language sets text (see Words.typeset)."""
    words = Words(language)
    environment = ImmutableSandboxedEnvironment(
        loader=_loader(overrides),
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
    return environment


@lru_cache(maxsize=4)
def css_environment(overrides: str = "") -> jinja2.Environment:
    environment = ImmutableSandboxedEnvironment(
        loader=_loader(overrides),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = css_string
    return environment


def render(environment: jinja2.Environment, template: str, context: dict,
           overrides: str = "") -> str:
    """``template`` rendered; an error in a clinic's override is a ContentError at its line."""
    try:
        return environment.get_template(template).render(context)
    except (jinja2.TemplateError, SecurityError, TypeError, AttributeError, ValueError) as error:
        problem = _problem_in_overrides(error, overrides)
        if problem is None:
            raise
        raise ContentError([problem], what_failed="nothing was built") from None


def _problem_in_overrides(error: Exception, overrides: str) -> Problem | None:
    if not overrides:
        return None
    message = f"template error: {error}" if not isinstance(error, SecurityError) else (
        f"this template asks for something templates may not reach: {error}")
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        if Path(error.filename).resolve().is_relative_to(Path(overrides).resolve()):
            return Problem(display_path(Path(error.filename)), error.lineno, 1,
                           f"template syntax error: {error.message}")
        return None
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.suffix in (".j2", ".css") and path.resolve().is_relative_to(
                Path(overrides).resolve()):
            return Problem(display_path(path), frame.lineno or 1, 1, message)
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
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace")
    if "<" in text:
        before = text[:text.index("<")]
        raise ContentError([Problem(display_path(path), before.count("\n") + 1,
                                    len(before) - before.rfind("\n"),
                                    "a '<' cannot appear in a stylesheet; remove it (HTML does "
                                    "not belong in CSS)")])
    return "\n" + text


_FONT_URL = re.compile(r"url\((fonts/[A-Za-z0-9_.-]+\.ttf)\)")


def inline_fonts(stylesheet: str) -> str:
    """Make the HTML preview self-contained: fonts become data: URIs."""
    def data_uri(match: re.Match) -> str:
        encoded = base64.b64encode((LAYOUTS / match[1]).read_bytes()).decode("ascii")
        return f"url(data:font/ttf;base64,{encoded})"
    return _FONT_URL.sub(data_uri, stylesheet)
