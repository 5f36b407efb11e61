"""One spelling of "not measured": a figure the account cannot give, which is never 0 or "healthy".

Tools write it (``not measured: why; how``), screens and answers recognise it; one prefix keeps
them agreeing.
"""

from __future__ import annotations

PREFIX = "not measured"


def not_measured(reason: str) -> str:
    """``reason`` as a "not measured: ..." message (unchanged when it already is one)."""
    return reason if is_not_measured(reason) else f"{PREFIX}: {reason}"


def is_not_measured(message: str | None) -> bool:
    return bool(message) and message.lower().startswith(PREFIX)


def why(message: str) -> str:
    """The reason after the prefix ("no job declares an SLA; add ..."), capitalised for display."""
    text = message[len(PREFIX):].lstrip(": ").strip() if is_not_measured(message) else message.strip()
    return text[:1].upper() + text[1:]
