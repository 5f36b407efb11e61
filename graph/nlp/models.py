"""The parsed question and the per-turn context the graph stores (both JSON-serialisable).

Parameter values are JSON-safe: dates are ISO strings (``"2026-01-14"``), numbers are numbers, so a
:class:`TurnContext` round-trips through ``model_dump(mode="json")`` / ``model_validate`` unchanged.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

#: Parameter keys that describe the time window; a follow-up naming a new window replaces all of them.
TIME_KEYS: tuple[str, ...] = ("start_date", "end_date", "hours", "days", "horizon_days")


class UnknownMention(BaseModel):
    """A name the user gave for a kind ("workspace foo") that is not in the entity index."""

    kind: str
    text: str


class ParsedQuestion(BaseModel):
    """Everything the offline path understood about one question."""

    text: str = ""
    #: ISO code of the question's language; ``english`` is the text the parser read (glossary-translated).
    language: str = "en"
    english: str = ""
    domains: list[str] = Field(default_factory=list)
    #: start_date, end_date (ISO dates, inclusive), hours, days, horizon_days, top_n, severity,
    #: threshold_seconds, threshold_pct, regulation.
    params: dict[str, Any] = Field(default_factory=dict)
    #: kind -> canonical names (workspace, job, user, ip, table, pipeline, model, endpoint, warehouse,
    #: cluster, expectation, sku, regulation, group).
    entities: dict[str, list[str]] = Field(default_factory=dict)
    is_followup: bool = False
    off_topic: bool = False
    #: Names given for a kind but unknown to the index, so the answer can say so honestly.
    unknown_mentions: list[UnknownMention] = Field(default_factory=list)
    #: param -> the words that set it ("start_date": "yesterday"), for explanations.
    matched: dict[str, str] = Field(default_factory=dict)
    #: The router's per-domain scores and its reason.
    scores: dict[str, float] = Field(default_factory=dict)
    reason: str = ""
    #: Follow-up references found ("that job" -> "job", "it" -> "any").
    references: dict[str, str] = Field(default_factory=dict)
    #: What was carried from the previous turn ("domains", "params.start_date", "entities.job").
    carried: list[str] = Field(default_factory=list)
    #: Words that described a name instead of spelling it -> its kind ("the usage fact table": "table"):
    #: they say which thing, so the planner does not read them as a topic ("cost" in a model's description).
    described: dict[str, str] = Field(default_factory=dict)


class TurnContext(BaseModel):
    """What the graph stores per turn (as JSON) and hands back as ``previous`` on the next turn."""

    text: str = ""
    domains: list[str] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)
    #: The question's entities plus, optionally, those the answer's findings named (the graph may add
    #: them so "that job" resolves to the job the answer talked about).
    entities: dict[str, list[str]] = Field(default_factory=dict)
    off_topic: bool = False

    @classmethod
    def from_parsed(cls, parsed: ParsedQuestion, *,
                    answer_entities: dict[str, list[str]] | None = None) -> TurnContext:
        """The context to store after answering ``parsed``; ``answer_entities`` (from findings) are
        appended after the question's own entities."""
        entities = {k: list(v) for k, v in parsed.entities.items()}
        for kind, names in (answer_entities or {}).items():
            bucket = entities.setdefault(kind, [])
            bucket += [n for n in names if n not in bucket]
        return cls(text=parsed.text, domains=list(parsed.domains), params=dict(parsed.params),
                   entities=entities, off_topic=parsed.off_topic)
