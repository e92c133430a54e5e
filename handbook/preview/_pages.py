"""The built PDF's pages as images, for the preview's page view (PDFium, by pypdfium2).

Private and heavy: PDFium loads only when ``handbook serve`` has a PDF to show, never for
a build or a command that does not preview.  PDFium is not thread-safe, so every call
into it holds one lock; each page is rendered once per built PDF and kept, so a reload
of the page view costs nothing but the transfer.
"""

from __future__ import annotations

import io
import threading

import pypdfium2

#: Pixels per point of the images: 1.5 times the 96 pixels per inch a browser calls 100 %,
#: so the page is sharp at its size on screen and when zoomed in a little.
SCALE = 96 / 72 * 1.5
#: Pages kept rendered at once; a longer PDF renders the rest again when they are shown.
KEPT = 400

_PDFIUM = threading.Lock()


class PrintedPdf:
    """One built PDF, open for rendering: its page sizes, and each page as PNG."""

    def __init__(self, data: bytes):
        self._data = data  # PDFium reads from it for as long as the document is open
        self._images: dict[int, bytes] = {}
        self._closed = False
        with _PDFIUM:
            self._document = pypdfium2.PdfDocument(data)
            #: Each page's size in points (width, height), first page first.
            self.sizes = tuple(self._document.get_page_size(index)
                               for index in range(len(self._document)))

    def png(self, number: int) -> bytes:
        """Page ``number`` (1 is the first) as a PNG; IndexError for a page it does not have."""
        if not 1 <= number <= len(self.sizes):
            raise IndexError(number)
        with _PDFIUM:
            if self._closed:  # a newer PDF replaced it while the page was asked for
                raise IndexError(number)
            if number not in self._images:
                if len(self._images) >= KEPT:
                    self._images.clear()
                page = self._document[number - 1]
                try:
                    image = page.render(scale=SCALE).to_pil()
                finally:
                    page.close()
                buffer = io.BytesIO()
                image.save(buffer, "PNG", compress_level=1)  # sent over loopback: speed first
                self._images[number] = buffer.getvalue()
            return self._images[number]

    def close(self) -> None:
        with _PDFIUM:
            if not self._closed:
                self._closed = True
                self._images.clear()
                self._document.close()
