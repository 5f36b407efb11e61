"""``health-monitor actions``: the actions proposed in chat, decided by a person, and their audit trail.

    health-monitor actions list [--format text|json] [--limit N]
    health-monitor actions show ID [--format text|json]
    health-monitor actions approve ID [--set NAME=VALUE ...] [--note TEXT]
    health-monitor actions reject ID [--note TEXT]
    health-monitor actions verify [ID]
    health-monitor actions export [--out FILE]          (CSV of the audit trail)
    health-monitor actions policy [--execute on|off] [--allow NAME,... | --allow-all]

The CLI acts as ``HM_LOCAL_USER`` with that user's role; an approval resumes the action's paused
approval graph (its checkpoint survives restarts), and approving twice does nothing the second time.
Refusals (role, allow-list, a bad value) exit 1 with the reason; an unreachable store exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("actions", help="list, show, approve, reject and verify proposed actions")
    p.set_defaults(func=lambda args: p.print_help() or 2)
    acts = p.add_subparsers(dest="actions_command", metavar="ACTION")
    ls = acts.add_parser("list", help="every action, newest first")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    ls.add_argument("--limit", type=int, default=50)
    ls.set_defaults(func=run_list)
    sh = acts.add_parser("show", help="one action with its audit trail")
    sh.add_argument("id")
    sh.add_argument("--format", choices=("text", "json"), default="text")
    sh.set_defaults(func=run_show)
    for name in ("approve", "reject"):
        d = acts.add_parser(name, help=f"{name} a proposed action")
        d.add_argument("id")
        d.add_argument("--note", default="")
        if name == "approve":
            d.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                           help="edit an editable parameter before approving (e.g. minutes=45)")
        d.set_defaults(func=run_decide, decision=name)
    v = acts.add_parser("verify", help="run the verification query of executed actions (after a Gold build)")
    v.add_argument("id", nargs="?")
    v.set_defaults(func=run_verify)
    ex = acts.add_parser("export", help="the audit trail as CSV")
    ex.add_argument("--out", default="-")
    ex.set_defaults(func=run_export)
    po = acts.add_parser("policy", help="show or change (admins) which actions may run and whether they execute")
    po.add_argument("--execute", choices=("on", "off"))
    group = po.add_mutually_exclusive_group()
    group.add_argument("--allow", help="comma-separated action names")
    group.add_argument("--allow-all", action="store_true")
    po.set_defaults(func=run_policy)


def _context() -> tuple[Any, Any, str, str]:
    from health_monitor.core.settings import get_settings
    from health_monitor.db import make_engine, migrate, session_scope
    from health_monitor.db.access import configured_admins, ensure_user

    settings = get_settings()
    engine = make_engine(settings)
    migrate(engine)
    user = settings.local_user
    with session_scope(engine) as s:
        role = ensure_user(session=s, user_id=user, admins=configured_admins(settings))
    return settings, engine, user, role


def _guard(run):
    def wrapped(args: argparse.Namespace) -> int:
        from health_monitor.actions.service import ActionError
        from health_monitor.db.errors import NotFound, PermissionDenied, StateUnavailable

        try:
            return run(args)
        except (PermissionDenied, ActionError, NotFound, KeyError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        except StateUnavailable as e:
            print(f"error: {e}", file=sys.stderr)
            return 2

    return wrapped


@_guard
def run_list(args: argparse.Namespace) -> int:
    from health_monitor.actions import service as actions
    from health_monitor.ui.actions_view import audit_rows

    _, engine, _, _ = _context()
    rows = audit_rows(actions.list_views(engine, limit=args.limit))
    if args.format == "json":
        print(json.dumps(rows, default=str, indent=2))
        return 0
    if not rows:
        print("No actions yet: ask the agents (e.g. `health-monitor ask \"where can we save money?\"`).")
        return 0
    for r in rows:
        saving = f"  ~${r['estimated_monthly_saving']:,.0f}/month" if r["estimated_monthly_saving"] else ""
        print(f"{r['action_id'][:8]}  {r['status']:<9} {r['risk']:<6} {r['title']}{saving}")
    return 0


@_guard
def run_show(args: argparse.Namespace) -> int:
    from health_monitor.actions import service as actions
    from health_monitor.ui.actions_view import preview_lines

    _, engine, _, _ = _context()
    v = actions.get(engine, args.id)
    if args.format == "json":
        from health_monitor.graph.adapters import jsonable

        print(json.dumps(jsonable({**v.__dict__}), indent=2, default=str))
        return 0
    print(f"{v.id}  ({v.kind}, status {v.status})")
    print("\n".join(preview_lines({"title": v.title, "risk": v.risk, "preview": v.preview,
                                   "estimated_monthly_saving": v.estimated_monthly_saving})).replace("**", ""))
    print("Audit trail:")
    for e in v.events:
        print(f"  {e['seq']}. {e['at']:%Y-%m-%d %H:%M:%S} UTC  {e['event']:<9} by {e['actor']}  {e['message']}")
    return 0


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


@_guard
def run_decide(args: argparse.Namespace) -> int:
    from health_monitor.graph.service import decide_action

    settings, engine, user, role = _context()
    params = {}
    for item in getattr(args, "set", []) or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise KeyError(f"--set takes NAME=VALUE, got {item!r}")
        params[name.strip()] = _value(value.strip())
    outcome = decide_action(args.id, args.decision, user_id=user, role=role, engine=engine, settings=settings,
                            params=params or None, note=args.note)
    print(f"{outcome.action_id[:8]}: {outcome.status}. {outcome.message}")
    return 0 if outcome.status != "failed" else 1


@_guard
def run_verify(args: argparse.Namespace) -> int:
    from health_monitor.actions import service as actions
    from health_monitor.warehouse import open_warehouse

    settings, engine, _, _ = _context()
    wh = open_warehouse(settings)
    try:
        results = actions.verify(engine, wh, action_id=args.id)
    finally:
        wh.close()
    if not results:
        print("No executed action to verify.")
    for action_id, r in results:
        print(f"{action_id[:8]}: {r.status}. {r.message}")
    return 0


@_guard
def run_export(args: argparse.Namespace) -> int:
    from health_monitor.actions import service as actions
    from health_monitor.ui.actions_view import audit_rows, to_csv

    _, engine, _, _ = _context()
    text = to_csv(audit_rows(actions.list_views(engine, limit=100_000)))
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"Wrote {args.out}")
    return 0


@_guard
def run_policy(args: argparse.Namespace) -> int:
    from health_monitor.actions import service as actions

    _, engine, user, role = _context()
    if args.execute or args.allow or args.allow_all:
        allowed: Any = "keep"
        if args.allow_all:
            allowed = None
        elif args.allow:
            allowed = [a.strip() for a in args.allow.split(",") if a.strip()]
        actions.set_policy(engine, user_id=user, role=role,
                           execute_on_real=None if args.execute is None else args.execute == "on", allowed=allowed)
    p = actions.get_policy(engine)
    print(f"execute on real accounts: {'on' if p.execute_on_real else 'off (dry run)'}")
    print(f"allowed actions: {', '.join(p.allowed) if p.allowed is not None else 'all'}")
    return 0
