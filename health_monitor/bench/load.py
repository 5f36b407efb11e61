"""Concurrent conversations through one compiled graph and one state store.

``run_load`` starts ``conversations`` threads; each asks ``turns`` questions in one conversation (the
first creates it, the rest are follow-ups in it) as its own user. Afterwards the store is read back:
every question and every answer must be stored exactly once, in order. Used by ``tests/load`` (real
PostgreSQL) and by ``health-monitor bench --load-pg URL``.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from health_monitor.bench.stats import Section, p50_p95
from health_monitor.graph.events import Error, Final

#: Ten turns of one conversation: a question, then follow-ups leaning on its memory.
TURNS = (
    "Why did costs jump yesterday?",
    "and last week?",
    "Which jobs failed in the last 24 hours?",
    "what about ml_training?",
    "Any failed logins yesterday?",
    "who accessed PII last week?",
    "Which tables are stale?",
    "How is production uptime this month?",
    "Where can we save money?",
    "Summarise the platform health today",
)


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    #: Latencies of turns 2..n (the first turns pay the process's cold start all at once).
    warm_latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: conversation id -> (user, [(question, answer), ...]) as the clients saw them.
    sent: dict[str, tuple[str, list[tuple[str, str]]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def turns(self) -> int:
        return len(self.latencies_ms)


def run_load(*, engine: Any, warehouse: Any, settings: Any, conversations: int = 20, turns: int = 10,
             graph: Any = None, user_prefix: str = "load") -> LoadResult:
    from health_monitor.graph.context import resolve_context
    from health_monitor.graph.service import default_graph, stream

    graph = graph or default_graph()
    result = LoadResult()
    lock = threading.Lock()
    questions = [TURNS[i % len(TURNS)] for i in range(turns)]

    def converse(n: int) -> None:
        user = f"{user_prefix}-{n}@company.com"
        conversation_id = None
        pairs: list[tuple[str, str]] = []
        for i, question in enumerate(questions):
            ctx = resolve_context(user_id=user, settings=settings, warehouse=warehouse, engine=engine, llm=None,
                                  open_missing=False)
            t0 = time.perf_counter()
            final = None
            errors = []
            for event in stream(question, context=ctx, graph=graph, conversation_id=conversation_id,
                                client_msg_id=f"{user}-{i}"):
                if isinstance(event, Error):
                    errors.append(f"{user} turn {i + 1} ({event.where}): {event.message}")
                elif isinstance(event, Final):
                    final = event.answer
            ms = (time.perf_counter() - t0) * 1000
            if final is None or not final.answer:
                errors.append(f"{user} turn {i + 1}: no answer")
            elif not final.saved:
                errors.append(f"{user} turn {i + 1}: not saved ({final.save_error})")
            if final is not None:
                conversation_id = conversation_id or final.conversation_id
                if final.conversation_id != conversation_id:
                    errors.append(f"{user} turn {i + 1}: moved to conversation {final.conversation_id}")
                pairs.append((question, final.answer))
            with lock:
                result.latencies_ms.append(ms)
                if i:
                    result.warm_latencies_ms.append(ms)
                result.errors += errors
        with lock:
            result.sent[conversation_id or f"<none {n}>"] = (user, pairs)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=conversations, thread_name_prefix="load") as pool:
        for future in [pool.submit(converse, n) for n in range(conversations)]:
            try:
                future.result()
            except Exception as e:  # noqa: BLE001 - a crashed client is an error to report
                result.errors.append(f"client crashed: {type(e).__name__}: {e}")
    result.wall_s = time.perf_counter() - t0
    result.problems = verify_stored(engine, result)
    return result


def verify_stored(engine: Any, result: LoadResult) -> list[str]:
    """Every sent question and received answer stored exactly once, in order, in its conversation."""
    from health_monitor.db import repositories as repo
    from health_monitor.db import session_scope

    problems = []
    for conversation_id, (user, pairs) in result.sent.items():
        try:
            with session_scope(engine) as s:
                messages = repo.get_messages(session=s, user_id=user, conversation_id=conversation_id)
        except Exception as e:  # noqa: BLE001
            problems.append(f"{conversation_id}: cannot read back ({e})")
            continue
        stored = [(m.role, m.content) for m in messages]
        expected = [x for q, a in pairs for x in (("user", q), ("assistant", a))]
        if stored != expected:
            problems.append(f"{user}: stored {len(stored)} messages, expected {len(expected)}"
                            + ("" if len(stored) != len(expected) else " (contents or order differ)"))
        ids = [m.client_msg_id for m in messages if m.client_msg_id]
        if len(ids) != len(set(ids)):
            problems.append(f"{user}: duplicated client message ids")
    return problems


def load_section(url: str, *, warehouse: Any, settings: Any, conversations: int = 20, turns: int = 10) -> Section:
    """The load run against the PostgreSQL at ``url`` in a throwaway schema (dropped afterwards)."""
    import uuid

    from sqlalchemy import create_engine, text

    from health_monitor.db import make_engine, migrate

    section = Section("load", f"Load: {conversations} conversations x {turns} turns, one graph, PostgreSQL")
    schema = f"hm_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as e:  # noqa: BLE001
        admin.dispose()
        return section.skip(f"PostgreSQL at {url} is not reachable ({str(e).splitlines()[0]})")
    engine = make_engine(settings.model_copy(update={"database_url": url, "state_schema": schema}),
                         pool_size=conversations, max_overflow=5)
    try:
        migrate(engine)
        res = run_load(engine=engine, warehouse=warehouse, settings=settings, conversations=conversations,
                       turns=turns, user_prefix="bench")
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'drop schema if exists "{schema}" cascade'))
        admin.dispose()
    p50, p95 = p50_p95(res.latencies_ms)
    section.add("turns answered", res.turns, unit="")
    section.add("turn latency p50 under load", p50)
    section.add("turn latency p95 under load", p95, detail=f"wall {res.wall_s:.1f} s, "
                f"{res.turns / res.wall_s if res.wall_s else 0:.1f} turns/s")
    w50, w95 = p50_p95(res.warm_latencies_ms)
    section.add("turn latency p95 under load, after the first turn", w95, detail=f"p50 {w50} ms")
    section.add("errors", len(res.errors), unit="", goal=0, op="<=", detail="; ".join(res.errors[:3]))
    section.add("messages lost or duplicated", len(res.problems), unit="", goal=0, op="<=",
                detail="; ".join(res.problems[:3]))
    return section
