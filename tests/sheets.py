"""A booklet's sheets cut back into its pages, in reading order, from the sheets' own
placements: what the page-quality check reads a booklet as (pdf_pages.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf


def cut_sheets(path: Path) -> tuple[bytes, list[str]]:
    """A booklet's pages as a PDF of their own, in reading order, and where each one is.

    A saddle-stitched booklet of P pages (P a multiple of four) prints page P and page 1
    on the front of the first sheet, pages 2 and P-1 on its back, and so on inwards.  Each
    placed page is a form XObject; the half of the sheet its centre falls in says which.
    """
    sheets = pikepdf.open(path)
    sides = []
    for side in sheets.pages:
        width = float(side.mediabox[2]) - float(side.mediabox[0])
        placed: dict[str, pikepdf.Object] = {}
        matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        stack = []
        for operands, operator in pikepdf.parse_content_stream(side):
            op = str(operator)
            if op == "q":
                stack.append(matrix)
            elif op == "Q":
                matrix = stack.pop() if stack else [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            elif op == "cm":
                matrix = _multiply([float(value) for value in operands], matrix)
            elif op == "Do":
                form = side.obj.Resources.XObject[str(operands[0])]
                x0, y0, x1, y1 = (float(value) for value in form.BBox)
                centre = (x0 + x1) / 2 * matrix[0] + (y0 + y1) / 2 * matrix[2] + matrix[4]
                placed["left" if centre < width / 2 else "right"] = form
        sides.append(placed)
    total = 2 * len(sides)
    slots: list[tuple[pikepdf.Object | None, str]] = [(None, "")] * total
    for number, placed in enumerate(sides):
        sheet, back = divmod(number, 2)
        if back:
            order = {"left": 2 * sheet + 1, "right": total - 2 - 2 * sheet}
        else:
            order = {"left": total - 1 - 2 * sheet, "right": 2 * sheet}
        for where, index in order.items():
            label = f"sheet {sheet + 1} {'back' if back else 'front'}, {where}"
            slots[index] = (placed.get(where), label)
    pages = pikepdf.Pdf.new()
    size = next((form.BBox for form, _ in slots if form is not None), [0, 0, 420, 595])
    for form, _ in slots:
        box = form.BBox if form is not None else size
        page = pages.add_blank_page(page_size=(float(box[2]) - float(box[0]),
                                               float(box[3]) - float(box[1])))
        page.obj.MediaBox = pikepdf.Array([float(value) for value in box])
        if form is not None:
            copied = pages.copy_foreign(form)
            page.obj.Resources = copied.get("/Resources", pikepdf.Dictionary())
            page.obj.Contents = pages.make_stream(form.read_bytes())
    output = io.BytesIO()
    pages.save(output)
    return output.getvalue(), [f"page {index + 1} ({label})" for index, (_, label) in
                               enumerate(slots)]


def _multiply(first: list[float], second: list[float]) -> list[float]:
    """The PDF matrix ``first × second`` (apply ``first``, then ``second``)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = second
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F]
