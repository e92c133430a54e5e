"""The yardstick: a naive WeasyPrint document of comparable tables.

Sixty pages of bordered, auto-width tables with a dot-leader contents, in the
handbook's fonts and with no care for speed: what a first attempt looks like.
The benchmark (bench/run.py) runs it as a fresh process, like the handbook's
own build, and compares the cost per page of the two in the same run.
"""

from __future__ import annotations


PAGES = 60
ROWS_PER_TABLE = 14


def naive_html(fonts_url: str) -> str:
    sections, toc = [], []
    for number in range(1, PAGES + 1):
        toc.append(f'<li><a href="#s{number}">Section {number}: stroking, kneading and rubbing</a></li>')
        rows = "".join(
            f"<tr><td>{row}</td><td>Kneading, double ring</td><td>Upper back, from the lower edge of "
            f"the shoulder blades up to the neck</td><td>3–4 times</td><td>light</td></tr>"
            for row in range(1, ROWS_PER_TABLE + 1))
        sections.append(
            f'<section id="s{number}" style="break-before: page"><h2>Section {number}</h2>'
            "<p>The sequence moves from the upper back to the neck and back again, then widens the "
            "range of techniques over the same areas and ends on the chest.</p>"
            f"<table><thead><tr><th>№</th><th>Technique</th><th>Area and direction</th>"
            f"<th>Repetitions</th><th>Intensity</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
@font-face {{ font-family: "PT Serif"; src: url({fonts_url}/PTSerif-Regular.ttf); }}
@font-face {{ font-family: "PT Serif"; src: url({fonts_url}/PTSerif-Bold.ttf); font-weight: bold; }}
@page {{ size: A4; margin: 20mm; @bottom-right {{ content: "Page " counter(page) " of " counter(pages); }} }}
body {{ font-family: "PT Serif"; font-size: 10pt; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #000; padding: 4px; }}
.toc a::after {{ content: leader(".") target-counter(attr(href), page); }}
</style></head><body><h1>Contents</h1><ul class="toc">{''.join(toc)}</ul>{''.join(sections)}</body></html>"""


def main() -> None:
    """Typeset the naive document, as a fresh process would (import included)."""
    from weasyprint import HTML

    from handbook.typeset.fetcher import SandboxFetcher
    from handbook.resources import LAYOUTS

    document = HTML(string=naive_html((LAYOUTS / "fonts").as_uri()),
                    url_fetcher=SandboxFetcher([LAYOUTS], trusted=(LAYOUTS,))).render()
    document.write_pdf()
    print(f"{len(document.pages)} pages")


if __name__ == "__main__":
    main()
