"""The rule catalogue: every safety rule with its id, its one-line name and its check.

Modelled on linters (ruff, pylint): a methodologist who meets ``HB101`` in a
message looks it up in the README's rule list, which ``tools/rules.py`` writes
from this catalogue, so the list is never written twice.  A rule is one function
registered with :func:`rule`; it yields :class:`~handbook.errors.Problem` values
whose message starts with the rule's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...errors import Problem
from .context import Context

Check = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    name: str
    check: Check


#: Every rule, in the order of their ids.
RULES: list[Rule] = []


def rule(rule_id: str, family: str, name: str) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``rule_id``."""
    def register(check: Check) -> Check:
        if any(known.id == rule_id for known in RULES):
            raise ValueError(f"the rule id {rule_id} is used twice")
        RULES.append(Rule(rule_id, family, name, check))
        RULES.sort(key=lambda known: known.id)
        return check
    return register


def say(rule_id: str, source, path: tuple, message: str) -> Problem:
    """A problem of ``rule_id`` at ``path`` of ``source``: ``HB101 message``."""
    return source.problem(path, f"{rule_id} {message}")


def rule_table() -> str:
    """The README's list of rules, as a Markdown table (written by ``make rules``)."""
    rows = ["| Rule | Family | `validate` refuses a library where… |", "|---|---|---|"]
    rows += [f"| `{known.id}` | {known.family} | {known.name} |" for known in RULES]
    return "\n".join(rows) + "\n"
