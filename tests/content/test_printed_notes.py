"""What a clinical read asked of the printed pages: the conditions chapter cites its
sources like every other chapter, and a checklist's question stays a question, the reason
for its tier printed apart under it."""

from __future__ import annotations

import re

from conftest import normalise

from handbook.edition import anchors


def test_every_condition_prints_its_sources(handbook_pdf, library):
    page = handbook_pdf.anchor_page(anchors.part("conditions"))
    text = normalise(" ".join(handbook_pdf.pages[page - 1:page + 2]))
    cited = re.findall(r"Sources: (\d+(?:, \d+)*)", text)
    assert len(cited) >= len(library.conditions), text[:400]
    for condition in library.conditions:
        assert condition.sources, condition.id


def test_a_tier_reason_prints_under_its_question_not_inside_it(handbook_pdf, library):
    region = next(region for region in library.regions if region.id == "lumbar")
    protocol = region.protocols[0]
    page = handbook_pdf.anchor_page(anchors.checklist(protocol.id))
    text = " ".join(handbook_pdf.pages[page - 1:page + 1])
    reasons = [item for item in library.contraindications if item.tier_reason]
    shown = [item for item in reasons if normalise(item.tier_reason)[:30] in normalise(text)]
    assert shown, "no tier reason on the lumbar checklist"
    for item in shown:
        reason = normalise(item.tier_reason)
        assert f"Why this tier: {reason[:30]}" in normalise(text), item.id
        # the question ends its own line; the reason starts on the next one
        line = next(line for line in text.splitlines() if normalise(line).startswith(
            normalise(item.text)[:25]))
        assert reason[:20] not in normalise(line), (item.id, line)
