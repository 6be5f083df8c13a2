"""The layers of docs/architecture.md, beyond what lint-imports checks (pyproject.toml).

lint-imports (run by `make lint`, so by `make test` and CI) keeps the project's own packages
in their layers. It cannot tell Django's sub-packages apart, so this test keeps the file
formats to the one part of Django they may use: the template engine (with translation and
safe strings, which templates need).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "opfolgning"
ALLOWED_DJANGO = ("django.template", "django.utils.translation", "django.utils.safestring")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from django.utils import translation" uses django.utils.translation.
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


@pytest.mark.parametrize("package", ["importers", "exporters", "followup"])
def test_the_file_formats_use_only_djangos_template_engine(package):
    allowed = () if package == "followup" else ALLOWED_DJANGO
    wrong = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for path in sorted((SRC / package).rglob("*.py"))
        for line, module in _imports(path)
        if (module == "django" or module.startswith("django."))
        and not module.startswith(allowed or ("-",))
    ]
    assert wrong == []


def test_the_file_formats_name_no_route():
    # A URL name ("web:…") is a dependency on the pages as much as an import is.
    wrong = [
        f"{path.relative_to(SRC)}:{n}"
        for package in ("importers", "exporters", "followup", "agreements")
        for path in sorted((SRC / package).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if '"web:' in line or "'web:" in line or "reverse(" in line
    ]
    assert wrong == []


def test_the_layer_contract_is_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-logo", "--no-cache"],
        cwd=SRC.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout
