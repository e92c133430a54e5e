"""``handbook serve``: a live preview of the handbook while its author edits the YAML.

``state`` holds the current preview (the last good HTML, the problems of the
last save, the PDF built on request from the warm unit cache by workers that
keep WeasyPrint loaded); ``printed`` builds the PDF again in the background after
every good save, for ``page_view``, which shows its real pages (drawn by PDFium in
the private ``_pages``); ``watcher`` re-renders on every save (watchfiles);
``server`` serves the two views, the PDF, its pages' images and a stream of change
events to the browser, on localhost by default, and nothing else.
"""
