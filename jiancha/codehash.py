"""Which code a step of the build depends on, read from the imports: what its caches are keyed by.

The source cache must be invalidated by a change to any module that makes the records, and
only by those; the database update by a change to any module that makes databases. Rather than
lists of file names kept by hand, `dependencies("jiancha.records")` follows the package's own
imports (also those inside functions) from a module, so a new module is covered the day it is
imported.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent


def _file_of(module: str) -> Path | None:
    parts = module.split(".")[1:]
    base = PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """The jiancha modules a file imports, wherever the import statement stands."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "jiancha"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "jiancha":
                continue
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names if _file_of(f"{target}.{a.name}")}  # from . import regions
    return {m for m in found if _file_of(m)}


@functools.lru_cache(maxsize=None)
def dependencies(module: str) -> tuple[Path, ...]:
    """The files of `module` and of every jiancha module it imports, directly or not, sorted."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        path = _file_of(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        parents = name.split(".")
        todo += [".".join(parents[:k]) for k in range(2, len(parents))]  # a package's __init__ runs first
        todo += sorted(imported_modules(path))
    return tuple(sorted(seen.values()))


def digest(paths) -> str:
    """SHA-256 over the files' paths (relative to the package) and contents, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            h.update(str(path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path.name).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
