"""Stage two: turn the read documents into one validated :class:`Library`.

Each file is validated against its model, errors are mapped back to the
author's text, cross-references are checked, and only a library with no
problem at all is returned.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .model_errors import problems_from
from .models import FILE_MODELS, FOLDER_MODELS, ID_PATTERN, MAX_ID, Library, Strict
from ..errors import ContentError, Problem, display_path, quoted
from ..resources import catalogue_languages
from .folder import read_source
from .logo import check_logo
from .references import Located, check_references
from .rules import check_rules
from .yaml_reader import YamlDocument


@dataclass(frozen=True)
class LoadedLibrary:
    """A validated library with each file's validated model and map of positions."""

    library: Library
    files: dict[str, Located]
    items: dict[str, dict[str, Located]]


def load_library(folder: Path) -> Library:
    """Read and validate ``folder``; raise ContentError listing every problem found."""
    return load_located(folder).library


def load_located(folder: Path) -> LoadedLibrary:
    """As :func:`load_library`, keeping where every value was written."""
    source = read_source(folder, FILE_MODELS, FOLDER_MODELS)
    problems = list(source.problems)
    files = {}
    for name, document in source.files.items():
        located = _validate(document, document.data, FILE_MODELS[name], problems)
        if located is not None:
            files[name] = located
    items: dict[str, dict[str, Located]] = {}
    for folder_name, documents in source.folders.items():
        items[folder_name] = {}
        for stem, document in documents.items():
            data = _with_id(document, stem, folder_name, problems)
            located = _validate(document, data, FOLDER_MODELS[folder_name], problems)
            if located is not None:
                items[folder_name][stem] = located
    references = check_references(files, items, source.present)
    problems += references
    if not problems:  # the rules read resolved, valid files only
        problems += check_rules(files, items)
    problems += _check_language(files.get("handbook.yaml"))
    problems += check_logo(files.get("handbook.yaml"), folder)
    if not source.present.get("regions") and (folder / "regions").is_dir():
        problems.append(Problem(display_path(folder / "regions"), 0, 0, (
            "there are no region files here, so the handbook would have no protocols; "
            "add one, such as regions/cervical.yaml (see the README)")))
    if problems:
        raise ContentError(problems)
    library = dataclasses.replace(_assemble(files, items), folder=folder)
    return LoadedLibrary(library, files, items)


def _check_language(edition: Located | None) -> list[Problem]:
    """The edition's language needs a catalogue of the words the tool prints."""
    if edition is None:
        return []
    language = edition.model.language
    available = catalogue_languages()
    if language.split("-")[0].lower() in available:
        return []
    return [edition.source.problem(("language",), (
        f"there are no printed words for the language {quoted(language)}; use one of: "
        f"{', '.join(available)} (or add a catalogue under handbook/locale/)"))]


def _validate(document: YamlDocument, data, model: type[Strict],
              problems: list[Problem]) -> Located | None:
    try:
        return Located(model.model_validate(data), document.source)
    except ValidationError as error:
        problems.extend(problems_from(error, model, document.source))
        return None


def _with_id(document: YamlDocument, stem: str, folder: str, problems: list[Problem]):
    """Collection items take their id from the file name, so the two never disagree."""
    data = document.data
    if not re.match(ID_PATTERN, stem):
        problems.append(document.source.problem((), (
            f"the file name {quoted(stem)} is used as the id, so it must be lowercase letters, "
            "digits and hyphens; rename the file")))
    elif len(stem) > MAX_ID:
        problems.append(document.source.problem((), (
            f"the file name {quoted(stem)} is used as the id, which is {len(stem)} characters "
            f"long, more than the {MAX_ID} a FHIR record's id allows; rename the file")))
    if not isinstance(data, dict):
        return data
    if "id" in data and data["id"] != stem:
        problems.append(document.source.problem(("id",), (
            f"the id {quoted(data['id'])} differs from the file name {quoted(stem + '.yaml')}; an item in "
            f"{folder}/ takes its id from its file name, so remove 'id' or rename the file")))
    return {"id": stem, **data}


def _assemble(files: dict[str, Located], items: dict[str, dict[str, Located]]) -> Library:
    edition = files["handbook.yaml"].model

    def ordered(folder: str, wanted: list[str]):
        models = {stem: located.model for stem, located in items[folder].items()}
        rest = sorted(set(models) - set(wanted))
        return tuple(models[stem] for stem in [*wanted, *rest])

    return Library(
        edition=edition,
        conditions=tuple(files["conditions.yaml"].model.conditions),
        tiers=files["contraindications.yaml"].model.tiers,
        contraindications=tuple(files["contraindications.yaml"].model.contraindications),
        red_flags=files["red-flags.yaml"].model,
        sources=tuple(files["sources.yaml"].model.sources),
        sources_intro=files["sources.yaml"].model.intro or "",
        techniques=ordered("techniques", edition.order.techniques),
        methods=ordered("methods", edition.order.methods),
        regions=ordered("regions", edition.order.regions),
        forms=files["forms.yaml"].model,
        zones=tuple(files["zones.yaml"].model.zones),
        patient=files["patient.yaml"].model,
    )
