"""What changed between two editions: ``handbook changes`` names every change a therapist
must know with its place and page, and ``build --previous`` prints them after the contents
with the revision history and a sign-off sheet whose page references are right."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess

import pytest

from conftest import PROTOCOLS, invoke, normalise, read_pdf, set_yaml

PROTOCOL = "lumbar-hernia-classic"


def lumbar_protocol(data: dict) -> dict:
    return next(protocol for protocol in data["protocols"] if protocol["id"] == PROTOCOL)


def change_everything(folder) -> None:
    """One change of each kind a therapist must know, made to a copy of the library."""
    def region(data):
        protocol = lumbar_protocol(data)
        protocol["dosage"]["first_sessions"] = "6-8 minutes"          # a dose
        protocol["course"]["sessions"] = "up to 12 sessions"           # a course number
        main = next(stage for stage in protocol["stages"] if stage["kind"] == "main")
        steps = main["steps"]
        added = copy.deepcopy(steps[0])
        added.update(technique="stroking", area="The whole back, once more")
        added.pop("variants", None)
        removed = steps.pop(1)                                          # a step removed
        steps[0]["technique"] = "kneading"                              # a technique changed
        steps[0].pop("variants", None)
        steps[2], steps[3] = steps[3], steps[2]                         # two steps swapped
        steps.insert(1, added)                                          # a step added
        protocol["sources"].append("new-guideline")
        assert removed["area"] != added["area"]
    set_yaml(folder / "regions" / "lumbar.yaml", region)

    def catalogue(data):
        items = data["contraindications"]
        fresh = copy.deepcopy(items[0])
        fresh.update(id="new-item", text="A new question asked of every patient")
        items.append(fresh)                                             # an item added
        del items[2]                                                    # an item removed
        tiers = list(data["tiers"])
        items[3]["tier"] = next(tier for tier in tiers if tier != items[3]["tier"])  # re-tiered
        items[3]["clearance"] = data["tiers"][items[3]["tier"]]["clearance"]  # as its tier (HB201)
        items[4]["action"] = "Do not treat; refer to the doctor the same day."       # reworded
    set_yaml(folder / "contraindications.yaml", catalogue)

    def flags(data):
        fresh = copy.deepcopy(data["flags"][0])
        fresh.update(id="new-flag", sign="A new warning sign", ask="Any new warning sign?",
                     patient="A new warning sign")
        data["flags"].append(fresh)                                     # a red flag added
    set_yaml(folder / "red-flags.yaml", flags)

    def sources(data):
        fresh = copy.deepcopy(data["sources"][-1])
        fresh.update(id="new-guideline", title="A new guideline on massage")
        data["sources"].append(fresh)                                   # a source added
    set_yaml(folder / "sources.yaml", sources)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions") / "protocols"
    shutil.copytree(PROTOCOLS, folder)
    change_everything(folder)
    return PROTOCOLS, folder


@pytest.fixture(scope="module")
def listed(editions) -> list[dict]:
    old, new = editions
    result = invoke("changes", old, new, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("where, what", [
    (r"Classic massage for a lumbar disc hernia$", r"First sessions: 5–7 minutes → 6–8 minutes"),
    (r"Classic massage for a lumbar disc hernia$", r"Sessions: .* → up to 12 sessions"),
    (r"› Main massage › step \d+$", r"Step added: Stroking: The whole back, once more"),
    (r"› Main massage$", r"Step removed: "),
    (r"› Main massage › step \d+$", r"Technique: Rubbing → Kneading"),
    (r"› Main massage › step \d+$", r"Step moved: it was number \d+"),
    (r"^Contraindications$", r"Contraindication added: A new question"),
    (r"^Contraindications$", r"Contraindication removed: "),
    (r"^Contraindication: ", r"Tier: \w+ → \w+"),
    (r"^Contraindication: ", r"Action: .* → Do not treat; refer to the doctor the same day\."),
    (r"^Red flags$", r"Red flag added: A new warning sign"),
    (r"^Sources$", r"Source added: A new guideline on massage"),
])
def test_every_kind_of_change_is_named_with_its_place(listed, where, what):
    found = [change for change in listed if re.search(where, change["where"])
             and re.search(what, normalise(change["what"]))]
    assert found, (where, what, [(c["where"], c["what"]) for c in listed])
    assert all(change["page"] for change in found)


def test_the_changes_point_at_the_lines_and_pages_they_come_from(listed, editions):
    _, new = editions
    lumbar = (new / "regions" / "lumbar.yaml").read_text().splitlines()
    technique = next(change for change in listed if change["what"].startswith("Technique"))
    assert "technique: kneading" in lumbar[technique["line"] - 1]
    step = int(technique["where"].rsplit(" ", 1)[1])
    assert technique["anchor"] == f"protocol-{PROTOCOL}-step-{step}"


def test_nothing_changed_is_nothing_listed():
    result = invoke("changes", PROTOCOLS, PROTOCOLS)
    assert result.exit_code == 0 and "0 changes a therapist must know." in result.output


def test_the_text_report(editions, golden):
    old, new = editions
    result = invoke("changes", old, new)
    assert result.exit_code == 0
    golden("changes.txt", result.output)


def test_a_git_revision_is_an_edition(tmp_path, monkeypatch):
    repository = tmp_path / "clinic"
    shutil.copytree(PROTOCOLS, repository / "protocols")
    for command in (["init", "-q"], ["add", "."],
                    ["-c", "user.name=t", "-c", "user.email=t@example", "commit", "-qm", "1.0"]):
        subprocess.run(["git", *command], cwd=repository, check=True)
    change_everything(repository / "protocols")
    monkeypatch.chdir(repository)
    result = invoke("changes", "HEAD:protocols", "protocols")
    assert result.exit_code == 0, result.output
    assert "Step added: Stroking: The whole back, once more" in normalise(result.output)
    result = invoke("changes", "v9:protocols", "protocols")
    assert result.exit_code == 2 and "git has no revision 'v9'" in result.output


@pytest.fixture(scope="module")
def with_previous(editions, tmp_path_factory):
    old, new = editions
    target = tmp_path_factory.mktemp("previous") / "handbook.pdf"
    result = invoke("build", new, "--previous", old, "-o", target)
    assert result.exit_code == 0, result.output
    return read_pdf(target, None)


def test_build_previous_prints_the_changes_history_and_sign_off(with_previous, listed):
    pdf = with_previous
    changes_page = pdf.anchor_page("part-changes")
    signoff_page = pdf.anchor_page("part-signoff")
    text = normalise(" ".join(pdf.pages[changes_page - 1:signoff_page]))
    assert "Changes in this edition" in text and "Revision history" in text
    assert "replaces version 1.0" in text or "replaces version" in text
    signoff = normalise(" ".join(pdf.pages[signoff_page - 1:signoff_page + 1]))
    assert "Read and understood" in signoff and "Signature" in signoff
    # every change's page reference is the page its anchor prints on in this very PDF
    references = [int(number) for number in re.findall(r"\(page (\d+)\)", signoff)]
    assert len(references) == len(listed)
    for change, page in zip(listed, references):
        assert page == pdf.anchor_page(change["anchor"]), change


def test_the_contents_list_the_changes(with_previous):
    from conftest import contents_entries

    entries = dict(contents_entries(with_previous))
    assert entries["Changes in this edition"] == with_previous.anchor_page("part-changes")
    assert entries["Read and understood"] == with_previous.anchor_page("part-signoff")
