"""The package's shape: imports run one way through the pipeline, and never in a circle.

    errors/resources/clock/files → source → edition → render → typeset → build | plans → cli

A module imports only from its own layer or layers to its left, lazy imports
(inside functions) and type-only imports included.  Typesetting works on plain
data, so it imports nothing from edition or render either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "handbook"
LAYERS = {
    "handbook": 0, "handbook.errors": 0, "handbook.resources": 0, "handbook.clock": 0,
    "handbook.files": 0, "handbook.layouts": 0, "handbook.scratch": 0,
    "handbook.source": 1,
    "handbook.edition": 2,
    "handbook.render": 3,
    "handbook.typeset": 4,
    "handbook.build": 5, "handbook.plans": 5, "handbook.fhir": 5,
    "handbook.preview": 5,
    "handbook.cli": 6, "handbook.__main__": 6,
}
#: Layers a package may not import although they are to its left.
FORBIDDEN = {"handbook.typeset": ("handbook.edition", "handbook.render")}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every handbook module ``path`` imports, wherever in the file the import is."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("handbook"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("handbook"):
                continue
            for alias in node.names:  # `from . import dosing` imports a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if known(candidate) else target)
    return found


def known(module: str) -> bool:
    relative = Path(*module.split("."))
    return ((PACKAGE.parent / relative).with_suffix(".py").is_file()
            or (PACKAGE.parent / relative / "__init__.py").is_file())


def layer_of(module: str) -> tuple[str, int]:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return prefix, LAYERS[prefix]
    raise AssertionError(f"{module} belongs to no layer; add it to LAYERS")


MODULES = {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    prefix, layer = layer_of(module)
    for imported in MODULES[module]:
        imported_prefix, imported_layer = layer_of(imported)
        assert imported_layer <= layer, (
            f"{module} (layer {layer}) imports {imported} (layer {imported_layer})")
        assert not imported.startswith(FORBIDDEN.get(prefix, ("-",))), (
            f"{module} imports {imported}: typesetting works on plain data")


def test_there_is_no_import_cycle():
    graph = {module: {target for target in targets if target in MODULES and target != module}
             for module, targets in MODULES.items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            raise AssertionError("import cycle: " + " → ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            if not _is_parent_package(target, module):
                visit(target, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def _is_parent_package(target: str, module: str) -> bool:
    """Importing a module runs its package's __init__ first: not an edge of a cycle."""
    return module.startswith(target + ".")


def test_the_layer_test_sees_lazy_imports():
    """The pool loads the worker module only inside a function: it must still be seen."""
    assert "handbook.typeset._worker" in MODULES["handbook.typeset.pool"]


def test_modules_stay_small():
    for path in PACKAGE.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.relative_to(PACKAGE)} has {lines} lines; split it"


def test_the_tests_mirror_the_packages():
    """tests/<stage>/ for every stage of handbook/, and no test folder for a stage that
    does not exist; tests/content/ checks the library in protocols/, tests/faults/ injects
    the faults a clinic's machine produces, across stages."""
    tests = PACKAGE.parent / "tests"
    stages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")} - {"layouts"}
    stages |= {path.stem for path in PACKAGE.glob("*.py")
               if path.stem in ("build",)}  # a stage that is one module
    folders = {path.name for path in tests.iterdir()
               if path.is_dir() and path.name not in ("fixtures", "golden", "content", "faults",
                                                      "__pycache__")}
    assert folders == stages, (f"test folders without a stage: {sorted(folders - stages)}; "
                               f"stages without tests: {sorted(stages - folders)}")
