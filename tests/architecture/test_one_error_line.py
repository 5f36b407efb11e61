"""One way to turn an exception into a line for a user: ``core.errors.first_line``.

The inline idiom ``str(e).splitlines()[0]`` raised IndexError on an exception with an empty message,
inside the very handler that was meant to report it.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("actions", "agents", "alerts", "db", "graph", "health_monitor", "ml", "tools", "ui", "warehouse", "pages")
INLINE = re.compile(r"str\(\w+\)\.(?:strip\(\)\.)?splitlines\(\)\[0\]")


def test_no_inline_first_line_of_an_exception():
    found = [f"{path.relative_to(ROOT)}:{n}" for pkg in PACKAGES for path in sorted((ROOT / pkg).rglob("*.py"))
             for n, line in enumerate(path.read_text().splitlines(), 1) if INLINE.search(line)]
    assert not found, f"use health_monitor.core.errors.first_line: {found}"
