"""The sequences and numbers the source articles give, step for step, in protocols/."""

from __future__ import annotations

from library_walk import method, protocol, r, steps

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
    # the source's full session is the ceiling of a late session, never the first dose
    assert item.dosage.session is None and item.dosage.first_sessions == r("5-7 minutes")
    assert [limit.value for limit in item.dosage.limits] == [r("30-60 minutes")]
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


