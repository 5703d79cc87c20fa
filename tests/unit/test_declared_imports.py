"""Every package that tests and benchmarks import is declared in pyproject.toml.

A package installed by hand on one machine must not hide a missing declaration: a fresh machine
would stop at collection. The check reads the imports statically (ast), so optional imports
behind a guard count too, and compares their distributions with the declared ones.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OWN = {"chatbot", "handlers", "storage", "tests", "benchmarks", "conftest"}
# Import names whose distribution is named differently, for packages that may not be installed
# here (an uninstalled extra such as [bench] or [train]); installed ones are read from metadata.
KNOWN = {
    "PIL": "pillow",
    "yaml": "pyyaml",
    "sklearn": "scikit-learn",
    "re2": "google-re2",
    "jwt": "pyjwt",
    "dateutil": "python-dateutil",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions(pyproject: Path) -> set[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    names = set()
    for requirement in requirements:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        assert match, f"unreadable requirement {requirement!r}"
        names.add(canonical(match.group(1)))
    return names


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def undeclared_imports(roots: list[Path], declared: set[str]) -> list[str]:
    """``"<module> (<file>)"`` for each import no declared distribution provides."""
    installed = packages_distributions()
    problems = []
    for root in roots:
        local = {p.stem for p in root.rglob("*.py")} | {
            p.name for p in root.rglob("*") if p.is_dir()
        }
        for path in sorted(root.rglob("*.py")):
            for top in sorted(imported_top_levels(path)):
                if top in sys.stdlib_module_names or top in OWN or top in local:
                    continue
                candidates = {canonical(d) for d in installed.get(top, [])}
                candidates |= {canonical(KNOWN.get(top, top))}
                if not candidates & declared:
                    problems.append(f"{top} ({path.relative_to(root.parent)})")
    return problems


def test_tests_and_benchmarks_import_only_declared_packages() -> None:
    declared = declared_distributions(ROOT / "pyproject.toml")
    roots = [ROOT / "tests", ROOT / "benchmarks"]
    assert undeclared_imports([r for r in roots if r.is_dir()], declared) == []


def test_the_check_catches_an_undeclared_package(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["PyYAML>=6"]\n'
        '[project.optional-dependencies]\ntest = ["pytest>=8"]\n',
        encoding="utf-8",
    )
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "helper.py").write_text("VALUE = 1\n", encoding="utf-8")
    (tests / "test_x.py").write_text(
        "import os\nimport yaml\nimport pytest\nimport helper\nfrom chatbot import i18n\n"
        "try:\n    import hypothesis.strategies\nexcept ImportError:\n    pass\n",
        encoding="utf-8",
    )
    declared = declared_distributions(pyproject)
    assert declared == {"pyyaml", "pytest"}
    assert undeclared_imports([tests], declared) == ["hypothesis (tests/test_x.py)"]
