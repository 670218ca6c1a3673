"""The shape of the package, read from its source: no import circle between jiancha modules
(imports inside functions count: they only hide a circle), no private name taken from another
module, every module importable on its own, and the README's layout table lists every module.

The import graph is derived here from the AST, independently of jiancha.codehash (which keys the
build's caches by the same imports, and is checked against it)."""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from jiancha import codehash

from .conftest import ROOT

PACKAGE = ROOT / "jiancha"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(node: ast.ImportFrom, module: str, path: Path) -> str:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level else node.module


def imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported jiancha module, name taken from it or None, line) for every import statement of a module."""
    path = MODULES[module]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, None, node.lineno) for a in node.names if a.name in MODULES]
        elif isinstance(node, ast.ImportFrom):
            target = resolve(node, module, path)
            if target in MODULES:
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    found.append((sub, None, node.lineno) if sub in MODULES else (target, alias.name, node.lineno))
    return found


@functools.lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    return {module: {target for target, _, _ in imports(module) if target != module} for module in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each circle found by a depth-first walk, as the path that closes it."""
    found, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_the_graph_is_read_from_every_kind_of_import():
    """The reader itself: relative and absolute imports, in functions too, submodules and names."""
    assert {"jiancha.extract.common", "jiancha.models"} <= graph()["jiancha.extract.initiatives"]
    assert "jiancha.sources" in graph()["jiancha.records"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    in_function = [t for t, _, line in imports("jiancha.cli") if t == "jiancha.site"]
    assert in_function, "cli imports site inside its serve command"


def test_no_import_circle():
    assert cycles(graph()) == []


def test_no_private_name_is_imported_from_another_module():
    taken = []
    for module, path in MODULES.items():
        bound: dict[str, str] = {}  # local name → the jiancha module it is
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in MODULES and a.asname:
                        bound[a.asname] = a.name
            elif isinstance(node, ast.ImportFrom) and resolve(node, module, path) in MODULES:
                target = resolve(node, module, path)
                for a in node.names:
                    if f"{target}.{a.name}" in MODULES:
                        bound[a.asname or a.name] = f"{target}.{a.name}"
                    elif a.name.startswith("_") and not a.name.startswith("__") and target != module:
                        taken.append(f"{path.relative_to(ROOT)}:{node.lineno}: {a.name} from {target}")
        for node in ast.walk(tree):  # `module._name` through a module imported by name
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                taken.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr} of {bound[node.value.id]}")
    assert taken == []


def test_the_cache_salts_see_every_import():
    """jiancha.codehash keys the source cache and the database update by these same imports: it
    must not miss one (seeing more, such as the package of `from . import x`, is harmless)."""
    edges = graph()
    for module, path in MODULES.items():
        assert edges[module] <= codehash.imported_modules(path), module


def test_every_module_imports_in_dependency_order():
    edges = graph()
    order, done = [], set()

    def place(module):
        if module not in done:
            done.add(module)
            for dependency in sorted(edges[module]):
                place(dependency)
            order.append(module)

    for module in sorted(MODULES):
        place(module)
    order.remove("jiancha.__main__")  # `python -m jiancha`: running it runs the command
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = subprocess.run([sys.executable, "-c", script, *order], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_readme_layout_lists_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[2] for line in layout.splitlines() if line.startswith("| `jiancha/")]  # the rows of jiancha/ folders
    listed = set(re.findall(r"`([\w/]+\.py)`", "\n".join(rows)))
    expected = {str(p.relative_to(PACKAGE)) for p in MODULES.values()}
    assert expected - listed == set(), "modules missing from the README's layout table"
    assert listed - expected == set(), "the README's layout table names modules that do not exist"
