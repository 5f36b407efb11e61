"""The offline planner: an agent's playbook + the parsed question -> tool calls with valid arguments.

It reads data, not code: each :class:`agents.spec.Play` says when it applies (patterns over the
question and the parser's intents) and how to fill its tool's parameters from *slots* (the
parameters and entities the parser extracted: dates, top-N, workspace, job, user...). Every
argument is validated against the tool's pydantic model before the call; an argument the model
refuses is dropped (the tool's default applies) rather than sent, and a name the entity index did
not resolve never reaches a tool.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from health_monitor.agents.spec import AgentSpec, Play
from health_monitor.graph.kinds import KIND_NAMES
from health_monitor.graph.nlp.router import split_clauses
from health_monitor.graph.nlp.vocabulary import NUMBERED_ITEM, without_breakdown_list, without_requester
from pydantic import ValidationError

#: Most plays one agent runs for one question (matched plays first, by score).
MAX_PLAYS = 3
MAX_DEFAULT_PLAYS = 2
#: A question with several asks for one specialist ("(1) ..., (2) ..., (3) ...") may run one more.
MAX_CLAUSE_PLAYS = 4
#: A matched play runs only if it scores at least this share of the best match (weaker matches are noise).
RELEVANCE = 0.5

#: Tool parameter name -> the slot that fills it (parameters carrying ``NameOf(kind)`` use ``kind``).
PARAM_SLOTS: dict[str, str] = {
    "days": "days", "lookback_days": "days", "hours": "hours", "top_n": "top_n", "months": "months",
    "start_date": "start_date", "end_date": "end_date", "date": "date", "day": "date",
    "severity": "severity", "min_severity": "severity",
}


@dataclass
class PlannedCall:
    tool: str
    args: dict[str, Any]
    play: Play | None = None
    #: Index of the play in the agent's playbook (the summariser reads that play's lens).
    play_index: int = -1
    dropped: list[str] = field(default_factory=list)
    #: The same play run on the comparison window ("vs the week before").
    comparison: bool = False


#: Slots that hold names (masked out of the question before plays are matched: "cost_anomaly_detector"
#: must not make a question about that model look like a cost question).
NAME_SLOTS = tuple(k for k in KIND_NAMES if k not in ("regulation", "grant"))


#: Words of a described name that also say what the question is about (the data's classification).
_CLASSIFIED = re.compile(r"pii|sensitive|personal|confidential|restricted", re.IGNORECASE)


def mask_names(question: str, slots: dict[str, Any]) -> str:
    """``question`` with the names it gave, spelled or described in words, read as their slot: the words
    of a name choose no play ("the model that detects cost anomalies" asks nothing about cost)."""
    text = question
    for words, kind in (slots.get("_described") or {}).items():
        # "the customer PII table": which table, but PII is also what the question is about
        kept = " ".join(w for w in words.split() if _CLASSIFIED.fullmatch(w))
        text = re.sub(re.escape(words), f" {kept} {kind} ", text, flags=re.IGNORECASE)
    for slot in NAME_SLOTS:
        values = slots.get(slot)
        for value in values if isinstance(values, (list, tuple)) else [values]:
            if not isinstance(value, str) or len(value) < 3:
                continue
            # the longest spelling first, each as a whole word: an e-mail's last part ("com") is no table's short name
            short = [] if "@" in value else [value.split(".")[-1]]
            for variant in sorted({value, *short, value.replace("_", " "), value.replace("-", " ")}, key=len, reverse=True):
                text = re.sub(rf"(?<![\w@-]){re.escape(variant)}(?![\w-])", f" {slot} ", text, flags=re.IGNORECASE)
    return text


def derive_slots(slots: dict[str, Any], as_of_date: date | None) -> dict[str, Any]:
    """Fill the time slots from one another (a window gives ``days``/``hours``/``date`` and back)."""
    out = {k: v for k, v in slots.items() if v not in (None, "", [])}
    if as_of_date is None:
        return out
    start, end = out.get("start_date"), out.get("end_date")
    if isinstance(start, date) and start > as_of_date:
        return out  # a future window (a forecast's) sets no look-back: the tools keep their defaults
    if isinstance(start, date) and "days" not in out:
        out["days"] = max(1, (as_of_date - start).days + (0 if end and end < as_of_date else 1))
        if end and end < as_of_date:
            out["days"] = max(1, (as_of_date - start).days + 1)
    if isinstance(start, date) and "hours" not in out:
        out["hours"] = max(1, min(24 * 31, ((as_of_date - start).days + 1) * 24))
    if isinstance(start, date) and isinstance(end, date) and start == end and "date" not in out:
        out["date"] = start
    if isinstance(start, date) and isinstance(end, date) and end <= as_of_date:
        # a weekly figure (drift: the last 7 days against a baseline week) reads the week asked about ("and the week
        # before?"); a longer past period is what it is held against ("weird next to last month")
        if (end - start).days <= 7:
            out["week_end"] = end
        elif end < as_of_date:
            out["baseline_end"] = end
    if "days" in out and "start_date" not in out:
        out["start_date"] = as_of_date - timedelta(days=int(out["days"]))
    return out


def _template(value: Any, slots: dict[str, Any]) -> Any:
    """``"$slot"``, ``"$slot|fallback"`` (the fallback may itself be ``"$other"``), or a literal."""
    if not (isinstance(value, str) and value.startswith("$")):
        return value
    name, _, fallback = value[1:].partition("|")
    got = slots.get(name)
    if got is None and fallback:
        if fallback.startswith("$"):
            return _template(fallback, slots)
        return int(fallback) if fallback.isdigit() else fallback
    return got


def fill_args(tool: Any, play: Play | None, slots: dict[str, Any]) -> dict[str, Any]:
    """Arguments for ``tool``: explicit templates first, then parameters named like a slot."""
    fields = tool.params.model_fields
    kinds = tool.name_params
    args: dict[str, Any] = {}
    explicit = dict(play.args) if play else {}
    for pname, info in fields.items():
        key = info.alias or pname  # the name the tool accepts (``schema`` for ``schema_name``)
        if pname in explicit or key in explicit:
            value = _template(explicit.get(pname, explicit.get(key)), slots)
        else:
            slot = kinds.get(pname) or kinds.get(key) or PARAM_SLOTS.get(pname)
            value = slots.get(slot) if slot else None
        if isinstance(value, (list, tuple)):
            # two names for a one-name parameter ("user@ at 3am vs analyst@ all week"): the tool reads them all and
            # the finding keeps the rows of each name (graph.findings.focus), rather than the first name's only
            value = value[0] if len(value) == 1 else None
        if value is not None:
            args[key] = value
    return args


#: Parameters that say how far back (or ahead) a tool reads: too long a one reads the longest the tool allows.
WINDOW_PARAMS = frozenset({"days", "hours", "lookback_days"})


def validate_args(tool: Any, args: dict[str, Any], as_of_date: date | None) -> tuple[dict[str, Any], list[str]]:
    """Keep only arguments the tool's model accepts (dates not after the as-of date)."""
    dropped = []
    if as_of_date is not None:
        for k, v in list(args.items()):
            if isinstance(v, date) and v > as_of_date:
                dropped.append(k)
                args.pop(k)
    for _ in range(len(args) + 1):
        try:
            tool.params.model_validate(args)
            break
        except ValidationError as e:
            # a window longer than the tool reads ("next quarter" from a 60-day forecast): its longest one
            longest = {str(err["loc"][0]): err["ctx"]["le"] for err in e.errors()
                       if err.get("loc") and str(err["loc"][0]) in WINDOW_PARAMS and err.get("type") == "less_than_equal"
                       and "le" in (err.get("ctx") or {}) and isinstance(args.get(str(err["loc"][0])), int)}
            if longest:
                args.update(longest)
                continue
            bad = {str(err["loc"][0]) for err in e.errors() if err.get("loc")}
            if not bad & set(args):
                return {}, dropped + list(args)
            for k in bad & set(args):
                dropped.append(k)
                args.pop(k)
    start, end = args.get("start_date"), args.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        args.pop("end_date")
        dropped.append("end_date")
    return args, dropped


def choose_plays(spec: AgentSpec, text: str, slots: dict[str, Any] | None = None, *, topic: str = "",
                 own: str = "") -> list[Play]:
    """The plays whose patterns match ``text`` (best first), else those matching the conversation's
    ``topic`` ("which workspace is the worst offender?" after a question on untagged spend), else the
    agent's default plays. ``own`` is the part of ``text`` the user wrote (the rest are the intent's hint
    words): its matches count twice, so "why ... can't be tied to a team" reads untagged spend before the
    drivers "why" hints at."""
    if topic and (slots or {}).get("_least") and not any(p.matches(own or text, slots) for p in spec.playbook):
        # "and the cheapest one?": the last ranking read from its other end, not the area's defaults
        return choose_plays(spec, topic, slots)
    scored = [((p.matches(text, slots) + (p.matches(own, slots) if own else 0)) * p.weight, i, p)
              for i, p in enumerate(spec.playbook)]
    ranked = sorted(scored, key=lambda t: (-t[0], t[1]))
    top = ranked[0][0] if ranked else 0
    comparing = bool((slots or {}).get("compare_start"))
    # A question comparing periods keeps every matching play that has a compared figure, even a weak match.
    matched = [p for score, _, p in ranked if score > 0 and (score >= RELEVANCE * top or comparing and p.compare)]
    if matched:
        return _each_clause_heard(spec, text, slots, matched)
    if topic:
        return choose_plays(spec, topic, slots)
    return [p for p in spec.playbook if p.default][:MAX_DEFAULT_PLAYS]


def _in_brackets(text: str, clauses: list[str]) -> set[str]:
    """The clauses that start inside brackets: "suspicious access (failed logins, odd hours, tokens), and who read
    personal data" has three asks; the bracket's items are examples of one, heard after the other asks."""
    inside: set[str] = set()
    at = 0
    for clause in clauses:
        found = text.find(clause, at)
        if found < 0:
            continue
        if text.count("(", 0, found) > text.count(")", 0, found):
            inside.add(clause)
        at = found + len(clause)
    return inside


def _each_clause_heard(spec: AgentSpec, text: str, slots: dict[str, Any] | None, matched: list[Play]) -> list[Play]:
    """``matched`` with each clause's best play first: in "(1) who can read the PII tables, (2) which tables
    lack a description, (3) the lineage of orders_gold", every ask gets its tool, not only the wordiest."""
    clauses = split_clauses(text)
    if len(clauses) < 2:
        return matched[:MAX_PLAYS]
    firsts: list[Play] = []
    for clause in sorted(clauses, key=_in_brackets(text, clauses).__contains__):
        scored = [(p.matches(clause, slots) * p.weight, -i, p) for i, p in enumerate(spec.playbook)]
        score, _, best = max(scored, key=lambda t: (t[0], t[1]))
        if score > 0 and all(best is not p for p in firsts):
            firsts.append(best)
    if len(firsts) < 2:
        return matched[:MAX_PLAYS]  # one ask, worded at length: the whole question's ranking stands
    # the whole question's two best stay too ("can't be tied to any team" is the ask even where "team" scores)
    chosen = firsts[:MAX_CLAUSE_PLAYS]
    chosen += [p for p in matched[:2] if all(p is not c for c in chosen)][:max(0, MAX_CLAUSE_PLAYS - len(chosen))]
    chosen += [p for p in matched if all(p is not c for c in chosen)][:max(0, MAX_PLAYS - len(chosen))]
    order = [p for p in matched if any(p is c for c in chosen)] + [c for c in chosen if all(c is not p for p in matched)]
    return order  # in the whole question's ranking, so its main ask still leads


#: A clause pointing back at a name another clause gave ("lineage of orders_gold, and who can read it").
_POINTS_BACK = re.compile(r"\b(?:it|its|that|this|them|those|these|they|their|same)\b", re.IGNORECASE)


def _said_in(name: str, text: str) -> bool:
    forms = {name, name.split(".")[-1]} if "@" not in name else {name}
    return any(re.search(rf"(?<![\w@-]){re.escape(f)}(?![\w-])", text, re.IGNORECASE) for f in forms if len(f) >= 2)


def play_slots(spec: AgentSpec, question: str, slots: dict[str, Any], play: Play | None) -> dict[str, Any]:
    """``slots`` as one play reads them: in a question of several asks, the names of the ask the play answers.
    "1) who has grants on crm.customers 2) lineage of orders_gold 3) which main.sales tables have no comment"
    reads the lineage of orders_gold only, and the undocumented tables of no one table."""
    # only a numbered list's items are asks of their own scope: "is orders_gold stale because of it, and which
    # tables downstream are affected?" still asks about the tables the first clause named
    numbered = len(re.findall(NUMBERED_ITEM, question or "")) >= 2
    clauses = split_clauses(question or "") if play is not None and numbered else []
    if len(clauses) < 2:
        return slots
    scored = [(play.matches(mask_names(c, slots), slots) * play.weight, -i, c) for i, c in enumerate(clauses)]  # type: ignore[union-attr]
    score, _, clause = max(scored)
    if score <= 0:
        return slots
    out = dict(slots)
    for kind in NAME_SLOTS:
        values = slots.get(kind)
        names = [v for v in (values if isinstance(values, (list, tuple)) else [values]) if isinstance(v, str) and v]
        if not names:
            continue
        here = [n for n in names if _said_in(n, clause)]
        elsewhere = any(_said_in(n, c) for c in clauses if c is not clause for n in names)
        if here and len(here) < len(names):
            out[kind] = here
        elif not here and elsewhere and not _POINTS_BACK.search(clause):
            out.pop(kind)
            out["_named"] = [k for k in out.get("_named") or () if k != kind]
    return out


def plan(spec: AgentSpec, *, question: str, intents: list[str], slots: dict[str, Any], registry: Any,
         as_of_date: date | None) -> list[PlannedCall]:
    """Tool calls for one agent (at most one per tool)."""
    full = derive_slots(slots, as_of_date)
    text = mask_names(without_requester(without_breakdown_list(" ".join([question or "", *intents]))), full)
    calls: list[PlannedCall] = []
    seen: set[str] = set()
    topic = mask_names(without_requester(str(full.get("_topic") or "")), full)
    own = mask_names(without_requester(without_breakdown_list(question or "")), full) if intents else ""
    for play in choose_plays(spec, text, full, topic=topic, own=own):
        if play.tool not in registry:
            continue
        tool = registry.get(play.tool)
        filled = fill_args(tool, play, play_slots(spec, question, full, play))
        if filled.get("workspace") and full.get("job") and "job" in (full.get("_named") or ()) \
                and {"job_name", "workspace_name"} <= set(tool.column_names):
            # a named job says where it runs: "ml_training in staging" reads every workspace, so a workspace
            # that is not the job's own is said ("elsewhere: ml_training (ml-workspace) ...") instead of "none"
            filled.pop("workspace")
        args, dropped = validate_args(tool, filled, as_of_date)
        key = f"{play.tool}:{sorted((k, str(v)) for k, v in args.items())}"
        if key in seen:
            continue
        seen.add(key)
        calls.append(PlannedCall(tool=play.tool, args=args, play=play, play_index=spec.playbook.index(play),
                                 dropped=dropped))
    earlier = comparison_slots(full)
    for call in list(calls) if earlier is not None else []:
        tool = registry.get(call.tool)
        if call.play is None or call.play.compare is None or not {"start_date", "end_date", "date"} & set(
                tool.params.model_fields):
            continue  # only plays that declare a compared figure, on tools that take a period
        args, dropped = validate_args(tool, fill_args(tool, call.play, earlier), as_of_date)
        calls.append(PlannedCall(tool=call.tool, args=args, play=call.play, play_index=call.play_index,
                                 dropped=dropped, comparison=True))
    return calls


#: Slots that say which period a call reads (replaced by the comparison window's).
_PERIOD_SLOTS = ("start_date", "end_date", "date", "days", "hours")


def comparison_slots(slots: dict[str, Any]) -> dict[str, Any] | None:
    """The slots with the comparison window as the period (None when the question compares nothing)."""
    start, end = slots.get("compare_start"), slots.get("compare_end")
    if not (isinstance(start, date) and isinstance(end, date)):
        return None
    out = {k: v for k, v in slots.items() if k not in _PERIOD_SLOTS}
    # ``days`` back from ``end_date`` reaches exactly ``start_date`` (tools bounded by both read that span).
    out.update(start_date=start, end_date=end, days=max(1, (end - start).days))
    if start == end:
        out["date"] = start
    return out


#: Suffix of the id of a call on the comparison window.
COMPARISON_SUFFIX = "-vs"
#: Suffix of the id of a call looking back before an empty window (``agents.spec.Before``): ``<main id>-before``.
BEFORE_SUFFIX = "-before"
#: Window parameters, longest first, that a look-back widens (days back or hours back from the as-of).
_LOOK_BACK_PARAMS = (("days", 1), ("lookback_days", 1), ("hours", 24))


def _upper(info: Any) -> int | None:
    """A numeric parameter's upper bound (``le``), if it declares one."""
    for meta in info.metadata:
        if isinstance(getattr(meta, "le", None), int):
            return meta.le
    return None


def look_back_args(tool: Any, args: dict[str, Any], days: int, as_of_date: date | None) -> dict[str, Any] | None:
    """``args`` with the window widened to the longest the tool allows, at most ``days`` back (None when the tool
    has no window to widen)."""
    fields = tool.params.model_fields
    out = {k: v for k, v in args.items() if k not in _PERIOD_SLOTS and k != "lookback_days"}
    for pname, per_day in _LOOK_BACK_PARAMS:
        if pname in fields:
            bound = _upper(fields[pname])
            out[pname] = min(days * per_day, bound) if bound else days * per_day
            break
    else:
        if "start_date" not in fields or as_of_date is None:
            return None
        out["start_date"] = as_of_date - timedelta(days=days)
    return validate_args(tool, out, as_of_date)[0]


def call_id(agent: str, call: PlannedCall, position: int) -> str:
    """A tool-call id that remembers its play (``cost-p3-1``; ``cost-p3-2-vs`` on the comparison window)."""
    return f"{agent}-p{call.play_index}-{position}" + (COMPARISON_SUFFIX if call.comparison else "")


def asked_play(spec: AgentSpec, question: str, slots: dict[str, Any], as_of_date: date | None = None,
               intents: list[str] | tuple[str, ...] = ()) -> Play | None:
    """The play :func:`plan` puts first when the question's words (with its intents' hint words, as the plan reads
    them) match one, or None when none does (the agent's defaults or the last turn's topic answered): its finding
    is the answer to what was asked."""
    full = derive_slots(slots, as_of_date)
    own = mask_names(without_requester(without_breakdown_list(question or "")), full)
    text = mask_names(without_requester(without_breakdown_list(" ".join([question or "", *intents]))), full)
    scored = [((p.matches(text, full) + (p.matches(own, full) if intents else 0)) * p.weight, -i, p)
              for i, p in enumerate(spec.playbook)]
    score, _, best = max(scored, key=lambda t: (t[0], t[1]), default=(0, 0, None))
    return best if score > 0 else None


def play_for(spec: AgentSpec, tool: str, call_id: str = "") -> Play | None:
    """The play behind a call: from the id the planner gave it, else the first play using ``tool``."""
    parts = call_id.removesuffix(BEFORE_SUFFIX).removesuffix(COMPARISON_SUFFIX).split("-")
    if len(parts) >= 3 and parts[-2].startswith("p") and parts[-2][1:].isdigit():
        index = int(parts[-2][1:])
        if index < len(spec.playbook) and spec.playbook[index].tool == tool:
            return spec.playbook[index]
    return next((p for p in spec.playbook if p.tool == tool), None)
