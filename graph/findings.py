"""Rows -> a :class:`Finding`: the offline summariser every specialist uses.

A play's :class:`agents.spec.Lens` says how to read its tool's rows (a sentence per row, a headline,
severity rules); a tool called without a lens (an LLM chose it) gets a generic reading built from
the tool's column contract. Figures come from the rows only, and the entities a finding names
(jobs, workspaces, users, tables...) are collected by column so cross-domain links and follow-ups
("that job") can use them.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from health_monitor.agents.spec import Lens
from health_monitor.graph.figures import money, number, numbers_in_rows, render
from health_monitor.graph.kinds import COLUMN_KINDS
from health_monitor.graph.state import SEVERITY_RANK, Finding

#: Result column -> the kind of thing it names (entities of a finding): the table of kinds, plus the
#: typed subject columns whose kind another column gives (see TYPED_NAME_COLUMNS).
ENTITY_COLUMNS: dict[str, str] = {**COLUMN_KINDS, "resource_name": "resource", "driver_name": "resource"}

_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq,
        "!=": operator.ne}
_COND = re.compile(r"^\s*(\w+)\s*(>=|<=|==|!=|>|<)\s*(.+?)\s*$")


def condition(expr: str, row: dict[str, Any]) -> bool:
    """A tiny, safe condition language: ``"col op value"`` joined by ``and`` (no eval)."""
    if not expr:
        return True
    for part in re.split(r"\s+and\s+", expr):
        m = _COND.match(part)
        if not m:
            return False
        col, op, raw = m.groups()
        left = row.get(col)
        right: Any = raw.strip("'\"")
        if isinstance(left, (bool, int)) and str(right).lower() in ("true", "false"):
            left, right = bool(left), str(right).lower() == "true"
            if not _OPS[op](left, right):
                return False
            continue
        try:
            right = float(right)
            left = float(left) if left is not None and not isinstance(left, bool) else left
        except (TypeError, ValueError):
            left = None if left is None else str(left).lower()
            right = str(right).lower()
        if left is None:
            return False
        try:
            if not _OPS[op](left, right):
                return False
        except TypeError:
            return False
    return True


#: Columns naming a row's subject whose kind is given by another column (``driver_type`` = job, cluster...).
TYPED_NAME_COLUMNS: dict[str, str] = {"driver_name": "driver_type", "subject": "subject_type",
                                      "resource_name": "resource_type", "service_name": "service_type"}


def entities_of(rows: list[dict[str, Any]], limit: int = 5) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def add(kind: str, value: Any) -> None:
        if isinstance(value, str) and value and value not in out.setdefault(kind, []):
            out[kind].append(value)

    for row in rows[:limit]:
        for col in row:  # in the row's own column order: its first name (cluster_name, not owned_by) leads
            if col in TYPED_NAME_COLUMNS:
                kind = str(row.get(TYPED_NAME_COLUMNS[col]) or "").lower().replace("sql_", "").replace("_", "")
                add(kind if kind in set(ENTITY_COLUMNS.values()) else ENTITY_COLUMNS.get(col, "resource"),
                    row.get(col))
            elif col in ENTITY_COLUMNS:
                add(ENTITY_COLUMNS[col], row.get(col))
    return {k: v for k, v in out.items() if v}


#: Columns that date a row: a question's explicit window ("on Tuesday", "next month") keeps the rows inside it.
DATE_COLUMNS = ("incident_date", "usage_date", "event_date", "run_date", "forecast_date", "start_date",
                "event_time", "start_time", "hour")


#: Columns that time an event: an event outside the window is not in it, even when the tool read further.
EVENT_COLUMNS = frozenset({"event_time", "event_date", "start_time", "incident_date", "run_date"})


def _in_window(rows: list[dict[str, Any]], start: Any, end: Any) -> list[dict[str, Any]]:
    """The rows dated inside the window; for rows that are not events, all of them when none is (the tool's own
    window then stands). ("and the day before?" read by hours also returns the day after: those are not in it.)"""
    hits = within(rows, start, end)
    col = next((c for c in DATE_COLUMNS if rows and c in rows[0]), None)
    if col == "forecast_date" and len({r.get(col) for r in hits}) <= 1:
        # "at this rate will we blow the budget?" after a question about the weekend: the forecast is what lies
        # ahead of that window, not its one overlapping day
        return rows
    return hits if hits or col in EVENT_COLUMNS else rows


def within(rows: list[dict[str, Any]], start: Any, end: Any) -> list[dict[str, Any]]:
    """Only the rows dated inside the window (all of them when the rows carry no date)."""
    col = next((c for c in DATE_COLUMNS if rows and c in rows[0]), None)
    if col is None:
        return rows

    def day(v: Any) -> date | None:
        if isinstance(v, datetime):
            return v.date()
        return v if isinstance(v, date) else None

    return [r for r in rows if (d := day(r.get(col))) is not None and start <= d <= end]


#: Non-entity columns a slot of the same meaning narrows ("upstream of orders_gold" -> direction).
FILTER_COLUMNS: dict[str, str] = {"direction": "direction", "privilege_type": "privilege"}
#: Kinds that are a property of the row, not a thing it is about: one the question names filters even after another
#: name narrowed the rows ("why did admin grant MODIFY on customers?": no MODIFY there, whatever the table's rows say).
STRICT_KINDS = frozenset({"privilege"})


def _typed_kind(row: dict[str, Any], type_col: str, col: str) -> str:
    kind = str(row.get(type_col) or "").lower().replace("sql_", "").replace("_", "")
    return kind if kind in set(ENTITY_COLUMNS.values()) else ENTITY_COLUMNS.get(col, "resource")


def _columns_of(kind: str) -> list[str]:
    """The result columns that name things of ``kind``."""
    return [c for c, k in {**ENTITY_COLUMNS, **FILTER_COLUMNS}.items() if k == kind and c not in TYPED_NAME_COLUMNS]


def _names_of(row: dict[str, Any], kind: str, cols: list[str]) -> list[str] | None:
    """The row's names of ``kind`` (None when the row says nothing about that kind)."""
    values = [row.get(c) for c in cols if c in row]
    for col, type_col in TYPED_NAME_COLUMNS.items():
        if col in row and _typed_kind(row, type_col, col) == kind:
            values.append(row.get(col))
    values = [str(v).lower() for v in values if v is not None]
    return values or None


def focus(rows: list[dict[str, Any]], slots: dict[str, Any], skip: frozenset[str] = frozenset()
          ) -> tuple[list[dict[str, Any]], str | None]:
    """Keep the rows about the entities (and inside the explicit time window) the question named.

    A name the question itself used (``slots["_named"]``) filters strictly: when no row is about it,
    nothing is kept and the second value says so ("job nightly_etl"). A name carried from earlier
    turns only narrows (a filter keeping nothing is skipped). Kinds in ``skip`` are not filtered (the
    tool already filtered by them: lineage of a table also lists the edges two hops away)."""
    kept = rows
    start, end = slots.get("start_date"), slots.get("end_date")
    if isinstance(start, date) and isinstance(end, date):
        kept = _in_window(kept, start, end)
    named = set(slots.get("_named") or ())
    columns_by_kind: dict[str, list[str]] = {}
    for col, kind in {**ENTITY_COLUMNS, **FILTER_COLUMNS}.items():
        if col not in TYPED_NAME_COLUMNS:
            columns_by_kind.setdefault(kind, []).append(col)
    # The most specific names first (a job, a user) and the workspace last. A row matches a kind when
    # any of its columns of that kind does (lineage rows name a table as source *or* target).
    narrowed = False
    for kind in sorted(columns_by_kind, key=lambda k: k == "workspace"):
        wanted = slots.get(kind) if kind not in skip else None
        if not wanted or not kept:
            continue
        names = {str(w).lower() for w in (wanted if isinstance(wanted, (list, tuple)) else [wanted])}
        about = [(r, _names_of(r, kind, columns_by_kind[kind])) for r in kept]
        if all(values is None for _, values in about):
            continue  # these rows are not about that kind of thing
        hits = [r for r, values in about if values and any(v in names or v.split(".")[-1] in names for v in values)]
        if hits:
            kept, narrowed = hits, narrowed or kind in named
        elif kind in named and (not narrowed or kind in STRICT_KINDS):
            said = sorted(str(w) for w in (wanted if isinstance(wanted, (list, tuple)) else [wanted]))
            return [], f"{kind} {said[0] if kind in STRICT_KINDS else sorted(names)[0]}"
        # else: "did that person break nightly_etl?": the rows about the job the question named stay, though
        # the person is not the one it runs as
    for kind, names in (slots.get("_besides") or {}).items():
        # "the other workspaces": the rows of the ones set aside go, unless nothing else is left to say
        left_out = {str(n).lower() for n in names}
        others = [r for r in kept if not set(_names_of(r, kind, columns_by_kind.get(kind, [])) or ()) & left_out]
        kept = others or kept
    return kept, None


def _none_for(name: str, lens: Lens) -> str:
    """The sentence for a name that holds no row ("For the workspace dev: no all-purpose cluster is idle ...")."""
    nothing = lens.empty or "nothing in these results."
    return f"For the {name}: {nothing[:1].lower()}{nothing[1:]}"


def _elsewhere(agent: str, tool: str, title: str, head: str, others: Reading) -> Finding | None:
    """``head`` and the rows about other names, as a finding that never leads the answer (None without rows)."""
    if not others.items:
        return None
    return Finding(agent=agent, title=title, summary=f"{head} Others: {others.text}", severity="info", tools=[tool],
                   headline=f"{head.rstrip('.')}; elsewhere: {others.items[0]}", items=others.items[1:],
                   more=others.more, off_subject=True)


def _beyond_names(rows: list[dict[str, Any]], focused: list[dict[str, Any]], slots: dict[str, Any]
                  ) -> tuple[list[dict[str, Any]], str] | None:
    """The window's rows about other names, when the names asked for narrowed them (and which names did)."""
    start, end = slots.get("start_date"), slots.get("end_date")
    window = _in_window(rows, start, end) if isinstance(start, date) and isinstance(end, date) else rows
    if len(window) <= len(focused):
        return None
    present = {kind for col, kind in ENTITY_COLUMNS.items() if col in window[0]}
    named = [f"{kind} {slots[kind][0] if isinstance(slots[kind], (list, tuple)) else slots[kind]}"
             for kind in sorted(present, key=lambda k: k == "workspace") if slots.get(kind)]
    return (window, named[0]) if named else None


_ARITH = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def arithmetic(expr: str, row: dict[str, Any]) -> float | None:
    """Evaluate ``+ - * /`` over a row's numeric columns and literals (no other syntax; no eval)."""

    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            value = row.get(node.id)
            if value is None or isinstance(value, bool):
                raise ValueError(node.id)
            return float(value)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
            return _ARITH[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        raise ValueError("unsupported expression")

    try:
        return ev(ast.parse(expr, mode="eval"))
    except (ValueError, ZeroDivisionError, SyntaxError, TypeError):
        return None


def grouped(rows: list[dict[str, Any]], column: str, sums: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Collapse rows by ``column``: add up ``sums``, count true booleans, keep the first row's other values."""
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row.get(column)
        if key not in groups:
            groups[key] = {**row, "count": 1}
            for k, v in row.items():
                if isinstance(v, bool):
                    groups[key][k] = int(v)
            continue
        g = groups[key]
        g["count"] += 1
        for k, v in row.items():
            if isinstance(v, bool):
                g[k] = int(g.get(k) or 0) + int(v)
            elif k in sums and isinstance(v, (int, float)) and isinstance(g.get(k), (int, float)):
                g[k] = g[k] + v
    return list(groups.values())


#: Most names an ``all_<column>`` list quotes ("15 registered models: a, b, c, ...").
ALL_NAMES = 20


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``total_<column>`` for numbers and ``all_<column>`` (the distinct names, in row order) for names (``*_name``
    columns and those of an entity kind: ``principal``, ``grantee``)."""
    sums: dict[str, Any] = {}
    names: dict[str, list[str]] = {}
    for row in rows:
        for k, v in row.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                sums[f"total_{k}"] = sums.get(f"total_{k}", 0.0) + float(v)
            elif isinstance(v, str) and (k.endswith("_name") or k in ENTITY_COLUMNS) and v not in names.setdefault(k, []):
                names[k].append(v)
    for k, values in names.items():
        sums[f"all_{k}"] = ", ".join(values[:ALL_NAMES]) + (", ..." if len(values) > ALL_NAMES else "")
    return sums


def _spans(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``first_<column>`` and ``last_<column>`` of every date column, before grouping: the days the rows cover."""
    out: dict[str, Any] = {}
    for row in rows:
        for k, v in row.items():
            if isinstance(v, date):
                out[f"first_{k}"] = min(out.get(f"first_{k}", v), v)
                out[f"last_{k}"] = max(out.get(f"last_{k}", v), v)
    return out


def _generic_say(columns: list[str], money_cols: set[str]) -> str:
    label = next((c for c in columns if c in ENTITY_COLUMNS), None) or next(
        (c for c in columns if c.endswith("_name") or c.endswith("_date")), None)
    parts = []
    for c in columns:
        if c == label or c.startswith("net_") or c.endswith("_id") or c == "rank":
            continue
        fmt = "money" if c in money_cols or c.endswith("_cost") else ""
        parts.append(f"{c.replace('_', ' ')} {{{c}{':' + fmt if fmt else ''}}}")
        if len(parts) == 3:
            break
    head = f"{{{label}}}" if label else ""
    return (head + (": " if head and parts else "") + ", ".join(parts)) or "{n} row(s)"


@dataclass
class Reading:
    """What a lens reads from rows: a headline (or none), one sentence per quoted row, how many rows
    were not quoted, and the rows kept (filtered, grouped, sorted)."""

    headline: str = ""
    items: list[str] = field(default_factory=list)
    more: int = 0
    kept: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""  # "No more rows: ..." on a page past the end

    @property
    def text(self) -> str:
        """The one-paragraph summary: headline, then the quoted rows joined by "; "."""
        if self.note:
            return self.note
        parts = [self.headline] if self.headline else []
        if self.items:
            items = "; ".join(self.items) + (f"; and {self.more} more" if self.more else "")
            parts.append(items + ("" if items.endswith((".", "?", "!")) else "."))
        return " ".join(parts)


#: Up to this many rows, rows that a lens reads the same are counted and said once.
MAX_DEDUP_ROWS = 500


def _naming_test(wanted: dict[str, set[str]] | None, at_least: int = 1) -> Any:
    """Does a row name ``at_least`` of the ``wanted`` names of one kind (kind -> lower-case names)? A qualified
    name in the row also answers to its last part ("main.sales.orders" to "orders")."""
    if not wanted:
        return lambda r: False
    columns_of = {kind: _columns_of(kind) for kind in wanted}

    def said(r: dict[str, Any], kind: str, names: set[str]) -> int:
        return len({v if v in names else v.split(".")[-1] for v in _names_of(r, kind, columns_of[kind]) or ()} & names)
    return lambda r: any(said(r, kind, names) >= at_least for kind, names in wanted.items())


#: Rows a finding quotes when the question asks for every one ("list every registered model").
LIST_ALL_ROWS = 15


def read_rows(rows: list[dict[str, Any]], lens: Lens, *, columns: list[str], money_cols: set[str],
              page: int = 0, prefer: dict[str, set[str]] | None = None,
              joint: dict[str, set[str]] | None = None, pasted: list[str] | None = None, every: bool = False,
              least: bool = False) -> Reading:
    """Read ``rows`` through ``lens`` (``page``: pages already shown, so "show me more" quotes the next rows;
    ``prefer``: kind -> lower-case names whose rows come first; ``joint``: kind -> two or more names the question
    gave, whose rows naming two of them at once come first; ``pasted``: lower-case error codes the question quoted,
    whose rows come first; ``least``: the first sort key read from its other end, "the cheapest one")."""
    if rows and "severity" in rows[0]:
        rows = [{**r, "severity_rank": SEVERITY_RANK.get(str(r.get("severity") or "").lower(), 0)} for r in rows]
    if lens.derive:
        rows = [{**r, **{name: arithmetic(expr, r) for name, expr in lens.derive}} for r in rows]
    preferred = _naming_test(prefer)
    # like SQL: filter rows, then group them (a row about the thing described stays: "is the job that refreshes our
    # features flaky?" is answered by its own 0 failures, which a list of failing jobs leaves out)
    kept = [r for r in rows if condition(lens.where, r) or preferred(r)]
    spans = _spans(kept)
    kept = grouped(kept, lens.group, lens.sum) if lens.group else kept
    # "issues desc, hours_since_update desc": stable sorts, last key first; rows missing a key go last.
    parts = [p.strip() for p in (lens.sort or "").split(",") if p.strip()]
    for i, part in reversed(list(enumerate(parts))):
        key, _, order = part.partition(" ")
        descending = (order.strip() == "desc") != (least and i == 0)
        present = [r for r in kept if r.get(key) is not None]
        try:
            present.sort(key=lambda r: r[key], reverse=descending)
        except TypeError:
            present.sort(key=lambda r: str(r[key]), reverse=descending)
        kept = present + [r for r in kept if r.get(key) is None]
    if prefer:
        # "our overnight sales load didn't land - what broke?": the rows about the thing described come first
        kept = sorted(kept, key=lambda r: not preferred(r))
    if joint:
        # "does fact_usage trace back to system.billing.usage?": the edge joining the two names answers it
        joins = _naming_test(joint, at_least=2)
        kept = sorted(kept, key=lambda r: not joins(r))
    if pasted:
        # "`[DELTA_FAILED_TO_MERGE_FIELDS]` ... which job threw that?": the row whose error quotes the code
        kept = sorted(kept, key=lambda r: -sum(code in " ".join(str(v).lower() for v in r.values() if isinstance(v, str))
                                               for code in pasted))
    if lens.say and len(kept) <= MAX_DEDUP_ROWS:
        # rows that read the same (an edge known from system lineage and from the Gold build) are said once
        said: set[str] = set()
        kept = [r for r in kept if not ((t := render(lens.say, r)) in said or said.add(t))]
    if not kept:
        return Reading()
    size = max(lens.rows or 3, LIST_ALL_ROWS if every else 0)
    if page and page * size >= len(kept):
        return Reading(kept=kept, note=f"No more rows: all {len(kept)} were shown already.")
    quoted = kept[page * size: (page + 1) * size] if lens.rows or page or every else []
    out = Reading(kept=kept)
    if lens.headline and len(kept) == 1 and lens.say and not page \
            and all(f.startswith("total_") or f == "n" for f in re.findall(r"\{(\w+)", lens.headline)):
        # one row under a total: its own sentence names what the total is of ("dev $9,711 ..." not "$9,711 in all")
        out.headline = render(lens.say, {**kept[0], "n": 1})
        return out
    if lens.headline:
        out.headline = render(lens.headline, {**spans, **_totals(kept), **kept[0], "n": len(kept)})
    if least and lens.say and not page and len(kept) > 1:
        # "and the cheapest one?": the answer names it first, the total after
        lowest = render(lens.say, {**kept[0], "n": len(kept)}).rstrip(".")
        out.headline = f"The lowest is {lowest}" + (f"; {out.headline}" if out.headline else ".")
    if quoted or not out.headline:
        quoted = quoted or kept[:3]
        say = lens.say or _generic_say(columns or list(kept[0]), money_cols)
        out.items = [render(say, {**r, "n": len(kept)}) for r in quoted]
        out.more = max(0, len(kept) - page * size - len(quoted))
    return out


def reading(rows: list[dict[str, Any]], lens: Lens, *, columns: list[str], money_cols: set[str],
            page: int = 0) -> tuple[str, list[dict[str, Any]]]:
    """The summary sentence(s) for ``rows`` and the rows it quotes."""
    r = read_rows(rows, lens, columns=columns, money_cols=money_cols, page=page)
    return r.text, r.kept


def severity_of(rows: list[dict[str, Any]], lens: Lens) -> str:
    if not rows:
        return "info"
    for level, expr in lens.severity:
        if any(condition(expr, r) for r in rows[:10]):
            return level
    top = str(rows[0].get("severity") or "").lower()
    return top if top in {"low", "medium", "high", "critical"} else "info"


def figures_of(rows: list[dict[str, Any]], limit: int = 3) -> dict[str, float | int | str]:
    out: dict[str, float | int | str] = {}
    for i, row in enumerate(rows[:limit]):
        for k, v in row.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and not k.endswith("_id"):
                out[f"{k}" if i == 0 else f"{k}_{i + 1}"] = v
    return out


def to_finding(*, agent: str, tool: str, title: str, rows: list[dict[str, Any]], lens: Lens,
               columns: list[str], money_cols: set[str], message: str | None = None,
               slots: dict[str, Any] | None = None, filtered: frozenset[str] = frozenset(),
               complete: bool = True) -> Finding | None:
    """One finding from one tool's rows (None when the lens keeps no row and has no ``empty`` text).
    ``filtered``: entity kinds the tool call already filtered by; ``complete``: the rows are every row there is
    (not a top N cut), so "the cheapest" may read them from the other end."""
    focused, missing = focus(rows, slots or {}, filtered)
    if missing:
        # The rest still answers a question with several asks ("who can read the PII tables, and the lineage of
        # orders_gold"): shown as the others, never as findings about the name asked for.
        others = read_rows(rows, lens, columns=columns, money_cols=money_cols) if rows else Reading()
        head = _none_for(missing, lens)
        return _elsewhere(agent, tool, title, head, others) or Finding(agent=agent, title=title, summary=head,
                                                                       severity="info", tools=[tool])
    prefer = {k: {str(n).lower() for n in v} for k, v in ((slots or {}).get("_prefer") or {}).items()}
    joint = {k: names for k, v in (slots or {}).items() if isinstance(v, (list, tuple)) and len(v) >= 2
             and not k.startswith("_") and len(names := {str(n).lower() for n in v}) >= 2}
    read = read_rows(focused, lens, columns=columns, money_cols=money_cols, page=int((slots or {}).get("page") or 0),
                     prefer=prefer, joint=joint, pasted=(slots or {}).get("_pasted"),
                     every=bool((slots or {}).get("_list_all")), least=bool((slots or {}).get("_least")) and complete)
    text, kept = read.text, read.kept
    wider = _beyond_names(rows, focused, slots or {})
    if not kept and wider:
        # "the ml-workspace budget, and which idle clusters could offset it": none there, so say where there are
        others = read_rows(wider[0], lens, columns=columns, money_cols=money_cols)
        found = _elsewhere(agent, tool, title, _none_for(wider[1], lens), others)
        if found is not None:
            return found
    if not kept:
        if not lens.empty and not message:
            return None
        generic = not message or message.startswith("No rows match")  # the executor's stock message
        summary = lens.empty if lens.empty and generic else (message or lens.empty)
        asked = [k for k in (slots or {}).get("_named") or () if rows and not focused and (slots or {}).get(k)] or \
            [k for k in sorted(filtered) if not rows and (slots or {}).get(k)]
        if asked and summary == lens.empty:
            # "who touched that raw table?": none, said of the table asked about by its name, not "that table";
            # a call filtered by the name says "For the user X: ...", not a bare "Nobody read ..."
            value = slots[asked[0]]  # type: ignore[index]
            summary = _none_for(f"{asked[0]} {value[0] if isinstance(value, (list, tuple)) else value}", lens)
        return Finding(agent=agent, title=title, summary=summary, severity="info", tools=[tool])
    supported = lens.recommend and condition(lens.recommend_when, kept[0])
    recommendation = render(lens.recommend, {**_totals(kept), **kept[0], "n": len(kept)}) if supported else None
    return Finding(agent=agent, title=title, summary=text, severity=severity_of(kept, lens),  # type: ignore[arg-type]
                   recommendation=recommendation, figures=figures_of(kept), entities=entities_of(kept),
                   tools=[tool], headline=read.headline or read.note, items=read.items, more=read.more,
                   rows=plain_rows(kept), judged=bool(lens.severity) or "severity" in kept[0])


#: Rows a finding keeps for the relations step (graph.relations): enough to join on ids and dates.
KEPT_ROWS = 10


def plain_rows(rows: list[dict[str, Any]], limit: int = KEPT_ROWS) -> list[dict[str, Any]]:
    """The first rows with scalar values only (dates stay dates; nested values are dropped)."""
    ok = (str, int, float, bool, date, datetime, type(None))
    return [{k: v for k, v in r.items() if isinstance(v, ok)} for r in rows[:limit]]


def row_numbers(rows: list[dict[str, Any]]) -> list[float]:
    return numbers_in_rows(rows)


__all__ = ["ENTITY_COLUMNS", "Reading", "condition", "entities_of", "money", "number", "read_rows", "reading",
           "row_numbers",
           "severity_of", "to_finding"]
