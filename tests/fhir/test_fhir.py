"""The FHIR export: every protocol and method as definitions, a plan as a CarePlan with the
same dates and minutes as its printed page, all valid against fhir.resources (R4B)."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan

from conftest import PROTOCOLS, invoke, normalise, read_pdf
from handbook.fhir.care_plan import care_plan
from handbook.fhir.definitions import library_bundle
from handbook.plans.schedule import PlanRequest, make_plan

BASE = "https://clinic.example/fhir"


@pytest.fixture(scope="module")
def bundle(library) -> dict:
    return library_bundle(library, BASE)


def test_the_library_is_a_valid_bundle_of_every_protocol_and_method(bundle, library):
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    kinds = [(entry["resource"]["resourceType"], entry["resource"]["id"])
             for entry in bundle["entry"]]
    assert [item for kind, item in kinds if kind == "PlanDefinition"] == [
        protocol.id for _, protocol in library.protocols()]
    assert [item for kind, item in kinds if kind == "ActivityDefinition"] == [
        method.id for method in library.methods]
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == entry["resource"]["url"]
        assert entry["resource"]["url"].startswith(BASE + "/")


def test_a_plan_definition_carries_stages_steps_course_and_safeguards(bundle, library):
    definitions = {entry["resource"]["id"]: entry["resource"] for entry in bundle["entry"]}
    region, protocol = library.protocol("cervical-osteochondrosis")
    plan = definitions[protocol.id]
    screening, course = plan["action"]
    assert screening["definitionCanonical"] == f"{BASE}/Questionnaire/{protocol.id}-screening"
    assert course["definitionCanonical"] == f"{BASE}/ActivityDefinition/classic"
    assert course["timingTiming"]["repeat"]["frequency"] == 2  # twice a day
    assert course["timingTiming"]["repeat"]["duration"] == 5
    assert course["timingTiming"]["repeat"]["durationMax"] == 7
    stages = course["action"]
    assert len(stages) == len(protocol.stages)
    first_step = stages[0]["action"][0]
    assert first_step["prefix"] == "1" and first_step["title"] == "Stroking"
    assert first_step["timingTiming"]["repeat"] == {"count": 6, "countMax": 7}
    steps = [step for stage in stages for step in stage["action"]]
    assert [step["prefix"] for step in steps] == [str(n) for n in range(1, len(steps) + 1)]
    labels = [artifact.get("label", "") for artifact in plan["relatedArtifact"]]
    assert "contraindication-absolute" in labels and "red-flag" in labels
    assert any(artifact["type"] == "citation" for artifact in plan["relatedArtifact"])


def test_the_export_is_deterministic(tmp_path):
    outputs = []
    for name in ("a", "b"):
        target = tmp_path / f"{name}.json"
        result = invoke("export", "fhir", PROTOCOLS, "-o", target, "--base", BASE)
        assert result.exit_code == 0, result.output
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].decode("utf-8").startswith('{\n  "entry": [')


REQUEST = dict(patient="Анна Петрова", protocol="cervical-osteochondrosis",
               start=datetime.date(2026, 12, 4), skip_weekends=True, therapist="Dr Ivanova")


def test_a_care_plan_is_valid_and_invents_no_identifier(library):
    resource = care_plan(library, make_plan(library, PlanRequest(**REQUEST)), BASE)
    CarePlan.model_validate(resource)
    assert resource["status"] == "draft" and resource["intent"] == "plan"
    assert resource["instantiatesCanonical"] == [f"{BASE}/PlanDefinition/cervical-osteochondrosis"]
    assert resource["subject"] == {"display": "Анна Петрова"}
    assert "identifier" not in json.dumps(resource)


def test_the_care_plan_has_the_printed_plans_dates_and_minutes(tmp_path):
    # twice a day: the protocol gives it in the subsiding stage only (issue 22, rule 7)
    arguments = ["--patient", REQUEST["patient"], "--protocol", REQUEST["protocol"],
                 "--start", "2026-12-04", "--skip-weekends", "--therapist", "Dr Ivanova",
                 "--stage", "subsiding"]
    assert invoke("plan", PROTOCOLS, *arguments, "-o", tmp_path / "plan.pdf").exit_code == 0
    result = invoke("plan", PROTOCOLS, *arguments, "--format", "fhir", "-o", tmp_path / "plan.json")
    assert result.exit_code == 0, result.output
    resource = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    pdf = read_pdf(tmp_path / "plan.pdf", None)
    table = normalise(pdf.pages[0] + " " + pdf.pages[1])
    printed = re.findall(r"(\d+) \w{3}, (\w+ \d{1,2}, \d{4}), (morning|evening) (\d+(?:–\d+)?\+?)",
                         table)  # "1 Fri, December 4, 2026, morning 5–7"
    times = {"MORN": "morning", "EVE": "evening"}
    exported = []
    for activity in resource["activity"]:
        timing = activity["detail"]["scheduledTiming"]
        repeat = timing["repeat"]
        minutes = str(repeat["duration"]) + (f"–{repeat['durationMax']}" if "durationMax" in repeat
                                             else "")
        number = activity["detail"]["description"].split()[1]
        exported.append((number, timing["event"][0], times[repeat["when"][0]], minutes))
    printed = [(number, datetime.datetime.strptime(day, "%B %d, %Y").date().isoformat(), part,
                minutes.rstrip("+")) for number, day, part, minutes in printed]
    assert printed == exported, (printed[:3], exported[:3])


def test_a_batch_writes_care_plans_beside_the_pdfs(tmp_path):
    rows = tmp_path / "plans.csv"
    rows.write_text("patient,protocol,start\nA One,lumbar-hernia-classic,2026-12-01\n"
                    "B Two,cervical-hernia,2026-12-02\n", encoding="utf-8")
    result = invoke("batch", rows, "-o", tmp_path / "out", "--source", PROTOCOLS,
                    "--format", "both", "--base", BASE)
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == [".handbook-plans.json", "a-one_2026-12-01.json", "a-one_2026-12-01.pdf",
                     "b-two_2026-12-02.json", "b-two_2026-12-02.pdf"]
    for name in ("a-one_2026-12-01.json", "b-two_2026-12-02.json"):
        CarePlan.model_validate_json((tmp_path / "out" / name).read_text(encoding="utf-8"))


def test_an_id_longer_than_fhir_allows_is_refused_where_it_is_defined(minimal_copy):
    region = minimal_copy / "regions" / "neck.yaml"
    long_id = "neck-" + "x" * 91
    region.write_text(region.read_text().replace("id: neck-basic", f"id: {long_id}"))
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "regions/neck.yaml:9:" in result.output
    assert "96 characters long, more than the 64 allowed" in result.output


@pytest.mark.parametrize("base", ["javascript:alert(1)", "clinic/fhir", "http://a clinic/fhir",
                                  "https://", "ftp://clinic.example/fhir",
                                  "https://clinic.example/fhir?x=1"])
def test_only_an_absolute_web_address_is_a_base(tmp_path, base):
    for arguments in (("export", "fhir", str(PROTOCOLS), "-o", str(tmp_path / "b.json")),
                      ("plan", str(PROTOCOLS), "--patient", "A", "--protocol",
                       "lumbar-hernia-classic", "--start", "2026-12-01", "--format", "fhir",
                       "-o", str(tmp_path / "p.json"))):
        result = invoke(*arguments, "--base", base)
        assert result.exit_code == 2, result.output
        assert "is not an absolute http(s) address" in result.output
    assert not list(tmp_path.iterdir())


def test_every_definition_carries_the_editions_control_data(bundle, library):
    control = library.edition.control
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert resource["version"] == control.version and resource["status"] == "active"
        assert resource["approvalDate"] == resource["lastReviewDate"] == "2026-11-22"
        assert resource["effectivePeriod"] == {"start": "2026-12-01", "end": "2028-11-22"}


def test_the_screening_checklist_is_a_questionnaire(bundle, library):
    from fhir.resources.R4B.questionnaire import Questionnaire

    from handbook.edition import safety

    resources = {entry["resource"]["url"]: entry["resource"] for entry in bundle["entry"]}
    region, protocol = library.protocol("lumbar-hernia-classic")
    plan = resources[f"{BASE}/PlanDefinition/{protocol.id}"]
    form = resources[plan["action"][0]["definitionCanonical"]]
    Questionnaire.model_validate(form)
    questions = [item for group in form["item"] for item in group["item"]
                 if item["type"] == "boolean"]
    items = safety.for_protocol(library, region, protocol)
    ordered = [item for tier in type(library.tiers).model_fields
               for item in items if item.tier == tier]
    assert [question["text"] for question in questions] == [
        item.text for item in ordered] + [flag.ask for flag in library.red_flags.flags
                                          if not flag.regions or region.id in flag.regions]
    for question, item in zip(questions, ordered):  # each with its tier and its own action
        assert question["code"][0]["code"] == item.tier
        assert question["item"][0] == {"linkId": f"{item.tier}.{item.id}.action",
                                       "type": "display", "text": f"If YES: {item.action}"}


def test_a_replaced_version_is_a_predecessor(tmp_path):
    import shutil

    folder = tmp_path / "protocols"
    shutil.copytree(PROTOCOLS, folder)
    edition = folder / "handbook.yaml"
    edition.write_text(edition.read_text().replace('  version: "1.0"', '  version: "1.1"\n'
                                                   '  replaces: "1.0"').replace(
        '    - version: "1.0"', '    - version: "1.1"\n      date: 2026-11-22\n'
        '      changes: A review.\n    - version: "1.0"'))
    result = invoke("export", "fhir", folder, "-o", tmp_path / "b.json", "--base", BASE)
    assert result.exit_code == 0, result.output
    bundle = json.loads((tmp_path / "b.json").read_text())
    Bundle.model_validate(bundle)
    plan = next(entry["resource"] for entry in bundle["entry"]
                if entry["resource"]["resourceType"] == "PlanDefinition")
    assert {"type": "predecessor", "display": "Version 1.0",
            "resource": f"{plan['url']}|1.0"} in plan["relatedArtifact"]
