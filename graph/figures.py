"""Figures: how numbers are written in answers, and the check that an LLM's numbers are real.

Formatting (``money``, ``pct``...) is what the templates use. :func:`unsupported_numbers` is the
honesty check: every number in a text must equal, round to, or be a simple derivation (a ratio
as a percentage, a difference, a sum) of a number seen in the tool rows, the findings' figures or
the question; otherwise the LLM's text is not trusted and the template answer is used instead.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any


def money(v: Any) -> str:
    x = _num(v)
    if x is None:
        return "n/a"
    if abs(x) >= 100:
        return f"${x:,.0f}"
    return f"${x:,.2f}"


def pct(v: Any) -> str:
    """A 0-1 ratio as a percentage."""
    x = _num(v)
    return "n/a" if x is None else _pct_text(x * 100)


def pct100(v: Any) -> str:
    """A value already in percent."""
    x = _num(v)
    return "n/a" if x is None else _pct_text(x)


def signed_pct100(v: Any) -> str:
    x = _num(v)
    return "n/a" if x is None else ("+" if x > 0 else "") + _pct_text(x)


def _pct_text(x: float) -> str:
    if abs(x) >= 10 or float(x).is_integer():
        return f"{x:.0f}%"
    return f"{x:.1f}%"


def integer(v: Any) -> str:
    x = _num(v)
    return "n/a" if x is None else f"{round(x):,}"


def number(v: Any) -> str:
    x = _num(v)
    if x is None:
        return "n/a"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}" if abs(x) >= 10 else f"{x:,.2f}"


def duration(v: Any) -> str:
    """Seconds -> "18 min", "2.1 h", "45 s"."""
    x = _num(v)
    if x is None:
        return "n/a"
    if x >= 5400:
        return f"{x / 3600:.1f} h"
    if x >= 90:
        return f"{x / 60:.0f} min"
    return f"{x:.0f} s"


def size(v: Any) -> str:
    x = _num(v)
    if x is None:
        return "n/a"
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if abs(x) < 1000 or unit == "PB":
            return f"{x:.0f} {unit}" if unit == "B" else f"{x:.1f} {unit}"
        x /= 1000.0
    return f"{x:.1f} PB"


def times(v: Any) -> str:
    x = _num(v)
    if x is None:
        return "n/a"
    n = round(x)
    return {1: "once", 2: "twice"}.get(n, f"{n:,} times")


def colon(v: Any) -> str:
    """``": text"`` (clipped), or nothing when there is no text."""
    text = clip(v)
    return f": {text}" if text and text != "None" else ""


def source(v: Any) -> str:
    """``" from 10.0.0.1"``, or nothing when the row has no address."""
    text = str(v or "").strip()
    return f" from {text}" if text and text not in ("None", "n/a") else ""


def p95(v: Any) -> str:
    """``", p95 134 ms"`` or nothing when unknown."""
    x = _num(v)
    return "" if x is None else f", p95 {number(x)} ms"


def clock(v: Any) -> str:
    return f"{v:%H:%M}" if isinstance(v, datetime) else str(v)


def clip(v: Any, n: int = 90) -> str:
    """At most ``n`` characters, cut at a word boundary with "…" (a word longer than that is cut)."""
    text = " ".join(str(v or "").split())
    if len(text) <= n:
        return text
    head = text[: n - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head and text[n - 1] != " " else head
    return cut.rstrip(" ,;:(.") + "…"


def error(v: Any, n: int = 140) -> str:
    """An error message in at most about ``n`` characters: its first sentence (the error's class) and its last words,
    where the cause usually is ("... while reading main.sales.orders_raw: schema mismatch (column amount changed
    type)."), rather than only the head a plain clip keeps."""
    text = " ".join(str(v or "").split())
    if len(text) <= n:
        return text.rstrip(".")
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    head = clip(first, n // 2).rstrip("…")
    start = len(text) - (n - len(head) - 3)
    if start <= len(first) or " " not in text[start:]:
        return clip(text, n)
    if text[start - 1] != " ":
        start = text.index(" ", start) + 1  # from a whole word
    return f"{head} … {text[start:].rstrip('.')}"


def day(v: Any) -> str:
    if isinstance(v, datetime):
        return f"{v:%Y-%m-%d}"
    return str(v)


def when(v: Any) -> str:
    if isinstance(v, datetime):
        return f"{v:%Y-%m-%d %H:%M} UTC"
    return str(v)


#: Format names usable in Lens templates (``{list_cost:money}``).
FORMATS = {"money": money, "pct": pct, "pct100": pct100, "spct": signed_pct100, "int": integer, "num": number,
           "dur": duration, "bytes": size, "gb": lambda v: "n/a" if _num(v) is None else size(_num(v) * 1e9), "clip": clip, "err": error, "date": day, "time": when, "hm": clock, "times": times, "colon": colon, "from": source, "p95": p95,
           "long": lambda v: clip(v, 200),
           "str": str}


class RowFormatter(string.Formatter):
    """``str.format`` with the named formats above; missing fields render as ``n/a``."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key)
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("if:"):  # {is_service_principal:if: (a service principal)}: said only when true
            return format_spec[3:] if value is True or str(value).lower() in ("true", "1") else ""
        if format_spec.startswith("unless:"):  # {model_version:unless: (version not recorded)}: said only when missing
            return format_spec[7:] if value is None or value == "" else ""
        if format_spec.startswith("plural:"):  # {count:plural:failed login} -> "1 failed login", "3 failed logins"
            n = _num(value)
            word = format_spec.split(":", 1)[1]
            return "n/a" if n is None else f"{integer(n)} {word}{'' if round(n) == 1 else 's'}"
        fn = FORMATS.get(format_spec)
        if fn is not None:
            return fn(value)
        if value is None:
            return "n/a"
        if format_spec:
            try:
                return format(value, format_spec)
            except (TypeError, ValueError):
                return str(value)
        return number(value) if isinstance(value, float) else str(value)


FORMATTER = RowFormatter()


#: ``[, worst null rate {max_null_rate_pct:pct100}]``: a clause dropped when a field in it has no value.
_OPTIONAL = re.compile(r"\[([^\[\]]*\{[^\[\]]*)\]")


def _fields(segment: str) -> list[str]:
    return [name.split(".")[0].split("[")[0] for _, name, _, _ in FORMATTER.parse(segment) if name]


def render(template: str, values: dict[str, Any]) -> str:
    """Format ``template`` with a row's values; a ``[...]`` clause whose fields are missing is left out,
    so an unmeasured figure is not printed as "n/a" in the middle of a sentence."""
    def clause(m: re.Match[str]) -> str:
        inner = m.group(1)
        return "" if any(_num_or_text(values.get(f)) is None for f in _fields(inner)) else inner

    return _QUOTED_NAME.sub(lambda m: m[0].replace("`.`", "."), FORMATTER.format(_OPTIONAL.sub(clause, template), **values))


#: A name Spark quotes part by part ("`main`.`staging`.`tmp`"), which Markdown shows as three code spans with loose dots.
_QUOTED_NAME = re.compile(r"`[^`\s]+`(?:\.`[^`\s]+`)+")


def _num_or_text(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()):
        return None  # (a blank text is as missing as a null: "(low: )" says nothing)
    return v


def _num(v: Any) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


# --- the honesty check ------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])[-+]?\$?\d[\d,]*(?:\.\d+)?\s*(?:%|[kKmMbB](?![a-zA-Z])|TB|GB|MB|KB)?")
_DATE_LIKE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}:\d{2}\b")
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}


def numbers_in_text(text: str) -> list[float]:
    """The numbers written in ``text`` (dates and clock times are left out: they are checked as text)."""
    return [value for value, _ in figures_in_text(text)]


def figures_in_text(text: str) -> list[tuple[float, bool]]:
    """``(value, is_percentage)`` for every number written in ``text``."""
    cleaned = _DATE_LIKE.sub(" ", text or "")
    out = []
    for m in _NUMBER.finditer(cleaned):
        token = m.group(0).strip()
        unit = re.sub(r"[-+$\d,.\s]", "", token).lower()
        digits = re.sub(r"[^\d.\-]", "", token.replace(",", ""))
        try:
            value = float(digits)
        except ValueError:
            continue
        out.append((value * _SCALE.get(unit, 1.0), unit == "%"))
    return out


def numbers_in_rows(rows: Iterable[dict[str, Any]]) -> list[float]:
    out = []
    for row in rows:
        for v in row.values():
            x = _num(v)
            if x is not None:
                out.append(x)
            elif isinstance(v, (date, datetime)):
                out.extend([float(v.day), float(v.month), float(v.year)])
            elif isinstance(v, str):
                out.extend(numbers_in_text(v))
    return out


def _close(a: float, b: float, *, tight: bool = False) -> bool:
    if a == b:
        return True
    scale = max(abs(a), abs(b))
    # Rounded as a person writes it: one decimal, "$2.3k" (within 1.1 %); derived figures within 0.6 %.
    return abs(a - b) <= max(0.051, scale * (0.006 if tight else 0.011))


def supported(value: float, known: list[float], *, percent: bool = False) -> bool:
    """True when ``value`` is one of ``known`` (rounded), a unit conversion of one, or a simple derivation:
    a difference or sum of two (any number), a ratio or change between two (percentages only)."""
    if abs(value) <= 12 and float(value).is_integer():
        return True  # counts, ordinals and "top 5" read naturally without a source row
    singles = set()
    for k in known:
        singles.update({k, abs(k), k * 100.0} if percent else {k, abs(k), k / 60.0, k / 3600.0, k / 1000.0,
                                                               k / 1e9, k / 1e12})
    if any(_close(value, c) for c in singles):
        return True
    small = known[:200]
    for i, a in enumerate(small):
        for b in small[i + 1:]:
            derived = [a - b, a + b]
            if percent:
                derived += [(a / b - 1) * 100 if b else 0.0, (a / b) * 100 if b else 0.0,
                            (b / a - 1) * 100 if a else 0.0, (b / a) * 100 if a else 0.0]
            if any(_close(abs(value), abs(d), tight=True) for d in derived):
                return True
    return False


def unsupported_numbers(text: str, known: Iterable[float]) -> list[float]:
    """Numbers of ``text`` that no known figure supports (empty = the text is honest)."""
    pool = sorted({round(k, 6) for k in known}, key=lambda x: -abs(x))
    return [v for v, is_pct in figures_in_text(text) if not supported(v, pool, percent=is_pct)]
