"""Stage four: HTML to PDF with WeasyPrint, on plain data (nothing from render).

``engine`` is the one WeasyPrint call; ``units`` typesets a document unit by
unit on the ``pool`` of workers (``_worker`` is their side), through the
content-addressed ``cache``; ``assembly`` joins the units with pikepdf
(``fonts`` embedded once, ``footers`` written into each page, the units' structure
trees joined by ``structure``); ``whole`` typesets one document (PDF/A);
``imposition`` makes booklets; ``fetcher`` keeps WeasyPrint inside the sandbox.
``tasks`` holds the plain data.
"""
