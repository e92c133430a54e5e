"""The protocol library as one FHIR Bundle: a PlanDefinition per protocol, an
ActivityDefinition per method, the sources as citations.

A protocol's actions are its course (the method's ActivityDefinition, the number
of sessions, how far apart, how long), holding its stages in order, each holding
its steps (technique, variant, area and direction as text; repetitions and
durations as timings).  Its contraindications and red flags are documentation
artifacts that say what to do; its sources are citations.  Where FHIR has no
element (the break before a repeat course, the later sessions' length), an
extension under the clinic's base URL says it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..edition import safety
from ..edition.facts import citation
from ..edition.views import STAGE_LABELS
from ..edition.words import Words
from .control import control_elements, predecessor
from .questionnaire import questionnaire, questionnaire_id
from .resources import (
    canonical, computable_name, extension, fhir_range, repeat_counts, repeat_duration, stable_id,
)

if TYPE_CHECKING:
    from ..source.models import Library, Method, Protocol, Region

PLAN_TYPE = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/plan-definition-type",
                         "code": "clinical-protocol", "display": "Clinical Protocol"}]}
FOCUS = {"system": "http://terminology.hl7.org/CodeSystem/usage-context-type", "code": "focus"}


def library_bundle(library: Library, base: str) -> dict:
    """Every method and protocol of ``library`` as one Bundle of type collection."""
    words = Words(library.edition.language)
    resources = [activity_definition(library, method, base) for method in library.methods]
    resources += [plan_definition(library, region, protocol, base, words)
                  for region, protocol in library.protocols()]
    resources += [questionnaire(library, region, protocol, base, words)
                  for region, protocol in library.protocols()]
    entries = [{"fullUrl": resource["url"], "resource": resource} for resource in resources]
    return {"resourceType": "Bundle", "type": "collection",
            "id": stable_id("bundle", base, *(entry["fullUrl"] for entry in entries),
                            library.edition.date.isoformat()),
            "entry": entries}


def activity_definition(library: Library, method: Method, base: str) -> dict:
    edition = library.edition
    url = canonical(base, "ActivityDefinition", method.id)
    resource = {
        "resourceType": "ActivityDefinition", "id": method.id, "url": url,
        **control_elements(edition, url), "name": computable_name(method.id),
        "title": method.name, "kind": "ServiceRequest",
        "publisher": edition.publisher, "description": method.summary,
        "usage": " ".join(f"{number}. {step}" for number, step
                          in enumerate(method.procedure, start=1)),
        "code": {"text": method.name},
        "relatedArtifact": _citations(library, [*method.sources, *method.evidence.sources]),
    }
    return resource


def plan_definition(library: Library, region: Region, protocol: Protocol, base: str,
                    words: Words) -> dict:
    edition = library.edition
    condition = library.condition_by_id[protocol.condition]
    method = library.method_by_id[protocol.method]
    course = {
        "title": words.gettext("Course"), "description": protocol.summary,
        "definitionCanonical": canonical(base, "ActivityDefinition", method.id),
        "timingTiming": {"repeat": _course_timing(protocol)},
        "action": [_stage(library, protocol, stage, number_from, words)
                   for stage, number_from in _stage_numbers(protocol)],
    }
    extensions = []
    if protocol.course.break_before_repeat is not None:
        extensions.append(extension(base, "break", valueRange=fhir_range(
            protocol.course.break_before_repeat)))
    if protocol.course.courses_per_year is not None:
        extensions.append(extension(base, "courses", valueRange=fhir_range(
            protocol.course.courses_per_year)))
    if protocol.dosage.later_sessions is not None:
        extensions.append(extension(base, "later", valueRange=fhir_range(
            protocol.dosage.later_sessions)))
    if extensions:
        course["extension"] = extensions
    url = canonical(base, "PlanDefinition", protocol.id)
    screening = {"title": library.forms.screening.title,
                 "definitionCanonical": canonical(base, "Questionnaire",
                                                  questionnaire_id(protocol))}
    resource = {
        "resourceType": "PlanDefinition", "id": protocol.id, "url": url,
        **control_elements(edition, url), "name": computable_name(protocol.id),
        "title": protocol.title, "type": PLAN_TYPE,
        "publisher": edition.publisher, "description": protocol.summary,
        "usage": protocol.patient,
        "useContext": [{"code": FOCUS, "valueCodeableConcept": {"text": condition.name}}],
        "topic": [{"text": condition.name}, {"text": region.name}],
        "relatedArtifact": _safeguards(library, region, protocol, words)
        + _citations(library, protocol.sources) + predecessor(edition, url),
        "action": [screening, course],
    }
    return resource


def _course_timing(protocol: Protocol) -> dict:
    """Sessions, how many a day, how far apart, how long the first ones last."""
    course, dosage = protocol.course, protocol.dosage
    repeat: dict = {}
    if course.sessions is not None:
        repeat.update(repeat_counts(course.sessions))
    per_day = int(dosage.per_day.max) if dosage.per_day and dosage.per_day.max else 1
    if per_day > 1:
        repeat.update(frequency=per_day, period=1, periodUnit="d")
    elif course.interval is not None and course.interval.min is not None:
        days = course.interval.min * (7 if course.interval.unit == "weeks" else 1) + 1
        repeat.update(frequency=1, period=int(days), periodUnit="d")
    if dosage.first_minutes is not None:
        repeat.update(repeat_duration(dosage.first_minutes))
    return repeat


def _stage_numbers(protocol: Protocol):
    number = 1
    for stage in protocol.stages:
        yield stage, number
        number += len(stage.steps)


def _stage(library: Library, protocol: Protocol, stage, first: int, words: Words) -> dict:
    action = {"title": f"{words.gettext(STAGE_LABELS[stage.kind])}: {stage.title}",
              "action": [_step(library, protocol, step, number, words)
                         for number, step in enumerate(stage.steps, start=first)]}
    if stage.note:
        action["description"] = stage.note
    return action


def _step(library: Library, protocol: Protocol, step, number: int, words: Words) -> dict:
    if step.kind is not None:
        method = library.method_by_id[protocol.method]
        title = next(kind.name for kind in method.kinds if kind.id == step.kind)
    else:
        technique = library.technique_by_id[step.technique]
        variants = {variant.id: variant.name for variant in technique.variants}
        title = ", ".join([technique.name, *(variants[variant] for variant in step.variants)])
    described = [step.area, step.direction, step.note]
    if step.each_side:
        described.append(words.gettext("{amount} on each side", amount="").strip())
    action = {"prefix": str(number), "title": title,
              "description": ". ".join(text.rstrip(".") for text in described if text) + "."}
    repeat: dict = {}
    if step.repetitions is not None:
        repeat.update(repeat_counts(step.repetitions))
    if step.duration is not None:
        repeat.update(repeat_duration(step.duration))
    if repeat:
        action["timingTiming"] = {"repeat": repeat}
    return action


def _safeguards(library: Library, region: Region, protocol: Protocol, words: Words) -> list:
    """Each contraindication (its tier and what to do) and each red flag, as documentation
    a reader can act on."""
    artifacts = []
    for item in safety.for_protocol(library, region, protocol):
        tier = getattr(library.tiers, item.tier)
        artifacts.append({"type": "documentation", "label": f"contraindication-{item.tier}",
                          "display": f"{tier.name}: {item.text}. {item.action}"})
    for flag in library.red_flags.flags:
        if flag.regions and region.id not in flag.regions:
            continue
        artifacts.append({"type": "documentation", "label": "red-flag",
                          "display": f"{flag.sign}. {flag.action or library.red_flags.action}"})
    return artifacts


def _citations(library: Library, source_ids) -> list:
    sources = [library.source_by_id[source_id] for source_id in dict.fromkeys(source_ids)]
    artifacts = []
    for source in sources:
        artifact = {"type": "citation", "label": source.id, "citation": citation(source)}
        if source.url and source.url.startswith(("http://", "https://")):
            artifact["url"] = source.url
        artifacts.append(artifact)
    return artifacts
