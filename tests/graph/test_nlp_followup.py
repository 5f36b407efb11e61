"""Follow-up detection and merging a turn with the stored context of the previous one."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from health_monitor.graph.nlp import (
    EntityIndex,
    ParsedQuestion,
    TurnContext,
    detect_followup,
    merge_context,
    parse_question,
)

AS_OF = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)
INDEX = EntityIndex({"workspace": ["production", "ml-workspace"], "job": ["nightly_etl", "ml_training"],
                     "user": ["admin@company.com", "etl-sp"]})

FOLLOWUPS = [
    ("and last week?", {}),
    ("what about yesterday", {}),
    ("which user was that?", {}),
    ("What was behind the jump?", {}),
    ("Did those runs succeed?", {"those runs": "job"}),
    ("go back to that failing ETL job: who owns it?", {"that failing etl job": "job"}),
    ("What else has that principal done this week?", {"that principal": "user"}),
    ("Which principal created it?", {"it": "any"}),
    ("same for staging", {}),
]


@pytest.mark.parametrize(("text", "references"), FOLLOWUPS)
def test_detects_followups(text, references):
    f = detect_followup(text, has_own_domain=False)
    assert f.is_followup, text
    for ref, kind in references.items():
        assert f.references.get(ref) == kind, f.references


@pytest.mark.parametrize("text", ["How much did ml-workspace cost yesterday?", "Which tables are stale?",
                                  "Which clusters are idle most of the time?", "List SLA misses for hourly_ingest.",
                                  "Top five queries by duration over the last 7 days."])
def test_standalone_questions_are_not_followups(text):
    assert not detect_followup(text, has_own_domain=True).is_followup


def _turn(text, previous=None):
    return parse_question(text, as_of=AS_OF, index=INDEX, previous=previous)


def test_time_only_followup_keeps_domains_entities_and_replaces_window():
    first = _turn("How much did ml-workspace cost yesterday?")
    ctx = TurnContext.from_parsed(first)
    second = _turn("and last week?", ctx)
    assert second.is_followup and not second.off_topic
    assert second.domains == ["cost"] and second.entities == {"workspace": ["ml-workspace"]}
    assert second.params == {"start_date": "2026-01-08", "end_date": "2026-01-15", "days": 7}
    assert "domains" in second.carried and "entities.workspace" in second.carried


def test_followup_with_own_domain_uses_it():
    ctx = TurnContext.from_parsed(_turn("How much did ml-workspace cost yesterday?"))
    runs = _turn("Did those runs succeed?", ctx)
    assert runs.domains == ["performance"]
    assert runs.params["start_date"] == "2026-01-14"  # the window carries over


def test_reference_resolves_from_answer_entities():
    first = _turn("Any high-severity alerts today?")
    ctx = TurnContext.from_parsed(first, answer_entities={"user": ["etl-sp"]})
    second = _turn("What else has that principal done this week?", ctx)
    assert second.domains == ["security"] and second.entities["user"] == ["etl-sp"]
    assert second.params["start_date"] == "2026-01-12"


def test_own_entities_override_previous():
    ctx = TurnContext(text="x", domains=["performance"], params={"hours": 24}, entities={"job": ["nightly_etl"]})
    cur = ParsedQuestion(text="and ml_training?", entities={"job": ["ml_training"]}, is_followup=True, off_topic=True)
    merged = merge_context(ctx, cur)
    assert merged.entities == {"job": ["ml_training"]} and merged.domains == ["performance"]
    assert merged.params == {"hours": 24}


def test_merge_is_pure_and_noop_without_previous_or_followup():
    ctx = TurnContext(domains=["cost"], params={"days": 7})
    cur = ParsedQuestion(text="q", domains=[], is_followup=True, off_topic=True)
    snapshot = cur.model_dump()
    merged = merge_context(ctx, cur)
    assert cur.model_dump() == snapshot and merged.domains == ["cost"] and not merged.off_topic
    assert merge_context(None, cur) is cur
    fresh = ParsedQuestion(text="q", domains=["security"])
    assert merge_context(ctx, fresh) is fresh
    assert merge_context(TurnContext(off_topic=True), cur) is cur


def test_first_turn_is_never_a_followup_and_off_topic_stays_declined():
    assert not _turn("and last week?").is_followup
    assert _turn("and last week?").off_topic
    joke = TurnContext.from_parsed(_turn("Tell me a joke"))
    assert _turn("another one", joke).off_topic


def test_turn_context_round_trips_as_json():
    ctx = TurnContext.from_parsed(_turn("top 5 jobs by DBUs in production since Monday"))
    again = TurnContext.model_validate_json(ctx.model_dump_json())
    assert again == ctx and again.params["top_n"] == 5 and again.params["start_date"] == "2026-01-12"
