"""SQL identifiers from configuration (catalog, schema, table names): validated, then quoted.

A configured name reaches DDL (``CREATE FUNCTION``, ``CREATE SCHEMA``); it must be a plain identifier,
never a place where configuration can inject SQL. Pure; imports nothing of ours.
"""

from __future__ import annotations

import re

#: Letters, digits and underscores, not starting with a digit; Unity Catalog's 255-character limit.
PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,254}")


def check_identifier(name: str, what: str = "identifier") -> str:
    """``name`` if it is a plain identifier, else :class:`ValueError` naming ``what`` and the rule."""
    if not isinstance(name, str) or not PLAIN.fullmatch(name):
        raise ValueError(f"{what} must be a plain identifier (letters, digits, underscores; not starting with a "
                         f"digit; at most 255 characters), got {name!r}")
    return name


def quote(name: str, what: str = "identifier") -> str:
    """The validated name in backticks (Databricks/Spark SQL)."""
    return f"`{check_identifier(name, what)}`"


def qualified(*parts: str) -> str:
    """``catalog.schema.name`` with every part validated and quoted."""
    return ".".join(quote(p) for p in parts)
