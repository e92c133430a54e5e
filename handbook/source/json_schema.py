"""JSON Schemas of the YAML files, for editors that complete and check as you type.

Generated from the same models that validate, so they cannot drift; a test
keeps the committed copies in ``schema/`` current.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import FILE_MODELS, FOLDER_MODELS

def schemas() -> dict[str, str]:
    """File name → JSON text, one schema per kind of YAML file."""
    found = {}
    for name, model in FILE_MODELS.items():
        found[name.replace(".yaml", ".schema.json")] = _schema(model, name)
    for folder, model in FOLDER_MODELS.items():
        found[folder.rstrip("s") + ".schema.json"] = _schema(model, f"{folder}/<id>.yaml")
    return found


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _schema(model, file_name: str) -> str:
    schema = model.model_json_schema()
    if file_name.endswith("<id>.yaml"):  # the id comes from the file name, never written
        schema["properties"].pop("id", None)
        schema["required"] = [key for key in schema.get("required", []) if key != "id"]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **schema, "title": f"handbook: {file_name}"}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
