"""What a specialist *is*: data. A name, a description (the router and the LLM read it), a system
prompt with named placeholders, example questions and a *playbook*.

The playbook is the offline planner's knowledge, declared per agent: which catalog tool answers
which kind of question (:class:`Play`), the argument templates filled from the parsed question, and
how to read the rows back (:class:`Lens`). ``graph.planner`` interprets it; nothing here runs a tool.
The agent's *tools* are the catalog's per-agent list (``ToolRegistry.for_agent(name)``); the
registry checks at build time that every play names one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Lens:
    """How to turn a tool's rows into a sentence with figures.

    ``say`` is a template for one row, e.g. ``"{job_name} failed {failures:int} times ({error_message:err})"``
    (formats: ``money``, ``pct`` (a 0-1 ratio), ``pct100`` (already a percentage), ``spct`` (signed),
    ``int``, ``num``, ``times`` ("once", "3 times"), ``dur`` (seconds), ``bytes``, ``clip``, ``err`` (an error's class and cause), ``date``,
    ``time``, ``hm`` (clock time)). Rows with a ``severity`` column also get ``severity_rank`` (1-4). ``headline`` is said once, before the
    rows, with the first row's values plus ``{n}`` (rows) and ``{total_<col>}`` sums. ``rows`` caps how
    many rows are quoted. ``severity`` maps a condition on the first row to a level, checked in order
    (``("high", "failures >= 3")``); ``where`` keeps only rows satisfying a condition.
    """

    say: str = ""
    headline: str = ""
    rows: int = 3
    severity: tuple[tuple[str, str], ...] = ()
    where: str = ""
    empty: str = ""
    recommend: str = ""
    #: The rows support ``recommend`` only when this condition holds for the first row kept ("outages > 0").
    recommend_when: str = ""
    #: ``"column"`` or ``"column desc"``: order of the rows before quoting them.
    sort: str = ""
    #: Collapse rows sharing this column's value: the ``sum`` columns are added up and true booleans
    #: counted; other columns keep the first row's value; ``count`` is the number of rows collapsed.
    group: str = ""
    sum: tuple[str, ...] = ()
    #: Extra figures computed per row, e.g. ``(("run_rate", "list_cost / days * 30"),)`` (+ - * / only).
    derive: tuple[tuple[str, str], ...] = ()


#: ``Compare.total`` that counts the rows (events) instead of summing a column.
ROWS = "*rows"


@dataclass(frozen=True)
class Compare:
    """The one figure of a play that is compared between two periods ("vs the week before").

    ``total`` is summed over the rows (after ``where``), or is :data:`ROWS` to count them (one row an event);
    with ``per`` the figure is ``100 * sum(total) / sum(per)`` (a rate in %). ``unit``: ``money``, ``int``,
    ``pct100`` or ``minutes``.
    """

    label: str
    total: str
    per: str = ""
    unit: str = "money"
    where: str = ""
    #: A count of distinct things (people active in the period): compared as counted, never as "a day on average".
    distinct: bool = False


@dataclass(frozen=True)
class Before:
    """When the question's window holds no row of a play, the most recent one before it: the same tool runs
    again over its longest window (at most ``days`` back) and the answer says "None in <window>; the most
    recent before it: <that row, as the lens says it>". For events a user may place loosely ("the outage
    earlier this week"), not for listings where "none" is the answer (stale tables now, budget status)."""

    days: int = 90
    #: Slots that must be present for it to apply (``("job",)``: failures of a named job; ``"group|ip"``: either).
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Play:
    """One move of the offline planner: run ``tool`` when the question matches.

    ``when`` holds regular expressions matched (case-insensitive) against the question and the
    parser's intent names; a play with ``default=True`` runs when nothing else of its agent
    matched. ``args`` maps a tool parameter to ``"$slot"`` (filled from the parsed question: see
    ``graph.planner.SLOTS``), ``"$slot|fallback"``, or a literal value. Parameters named like a
    slot (``workspace``, ``job``, ``days``...) are filled automatically unless ``args`` says otherwise.
    """

    tool: str
    when: tuple[str, ...] = ()
    args: dict[str, Any] = field(default_factory=dict)
    default: bool = False
    #: Slots that must be present for the play to apply (``("job",)``; ``"group|ip"``: either one).
    needs: tuple[str, ...] = ()
    #: Slots whose presence turns the play off (``("compare_start",)``: another play answers that case).
    unless: tuple[str, ...] = ()
    lens: Lens = field(default_factory=Lens)
    title: str = ""
    #: Higher runs first when several plays match (the planner keeps at most a few per agent).
    weight: int = 1
    #: When the question compares periods, the tool also runs on the comparison window and this figure
    #: is stated for both periods with the change (None: the play is not compared).
    compare: Compare | None = None
    #: When the window holds no row: look further back for the most recent one (None: "none" is the answer).
    before: Before | None = None

    def matches(self, text: str, slots: dict[str, Any] | None = None) -> int:
        """How many distinct words of ``when``'s patterns occur in ``text`` (0 = no match, or a needed slot
        is missing)."""
        if any(not any((slots or {}).get(alt) for alt in need.split("|")) for need in self.needs):
            return 0
        if any((slots or {}).get(name) for name in self.unless):
            return 0
        return sum(len({m.group(0).lower() for m in re.finditer(pattern, text, re.IGNORECASE)}) for pattern in self.when)


@dataclass(frozen=True)
class AgentSpec:
    """One specialist."""

    name: str
    title: str
    description: str
    system_prompt: str
    examples: tuple[str, ...]
    playbook: tuple[Play, ...]
    #: Shown when the agent has nothing to report.
    all_clear: str = "Nothing stands out."

    @property
    def play_tools(self) -> list[str]:
        return list(dict.fromkeys(p.tool for p in self.playbook))

    def prompt(self, **values: Any) -> str:
        """The system prompt with its placeholders filled (``as_of``, ``user``, ``tools``...)."""
        return self.system_prompt.format_map(_Blank(values))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


#: The clusters that exist (get_clusters), for the specialists that list them: performance (runtimes, node types, GPUs)
#: and governance (who owns them; who MAY create them is not in the system tables).
CLUSTERS = Lens(rows=5, headline="{n:plural:cluster}, GPU clusters first.",
                say="{cluster_name} ({workspace_name}, {compute_kind}) owned by {owned_by}: {workers} x {worker_node_type}"
                    "{has_gpu:if: with GPUs}[, runtime {dbr_version}][, {auto_termination}]",
                empty="No cluster of that kind exists (deleted clusters are left out).")


#: A job's owners (get_job_owners), for every specialist a "who owns nightly_etl?" or "who do I ping about that job"
#: may reach: performance, reliability and governance.
JOB_OWNERS = Play("get_job_owners", when=(r"owners?\b|\bowns?\b|owned|ownership|accountable|responsible for|who (?:created|"
                                          r"wrote|set up|maintains|built|runs)|runs? as\b|(?:point of )?contact for|who "
                                          r"(?:do|should) (?:i|we) (?:ping|ask|talk to|escalate to)",),
                  needs=("job",), weight=6, title="Job owners",
                  lens=Lens(rows=4, say="{job_name} ({workspace_name})[: created by {creator}][, runs as {run_as}]"
                                        "[, team {team}]",
                            recommend="Ask {creator} (the job's creator) about {job_name}.", recommend_when="creator != ''"))
