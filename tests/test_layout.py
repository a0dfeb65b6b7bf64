"""The package layout keeps its rules (see docs/architecture.md).

Imports are read from the source with ``ast`` (every import: at the top, inside
functions, under ``TYPE_CHECKING``), so a rule broken by a lazy import fails
here too:

- no import cycle between the top-level packages of ``letopis``;
- no import cycle between modules, anywhere in the package;
- the faces (``letopis.cli``, and ``letopis.web`` when it exists) import
  nothing from ``letopis.db``: they call ``letopis.services``;
- ``letopis.model`` (the hand-over types and views) imports nothing of the
  stages, stores, services or faces (only the leaves), and the leaves
  import nothing of Letopis;
- the repository is split by subject: ``letopis/db/queries.py`` is gone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import letopis

ROOT = Path(letopis.__file__).parent
FACES = ("letopis.cli", "letopis.web")
# All the hand-over types may import besides each other: they sit below every stage, store, service and face.
BELOW_MODEL = ("letopis.errors", "letopis.timespan", "letopis._version")
# Modules that import nothing of Letopis.
LEAVES = ("letopis.errors", "letopis._version", "letopis.timespan", "letopis.extract.number_words")
# Face modules that still import letopis.db, to be routed through letopis.services and removed from here.
FACE_DB_EXCEPTIONS: frozenset[str] = frozenset()


def _module_name(path: Path) -> str:
    parts = ["letopis", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in ROOT.rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The module ``name`` denotes (a ``from a.b import c`` of a function of ``a.b`` is ``a.b``)."""
    modules = _modules()
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@cache
def _imports(module: str) -> frozenset[str]:
    path = _modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: Iterable[str] = ()
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            if name.startswith("letopis.") or name == "letopis":
                target = _resolve(name)
                if target is not None and target != module:
                    found.add(target)
    return frozenset(found)


def _top(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_top_level_packages() -> None:
    graph: dict[str, set[str]] = {}
    for module in _modules():
        if module == "letopis":  # the facade: imports (lazily) from everywhere, imported by nothing
            continue
        for target in _imports(module):
            if target != "letopis" and _top(target) != _top(module):
                graph.setdefault(_top(module), set()).add(_top(target))
    assert _cycles(graph) == []


def test_nothing_imports_the_facade() -> None:
    assert [m for m in _modules() if m != "letopis" and "letopis" in _imports(m)] == []


def _within(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_no_import_cycle_between_modules() -> None:
    graph = {m: set(_imports(m)) for m in _modules()}
    assert _cycles(graph) == []


def test_the_model_imports_nothing_above_it() -> None:
    """Not db, services, cli, sources, extract, nor any other stage or store: only leaves."""
    modules = [m for m in _modules() if _within(m, ["letopis.model"])]
    assert "letopis.model.views" in modules
    offenders = sorted(
        f"{m} imports {t}" for m in modules for t in _imports(m) if not _within(t, ["letopis.model", *BELOW_MODEL])
    )
    assert offenders == []


def test_leaves_import_nothing_of_letopis() -> None:
    assert {leaf: sorted(_imports(leaf)) for leaf in LEAVES} == {leaf: [] for leaf in LEAVES}


def test_the_repository_is_split_by_subject() -> None:
    assert not (ROOT / "db" / "queries.py").exists()
    assert "letopis.db.queries" not in _modules()


def test_faces_import_nothing_from_the_database_layer() -> None:
    offenders = sorted(
        f"{module} imports {target}"
        for module in _modules()
        if any(module == face or module.startswith(face + ".") for face in FACES)
        and module not in FACE_DB_EXCEPTIONS
        for target in _imports(module)
        if target == "letopis.db" or target.startswith("letopis.db.")
    )
    assert offenders == []


def test_the_graph_is_read() -> None:
    """The checks above see real imports (a reader that finds none would pass them all)."""
    assert "letopis.services.ingest.pipeline" in _imports("letopis.services.ingest.ingestor")
    assert "letopis.db.incidents" in _imports("letopis.services.review")
    assert "letopis.extract.dates" in _imports("letopis.extract.numbers")
    assert "letopis.cli.support" in _imports("letopis.cli.store")


def test_a_cycle_is_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
