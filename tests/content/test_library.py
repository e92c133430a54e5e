"""The real protocol library in protocols/: integrity and safety.

These tests read the content, not the code: they fail when a method loses its
contraindications or its evidence note, a protocol loses its safeguards, or a
reference points nowhere.  Cross-references are checked here on the loaded
models as well, so the test still guards them if the loader's own check were
ever removed.  The sources' sequences are in test_sequences.py, the wording
rules (no prose doses, no cure claims, printable characters) in test_wording.py.
"""

from __future__ import annotations

from library_walk import MANUAL_THERAPY_KINDS, METHODS, RED_FLAGS, REGIONS, TECHNIQUES, method

from handbook.edition import safety
from handbook.edition.words import Words
from handbook.source.models import TIERS, Course, Dosage

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
    # "cleared" (no treatment at all until the doctor's written clearance) is what the
    # articles' absolute contraindication of a heart disorder asks, split from "absolute"
    # items that no clearance lifts
    strictness = {"absolute": 2, "cleared": 2, "local": 1, "relative": 1}
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
        asked = {line.text for block in blocks for line in block.items}
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


