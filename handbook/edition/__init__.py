"""Stage two: choose what one edition prints and word it, ready to lay out.

``selection`` picks regions and methods with everything they need,
``safety`` decides which contraindications reach which checklist, ``dosing``
computes planned minutes, ``views`` turn models into printed text, and
``contents`` and ``anchors`` give the contents and the ids that link them.
"""
