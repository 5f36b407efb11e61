"""``health-monitor ask``: ask the agents one question, or a batch of them.

    health-monitor ask "Why are costs high and jobs failing?"
    health-monitor ask "and last week?" --conversation 3f2c...      # continue a conversation
    health-monitor ask "..." --format json                           # one JSON object
    health-monitor ask --batch questions.jsonl --format json        # one JSON line per question

Batch lines are ``{"id", "question", "conversation"}``; ``conversation: null`` starts a fresh one and
lines sharing a ``conversation`` value share context (each batch run maps those values to new stored
conversations, so a rerun does not continue the previous run's). Output keeps the input order and
carries each input's ``id``. Text output streams: routing and tool calls on stderr, the answer on stdout.

A cold run prints its first line (which account, how fresh its data is) as soon as the warehouse has
answered, before the graph, the state store and LangGraph are imported: those cost about a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from health_monitor.core.errors import ConfigError
from health_monitor.graph.events import Error, Final, Routing, Token, ToolEnd, ToolStart


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="ask the agents a question (or --batch FILE.jsonl)")
    p.add_argument("question", nargs="?", help="the question (omit with --batch)")
    p.add_argument("--batch", metavar="FILE.jsonl", help='questions, one {"id", "question", "conversation"} a line')
    p.add_argument("--conversation", metavar="ID", help="continue this conversation (its id is printed)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--agent", help="ask one specialist directly (cost, security, ...)")
    p.add_argument("--user", help="who is asking (default: HM_LOCAL_USER)")
    p.add_argument("--no-save", action="store_true", help="do not store the conversation")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if bool(args.batch) == bool(args.question is not None):
        raise ConfigError('Give either a QUESTION or --batch FILE.jsonl, e.g. health-monitor ask "Why are costs up?"')
    if args.batch and args.no_save:
        # Nothing reaches the user's store, but the batch's follow-ups still need their conversation:
        # a throwaway store carries them and is deleted with the batch.
        import tempfile

        from health_monitor.core.settings import get_settings

        with tempfile.TemporaryDirectory(prefix="hm_batch_") as tmp:
            scratch = get_settings().model_copy(update={"database_url": f"sqlite:///{tmp}/state.sqlite"})
            return _run(args, scratch, persist=True)
    return _run(args, None, persist=not args.no_save)


def _run(args: argparse.Namespace, settings: Any, *, persist: bool) -> int:
    from health_monitor.graph.context import resolve_context

    ctx = resolve_context(user_id=args.user, settings=settings)
    try:
        if args.batch:
            return run_batch(args.batch, ctx=ctx, fmt=args.format, agent=args.agent, persist=persist)
        return run_one(args.question, ctx=ctx, fmt=args.format, conversation=args.conversation, agent=args.agent,
                       persist=persist)
    finally:
        if ctx.warehouse is not None:
            ctx.warehouse.close()
        if ctx.engine is not None:
            ctx.engine.dispose()


def run_one(question: str, *, ctx: Any, fmt: str, conversation: str | None, agent: str | None,
            persist: bool = True, out: Any = None, err: Any = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if fmt == "text":
        announce(ctx, err)
    from health_monitor.graph.service import stream  # LangGraph, SQLAlchemy: after the first line

    final, fatal = None, None
    for event in stream(question, context=ctx, conversation_id=conversation, agent=agent, persist=persist):
        if isinstance(event, Error) and not event.recoverable:
            fatal = event.message
        if isinstance(event, Final):
            final = event.answer
        elif fmt != "text":
            continue
        elif isinstance(event, Routing):
            who = ", ".join(event.agents) or "no specialist (declined)"
            print(f"> routing: {who}", file=err)
        elif isinstance(event, ToolStart):
            print(f"> {event.agent}: {event.tool}({_args(event.args)}) ...", file=err)
        elif isinstance(event, ToolEnd):
            state = f"{event.rows} rows" if event.ok else f"FAILED: {event.error}"
            print(f"> {event.agent}: {event.tool} -> {state} in {event.ms:.0f} ms", file=err)
        elif isinstance(event, Token):
            out.write(event.text)
            out.flush()
        elif isinstance(event, Error) and event.recoverable:
            print(f"> warning: {event.message}", file=err)
    if fatal:
        print(f"error: {fatal}", file=err)
        return 2
    if final is None:
        return 1
    if fmt == "json":
        print(json.dumps(_record(final), default=str), file=out)
    else:
        out.write("\n")
        if final.revised:
            out.write("\n--- revised answer ---\n" + final.answer + "\n")
        if final.conversation_id and final.saved:
            print(f"> conversation: {final.conversation_id} (continue with --conversation {final.conversation_id})",
                  file=err)
        elif final.conversation_id:  # nothing stored under that id: it cannot be continued
            print("> conversation not saved (the state store was unavailable); a follow-up starts a new one",
                  file=err)
    return 0


def announce(ctx: Any, err: Any) -> None:
    """Print which account the answer reads and how fresh its data is (reads the as-of once; the turn
    reuses it). A failure prints nothing here: the turn reports it with what to do."""
    from health_monitor.graph.adapters import data_as_of

    if ctx.as_of is None and ctx.warehouse is not None:
        try:
            ctx.as_of = data_as_of(ctx)
        except Exception:  # noqa: BLE001 - reported by the turn itself
            return
    if ctx.as_of is None:
        return
    s = ctx.settings
    where = (f"the Databricks account at {s.databricks_host}" if s.warehouse_backend == "databricks"
             and s.databricks_host else "the Databricks account" if s.warehouse_backend == "databricks"
             else "the embedded demo account")
    print(f"> reading {where}, data as of {ctx.as_of_text}", file=err, flush=True)


def _args(args: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in args.items())


def _record(answer: Any, item: dict[str, Any] | None = None) -> dict[str, Any]:
    record = {
        "answer": answer.answer,
        "agents": answer.agents,
        "tool_calls": [{k: c.get(k) for k in ("agent", "tool", "args", "ok", "rows", "ms", "error") if k in c}
                       for c in answer.tool_calls],
        "timings": answer.timings,
        "conversation_id": answer.conversation_id,
        "data_as_of": answer.data_as_of,
        "declined": answer.declined,
    }
    if answer.save_error:
        record["save_error"] = answer.save_error
    if item is not None:
        record = {"id": item.get("id"), "question": item.get("question"), "conversation": item.get("conversation"),
                  **record}
    return record


def read_batch(path: str) -> list[dict[str, Any]]:
    items = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ConfigError(f"{path}:{n}: not JSON ({e.msg}); each line must be "
                                      '{"id": ..., "question": ..., "conversation": ...}') from None
                if not isinstance(item, dict) or "question" not in item:
                    raise ConfigError(f'{path}:{n}: each line needs a "question" (and an "id").')
                items.append(item)
    except OSError as e:
        raise ConfigError(f"Cannot read {path}: {e.strerror}.") from None
    return items


def answer_batch(items: list[dict[str, Any]], *, ctx: Any, agent: str | None = None, persist: bool = True,
                 graph: Any = None) -> list[dict[str, Any]]:
    """Answer ``items`` in order; lines sharing a ``conversation`` share context. Never raises per item."""
    from health_monitor.graph.service import ask

    conversations: dict[str, str] = {}
    records = []
    for item in items:
        key = item.get("conversation")
        try:
            answer = ask(str(item.get("question") or ""), context=ctx, agent=item.get("agent") or agent,
                         conversation_id=conversations.get(str(key)) if key is not None else None,
                         persist=persist, graph=graph)
        except Exception as e:  # one bad line must not sink the batch
            records.append({"id": item.get("id"), "question": item.get("question"),
                            "conversation": key, "answer": "", "agents": [], "tool_calls": [],
                            "timings": {}, "error": f"{e.__class__.__name__}: {e}"})
            continue
        if key is not None and answer.conversation_id:
            conversations[str(key)] = answer.conversation_id
        records.append(_record(answer, item))
    return records


def run_batch(path: str, *, ctx: Any, fmt: str, agent: str | None, persist: bool = True, out: Any = None) -> int:
    out = out or sys.stdout
    for record in answer_batch(read_batch(path), ctx=ctx, agent=agent, persist=persist):
        if fmt == "json":
            print(json.dumps(record, default=str), file=out, flush=True)
        else:
            print(f"## {record.get('id')}: {record.get('question')}\n{record.get('answer')}\n", file=out, flush=True)
    return 0
