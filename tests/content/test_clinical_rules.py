"""The rules a clinical review set for the library: what a physiotherapist would flag before
the handbook reaches a patient, kept from coming back."""

from __future__ import annotations

import re

from handbook.edition import safety

NEW_RED_FLAGS = {"trauma-fracture", "osteoporosis-steroids", "cancer-history", "weight-loss",
                 "night-pain", "fever-back-pain"}


def checklists(library):
    for region, protocol in library.protocols():
        yield region, protocol, safety.for_protocol(library, region, protocol)


def test_no_checklist_holds_one_condition_twice(library):
    """Items that ask about one condition in different tiers or scopes name each other
    (`overlaps`); no protocol's checklist may hold both, or one patient gets two orders."""
    by_id = library.contraindication_by_id
    overlapping = [item for item in library.contraindications if item.overlaps]
    assert overlapping, "no overlaps are declared: this test would check nothing"
    for item in overlapping:
        for other in item.overlaps:
            assert item.id in by_id[other].overlaps, (item.id, other, "overlaps go both ways")
    for region, protocol, items in checklists(library):
        ids = {item.id for item in items}
        for item in items:
            assert not ids & set(item.overlaps), (protocol.id, item.id, ids & set(item.overlaps))


def test_a_milder_tier_than_a_source_gives_says_why(library):
    for item_id in ("varicose-veins", "skin-inflammation", "swelling-urticaria",
                    "raised-blood-pressure", "mental-disorder"):
        item = library.contraindication_by_id[item_id]
        assert item.tier == "absolute" or item.tier_reason, item_id
    for item_id in ("arthrosis-complications", "spinal-malformation"):
        assert library.contraindication_by_id[item_id].tier == "absolute", item_id


def test_every_cervical_checklist_screens_the_neck_arteries(library):
    for region, protocol, items in checklists(library):
        if region.id == "cervical":
            assert "cervical-vascular-signs" in {item.id for item in items}, protocol.id


def test_the_red_flags_go_beyond_compression_each_with_its_action(library):
    flags = {flag.id: flag for flag in library.red_flags.flags}
    assert NEW_RED_FLAGS <= set(flags)
    for flag_id in NEW_RED_FLAGS:
        assert flags[flag_id].action and flags[flag_id].patient_action, flag_id
    assert "osteoporosis" in {item.id for item in library.contraindications}


def test_the_before_session_check_points_at_every_red_flag(library):
    items = " ".join(library.forms.before_session.items).lower()
    assert "every sign on the red-flag card" in items


def test_no_patient_text_pairs_twice_daily_sessions_with_a_flare(library):
    texts = [library.patient.model_dump_json()]
    texts += [protocol.patient for _, protocol in library.protocols()]
    texts += [method.patient or "" for method in library.methods]
    texts += [condition.patient or "" for condition in library.conditions]
    for text in texts:
        for sentence in re.split(r"(?<=[.;])\s+", text):
            lowered = sentence.lower()
            if re.search(r"twice a day|two sessions a day", lowered) and re.search(
                    r"flare|exacerbation|worst", lowered):
                assert re.search(r"settled|passed|no massage during|once .* has", lowered), \
                    sentence


def test_imaging_before_manual_therapy_is_mri_not_an_x_ray_alone(library):
    method = library.method_by_id["manual-therapy"]
    lumbar = next(region for region in library.regions if region.id == "lumbar")
    texts = [*method.procedure, *method.equipment, *lumbar.cautions,
             *library.protocol("lumbar-hernia-manual-therapy")[1].cautions]
    joined = " ".join(texts)
    assert "MRI" in joined and "X-ray cannot show a disc hernia" in joined
    assert not re.search(r"X-ray[^.;]*\bor CT or MRI", joined)


def test_traction_is_honest_with_the_patient_and_the_doctor(library):
    _, protocol = library.protocol("lumbar-hernia-manual-therapy")
    assert any("NICE NG59" in caution for caution in protocol.cautions)
    assert "manipulation" in protocol.patient and "more" in protocol.patient


def test_the_radicular_syndrome_reaches_every_low_back_massage_checklist(library):
    """KNGF advises against massage (not one kind of it) in lumbosacral radicular syndrome."""
    low_back = [(region, protocol) for region, protocol in library.protocols()
                if region.id in {"lumbar", "lumbosacral"}
                and library.method_by_id[protocol.method].family == "massage"]
    assert {protocol.id for _, protocol in low_back} >= {"lumbar-hernia-classic",
                                                        "lumbosacral-osteochondrosis"}
    for region, protocol in low_back:
        assert "radicular-syndrome" in {item.id for item in safety.for_protocol(
            library, region, protocol)}, protocol.id
    _, protocol = library.protocol("lumbar-hernia-classic")
    assert any("KNGF" in caution for caution in protocol.cautions)


def test_method_precautions_the_articles_leave_out(library):
    by_id = library.contraindication_by_id
    assert by_id["bee-product-allergy"].applies_to.methods == ["honey"]
    assert by_id["bleeding-tendency"].applies_to.methods == ["vacuum"]
    assert by_id["cold-sensitivity"].applies_to.methods == ["ice"]
    for method_id in ("honey", "ice", "vacuum", "hydromassage"):
        summary = library.method_by_id[method_id].evidence.summary
        assert "No trial of" in summary and "exists" in summary, method_id


def test_schmorls_hernia_is_a_condition_and_not_a_thoracic_disc_sign(library):
    assert "schmorl" in {condition.id for condition in library.conditions}
    thoracic = next(region for region in library.regions if region.id == "thoracic")
    assert "Schmorl" in thoracic.overview


def test_no_text_offers_work_during_a_flare(library):
    """The acute stage is an absolute contraindication for every treatment: where a source
    suggests working beside the painful area during a flare, the text says the stricter rule
    is kept instead."""
    from library_walk import strings

    mentions = [(path, text) for path, text in strings(library) if "neighbouring area" in text]
    assert mentions
    for path, text in mentions:
        assert "stricter rule" in " ".join(text.split()), path


def test_the_red_flags_issue_22_asked_for_are_there_and_triaged(library):
    """Bilateral sciatica (an early cauda equina sign) is for emergency care; a new numb hand
    or a new limp is for a doctor today, not an ambulance; and no sign is milder than the
    disclaimer promises."""
    flags = {flag.id: flag for flag in library.red_flags.flags}
    assert {"bilateral-sciatica", "new-pain-after-50", "immunosuppression",
            "thoracic-rest-pain", "unwell", "lhermitte"} <= set(flags)
    assert flags["bilateral-sciatica"].urgency == "emergency"
    assert flags["leg-numbness"].urgency == "today" and "hand" in flags["leg-numbness"].sign
    assert flags["worsening-gait"].urgency == "today"
    assert library.red_flags.at_most == "this-week"
    assert "within the week" in " ".join(library.edition.disclaimer.split())


def test_a_known_and_cleared_condition_passes_the_check_before_each_session(library):
    """The red flags about osteoporosis and cancer ask about new or changed pain, so a
    patient whose condition is known and cleared can answer No."""
    flags = {flag.id: flag for flag in library.red_flags.flags}
    for flag_id in ("osteoporosis-steroids", "cancer-history"):
        ask = flags[flag_id].ask.lower()
        assert "new" in ask and "since the doctor last saw you" in ask, flag_id


def test_the_neck_screen_asks_the_early_signs_before_every_neck_session(library):
    flags = [flag for flag in library.red_flags.flags if flag.screen == "vascular"]
    assert [flag.regions for flag in flags] == [["cervical"]]
    ask = flags[0].ask.lower()
    for sign in ("sudden neck pain or headache unlike any before", "nausea", "unsteadiness"):
        assert sign in " ".join(ask.split()), sign
    item = library.contraindication_by_id["cervical-vascular-signs"]
    assert "nystagmus" in item.text and "emergency services" in item.action
    assert library.patient.stroke_warning


def test_a_sequestered_hernia_is_never_given_manual_therapy(library):
    hernia = library.condition_by_id["hernia"]
    stages = {stage.id: stage for stage in hernia.stages}
    assert stages["sequestration"].for_manual_therapy == "not-allowed"
    assert stages["extrusion"].for_manual_therapy == "not-allowed"
    item = library.contraindication_by_id["large-hernia-manual"]
    assert item.tier == "absolute" and not item.clearance
    assert "cauda equina" in item.action
    for region, protocol, items in checklists(library):
        if library.method_by_id[protocol.method].family == "manual-therapy":
            assert "large-hernia-manual" in {entry.id for entry in items}, protocol.id


def test_every_region_screens_radicular_signs_and_blood_pressure_is_measured(library):
    for region, protocol, items in checklists(library):
        assert any(item.screen == "radicular" for item in items), protocol.id
    for item_id in ("hypertension", "raised-blood-pressure"):
        assert "mmHg" in library.contraindication_by_id[item_id].measure
