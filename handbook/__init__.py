"""handbook: YAML massage and manual-therapy protocols in, a printed handbook out.

One package per stage, imports running one way (left to right):

    errors, resources, clock, files   leaf modules every stage may use
    source    read the YAML with positions, validate it into the model
    edition   select what one edition prints and word it (views, contents, anchors)
    render    lay the views out as HTML with Jinja2
    typeset   HTML to PDF with WeasyPrint, unit by unit, assembled with pikepdf
    build     one handbook, options to file  |  plans   personal course plans
    cli       the click commands
"""

__version__ = "0.1.0"
