"""The analytics package knows nothing of Django, requests or users (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import districtwise.analytics

ROOT = Path(districtwise.analytics.__file__).parent
ALLOWED_PROJECT_IMPORTS = ("districtwise.analytics",)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_the_analytics_package_imports_django_or_the_web_layer():
    offenders = {}
    for path in sorted(ROOT.rglob("*.py")):
        bad = {
            name
            for name in imported_modules(path)
            if name.split(".")[0] == "django"
            or (name.startswith("districtwise") and not name.startswith(ALLOWED_PROJECT_IMPORTS))
        }
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}
    assert len(list(ROOT.rglob("*.py"))) > 5  # the walk did find the package
