"""Every key an author writes is explained in the schema: a description and an example.

Editors show both while the methodologist types, so a key without them is a key
people guess at.  The check walks every model of the library's files.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from pydantic import BaseModel

import handbook.source.models as models


def _models() -> list[type[BaseModel]]:
    found = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        found += [value for value in vars(module).values()
                  if inspect.isclass(value) and issubclass(value, BaseModel)
                  and value.__module__ == module.__name__]
    return found


def test_the_walk_finds_the_models():
    names = {model.__name__ for model in _models()}
    assert {"Protocol", "Contraindication", "RedFlag", "Dosage", "Edition", "Zone"} <= names


def test_every_author_facing_key_has_a_description_and_an_example():
    undocumented = [f"{model.__module__.rsplit('.', 1)[-1]}.{model.__name__}.{name}"
                    for model in _models()
                    for name, field in model.model_fields.items()
                    if not field.description or not field.examples]
    assert undocumented == []


def test_descriptions_reach_the_json_schema():
    from handbook.source.models import Dosage

    schema = Dosage.model_json_schema()
    assert schema["properties"]["first_sessions"]["description"].startswith("The length")
    assert schema["properties"]["hold"]["examples"] == ["10-30 seconds"]
