"""The safety rules every library must pass, checked by ``validate`` and so by every command.

Clinical rules that lived only in prose (a stage a condition forbids, an
absolute item a tier's action seems to lift, one condition asked twice) are
checks here, each with an id, a one-line name and a message that says how to
fix it, reported at the author's text like any other problem.  They run after
the references resolve, on the validated files.
"""

from __future__ import annotations

from ...errors import Problem
from ..references import Located
from . import dose, manual, methods, neck, overlaps, radicular, red_flags, stages, tiers  # noqa: F401
from .catalogue import RULES, Rule, rule_table
from .context import Context, applies, is_neck, protocol_methods

__all__ = ["RULES", "Rule", "applies", "check_rules", "is_neck", "protocol_methods", "rule_table"]


def check_rules(files: dict[str, Located], items: dict[str, dict[str, Located]]) -> list[Problem]:
    """Every problem any safety rule finds."""
    context = Context(files, items)
    return [problem for known in RULES for problem in known.check(context)]
