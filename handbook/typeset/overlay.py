"""The "Page X of Y" footers, typeset as a document of otherwise empty pages.

Units are typeset apart, so none knows its final page number; once the final
sequence of pages is known, this document gives one footer page per final
page, and the assembler draws each over its page.
"""

from __future__ import annotations

from html import escape

#: How each kind of final page is laid out: a portrait page, a landscape course log,
#: or a cover or blank page that carries no number.
OVERLAY_CSS = """
.sheet { break-before: page; }
.sheet:first-child { break-before: auto; }
.sheet-log { page: log; }
.sheet-cover, .sheet-blank { page: cover; }
"""
KINDS = ("page", "log", "cover", "blank")


def overlay_html(stylesheet: str, kinds: list[str], language: str) -> str:
    """One empty page per entry of ``kinds``, numbered by ``stylesheet``'s footers."""
    if unknown := set(kinds) - set(KINDS):
        raise ValueError(f"unknown page kinds: {sorted(unknown)}")
    sheets = "".join(f'<div class="sheet sheet-{kind}"></div>' for kind in kinds)
    return (f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<style>\n{stylesheet}{OVERLAY_CSS}</style>\n</head>\n<body>\n{sheets}\n</body>\n"
            "</html>\n")


def page_kinds(sizes: list[tuple[float, float] | None], unnumbered: list[bool]) -> list[str]:
    """What each final page is, from its size (None for a blank) and whether its unit
    is left unnumbered (the cover)."""
    kinds = []
    for size, bare in zip(sizes, unnumbered):
        if size is None:
            kinds.append("blank")
        elif bare:
            kinds.append("cover")
        else:
            width, height = size
            kinds.append("log" if width > height else "page")
    return kinds
