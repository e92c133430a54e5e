"""A protocol's screening checklist as a FHIR Questionnaire: what the therapist asks before
the course, grouped as the printed checklist groups it.

One group per tier (its name and meaning), each holding a yes/no question per
contraindication with the tier as its code and, beneath it, what to do after a YES
(the item's own action where it has one); then the red flags, grouped by what each
sends the patient to.  The protocol's PlanDefinition starts with an action that
points here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..edition import safety
from .control import control_elements
from .resources import canonical

if TYPE_CHECKING:
    from ..edition.words import Words
    from ..source.models import Library, Protocol, Region


def questionnaire_id(protocol: Protocol) -> str:
    return f"{protocol.id}-screening"[:64]


def questionnaire(library: Library, region: Region, protocol: Protocol, base: str,
                  words: Words) -> dict:
    url = canonical(base, "Questionnaire", questionnaire_id(protocol))
    tiers = library.tiers
    items = safety.for_protocol(library, region, protocol)
    groups = []
    for tier in type(tiers).model_fields:
        asked = [item for item in items if item.tier == tier]
        if not asked:
            continue
        info = getattr(tiers, tier)
        code = {"system": f"{base.rstrip('/')}/CodeSystem/contraindication-tier", "code": tier,
                "display": info.name}
        questions = [{"linkId": f"{tier}.{item.id}", "type": "boolean", "required": True,
                      "text": item.text, "code": [code],
                      "item": [{"linkId": f"{tier}.{item.id}.action", "type": "display",
                                "text": words.gettext("If YES: {action}", action=item.action)}]}
                     for item in asked]
        questions.append({"linkId": f"{tier}.action", "type": "display", "text": info.action})
        groups.append({"linkId": tier, "type": "group", "text": f"{info.name}: {info.meaning}",
                       "code": [code], "item": questions})
    catalogue = library.red_flags
    flags = [{"linkId": f"red-flag.{flag.id}", "type": "boolean", "required": True,
              "text": flag.ask,
              "item": [{"linkId": f"red-flag.{flag.id}.action", "type": "display",
                        "text": words.gettext("If YES: {action}",
                                              action=flag.action or catalogue.action)}]}
             for flag in catalogue.flags if not flag.regions or region.id in flag.regions]
    groups.append({"linkId": "red-flag", "type": "group",
                   "text": library.forms.screening.red_flags_title, "item": flags})
    return {
        "resourceType": "Questionnaire", "id": questionnaire_id(protocol), "url": url,
        **control_elements(library.edition, url),
        "name": "".join(part.capitalize() for part in questionnaire_id(protocol).split("-")),
        "title": f"{library.forms.screening.title}: {protocol.title}",
        "publisher": library.edition.publisher, "subjectType": ["Patient"], "item": groups,
    }
