"""Every state schema of the graph, in one place.

The parent graph (:class:`HealthState`) runs ``supervisor -> specialists (in parallel) -> synthesize``.
A specialist is a compiled subgraph with its own state (:class:`SpecialistState`): it gets a narrow
input (:class:`SpecialistInput`, sent with ``Send``), keeps its LLM/tool transcript in its *own*
``messages`` channel, and hands back only a typed :class:`AgentReport` plus the tool calls it made
(:class:`SpecialistOutput`), which the parent merges with the reducers below.

Values are pydantic models (findings, reports, tool calls) so they serialise to JSON for the store,
the CLI and MLflow without a custom encoder.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal

from health_monitor.graph.understanding import Understanding
from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from pydantic import BaseModel, Field
from typing_extensions import TypedDict

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
#: The title ending of a finding that states one figure for two periods ("Spend, period over period").
PERIOD_OVER_PERIOD = ", period over period"


class ToolCallRecord(BaseModel):
    """One executed tool call, as the CLI/JSON output and the store report it."""

    agent: str
    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    ok: bool = True
    rows: int = 0
    ms: float = 0.0
    error: str | None = None
    message: str | None = None


class Finding(BaseModel):
    """One thing a specialist found: figures, a severity and what to do about it."""

    agent: str
    title: str
    summary: str
    severity: Severity = "info"
    recommendation: str | None = None
    #: Named figures quoted in ``summary`` (the synthesis and the figure check read them).
    figures: dict[str, float | int | str] = Field(default_factory=dict)
    #: What the finding is about, by kind (``{"job": ["ml_training"], "workspace": ["ml-workspace"]}``):
    #: cross-domain links join on these names and follow-up questions resolve "that job" with them.
    entities: dict[str, list[str]] = Field(default_factory=dict)
    tools: list[str] = Field(default_factory=list)
    #: The summary in parts, for answers that list one item per line: the lens's headline (may be
    #: empty), one sentence per quoted row, and how many rows were not quoted.
    headline: str = ""
    items: list[str] = Field(default_factory=list)
    more: int = 0
    #: The rows are not about the name the question asked for (listed as "the others"): never the lead.
    off_subject: bool = False
    #: Read by the play the question's own words chose first: in the question's main area, it answers what was asked
    #: and leads the answer whatever its severity.
    asked: bool = False
    #: The lens judges its rows (severity rules); a listing (lineage, an inventory) crosses no threshold either way.
    judged: bool = True
    #: The first rows the finding was read from (scalar values). Only this turn's synthesis reads them
    #: (graph.relations joins findings on their ids); never stored, sent to an LLM or printed.
    rows: list[dict[str, Any]] = Field(default_factory=list, exclude=True, repr=False)


class AgentReport(BaseModel):
    """What one specialist hands back: its findings, never its transcript."""

    agent: str
    findings: list[Finding] = Field(default_factory=list)
    ok: bool = True
    error: str | None = None
    #: Honest notes for the reader ("the LLM timed out; answered offline").
    notes: list[str] = Field(default_factory=list)
    #: Every number seen in this agent's tool rows (the figure check's ground truth).
    numbers: list[float] = Field(default_factory=list)
    #: The LLM's own closing summary, when an LLM drove the agent (checked like any LLM text).
    narrative: str | None = None
    #: The period of this specialist's own ask, when it differs from the question's first ("... and did any job
    #: fail yesterday?"): its findings are labelled with it.
    period: str = ""


#: A declined plan whose reason starts with this carries the honest answer itself (unknown name, future
#: date, another product, a question back): the answer is that sentence, not the generic refusal.
HONEST_PREFIX = "honest: "


class RoutingPlan(BaseModel):
    """The supervisor's decision."""

    agents: list[str] = Field(default_factory=list)
    reason: str = ""
    declined: bool = False
    #: "offline", "llm", "forced" (the caller chose the agent), "followup" (reused the last turn's),
    #: "briefing" (every specialist's top signals) or "honest: <refusal>".
    method: str = "offline"
    #: The labelled window the question asked about ("yesterday, 2026-01-14 (UTC day)"); answers quote it.
    period: str = ""
    #: The question's intent (see graph.understanding.INTENTS).
    intent: str = "lookup"
    #: What a cause question, or one pointing at "that table", is about (kind -> names): findings about it lead.
    subject: dict[str, list[str]] = Field(default_factory=dict)
    #: The kind of thing the question asks to be named ("which warehouse eats the most?": warehouse): the findings
    #: that name one first lead the answer.
    asked_kind: str = ""
    #: The area the question is most about (the router's best): among equally severe findings, its lead.
    primary: str = ""
    #: A sentence the answer opens with when the follow-up itself answers part of the question
    #: ("That was admin@company.com." for "who did that?").
    opening: str = ""
    #: How many items the question asked for ("top 3 platform risks"); 0: not said.
    top_n: int = 0
    #: The question asks for every row ("list every registered model"): sections show up to LIST_ALL_ITEMS lines.
    list_all: bool = False


def merge_reports(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Merge two keyed dicts: parallel specialists each write their own key (their agent name); a
    later write for the same key replaces the earlier one."""
    return {**(left or {}), **(right or {})}


class HealthInput(TypedDict, total=False):
    """What a caller passes in: the question, plus the conversation's remembered context."""

    messages: Annotated[list[AnyMessage], add_messages]
    question: str
    #: Conversation memory rebuilt from the store for this turn (previous agents, params, entities).
    previous: dict[str, Any]
    #: Force one specialist (the app's agent picker, ``ask --agent``); None lets the supervisor choose.
    forced_agent: str | None


class HealthOutput(TypedDict, total=False):
    """What a caller gets back."""

    answer: str
    plan: RoutingPlan
    findings: dict[str, AgentReport]
    tool_calls: list[ToolCallRecord]
    turn: dict[str, Any]
    notes: list[str]
    revised: bool
    #: Actions that would fix what was found (``actions.spec.Proposal`` JSON), offered for approval.
    actions: list[dict[str, Any]]


class HealthState(TypedDict, total=False):
    """The parent graph's channels and how each one merges."""

    #: Conversation messages: ``add_messages`` appends (and replaces by id). Holds the user turn and the answer.
    messages: Annotated[list[AnyMessage], add_messages]
    #: The user's words for this turn. Last write wins (only the input sets it).
    question: str
    #: Memory from earlier turns (see :mod:`graph.memory`). Last write wins (only the input sets it).
    previous: dict[str, Any]
    #: Forced specialist, if any. Last write wins.
    forced_agent: str | None
    #: This turn's parsed context (intents, params, entities) merged with ``previous``; the supervisor
    #: writes it once and the service stores it for the next turn. Last write wins.
    turn: dict[str, Any]
    #: The typed understanding of this turn (graph.understanding); the supervisor writes it once.
    understanding: Understanding | None
    #: The routing plan. Last write wins (only the supervisor writes it).
    plan: RoutingPlan
    #: Per-agent reports: :func:`merge_reports` merges the dicts the parallel specialists return.
    findings: Annotated[dict[str, AgentReport], merge_reports]
    #: Every tool call of the turn, across agents: concatenated (``operator.add``) as branches finish.
    tool_calls: Annotated[list[ToolCallRecord], operator.add]
    #: Reader-facing notes (fallbacks, saving problems): concatenated.
    notes: Annotated[list[str], operator.add]
    #: The finding the answer leads with, as [agent, title] (its names are the next turn's "that job"). Last write
    #: wins (only the synthesis writes it).
    lead: list[str] | None
    #: The final text. Last write wins (only the synthesis writes it).
    answer: str
    #: True when the LLM's streamed draft was replaced by the template answer. Last write wins.
    revised: bool
    #: Proposed actions (written once, after synthesis). Last write wins.
    actions: list[dict[str, Any]]


class SpecialistInput(TypedDict, total=False):
    """What the supervisor ``Send``s to one specialist."""

    agent: str
    question: str
    turn: dict[str, Any]


class SpecialistOutput(TypedDict, total=False):
    """What a specialist returns to the parent (same reducers as :class:`HealthState`)."""

    findings: Annotated[dict[str, AgentReport], merge_reports]
    tool_calls: Annotated[list[ToolCallRecord], operator.add]


class SpecialistState(SpecialistInput, SpecialistOutput, total=False):
    """A specialist's private channels."""

    #: The specialist's own transcript (LLM turns, tool calls, tool results): ``add_messages``.
    #: It never leaves the subgraph.
    messages: Annotated[list[AnyMessage], add_messages]
    #: Decision steps taken (bounded by ``llm_max_steps``). Last write wins.
    steps: int
    #: Rows of each executed call keyed by tool_call id: merged dicts (the summariser reads them).
    results: Annotated[dict[str, dict[str, Any]], merge_reports]
    #: Notes raised inside the specialist (fallbacks): concatenated, copied into its report.
    notes: Annotated[list[str], operator.add]
    #: "llm" or "offline": which policy is deciding. Last write wins.
    mode: str
    #: Set when a node failed unexpectedly; the report carries it. Last write wins.
    failure: str
