"""The project's own code, for the checks that read it (S13, S14): its Python modules, and how
a module names what it imports, so that no alias hides a use."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# bench/ is not served: it drives the portal from outside, and creates and drops its own database.
NOT_THE_PROJECTS = {
    "tests",
    "migrations",
    "node_modules",
    "staticfiles",
    "test-artifacts",
    "bench",
}


def project_modules():
    """Every Python module of the project (not the virtualenv, the tests or the migrations)."""
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not any(
            part.startswith(".") or part in NOT_THE_PROJECTS
            for part in path.relative_to(ROOT).parts
        )
    )


def parsed(path):
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def imported_names(tree):
    """{local name: what it names, dotted} for every import of a module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                names[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module or ''}.{alias.name}"
    return names


def dotted_name(node, names):
    """The dotted name an expression stands for, through the module's imports; None if none."""
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value, names)
        return f"{base}.{node.attr}" if base else None
    return None
