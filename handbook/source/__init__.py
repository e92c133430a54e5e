"""Stage one: read a protocols folder and validate it into one :class:`Library`.

``folder`` finds the files, ``yaml_reader`` reads each keeping the line and
column of every value, ``models`` are the strict pydantic models, ``loader``
validates and checks ``references``, and ``yaml_errors`` / ``model_errors``
word every problem as ``file:line:column: message``.  ``inventory`` and
``json_schema`` serve ``handbook list`` and ``handbook schema``.
"""
