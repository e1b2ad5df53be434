"""The layers import one way (toward core): core is stdlib only, store has no Qt, services at most QtCore."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "catalog_app"
LAYER_ORDER = ["core", "store", "providers", "services", "gui"]
# What each layer may import from outside the standard library.
ALLOWED_EXTERNAL = {
    "core": set(),
    "store": {"peewee", "playhouse", "psycopg2"},
    "providers": {"requests", "requests_cache"},
    "services": {"peewee", "playhouse", "PySide6.QtCore", "requests", "keyring", "rapidfuzz", "defusedxml",
                 "charset_normalizer"},
    "gui": {"PySide6", "peewee"},
}


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
    return found


def _resolve(path: Path, module: str, level: int) -> str:
    if level == 0:
        return module
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)[:-level]
    return ".".join(parts + ([module] if module else []))


def test_layers_import_only_downward():
    problems = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).parts
        layer = rel[0] if len(rel) > 1 and rel[0] in LAYER_ORDER else None
        if layer is None:
            continue
        for module, level in _imports(path):
            name = _resolve(path, module, level)
            top = name.split(".")[0]
            if top == "catalog_app":
                target = name.split(".")[1] if len(name.split(".")) > 1 else ""
                if target in LAYER_ORDER and LAYER_ORDER.index(target) > LAYER_ORDER.index(layer):
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name} (a higher layer)")
                if target in ("cli", "app"):
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name} (the entry points)")
            elif top in sys.stdlib_module_names or top == "__future__":
                continue
            elif not any(name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED_EXTERNAL[layer]):
                problems.append(f"{path.relative_to(PACKAGE)} imports {name}, which {layer} may not use")
    assert problems == []


def test_peewee_classes_are_not_named_model():
    from catalog_app.store.tables import ALL_TABLES
    assert [t.__name__ for t in ALL_TABLES if t.__name__.endswith("Model")] == []
