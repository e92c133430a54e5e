"""``python -m handbook``: the same as the ``handbook`` command."""

from .cli import main

main(prog_name="handbook")
