"""The one table of entity kinds: what a question or an answer can name, and what each kind means.

Every place that needs to know about kinds reads this table: the entity index (which kinds it
recognises, the words users type for them), the router (which specialist a kind leans towards), the
planner (which slots hold names), the findings (which result columns name which kind), the answer
templates (which kinds make a cross-domain link, which one to offer to dig into) and the follow-up
resolver (which kinds "it"/"that" may point at). Adding a kind is one row here.

Imports nothing else of ours (the understanding type and the parser build on it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    """One kind of thing a question can name."""

    name: str
    #: Words users write for the kind ("job", "jobs", "pipeline run"...), lower case.
    words: tuple[str, ...] = ()
    #: The specialist that owns such a thing when the question names it but no topic.
    owner: str | None = None
    #: Router bonus per domain when a question names such a thing.
    hints: dict[str, float] = field(default_factory=dict)
    #: Result columns whose values are names of this kind.
    columns: tuple[str, ...] = ()
    #: Two domains' findings about the same name of this kind are worth linking.
    links: bool = False
    #: "it"/"that" may point at it (an SKU or an IP is referred to by name, not by pronoun).
    pronoun: bool = False
    #: Lower offers first when the answer proposes to dig into something.
    offer_rank: int = 99


KINDS: tuple[Kind, ...] = (
    Kind("job", ("job", "jobs", "workflow", "workflows"), "performance", {"performance": 0.12},
         ("job_name",), links=True, pronoun=True, offer_rank=0),
    Kind("table", ("table", "tables", "dataset", "datasets"), "quality", {"quality": 0.08, "governance": 0.08},
         ("table_full_name", "securable_full_name", "source_table_full_name", "target_table_full_name",
          "dataset_name"), links=True, pronoun=True, offer_rank=1),
    Kind("user", ("user", "users", "principal", "principals", "person", "account", "identity", "identities"), "security",
         {"security": 0.15}, ("principal", "executed_by", "run_as", "user_name", "owned_by", "grantee"),
         links=True, pronoun=True, offer_rank=2),
    Kind("cluster", ("cluster", "clusters"), "performance", {"performance": 0.08, "optimization": 0.05},
         ("cluster_name",), links=True, pronoun=True, offer_rank=3),
    Kind("warehouse", ("warehouse", "warehouses"), "reliability", {"performance": 0.05, "reliability": 0.05},
         ("warehouse_name",), links=True, pronoun=True, offer_rank=4),
    Kind("endpoint", ("endpoint", "endpoints"), "mlops", {"mlops": 0.35}, ("endpoint_name",), links=True,
         pronoun=True, offer_rank=5),
    Kind("pipeline", ("pipeline", "pipelines"), "quality", {"quality": 0.1}, ("pipeline_name",), links=True,
         pronoun=True, offer_rank=6),
    Kind("model", ("model", "models"), "mlops", {"mlops": 0.35}, ("model_name",), links=True, pronoun=True,
         offer_rank=7),
    Kind("workspace", ("workspace", "workspaces"), "cost", {"cost": 0.03}, ("workspace_name",), links=True,
         pronoun=True, offer_rank=8),
    Kind("ip", ("ip", "ips", "address"), "security", {"security": 0.45}, ("source_ip_address",)),
    Kind("grant", ("grant", "grants", "privilege", "permission"), "governance", {"governance": 0.3},
         (), pronoun=True),
    Kind("group", ("group", "groups"), "security", {"security": 0.1, "governance": 0.1}),
    Kind("expectation", ("expectation", "expectations", "check"), "quality", {"quality": 0.4},
         ("expectation_name",)),
    Kind("sku", ("sku", "skus"), "cost", {"cost": 0.35}, ("sku_name",)),
    # a cost-attribution team (the `team` tag's values), named only with its word ("the analytics team/unit"):
    # no kind words, so "my team" or "the data team" point at nothing
    Kind("team", (), "cost", {"cost": 0.15}, ("team",)),
    # no routing hint: a regulation is often only the purpose ("for our SOC 2 audit: failed logins?"); the
    # vocabulary's compliance cues lean governance when compliance is the question
    Kind("regulation", (), "governance", {}),
    Kind("catalog", ("catalog",), "governance", {"governance": 0.1}),
    Kind("schema", ("schema",), "governance", {"governance": 0.1}),
)

BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
KIND_NAMES: tuple[str, ...] = tuple(BY_NAME)
#: Result column -> kind (findings collect a row's entities with it).
COLUMN_KINDS: dict[str, str] = {c: k.name for k in KINDS for c in k.columns}
#: Word a user types -> kind ("jobs" -> job).
WORD_KINDS: dict[str, str] = {w: k.name for k in KINDS for w in k.words}
#: Every kind word as one regex alternation, longest first ("workspaces" before "workspace").
KIND_WORD_ALTERNATION: str = "|".join(sorted(WORD_KINDS, key=len, reverse=True))
#: Kinds worth a cross-domain link, in the order links are reported.
LINK_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS if k.links)
#: Kinds a bare "it"/"that" may point back at.
PRONOUN_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS if k.pronoun)
#: Kinds offered for digging further, best first.
OFFER_KINDS: tuple[str, ...] = tuple(k.name for k in sorted(KINDS, key=lambda k: k.offer_rank) if k.offer_rank < 99)


def owner(kind: str) -> str | None:
    """The specialist that owns ``kind`` (None for an unknown kind)."""
    spec = BY_NAME.get(kind)
    return spec.owner if spec else None


#: ("which all-purpose clusters are idle": up to two words describing the kind before it)
_ASKED_KIND = re.compile(rf"\b(?:which|what)\s+(?:one\s+of\s+(?:the|our)\s+|of\s+(?:the|our)\s+)?(?:sql\s+)?"
                         rf"(?:(?!(?:did|does|do|is|are|was|were|has|have|had|the|a|an|time|day|kind|type|of|one|ones)\b)"
                         rf"[\w-]+\s+){{0,2}}?(?P<word>{KIND_WORD_ALTERNATION})\b", re.IGNORECASE)


def asked_kind(text: str) -> str:
    """The one kind of thing ``text`` asks to be named ("which warehouse eats the most $?": warehouse), or ""."""
    kinds = {WORD_KINDS.get(m["word"].lower(), "") for m in _ASKED_KIND.finditer(text or "")} - {""}
    return kinds.pop() if len(kinds) == 1 else ""
