"""The Jinja environments: one for HTML, autoescaping everything, and one for CSS.

HTML templates autoescape, and nothing from YAML is ever marked safe, so text
reaches the page only as text.  The page geometry is CSS, not HTML, so it is
rendered by its own environment without HTML escaping; any text that enters
CSS goes through :func:`css_string`, which escapes it for a CSS string.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache

import jinja2
from markupsafe import Markup

from ..edition.words import Words
from ..resources import LAYOUTS


@lru_cache(maxsize=4)
def html_environment(language: str = "en") -> jinja2.Environment:
    """Templates in ``language``: ``_()`` and ``{% trans %}`` read its catalogue, and every
    value printed is set as the language sets text (see Words.typeset)."""
    words = Words(language)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS),
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


@lru_cache(maxsize=1)
def css_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = css_string
    return environment


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


_FONT_URL = re.compile(r"url\((fonts/[A-Za-z0-9_.-]+\.ttf)\)")


def inline_fonts(stylesheet: str) -> str:
    """Make the HTML preview self-contained: fonts become data: URIs."""
    def data_uri(match: re.Match) -> str:
        encoded = base64.b64encode((LAYOUTS / match[1]).read_bytes()).decode("ascii")
        return f"url(data:font/ttf;base64,{encoded})"
    return _FONT_URL.sub(data_uri, stylesheet)
