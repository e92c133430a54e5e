"""handbook: YAML massage and manual-therapy protocols in, a printed handbook out.

The pipeline runs one way: read (reading, yamlread) → validate (validation,
models, references) → select (selection) → render (presenting, rendering) →
print (printing, fetcher) → write (output).
"""

__version__ = "0.1.0"
