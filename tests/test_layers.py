"""The import arrows of the architecture: no Qt below ui, no SQLAlchemy in ui."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import finsam_desktop

PACKAGE_DIR = Path(finsam_desktop.__file__).parent


def _modules(subpackage: str) -> list[str]:
    base = PACKAGE_DIR / subpackage
    names = [f"finsam_desktop.{subpackage}"]
    for info in pkgutil.walk_packages([str(base)], prefix=f"finsam_desktop.{subpackage}."):
        names.append(info.name)
    return names


def test_lower_layers_import_without_qt():
    modules = []
    for layer in ("domain", "persistence", "services", "reports"):
        modules += _modules(layer)
    modules.append("finsam_desktop.cli")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"PySide6 imported below ui: {result.stdout}"


def test_domain_imports_no_sqlalchemy():
    for path in (PACKAGE_DIR / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    assert not name.startswith(("sqlalchemy", "PySide6", "alembic")), f"{path}: {name}"


def test_ui_imports_no_sqlalchemy_or_persistence():
    for path in (PACKAGE_DIR / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    assert not name.startswith("sqlalchemy"), f"{path} imports {name}"
                    assert not name.startswith("finsam_desktop.persistence"), f"{path} imports {name}"
