"""Stage three: the edition's views as HTML, one unit (a block that starts a page) at a time.

``environment`` holds the Jinja environments (HTML autoescaped; CSS apart),
``document`` the rendered handbook, ``paper`` the page geometry and type sizes
that feed the stylesheet.
"""
