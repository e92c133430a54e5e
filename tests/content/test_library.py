"""The real protocol library in protocols/: integrity, safety, and the sources' numbers.

These tests read the content, not the code: they fail when a protocol loses a
step the sources give, a dosage slips back into prose, a method loses its
contraindications or its evidence note, or a string uses a character the
printed fonts cannot show.  Cross-references are checked here on the loaded
models as well, so the test still guards them if the loader's own check were
ever removed.
"""

from __future__ import annotations

import dataclasses
import re
import typing
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pydantic import BaseModel

from handbook.edition import safety
from handbook.edition.words import Words
from handbook.source.models import TIERS, Course, Dosage, Library, Range
from handbook.source.loader import load_library

ROOT = Path(__file__).resolve().parents[2]
PROTOCOLS = ROOT / "protocols"
FONTS = ROOT / "layouts" / "fonts"

REGIONS = {"cervical", "thoracic", "lumbar", "lumbosacral"}
METHODS = {"classic", "swedish", "shiatsu", "neuromuscular", "ice", "vacuum", "honey",
           "hydromassage", "manual-therapy"}
MANUAL_THERAPY_KINDS = {"muscle-energy", "mobilisation", "manipulation",
                        "post-isometric-relaxation", "myofascial-release", "craniosacral",
                        "traction"}
TECHNIQUES = {"stroking", "squeezing", "kneading", "rubbing", "shaking", "pinching",
              "vibration", "pressure"}
RED_FLAGS = {"bladder-bowel", "saddle-numbness", "leg-numbness", "leg-weakness",
             "worsening-gait"}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(PROTOCOLS)


# -- helpers ------------------------------------------------------------------

def r(text: str) -> Range:
    """A range written the way the YAML writes it: ``r("6-7 times")``."""
    return Range.model_validate(text)


def walk(value, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every value in a model tree, with the path of field names and indexes to it."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, path + (index,))


def everything(library: Library) -> Iterator[tuple[tuple, object]]:
    for field in dataclasses.fields(library):
        yield from walk(getattr(library, field.name), (field.name,))


def strings(library: Library) -> Iterator[tuple[tuple, str]]:
    for path, value in everything(library):
        if isinstance(value, str):
            yield path, value


def where(path: tuple) -> str:
    return ".".join(str(part) for part in path)


def protocol(library: Library, protocol_id: str):
    found = [item for _, item in library.protocols() if item.id == protocol_id]
    assert found, f"the library has no protocol '{protocol_id}'"
    return found[0]


def method(library: Library, method_id: str):
    assert method_id in library.method_by_id, f"the library has no method '{method_id}'"
    return library.method_by_id[method_id]


def steps(stage) -> list[tuple[str | None, tuple[str, ...], Range | None]]:
    """(technique or kind, variants, repetitions) for each step of a stage."""
    return [(step.technique or step.kind, tuple(step.variants), step.repetitions)
            for step in stage.steps]


# -- integrity ----------------------------------------------------------------

def test_library_validates_and_has_every_part(library):
    assert {region.id for region in library.regions} == REGIONS
    assert {item.id for item in library.methods} >= METHODS
    assert {item.id for item in library.techniques} >= TECHNIQUES


def test_print_order_lists_every_item_once_and_only_existing_ids(library):
    order = library.edition.order
    assert set(order.regions) == {region.id for region in library.regions}
    assert set(order.methods) == {item.id for item in library.methods}
    assert set(order.techniques) == {item.id for item in library.techniques}
    assert [region.id for region in library.regions] == order.regions


def test_every_region_has_a_complete_protocol(library):
    for region in library.regions:
        assert region.protocols, region.id
        assert region.cautions, region.id
        assert any(stage.steps for item in region.protocols for stage in item.stages), region.id
        for item in region.protocols:
            assert item.stages and all(stage.steps for stage in item.stages), item.id


def test_protocols_refer_only_to_what_exists(library):
    contraindications = library.contraindication_by_id
    for region, item in library.protocols():
        assert item.method in library.method_by_id, item.id
        used = library.method_by_id[item.method]
        kinds = {kind.id for kind in used.kinds}
        condition = library.condition_by_id.get(item.condition)
        assert condition is not None, item.id
        stages = {stage.id for stage in condition.stages}
        assert set(item.allowed_stages) <= stages, item.id
        assert set(item.contraindications) <= set(contraindications), item.id
        assert set(item.sources) <= set(library.source_by_id), item.id
        for stage in item.stages:
            for step in stage.steps:
                if step.kind is not None:
                    assert step.kind in kinds, (item.id, step.kind)
                    continue
                assert step.technique in library.technique_by_id, (item.id, step.technique)
                variants = {variant.id for variant in library.technique_by_id[step.technique].variants}
                assert set(step.variants) <= variants, (item.id, step.technique, step.variants)


def test_every_source_reference_exists(library):
    known = set(library.source_by_id)
    groups = [
        *((item.id, item.sources) for item in library.techniques),
        *((item.id, item.sources) for item in library.methods),
        *((item.id, item.evidence.sources) for item in library.methods),
        *((item.id, item.sources) for item in library.regions),
        *((item.id, item.sources) for item in library.contraindications),
        *((item.id, item.sources) for item in library.red_flags.flags),
    ]
    for owner, sources in groups:
        assert set(sources) <= known, (owner, set(sources) - known)


def test_contraindication_scopes_name_existing_methods_and_regions(library):
    methods = set(library.method_by_id)
    regions = {region.id for region in library.regions}
    for item in library.contraindications:
        assert set(item.applies_to.methods) <= methods, item.id
        assert set(item.applies_to.regions) <= regions, item.id


def test_ids_are_unique(library):
    for ids in (
        [item.id for item in library.contraindications],
        [item.id for item in library.red_flags.flags],
        [item.id for item in library.sources],
        [item.id for _, item in library.protocols()],
    ):
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


# -- methods ------------------------------------------------------------------

def test_every_method_has_a_contraindication_and_an_evidence_note(library):
    regions = [region.id for region in library.regions]
    for item in library.methods:
        applying = [entry for entry in library.contraindications
                    if any(safety.applies(entry, region, item.id) for region in regions)]
        assert applying, item.id
        assert item.evidence.summary.strip(), item.id
        assert item.evidence.sources, item.id
        assert set(item.evidence.sources) <= set(library.source_by_id), item.id
        assert item.procedure, item.id
        assert item.dosage is not None and item.course is not None, item.id


def test_methods_without_own_contraindications_say_so(library):
    for item in library.methods:
        own = [entry for entry in library.contraindications if item.id in entry.applies_to.methods]
        if not own:
            assert any("contraindication" in gap.lower() for gap in item.gaps), item.id


def test_manual_therapy_has_its_kinds_and_contraindications(library):
    manual = method(library, "manual-therapy")
    assert {kind.id for kind in manual.kinds} >= MANUAL_THERAPY_KINDS
    own = {entry.id for entry in library.contraindications
           if "manual-therapy" in entry.applies_to.methods}
    assert {"vertebral-instability", "lymph-node-inflammation", "arthrosis-complications",
            "spinal-malformation", "osteoporosis-manual"} <= own
    assert method(library, "honey") and any(
        "honey" in entry.applies_to.methods for entry in library.contraindications)


# -- contraindications and red flags ------------------------------------------

def test_contraindications_have_a_tier_and_an_action(library):
    for item in library.contraindications:
        assert item.tier in TIERS, item.id
        assert item.action.strip(), item.id
        assert item.sources, item.id
    for tier in TIERS:
        assert getattr(library.tiers, tier).action.strip()


#: What the articles list, as words the catalogue's text must contain, with the
#: tier each must at least have ("absolute" is stricter than "relative").
ARTICLE_CONTRAINDICATIONS = {
    ("acute stage",): "absolute", ("fever",): "absolute", ("inflammat",): "absolute",
    ("pregnancy",): "absolute", ("thrombosis",): "absolute", ("blood disease",): "absolute",
    ("cancer",): "absolute", ("heart",): "absolute", ("hypertension", "ii or iii"): "absolute",
    ("osteomyelitis",): "absolute", ("tuberculosis",): "absolute",
    ("infectious",): "absolute", ("chronic disease",): "absolute",
    ("digestive",): "absolute", ("skin",): "local", ("varicose",): "local",
    ("urticaria",): "local", ("psychiatric",): "relative", ("sequestered",): "relative",
    ("instability",): "absolute", ("arthrosis",): "relative", ("malformation",): "relative",
}


def test_the_articles_contraindications_are_all_listed(library):
    strictness = {"absolute": 2, "local": 1, "relative": 1}
    for words, tier in ARTICLE_CONTRAINDICATIONS.items():
        matching = [item for item in library.contraindications
                    if all(word in item.text.lower() for word in words)]
        assert matching, words
        assert max(strictness[item.tier] for item in matching) >= strictness[tier], words
    instability = next(item for item in library.contraindications
                       if "instability" in item.text.lower())
    assert instability.applies_to.methods == ["manual-therapy"]


def test_red_flags_send_the_patient_to_emergency_care(library):
    assert library.red_flags.action == "Stop; send the patient to emergency care today."
    assert {flag.id for flag in library.red_flags.flags} >= RED_FLAGS
    for flag in library.red_flags.flags:
        assert flag.sign.strip() and flag.ask.strip(), flag.id


def test_every_protocol_carries_dosage_course_contraindications_and_red_flags(library):
    general_absolute = {item.id for item in library.contraindications
                        if item.applies_to.general and item.tier == "absolute"}
    for region, item in library.protocols():
        assert isinstance(item.dosage, Dosage) and item.dosage.first_minutes is not None, item.id
        assert isinstance(item.course, Course), item.id
        found = {entry.id for entry in safety.for_protocol(library, region, item)}
        assert general_absolute <= found, (item.id, general_absolute - found)
        assert set(item.contraindications) <= found, item.id
        blocks = safety.red_flag_block(library, library.forms.screening.red_flags_title,
                                       Words("en"))
        asked = {line for block in blocks for line, _ in block.items}
        assert {flag.ask for flag in library.red_flags.flags} == asked


def test_region_and_method_specific_contraindications_reach_their_protocols(library):
    cervical = next(region for region in library.regions if region.id == "cervical")
    for item in cervical.protocols:
        found = {entry.id for entry in safety.for_protocol(library, cervical, item)}
        assert {"cervical-large-hernia-or-pain", "cervical-late-stage"} <= found, item.id
    lumbar = next(region for region in library.regions if region.id == "lumbar")
    for item in lumbar.protocols:
        found = {entry.id for entry in safety.for_protocol(library, lumbar, item)}
        if item.method == "manual-therapy":
            assert "vertebral-instability" in found, item.id
            assert "cervical-vascular-signs" not in found, item.id
        else:
            assert "vertebral-instability" not in found, item.id


# -- stages of disease --------------------------------------------------------

def test_hernia_stages_and_when_massage_is_allowed(library):
    hernia = library.condition_by_id["hernia"]
    stages = {stage.id: stage.massage for stage in hernia.stages}
    assert list(stages) == ["prolapse", "protrusion", "extrusion", "sequestration"]
    assert stages["extrusion"] == stages["sequestration"] == "doctor-decides"
    assert stages["prolapse"] == "allowed"


def test_no_protocol_is_allowed_where_massage_is_not(library):
    for _, item in library.protocols():
        condition = library.condition_by_id[item.condition]
        massage = {stage.id: stage.massage for stage in condition.stages}
        for stage in item.allowed_stages:
            assert massage[stage] in ("allowed", "with-care"), (item.id, stage)


# -- the sequences and numbers the sources give -------------------------------

def test_cervical_osteochondrosis_sequence(library):
    item = protocol(library, "cervical-osteochondrosis")
    first = item.stages[0].steps[0]
    assert first.technique == "stroking"
    assert first.repetitions == r("6-7 times") and first.each_side
    assert "shoulder blades" in (first.direction or "")
    assert steps(item.stages[0])[1:4] == [
        ("squeezing", (), r("3-4 times")),
        ("kneading", ("ordinary",), r("3-4 times")),
        ("kneading", ("double-ring",), r("3-4 times")),
    ]
    assert item.stages[0].steps[-1].technique == "stroking"
    neck = item.stages[1]
    assert neck.title.lower().startswith("neck")
    assert ("squeezing", (), r("3-4 times")) in steps(neck)
    again = item.stages[2]
    assert steps(again) == [("stroking", (), r("4-5 times")),
                            ("squeezing", ("fingertips",), r("4-5 times"))]
    widened = {(technique, variants) for technique, variants, _ in steps(item.stages[3])}
    assert {("kneading", ("fingertips",)), ("kneading", ("palm-edge",)),
            ("rubbing", ("rectilinear", "circular"))} <= widened
    assert item.stages[-1].kind == "finish"
    assert "chest" in item.stages[-1].steps[-1].area.lower()
    assert item.dosage.first_sessions == r("5-7 minutes")
    assert item.dosage.later_sessions == r("15+ minutes")
    assert item.dosage.per_day == r("2 times")


def test_lumbar_hernia_classic_has_seven_main_steps(library):
    item = protocol(library, "lumbar-hernia-classic")
    assert [stage.kind for stage in item.stages][0] == "warm-up"
    main = [stage for stage in item.stages if stage.kind == "main"]
    assert len(main) == 1
    assert len(main[0].steps) == 7
    assert all(step.repetitions == r("3-4 times") for step in main[0].steps)
    assert [step.technique for step in main[0].steps] == [
        "rubbing", "squeezing", "rubbing", "stroking", "rubbing", "rubbing", "kneading"]
    assert main[0].steps[-1].variants == ["fist"]
    finish = {step.technique for stage in item.stages if stage.kind == "finish"
              for step in stage.steps}
    assert finish == {"pinching", "shaking"}
    assert item.dosage.session == r("30-60 minutes")
    assert item.course.length == r("10-20 days")
    assert item.course.break_before_repeat == r("2-3 months")


def test_lumbosacral_osteochondrosis_sequence(library):
    item = protocol(library, "lumbosacral-osteochondrosis")
    assert steps(item.stages[0]) == [("stroking", (), r("6-8 times")),
                                     ("squeezing", ("gentle",), r("4-5 times"))]
    sacrum = next(stage for stage in item.stages if "sacrum" in stage.title.lower())
    listed = steps(sacrum)
    assert listed[:5] == [
        ("stroking", (), r("4-5 times")),
        ("squeezing", (), r("5-7 times")),
        ("kneading", ("ordinary",), r("3-4 times")),
        ("kneading", ("palm-edge",), r("3-4 times")),
        ("kneading", ("circular",), r("3-4 times")),
    ]
    assert {"shaking", "rubbing"} <= {technique for technique, _, _ in listed}
    assert item.stages[-1].kind == "finish"
    assert item.dosage.per_day == r("2 times")


def test_manual_therapy_course_for_the_lumbar_spine(library):
    item = protocol(library, "lumbar-hernia-manual-therapy")
    assert item.method == "manual-therapy"
    assert item.stages[0].kind == "warm-up"
    traction = [step for stage in item.stages for step in stage.steps if step.kind == "traction"]
    assert len(traction) >= 2 and all("legs" in step.area for step in traction)
    order = ["very-light", "light", "moderate", "firm"]
    assert order.index(traction[-1].intensity) > order.index(traction[0].intensity)
    assert item.stages[-1].steps[-1].kind == "post-isometric-relaxation"
    assert "face down" in (item.position.patient if item.position else "")
    assert item.dosage.session == r("30 minutes")
    assert item.course.sessions == r("up to 15 sessions")
    assert item.course.interval == r("1-2 days")
    assert item.course.break_before_repeat == r("2 weeks")
    assert item.course.courses_per_year == r("3+ courses")
    assert any("20" in gap and "10" in gap for gap in item.gaps), "record the disagreement"


def test_mild_manual_therapy_with_a_shifted_facet_joint(library):
    item = protocol(library, "lumbar-facet-manual-therapy")
    assert item.course.sessions == r("3-7 sessions")
    kinds = [step.kind for stage in item.stages for step in stage.steps]
    assert "post-isometric-relaxation" in kinds and "manipulation" not in kinds


def test_cervical_hernia_is_early_stage_only_and_says_what_is_missing(library):
    item = protocol(library, "cervical-hernia")
    assert set(item.allowed_stages) <= {"prolapse", "protrusion"}
    assert item.course.sessions == r("10 sessions")
    assert any("sequence" in gap for gap in item.gaps)


def test_thoracic_protocol_says_it_is_built_from_general_rules(library):
    thoracic = next(region for region in library.regions if region.id == "thoracic")
    for item in thoracic.protocols:
        assert any("sequence" in gap for gap in item.gaps), item.id


def test_method_numbers(library):
    classic = method(library, "classic")
    assert classic.dosage.session == r("30-60 minutes")
    assert classic.dosage.first_sessions == r("5-7 minutes")
    assert classic.dosage.later_sessions == r("15+ minutes")
    assert classic.course.length == r("10-20 days")
    assert classic.course.break_before_repeat == r("2-3 months")
    for pressing in ("shiatsu", "neuromuscular"):
        item = method(library, pressing)
        assert item.dosage.hold == r("10-30 seconds"), pressing
        assert item.course.sessions == r("4 sessions"), pressing
        assert item.course.length == r("6 weeks"), pressing
    manual = method(library, "manual-therapy")
    assert manual.course.sessions == r("up to 15 sessions")
    assert manual.course.interval == r("1-2 days")
    assert manual.course.break_before_repeat == r("2 weeks")
    vacuum = method(library, "vacuum")
    assert r("up to 2 cm") in [limit.value for limit in vacuum.dosage.limits]


def test_home_advice_keeps_the_articles_rules(library):
    advice = " ".join(library.forms.home_advice).lower()
    for words in (("self-massage", "neck"), ("lift",), ("weight",), ("sport",)):
        assert all(word in advice for word in words), words


# -- no dosage left as prose --------------------------------------------------

def _mentions_range(annotation) -> bool:
    if annotation is Range:
        return True
    return any(_mentions_range(argument) for argument in typing.get_args(annotation))


def test_every_range_field_holds_a_range(library):
    checked = 0
    for path, value in everything(library):
        if not isinstance(value, BaseModel):
            continue
        for name, info in type(value).model_fields.items():
            if _mentions_range(info.annotation):
                held = getattr(value, name)
                assert held is None or isinstance(held, Range), where(path + (name,))
                checked += held is not None
    assert checked > 50


UNITS = {
    "time": "times", "times": "times", "second": "seconds", "seconds": "seconds",
    "sec": "seconds", "minute": "minutes", "minutes": "minutes", "min": "minutes",
    "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "month": "months", "months": "months", "year": "years",
    "years": "years", "session": "sessions", "sessions": "sessions", "course": "courses",
    "courses": "courses", "cm": "cm",
}
FIGURE = re.compile(
    r"(?<![\w.])(?P<low>\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*\+?\s*"
    rf"(?P<unit>{'|'.join(sorted(UNITS, key=len, reverse=True))})\b", re.IGNORECASE)


def loose_figures(*blocks: Dosage | Course | None) -> list[str]:
    """Figures with a unit in notes or progression that no structured value of ``blocks`` holds."""
    structured: set[tuple[float, str]] = set()
    texts: list[str] = []
    for block in blocks:
        if block is None:
            continue
        for _, value in walk(block):
            if isinstance(value, Range):
                structured |= {(end, value.unit) for end in (value.min, value.max) if end is not None}
        texts += list(block.notes)
        if isinstance(block, Dosage) and block.progression:
            texts.append(block.progression)
    loose = []
    for text in texts:
        for match in FIGURE.finditer(text):
            unit = UNITS[match["unit"].lower()]
            for number in filter(None, (match["low"], match["high"])):
                if (float(number), unit) not in structured:
                    loose.append(f"{match.group(0)!r} in {text!r}")
    return loose


def test_the_prose_check_catches_a_figure_left_in_text():
    dosage = Dosage(first_sessions=r("5-7 minutes"), notes=["Then about 20 minutes a day."],
                    progression="Raise to 5-7 minutes, then grow.")
    assert loose_figures(dosage) == ["'20 minutes' in 'Then about 20 minutes a day.'"]
    assert loose_figures(Course(sessions=r("up to 15 sessions"),
                                notes=["Up to 15 sessions."])) == []


def test_no_dosage_or_course_figure_is_left_as_prose(library):
    owners = [(item.id, item.dosage, item.course) for _, item in library.protocols()]
    owners += [(item.id, item.dosage, item.course) for item in library.methods]
    for owner, dosage, course in owners:
        assert loose_figures(dosage, course) == [], owner


# -- no curative claims ---------------------------------------------------------

CLAIMS = [
    re.compile(pattern, re.IGNORECASE) for pattern in (
        r"\bcur(?:e|es|ed|ing)\b",
        r"\btoxins?\b",
        r"\b(?:in|into|to)\s+(?:its|their|the)\s+place\b",
        r"\bback\s+in(?:to)?\s+place\b",
        r"\b(?:returns?|returning|puts?|putting|sets?)\b[^.;]{0,30}\b(?:disc|disk|hernia|cartilage)\b[^.;]{0,12}\bback\b",
        r"\b(?:returns?|puts?)\s+(?:the\s+|a\s+)?(?:disc|disk|hernia|cartilage)\b",
        r"\b(?:disc|disk|hernia)\s+returns\b",
        r"\bsucks?\b",
    )
]
NEGATION = re.compile(r"\b(?:not|no|never|cannot|nor|without)\b|n't\b", re.IGNORECASE)


def claims_in(text: str) -> list[str]:
    """Sentences or clauses that make a curative claim without denying it."""
    found = []
    for clause in re.split(r"(?<=[.!?;])\s+", text):
        if any(pattern.search(clause) for pattern in CLAIMS) and not NEGATION.search(clause):
            found.append(clause)
    return found


def test_the_claim_check_tells_a_claim_from_a_denial():
    assert claims_in("Massage cures a hernia.")
    assert claims_in("Honey removes toxins from the body.")
    assert claims_in("After a few sessions the disc returns to its place.")
    assert claims_in("It returns the disc back where it belongs.")
    assert not claims_in("Massage eases pain; it does not cure a hernia.")
    assert not claims_in('The claims that honey "removes toxins" are not repeated here.')


def test_no_text_claims_a_cure(library):
    offending = [(where(path), clause) for path, text in strings(library)
                 for clause in claims_in(text)]
    assert offending == []


def test_the_handbook_says_massage_does_not_cure_a_hernia(library):
    assert re.search(r"does not cure a (?:disc )?hernia", library.edition.disclaimer)
    for item in library.methods:
        if item.family == "massage":
            assert item.evidence.level in ("low", "very-low", "unclear", "no-trials"), item.id


# -- printable characters -------------------------------------------------------

@pytest.fixture(scope="module")
def printable() -> set[int]:
    covered: set[int] = set()
    for name in ("PTSerif-Regular.ttf", "PTSans-Regular.ttf"):
        covered |= set(TTFont(FONTS / name).getBestCmap())
    return covered


def test_every_character_is_in_the_fonts(library, printable):
    missing = {}
    for path, text in strings(library):
        for character in set(text) - {"\n"}:
            if ord(character) not in printable:
                missing.setdefault(f"U+{ord(character):04X} {character!r}", where(path))
    assert missing == {}


def test_no_arrows_check_marks_or_pictographs(library):
    allowed_symbols = {"№", "°"}
    found = {}
    for path, text in strings(library):
        for character in text:
            symbol = unicodedata.category(character) == "So" and character not in allowed_symbols
            if symbol or 0x2190 <= ord(character) <= 0x21FF:
                found.setdefault(character, where(path))
    assert found == {}
