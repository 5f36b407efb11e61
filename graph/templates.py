"""Offline answer templates: the words around the findings' figures.

Answer first: one sentence answers the question with its figure and its period (the window the
question asked about, else the window the tools read, else the data's as-of time). Then a section
per domain with at most five items, one per line (a finding's headline, then its rows), the honest
gaps, how the findings connect (typed relations from graph.relations, else a shared name), one
recommendation, an offer to dig further, and the footer with the data's as-of time and the tools used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from health_monitor.agents.registry import AgentRegistry
from health_monitor.graph.kinds import LINK_KINDS, OFFER_KINDS
from health_monitor.graph.state import (
    HONEST_PREFIX,
    PERIOD_OVER_PERIOD,
    SEVERITY_RANK,
    AgentReport,
    Finding,
    RoutingPlan,
    ToolCallRecord,
)

from health_monitor.core import measured

#: Why two domains' findings about the same thing are connected: (domain, domain) -> sentence.
LINK_REASONS: dict[frozenset[str], str] = {
    frozenset({"cost", "performance"}): "failed runs that are retried still bill compute, so fixing the failures "
                                        "should also bring the spend down",
    frozenset({"cost", "reliability"}): "instability costs money: retries and restarts are billed too",
    frozenset({"cost", "optimization"}): "that is also where the savings are",
    frozenset({"performance", "quality"}): "a failed or late load leaves the tables downstream stale",
    frozenset({"reliability", "quality"}): "an outage or a missed run leaves the tables downstream stale",
    frozenset({"security", "governance"}): "an access pattern and the grants behind it",
    frozenset({"performance", "reliability"}): "the same failures show up as both slowness and instability",
}
DEFAULT_LINK = "they are probably connected, so look at them together"

SEVERITY_WORDS = {"critical": "critical", "high": "high severity", "medium": "worth a look", "low": "minor"}


#: At most this many items per section (the rest is one "show me more" away).
MAX_ITEMS = 5
#: Findings whose first line is a headline may show their first row beyond MAX_ITEMS, this many of them.
HEADLINE_ROWS_BEYOND = 2
#: Items of a briefing: the ranked top signals across every specialist.
BRIEFING_ITEMS = 5
MAX_BRIEFING_ITEMS = 10
#: Lines a section may show when the question asks for every row ("list every registered model").
LIST_ALL_ITEMS = 20


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _tag(f: Finding) -> str:
    return f" _({SEVERITY_WORDS[f.severity]})_" if f.severity in ("critical", "high", "medium") else ""


def core(f: Finding) -> str:
    """A finding in one sentence: its headline, else its first row, else its summary's first sentence."""
    text = f.headline or (f.items[0] if f.items else f.summary.split("; ")[0])
    return _sentence(text)


def not_measured(f: Finding) -> bool:
    """A finding saying a source is not measured (a degraded Gold model): no evidence of health."""
    return measured.PREFIX in f.summary.lower()


def _rows_of(f: Finding) -> list[str]:
    """The lines a finding can show: its headline or first row after the title, then its other rows."""
    if f.headline:
        return [f.headline, *f.items]
    return list(f.items) or [f.summary]


def item_lines(findings: list[Finding], budget: int = MAX_ITEMS) -> list[str]:
    """At most ``budget`` lines: every finding's first line (most severe first), then more of their rows
    in the same order while lines remain; what does not fit is counted on one last line."""
    rows = [_rows_of(f) for f in findings]
    shown = [0] * len(findings)
    left = budget
    for i in range(len(findings)):
        if left:
            shown[i], left = 1, left - 1
    beyond = HEADLINE_ROWS_BEYOND
    for i, f in enumerate(findings):
        # a headline alone ("5 lineage edges found.") says how many, not which: its first row comes with it, a few
        # beyond the budget ("which jobs still run on all-purpose clusters?" is answered by the job, not the total)
        if f.headline and shown[i] == 1 and len(rows[i]) > 1 and (left or beyond):
            shown[i] = 2
            left, beyond = (left - 1, beyond) if left else (left, beyond - 1)
    while left and any(shown[i] < len(rows[i]) for i in range(len(findings))):
        # one more row of each finding in turn: a second ask's rows are not crowded out by the first's
        for i in range(len(findings)):
            if left and shown[i] < len(rows[i]):
                shown[i], left = shown[i] + 1, left - 1
    lines, hidden = [], 0
    for f, lines_of, n in zip(findings, rows, shown, strict=True):
        if n:
            lines.append(f"- **{f.title}**{_tag(f)}: {_sentence(lines_of[0])}")
            lines += [f"  - {_sentence(x)}" for x in lines_of[1:n]]
        hidden += len(lines_of) - n + f.more
    if hidden:
        lines.append(f"- …and {hidden} more (ask “show me more”).")
    return lines


def _ranked(findings: Iterable[Finding], order: list[str], subject: dict[str, list[str]] | None = None,
            asked: str = "", primary: str = "") -> list[Finding]:
    """Most severe first; ties keep the specialists' presentation order. With a ``subject`` (what a cause question
    is about), the findings about it come first: "why?" after a stale table leads with that table's writer. With
    an ``asked`` kind ("which warehouse ...?"), the findings whose first name is of that kind come next; then the
    ``primary`` area's finding that answers what was asked ("how much did failed runs cost?": their cost, before
    the failures the same question also brought)."""
    return sorted(findings, key=lambda f: (f.off_subject, bool(subject) and not _about(f, subject),
                                           bool(asked) and _first_named_kind(f) != asked,
                                           not (primary and f.asked and f.agent == primary),
                                           -SEVERITY_RANK.get(f.severity, 0),
                                           order.index(f.agent) if f.agent in order else 99))


def _first_named_kind(f: Finding) -> str:
    """The kind of the first name a finding's first line says ("bi-warehouse (Large, ...) $2,706": warehouse)."""
    text = core(f).lower()
    # (at one position the longest name is the one said: "analytics-adhoc (analytics, ...)" names the cluster first)
    at = {kind: min(((i, -len(str(n))) for n in names if (i := text.find(str(n).lower())) >= 0),
                    default=(len(text) + 1, 0))
          for kind, names in (f.entities or {}).items()}
    first = min(at.items(), key=lambda kv: kv[1], default=("", (0, 0)))
    return first[0] if first[1][0] <= len(text) else ""


def _about(f: Finding, subject: dict[str, list[str]]) -> bool:
    """Does ``f`` name one of the ``subject``'s names (a table by its full or its own name)?"""
    names = {_own_name(n) for ns in subject.values() for n in ns}
    return any(_own_name(n) in names for ns in (f.entities or {}).values() for n in ns)


def _own_name(name: Any) -> str:
    """A table's own name ("orders_gold" of main.sales.orders_gold); an e-mail whole (its last dot is no schema's)."""
    low = str(name).lower()
    return low if "@" in low else low.rsplit(".", 1)[-1]


def section(title: str, report: AgentReport | None, all_clear: str, budget: int = MAX_ITEMS) -> str:
    lines = [f"**{title}**"]
    if report is None:
        lines.append("- This check did not run.")
        return "\n".join(lines)
    # what the question asked of this area first, then by severity
    ordered = sorted(report.findings, key=lambda f: (not f.asked, -SEVERITY_RANK.get(f.severity, 0)))
    lines += item_lines(ordered, budget)
    if report.error:
        lines.append(f"- I could not complete part of this check: {report.error}. The other sections are unaffected.")
    if not ordered and not report.error:
        lines.append(f"- {all_clear}")
    return "\n".join(lines)


def area(title: str) -> str:
    """"Cost" -> "cost", "Data quality" -> "data quality"; "MLOps", "CPU history", "SLA breaches" stay."""
    first = title.split(" ")[0]
    return title if any(ch.isupper() for ch in first[1:]) else title[:1].lower() + title[1:]


def lead(reports: dict[str, AgentReport], titles: dict[str, str], period: str = "",
         subject: dict[str, list[str]] | None = None, asked: str = "", compares: bool = False, primary: str = "") -> str:
    """The answer's first sentence: the most important finding with its figure, and the period.

    "Nothing crosses a threshold" only when every finding is below medium, every check completed
    and nothing said "not measured"."""
    findings = _ranked((f for r in reports.values() for f in r.findings), list(titles), subject, asked, primary)
    when = f"{period[:1].upper()}{period[1:]}: " if period else ""
    areas = " and ".join(area(titles[a]) for a in reports)
    failed = [a for a, r in reports.items() if r.error]
    worst = findings[0] if findings else None
    if worst is None:
        if failed:
            return f"{when}I could not complete the {' and '.join(area(titles[a]) for a in failed)} check."
        return f"{when}I found nothing to report on {areas}."
    top_rank = max(SEVERITY_RANK.get(f.severity, 0) for f in findings)
    if top_rank < 2 or compares:
        # a question comparing periods ("vs the week before?") is answered by its comparison ("4 against 0"), and so
        # is one with nothing alarming ("32 this quarter against 31")
        worst = next((f for f in findings if f.title.endswith(PERIOD_OVER_PERIOD)), worst)
    top = core(worst).removesuffix(".")
    if when and top[:2].istitle() and top[:2].isalpha():  # "About $12,983 ..." after a colon reads "about"
        top = top[:1].lower() + top[1:]
    if SEVERITY_RANK.get(worst.severity, 0) < 2:
        # "3 lineage edges found" is a listing, and "none in the window; since then: X failed" reads outside it:
        # no threshold was there to cross
        clear = top_rank < 2 and not failed and not any(not_measured(f) for f in findings) and worst.judged
        return _sentence(f"{when}nothing on {areas} crosses a threshold; {top}" if clear else f"{when}{top}")
    n = sum(1 for f in findings if SEVERITY_RANK.get(f.severity, 0) >= 2)
    # (a finding leading because it names what was asked is not said to be the most pressing)
    more = f"; it is the most pressing of {n} findings that need attention" \
        if n > 1 and SEVERITY_RANK.get(worst.severity, 0) >= top_rank else ""
    return _sentence(f"{when}{top}{more}")


#: Tool arguments that set the window a tool read, and how the answer names it.
WINDOW_ARGS: tuple[tuple[str, str], ...] = (("hours", "last {} hours"), ("days", "last {} days"),
                                            ("lookback_days", "last {} days"), ("months", "last {} months"))


def period_of(calls: Iterable[ToolCallRecord], tools: Iterable[str], as_of: str) -> str:
    """The window the tools behind a finding read when the question named none: explicit dates, else
    their look-back ("last 24 hours to <as-of>"), else the data's as-of time."""
    wanted = set(tools)
    for call in calls:
        if call.tool not in wanted or not call.ok:
            continue
        start, end = call.args.get("start_date"), call.args.get("end_date")
        if call.args.get("date"):
            return f"{call.args['date']} (UTC day)"
        if start and end:
            start = _effective_start(str(start), str(end), call.args.get("days"))
            return f"{start} (UTC day)" if start == end else f"{start} to {end} (UTC)"
        for arg, label in WINDOW_ARGS:
            if isinstance(call.args.get(arg), int):
                return label.format(call.args[arg]) + (f" to {as_of}" if as_of else "")
    return f"as of {as_of}" if as_of else ""


def _effective_start(start: str, end: str, days: Any) -> str:
    """Tools read "the last ``days`` days up to end_date, not before start_date": a start_date left at its far
    default does not widen the window they read."""
    if not isinstance(days, int) or isinstance(days, bool):
        return start
    try:
        return max(date.fromisoformat(start), date.fromisoformat(end) - timedelta(days=days)).isoformat()
    except ValueError:
        return start


def recommendation(reports: dict[str, AgentReport], order: list[str], subject: dict[str, list[str]] | None = None) -> str:
    """One recommendation: the most severe finding's that has one (about the ``subject`` first, when given)."""
    for f in _ranked((f for r in reports.values() for f in r.findings), order, subject):
        if f.recommendation and f.recommendation.strip():
            return f"**Recommendation:** {_sentence(f.recommendation)}"
    return ""


def briefing(agents: AgentRegistry, plan: RoutingPlan, reports: dict[str, AgentReport], as_of: str = "") -> str:
    """Every specialist's top signals, ranked across domains: the top five, one recommendation."""
    titles = {a.name: a.title for a in agents}
    reports = without_repeats(reports, plan.agents)  # a finding two specialists share counts once
    present = {name: reports[name] for name in plan.agents if name in reports}
    ranked = [f for f in _ranked((f for r in present.values() for f in r.findings), list(titles))
              if SEVERITY_RANK.get(f.severity, 0) >= 1 or f.figures]
    # across domains: each area's most pressing signal before any area's second (same severity order otherwise)
    firsts = [f for i, f in enumerate(ranked) if all(g.agent != f.agent for g in ranked[:i])]
    ranked = sorted(ranked, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), all(f is not g for g in firsts)))
    # "top 3 platform risks": as many as asked, up to ten; else five
    top = ranked[:plan.top_n if 0 < plan.top_n <= MAX_BRIEFING_ITEMS else BRIEFING_ITEMS]
    period = f" ({plan.period})" if plan.period else (f" (as of {as_of})" if as_of else "")
    if not top:
        parts = [f"Briefing{period}: nothing crosses a threshold across {len(present)} areas."]
    else:
        urgent = [f for f in ranked if SEVERITY_RANK.get(f.severity, 0) >= 2]
        spread = len({f.agent for f in urgent})
        where = f"{spread} of {len(present)} areas" if spread < len(present) else f"{len(present)} areas"
        parts = [f"Briefing{period}: {len(urgent)} {'signal needs' if len(urgent) == 1 else 'signals need'} attention across "
                 f"{where}; the most pressing: {core(top[0])}",
                 f"**Top {len(top)} across the platform**\n" + "\n".join(
                     f"{i}. **{titles.get(f.agent, f.agent)}: {f.title}**"
                     f"{f' _({SEVERITY_WORDS[f.severity]})_' if f.severity in SEVERITY_WORDS else ''}: {core(f)}"
                     for i, f in enumerate(top, 1))]
    quiet = [area(titles[a]) for a, r in present.items()
             if not any(SEVERITY_RANK.get(f.severity, 0) >= 2 or not_measured(f) for f in r.findings)
             and not r.error]
    if quiet:
        parts.append(f"Nothing alarming in: {', '.join(quiet)}.")
    failed = [f"{area(titles[a])} ({r.error})" for a, r in present.items() if r.error]
    if failed:
        parts.append("I could not complete: " + "; ".join(failed) + ".")
    rec = recommendation({a: r for a, r in present.items()}, list(titles))
    if rec:
        parts.append(rec)
    parts.append(offer(present, top[0] if top else None))
    return "\n\n".join(parts)


def shared_entities(reports: dict[str, AgentReport]) -> list[tuple[str, str, list[Finding]]]:
    """(kind, name, findings from >= 2 domains) for every entity more than one domain mentions."""
    seen: dict[tuple[str, str], list[Finding]] = {}
    for report in reports.values():
        for f in report.findings:
            for kind in LINK_KINDS:
                for name in f.entities.get(kind, [])[:1]:  # the finding's subject, not every row it lists
                    seen.setdefault((kind, name), []).append(f)
    out = []
    for (kind, name), fs in seen.items():
        if len({f.agent for f in fs}) >= 2:
            out.append((kind, name, fs))
    out.sort(key=lambda t: (LINK_KINDS.index(t[0]), -len(t[2])))
    return out


def cross_domain(reports: dict[str, AgentReport], titles: dict[str, str]) -> str:
    """One paragraph per pair of domains that share an entity (the most specific entity first)."""
    paragraphs, pairs = [], {}
    for kind, name, fs in shared_entities(reports):
        by_agent: dict[str, Finding] = {}
        for f in fs:
            by_agent.setdefault(f.agent, f)
        pair = frozenset(list(by_agent)[:2])
        pairs.setdefault(pair, []).append((kind, name, by_agent))
    for pair, links in list(pairs.items())[:2]:
        kind, name, by_agent = links[0]
        agents = [a for a in titles if a in pair]
        parts = " and ".join(f"the {area(titles[a])} finding ({area(by_agent[a].title)})" for a in agents)
        reason = LINK_REASONS.get(pair, DEFAULT_LINK)
        also = ", ".join(f"the {k} {n}" for k, n, _ in links[1:3])
        paragraphs.append(f"**Across domains:** {parts} both involve the {kind} {name}"
                          f"{f' (and {also})' if also else ''}: {reason}.")
    return "\n".join(paragraphs)


def connect(links: list[str]) -> str:
    """The typed relations (graph.relations), one per line."""
    if len(links) == 1:
        return f"**How these connect:** {links[0]}"
    return "**How these connect:**\n" + "\n".join(f"- {x}" for x in links)


def offer(reports: dict[str, AgentReport], first: Finding | None = None) -> str:
    """Where to dig next: the subject of the finding the answer leads with (``first``), else a name two areas share,
    else the most severe finding's subject."""
    severest = sorted((f for r in reports.values() for f in r.findings), key=lambda f: -SEVERITY_RANK.get(f.severity, 0))
    names = _subject_names(first) if first is not None else []
    names = names or [n for _, n, _ in shared_entities(reports)] or (_subject_names(severest[0]) if severest else [])
    if names:
        return (f"Want me to dig further? I can break down {names[0]} in more detail, compare with an earlier "
                "period, or check another area.")
    return "Want me to dig further? I can look at a different period, a specific workspace, job or user."


def _subject_names(f: Finding) -> list[str]:
    """A finding's first subject of each kind worth digging into, the workspace last."""
    kinds = sorted((k for k in f.entities if k in OFFER_KINDS), key=lambda k: k == "workspace")
    return [f.entities[k][0] for k in kinds if f.entities[k]]


def without_repeats(reports: dict[str, AgentReport], order: Iterable[str]) -> dict[str, AgentReport]:
    """Each finding once: a tool two specialists share (untagged spend: cost and the advisor) is said by the
    first; a specialist left with nothing of its own is left out rather than called all clear."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: dict[str, AgentReport] = {}
    for name in [n for n in order if n in reports] + [n for n in reports if n not in order]:
        rep = reports[name]
        keep = [f for f in rep.findings if (f.title, tuple(f.tools)) not in seen]
        seen |= {(f.title, tuple(f.tools)) for f in rep.findings}
        if keep or not rep.findings or not rep.ok:
            out[name] = rep if len(keep) == len(rep.findings) else rep.model_copy(update={"findings": keep})
    return out


def primary_first(names: list[str], plan: RoutingPlan) -> list[str]:
    """``names`` with the question's main area first: it leads among equally severe findings."""
    return sorted(names, key=lambda a: a != plan.primary)


def _present_ranked(agents: AgentRegistry, plan: RoutingPlan, unique: dict[str, AgentReport]
                    ) -> tuple[dict[str, AgentReport], list[Finding]]:
    """The planned specialists' reports (each finding once) and their findings in the order the answer says them."""
    present = {name: unique[name] for name in plan.agents if name in unique}
    ranked = _ranked((f for r in present.values() for f in r.findings), primary_first([a.name for a in agents], plan),
                     plan.subject or None, plan.asked_kind, plan.primary)
    return present, ranked


def leading(agents: AgentRegistry, plan: RoutingPlan, reports: dict[str, AgentReport]) -> Finding | None:
    """The finding :func:`answer` leads with that names something (what "that job" means next turn), or None."""
    _, ranked = _present_ranked(agents, plan, without_repeats(reports, plan.agents))
    return next((f for f in ranked if f.entities), None)


def answer(agents: AgentRegistry, plan: RoutingPlan, reports: dict[str, AgentReport], *,
           unknown: Iterable[str] = (), question: str = "", calls: Iterable[ToolCallRecord] = (),
           as_of: str = "", links: Iterable[str] = ()) -> str:
    """The offline answer. ``calls``: the turn's tool calls (the period when the question named none);
    ``links``: sentences of graph.relations saying how the findings connect."""
    if plan.method == "briefing":
        return briefing(agents, plan, reports, as_of)
    titles = {a.name: a.title for a in agents}
    unique = without_repeats(reports, plan.agents)
    repeated, reports = set(reports) - set(unique), unique
    present, ranked = _present_ranked(agents, plan, reports)
    subject = plan.subject or None
    own = present[ranked[0].agent].period if ranked and ranked[0].agent in present else ""
    labelled = any(r.period for r in present.values())
    period = own or plan.period or period_of(list(calls), ranked[0].tools if ranked else [], as_of)
    titles = {a: titles[a] for a in primary_first(list(titles), plan)}
    first = lead(present, titles, period, subject, plan.asked_kind, compares=plan.intent == "compare",
                 primary=plan.primary) if present \
        else "I could not get any results for this question."
    rec = recommendation(present, list(titles), subject)
    if plan.intent == "recommendation" and rec:
        # "what do I do about it?": what to do is the answer, so it comes first, then what it rests on
        first, rec = f"{rec}\n\n{first}", ""
    joint = "\n\n" if first.startswith("**") else " "  # a paragraph of its own stays one
    parts = [f"{plan.opening}{joint}{first}" if plan.opening else first]
    missing = [str(u) for u in unknown]
    if missing:
        parts.append("I could not find " + "; nor ".join(missing) + " in this account, so I left that out and "
                     "answered for everything else.")
    # with no period asked, each specialist reads its own default ("last 24 hours" of runs, 30 days of spend): when
    # the sections' periods differ, each says its own, so no figure is read under another's period
    read = {name: period_of(list(calls), rep.findings[0].tools, as_of) for name, rep in present.items()
            if rep.findings and not labelled and not plan.period}
    mixed = len(set(read.values())) > 1
    for name in plan.agents:
        spec = agents.get(name)
        if name not in repeated:
            rep = reports.get(name)
            # when one ask named its own period, every section says which period it read
            own_period = (rep.period or plan.period) if rep is not None and labelled else read.get(name, "") if mixed \
                else ""
            title = f"{spec.title} · {own_period}" if own_period else spec.title
            parts.append(section(title, rep, spec.all_clear, LIST_ALL_ITEMS if plan.list_all else MAX_ITEMS))
    connected = list(links)
    link = connect(connected) if connected else cross_domain(present, titles)
    if link:
        parts.append(link)
    if rec:
        parts.append(rec)
    parts.append(offer(present, ranked[0] if ranked else None))
    return "\n\n".join(parts)


#: Why a question was declined -> the opening sentence of the refusal.
DECLINE_INTROS = {
    "empty": "Your message was empty, so there is nothing to look up yet.",
    "unsafe": "I can't do that: I only read the account's monitoring data, so I never run SQL you send, change "
              "data or permissions, or set my instructions aside.",
    "off-topic": "Sorry, that is outside what I can help with: I am the health monitor for this Databricks account.",
}


def decline(agents: AgentRegistry, *, reason: str = "") -> str:
    if reason.startswith(HONEST_PREFIX):  # the honest "no" (or question back) is the whole answer
        return reason[len(HONEST_PREFIX):]
    areas = "; ".join(f"**{area(a.title)}** ({a.description.split('.')[0][:1].lower()}"
                      f"{a.description.split('.')[0][1:]})" for a in agents)
    examples = [a.examples[0] for a in list(agents)[:3] if a.examples]
    intro = DECLINE_INTROS.get(reason, DECLINE_INTROS["off-topic"])
    text = f"{intro} I can answer questions about {areas}."
    if examples:
        text += " For example: " + " / ".join(f"“{e}”" for e in examples) + "."
    return text


def footer(as_of_text: str, calls: list[ToolCallRecord]) -> str:
    used = list(dict.fromkeys(c.tool for c in calls))
    tools = ("tools used: " + ", ".join(used)) if used else "no tools were used"
    failed = [c.tool for c in calls if not c.ok]
    extra = f" ({len(failed)} failed: {', '.join(dict.fromkeys(failed))})" if failed else ""
    return f"_Data as of {as_of_text}; {tools}{extra}._"


def join(body: str, notes: Iterable[str], footer_text: str) -> str:
    parts = [body.strip()] if body and body.strip() else []
    notes = [n for n in dict.fromkeys(notes) if n]
    if notes:
        parts.append("\n".join(f"_Note: {n}_" for n in notes))
    parts.append(footer_text)
    return "\n\n".join(parts)
