"""Stage one: find the YAML files of a protocols folder and read each of them.

Reading knows the folder's layout (which file names and sub-folders exist)
but nothing about what the files mean; that is validation's job.  Every file
is read even when an earlier one fails, so all problems surface in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem, display_path
from .yaml_reader import YamlDocument, read_yaml

#: No real library comes close; a folder with more is a mistake (or an attack).
MAX_FILES = 2_000
#: All YAML of one library together; the real one is well under a megabyte.
MAX_LIBRARY_BYTES = 32_000_000


@dataclass
class SourceFiles:
    """The documents that could be read, and the problems of those that could not."""

    folder: Path
    files: dict[str, YamlDocument] = field(default_factory=dict)
    folders: dict[str, dict[str, YamlDocument]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Ids of collection files that exist, even if they could not be read.
    present: dict[str, set[str]] = field(default_factory=dict)
    bytes_read: int = 0


def read_source(folder: Path, file_names: Iterable[str], folder_names: Iterable[str]) -> SourceFiles:
    """Read ``folder``'s expected files; raise ContentError only if the folder is unusable."""
    check_folder(folder)
    source = SourceFiles(folder)
    root = folder.resolve()
    file_names, folder_names = list(file_names), list(folder_names)
    _report_strays(folder, file_names, folder_names, source)
    for name in file_names:
        path = folder / name
        if not path.exists():
            source.problems.append(Problem(display_path(path), 1, 1, (
                f"the file {name} is missing; every protocols folder needs one "
                "(see the README for its contents)")))
            continue
        document = _read(path, root, source)
        if document is not None:
            source.files[name] = document
    for name in folder_names:
        source.folders[name] = {}
        source.present[name] = set()
        for path in _yaml_files(folder / name, source):
            source.present[name].add(path.stem)
            document = _read(path, root, source)
            if document is not None:
                source.folders[name][path.stem] = document
    return source


def check_folder(folder: Path) -> None:
    """Refuse, as every command does, a folder that is missing, a file, or empty."""
    shown = display_path(folder)
    if not folder.exists():
        raise ContentError([Problem(shown, 0, 0, (
            "this protocols folder does not exist; give the folder that holds "
            f"handbook.yaml{_nearby(folder)}"))])
    if not folder.is_dir():
        raise ContentError([Problem(shown, 0, 0, (
            "this is a file, not a protocols folder; give the folder that holds handbook.yaml"))])
    if not any(folder.iterdir()):
        raise ContentError([Problem(shown, 0, 0, (
            "this protocols folder is empty; it needs handbook.yaml and the regions, "
            "methods and techniques folders (see the README)"))])


def _nearby(folder: Path) -> str:
    """" (did you mean 'my-clinic'?)" for a folder beside it with a name close to it."""
    import difflib

    try:
        beside = [path.name for path in folder.absolute().parent.iterdir() if path.is_dir()]
    except OSError:
        return ""
    close = difflib.get_close_matches(folder.name, beside, n=1, cutoff=0.75)
    return f" (did you mean {str(folder.parent / close[0])!r}?)" if close else ""


def _report_strays(folder: Path, file_names: list[str], folder_names: list[str],
                   source: SourceFiles) -> None:
    """Top-level YAML files nobody reads are almost always a misnamed file."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix in (".yaml", ".yml") and path.name not in file_names:
            expected = ", ".join(file_names)
            hint = (f"rename it to {path.stem}.yaml" if path.suffix == ".yml"
                    else f"the files read here are: {expected}; regions, methods and techniques "
                    "go in their folders")
            source.problems.append(Problem(display_path(path), 1, 1,
                                           f"this file is not part of the library: {hint}"))


def _yaml_files(directory: Path, source: SourceFiles) -> list[Path]:
    if not directory.is_dir():
        source.problems.append(Problem(display_path(directory), 0, 0, (
            f"the folder {directory.name}/ is missing; create it and put one YAML file "
            "per item in it")))
        return []
    paths = sorted(path for path in directory.iterdir() if not path.name.startswith("."))
    if len(paths) > MAX_FILES:
        source.problems.append(Problem(display_path(directory), 0, 0, (
            f"this folder holds {len(paths)} files, more than the {MAX_FILES} a library may "
            "have; check that it is the right folder")))
        return []
    found = []
    for path in paths:
        if path.suffix == ".yml":
            source.problems.append(Problem(display_path(path), 1, 1, (
                f"YAML files here end in .yaml; rename it to {path.stem}.yaml")))
        elif path.suffix == ".yaml":
            found.append(path)
    return found


def _read(path: Path, root: Path, source: SourceFiles) -> YamlDocument | None:
    shown = display_path(path)
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        source.problems.append(Problem(shown, 1, 1, (
            "this file is a link to a place outside the protocols folder and is not read; "
            "copy the file into the folder instead")))
        return None
    if not resolved.is_file():
        source.problems.append(Problem(shown, 1, 1, "this is not a regular file"))
        return None
    source.bytes_read += resolved.stat().st_size
    if source.bytes_read > MAX_LIBRARY_BYTES:
        source.problems.append(Problem(shown, 1, 1, (
            f"the library's YAML files together pass {MAX_LIBRARY_BYTES // 1_000_000} MB here, "
            "far beyond any real library; this file and the rest are not read")))
        return None
    try:
        document = read_yaml(resolved, shown)
    except ContentError as error:
        source.problems.extend(error.problems)
        return None
    except OSError as error:
        source.problems.append(Problem(shown, 1, 1, f"cannot read this file: {error.strerror}"))
        return None
    if document.data is None:
        source.problems.append(Problem(shown, 1, 1, "this file is empty"))
        return None
    return document
