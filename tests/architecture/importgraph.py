"""The project's import graph, read with ``ast`` (nothing is imported): who imports whom, and where."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "health_monitor"
#: the design's top-level folders, installed as ``health_monitor.<name>``
SUBPACKAGES = ("agents", "tools", "graph", "db", "warehouse", "ml", "alerts", "ui", "actions")


@dataclass(frozen=True)
class Edge:
    source: str  # importing module
    target: str  # imported module of ours
    local: bool  # inside a function body
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == PACKAGE:
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([PACKAGE, *parts])


@cache
def modules() -> dict[str, Path]:
    out = {}
    for top in (PACKAGE, *SUBPACKAGES):
        for path in sorted((ROOT / top).rglob("*.py")) if (ROOT / top).is_dir() else ():
            if "migrations" not in path.parts:
                out[_module_name(path)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found |= {id(n) for n in ast.walk(node)}
    return found


def _function_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            found |= {id(n) for n in ast.walk(node) if n is not node}
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


@cache
def parsed(module: str) -> ast.Module:
    return ast.parse(modules()[module].read_text())


def imports_of(module: str) -> list[tuple[str, bool, int]]:
    """(imported name, inside a function, line) for every import outside ``if TYPE_CHECKING``."""
    tree = parsed(module)
    skip, local = _type_checking_nodes(tree), _function_nodes(tree)
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in local, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            known = modules()
            subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known]
            out += [(n, id(node) in local, node.lineno) for n in (subs or [node.module])]
    return out


@cache
def edges() -> tuple[Edge, ...]:
    known, out = modules(), []
    for module in known:
        for name, local, line in imports_of(module):
            if name.split(".")[0] == PACKAGE:
                target = _resolve(name, known)
                if target and target != module:
                    out.append(Edge(module, target, local, line))
    return tuple(out)


def package_of(module: str) -> str:
    """``core``, one of :data:`SUBPACKAGES`, or ``top`` (the CLI, its commands, the bench)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in (*SUBPACKAGES, "core"):
        return parts[1]
    return "top"


def _parents(module: str) -> list[str]:
    """Importing ``a.b.c`` runs ``a/__init__`` and ``a.b/__init__`` first."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@cache
def closure(module: str) -> frozenset[str]:
    """Every module (ours and third-party top-level names) that importing ``module`` loads at import time."""
    seen: set[str] = set()
    todo = [module, *_parents(module)]
    third: set[str] = set()
    known = modules()
    while todo:
        m = todo.pop()
        if m in seen or m not in known:
            continue
        seen.add(m)
        for name, local, _ in imports_of(m):
            if local:
                continue
            root = name.split(".")[0]
            if root == PACKAGE:
                target = _resolve(name, known)
                if target:
                    todo += [target, *_parents(target)]
            else:
                third.add(root)
    return frozenset(seen | third)


def cycles(selected: list[Edge]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for e in selected:
        graph.setdefault(e.source, set()).add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found
