"""The specialist registry: exactly eight agents, checked against the tool catalog at build time."""

from __future__ import annotations

import re
import string

import pytest
from health_monitor.agents.registry import (
    AGENT_NAMES,
    AgentRegistry,
    AgentRegistryError,
    build_agent_registry,
    discover_agents,
)
from health_monitor.agents.spec import AgentSpec, Lens, Play
from health_monitor.graph.findings import ENTITY_COLUMNS
from health_monitor.tools.registry import get_registry

EXPECTED = ["cost", "security", "performance", "reliability", "quality", "mlops", "governance", "optimization"]


@pytest.fixture(scope="module")
def registry():
    return build_agent_registry(get_registry())


def test_the_eight_specialists_in_order(registry):
    assert registry.names == EXPECTED == list(AGENT_NAMES)


@pytest.mark.parametrize("name", EXPECTED)
def test_each_agent_is_complete(registry, name):
    spec = registry.get(name)
    assert spec.name == name and spec.title and len(spec.description) >= 30
    assert "{as_of}" in spec.system_prompt and "{tools}" in spec.system_prompt
    assert spec.examples and any(p.default for p in spec.playbook)
    assert registry.tools_of(name), "an agent needs the catalog's per-agent tools"
    filled = spec.prompt(as_of="2026-01-15 09:00 UTC", user="u@x", tools="t", max_steps=3)
    assert "2026-01-15 09:00 UTC" in filled and "{" not in filled


def test_duplicate_names_are_rejected_with_a_fix():
    specs = discover_agents()
    with pytest.raises(AgentRegistryError, match=r"'cost' is defined twice.*rename"):
        AgentRegistry([*specs, specs[0]])


def test_missing_names_are_rejected_with_a_fix():
    specs = [s for s in discover_agents() if s.name != "mlops"]
    with pytest.raises(AgentRegistryError, match=r"missing agent\(s\) mlops: add agents/<name>.py"):
        AgentRegistry(specs)


def test_unknown_playbook_tool_is_rejected():
    bad = AgentSpec(name="cost", title="Cost", description="x" * 40, system_prompt="{as_of}", examples=("q",),
                    playbook=(Play("get_nothing_at_all", default=True),))
    specs = [bad if s.name == "cost" else s for s in discover_agents()]
    with pytest.raises(AgentRegistryError, match="get_nothing_at_all.*not in the tool catalog"):
        AgentRegistry(specs, tools=get_registry())


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("name", EXPECTED)
def test_lenses_and_args_match_the_tool_contracts(registry, name):
    """Every column a lens quotes and every parameter a play fills exists in its tool's contract."""
    catalog = get_registry()
    for play in registry.get(name).playbook:
        tool = catalog.get(play.tool)
        cols = set(tool.column_names) | {tool.net_column(c) for c in tool.cost_columns}
        lens: Lens = play.lens
        known = cols | {"n", "count", "severity_rank"} | {n for n, _ in lens.derive} | {f"total_{c}" for c in cols} | {f"all_{c}" for c in cols if c.endswith("_name") or c in ENTITY_COLUMNS} | {f"{e}_{c}" for c in cols for e in ("first", "last")} | {
            f"total_{n}" for n, _ in lens.derive}
        for template in (lens.say, lens.headline, lens.recommend):
            assert _fields(template) <= known, f"{play.tool}: {_fields(template) - known}"
        for expr in [lens.where, lens.sort, lens.group] + [c for _, c in lens.severity]:
            words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", expr)) - {"and", "desc", "true", "false", "high",
                                                                      "medium", "low", "healthy", "degraded",
                                                                      "pass", "fail", "warn", "ok",
                                                                      "serving_endpoint"}
            assert words <= known, f"{play.tool}: {words - known}"
        assert set(play.args) <= set(tool.params.model_fields), f"{play.tool}: {set(play.args)}"
        for pattern in play.when:
            re.compile(pattern)


# --- the registry is the only list of specialists: everything else derives from it and fails loudly ---

def test_router_vocabulary_and_training_follow_the_registry():
    from health_monitor.graph.nlp.classifier import MODEL_PATH, RouterArrays, training_files
    from health_monitor.graph.nlp.vocabulary import DOMAIN_CUES, DOMAINS

    assert DOMAINS == AGENT_NAMES
    assert set(DOMAIN_CUES) == set(AGENT_NAMES)
    assert {p.stem for p in training_files()} == set(AGENT_NAMES) | {"off_topic", "multi"}
    assert RouterArrays.load(MODEL_PATH).domains == AGENT_NAMES


def test_a_specialist_without_cues_fails_loudly():
    from health_monitor.graph.nlp.vocabulary import VocabularyError, check_vocabulary

    with pytest.raises(VocabularyError, match="no cues for specialist\\(s\\) finops"):
        check_vocabulary((*AGENT_NAMES, "finops"))


def test_tools_naming_an_unregistered_agent_fail_loudly():
    class Tool:
        def __init__(self, name, agents):
            self.name, self.agents = name, agents

    class Tools:
        tools = [Tool(f"t_{a}", (a,)) for a in AGENT_NAMES] + [Tool("t_x", ("finops",))]

        def __iter__(self):
            return iter(self.tools)

        def __contains__(self, name):
            return any(t.name == name for t in self.tools)

        def for_agent(self, agent):
            return [t for t in self.tools if agent in t.agents]

    with pytest.raises(AgentRegistryError, match="tools name the agent 'finops'"):
        AgentRegistry(discover_agents(), tools=Tools())


def test_entity_kinds_have_one_table():
    from health_monitor.graph.findings import ENTITY_COLUMNS
    from health_monitor.graph.kinds import COLUMN_KINDS, KIND_NAMES, LINK_KINDS, owner
    from health_monitor.graph.nlp.entities import KINDS
    from health_monitor.graph.planner import NAME_SLOTS
    from health_monitor.graph.templates import LINK_KINDS as TEMPLATE_LINKS

    assert KINDS == KIND_NAMES and TEMPLATE_LINKS is LINK_KINDS
    assert set(NAME_SLOTS) <= set(KIND_NAMES)
    assert {c: k for c, k in ENTITY_COLUMNS.items() if c in COLUMN_KINDS} == COLUMN_KINDS
    assert all(owner(k) in AGENT_NAMES for k in KIND_NAMES if owner(k))
