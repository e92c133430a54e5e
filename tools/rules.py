"""Write the README's list of safety rules from the rule catalogue: ``make rules``.

The list sits between the markers ``<!-- rules:start -->`` and ``<!-- rules:end -->``
in README.md; tests/source/test_rules.py fails when it is out of date, so the rules
are never described twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.source.rules import rule_table  # noqa: E402

START, END = "<!-- rules:start -->\n", "<!-- rules:end -->\n"


def rewritten(readme: str) -> str:
    """``readme`` with the current table between its markers."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + START + rule_table() + END + tail


def main() -> None:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = rewritten(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print("README.md: the list of rules rewritten")
    else:
        print("README.md: the list of rules is current")


if __name__ == "__main__":
    main()
