"""What a wheel ships: every package of handbook/ and the layouts, so ``pip install .``
gives a working ``handbook`` anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_the_wheel_holds_every_package_and_the_layouts(tmp_path):
    tree = tmp_path / "tree"  # built from a copy, so no build/ or egg-info lands in the project
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "handbook", tree / "handbook", ignore=ignore)
    shutil.copytree(ROOT / "layouts", tree / "layouts", ignore=ignore)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check", "-w", str(tmp_path),
                    str(tree)], check=True, capture_output=True, timeout=120)
    wheel = next(tmp_path.glob("handbook-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {path.parent.relative_to(ROOT).as_posix()
                for path in (ROOT / "handbook").rglob("__init__.py")}
    for package in packages:
        assert f"{package}/__init__.py" in names, f"the wheel lacks the package {package}"
    for path in (ROOT / "handbook").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names, f"the wheel lacks {path}"
    for path in [*(ROOT / "handbook" / "locale").rglob("*.po"),
                 *(ROOT / "handbook" / "scaffold").rglob("*.yaml")]:
        assert path.relative_to(ROOT).as_posix() in names, f"the wheel lacks {path}"
    for path in (ROOT / "layouts").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            shipped = "handbook/layouts/" + path.relative_to(ROOT / "layouts").as_posix()
            assert shipped in names, f"the wheel lacks {shipped}"
