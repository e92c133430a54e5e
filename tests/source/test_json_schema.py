"""The committed JSON Schemas match the models."""

from __future__ import annotations

from conftest import ROOT
from handbook.source.json_schema import schemas


def test_committed_schemas_are_current():
    folder = ROOT / "schema"
    generated = schemas()
    committed = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.json")}
    assert set(committed) == set(generated), "run: handbook schema -o schema"
    for name, text in generated.items():
        assert committed[name] == text, f"{name} is stale; run: handbook schema -o schema"


def test_range_schema_offers_the_compact_spelling():
    text = schemas()["region.schema.json"]
    assert "6-7 times" in text and '"unit"' in text
    assert '"id"' in text  # protocols keep their id; only the file's own id is dropped
