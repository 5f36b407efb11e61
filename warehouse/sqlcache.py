"""Transpiled SQL kept beside the data, so the answer path does not import sqlglot.

:func:`dialect.prepare` turns a Databricks SQL text into the engine's SQL; it costs the sqlglot import
(~0.1-0.2 s cold) plus a parse per text, and :func:`dialect.referenced_params` parsed again on every
query. A :class:`SqlCache` keeps both results per ``(sql, target, names)``: in memory for the process
and, when it has a ``path``, in a JSON file written as entries are added (the demo build fills it with
the catalog's SQL). The file is stamped with a fingerprint of ``dialect.py`` and the installed sqlglot:
after either changes, it is ignored and rewritten. The cache holds engine SQL text only; parameters
stay bound at query time. Any problem reading or writing it only costs a transpile.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from health_monitor.warehouse.names import NameMap, Target

#: The cache file's name in the data folder (beside ``system.duckdb``).
FILE_NAME = "sql_cache.json"
_RULES = [Path(__file__).resolve().with_name(n) for n in ("dialect.py", "names.py")]


@dataclass(frozen=True)
class Compiled:
    """One SQL text ready for an engine: its text and the ``:name`` parameters it reads."""

    text: str
    params: frozenset[str]


@cache
def fingerprint() -> str:
    """What the transpiled text depends on besides its input: our rewrite rules and sqlglot's version."""
    h = hashlib.sha256(b"".join(p.read_bytes() for p in _RULES))
    spec = importlib.util.find_spec("sqlglot")  # locates the package without importing it
    if spec and spec.origin:
        site = Path(spec.origin).parent.parent
        h.update(" ".join(sorted(p.name for p in site.glob("sqlglot-*.dist-info"))).encode())
        version = Path(spec.origin).with_name("_version.py")
        if version.is_file():
            h.update(version.read_bytes())
    return h.hexdigest()[:16]


def _key(sql: str, target: Target, names: NameMap) -> str:
    return hashlib.sha256(f"{target}\0{names!r}\0{sql}".encode()).hexdigest()


class SqlCache:
    """Thread-safe; one per warehouse. ``path=None`` keeps it in memory only."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        self._memo: dict[tuple[str, str, NameMap], Compiled] = {}
        self._stored: dict[str, list] | None = None

    def compile(self, sql: str, target: Target, names: NameMap) -> Compiled:
        memo_key = (sql, target, names)
        hit = self._memo.get(memo_key)
        if hit is not None:
            return hit
        key = _key(sql, target, names)
        with self._lock:
            entry = self._load().get(key)
        if isinstance(entry, list) and len(entry) == 2:
            compiled = Compiled(str(entry[0]), frozenset(entry[1]))
        else:
            # Deferred: sqlglot is only needed for a text this cache has not seen.
            from health_monitor.warehouse.dialect import prepare, referenced_params

            compiled = Compiled(prepare(sql, target, names), frozenset(referenced_params(sql)))
            with self._lock:
                self._load()[key] = [compiled.text, sorted(compiled.params)]
                self._save()
        self._memo[memo_key] = compiled
        return compiled

    def _load(self) -> dict[str, list]:
        if self._stored is None:
            self._stored = {}
            if self.path is not None:
                try:
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                    if data.get("fingerprint") == fingerprint() and isinstance(data.get("entries"), dict):
                        self._stored = data["entries"]
                except (OSError, ValueError, AttributeError):
                    pass
        return self._stored

    def _save(self) -> None:
        if self.path is None or self._stored is None:
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            tmp.write_text(json.dumps({"fingerprint": fingerprint(), "entries": self._stored}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # a read-only data folder: the cache stays in memory
            tmp.unlink(missing_ok=True)
