"""``health-monitor alerts``: evaluate the stored rules (the scheduled job), list them, install the defaults.

    health-monitor alerts evaluate [--format text|json] [--install-defaults]
    health-monitor alerts list [--owner USER] [--format text|json]
    health-monitor alerts defaults [--owner USER]
    health-monitor alerts test-channel slack|email|pagerduty [--owner USER]

``evaluate`` exits 0 when it ran, even if a rule failed or a delivery did not go out: those are in the
output (``errors``, ``deliveries``). Configuration errors (no demo, unreachable state database) exit 2.
With ``--expect-rules`` (the scheduled job) finding no enabled rule exits 3 with a warning naming the
state database: a job pointed at an empty, fresh database must fail loudly, not succeed quietly.
"""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("alerts", help="evaluate alert rules, list them, install the default rules")
    p.set_defaults(func=lambda args: p.print_help() or 2)
    actions = p.add_subparsers(dest="alerts_command", metavar="ACTION")

    ev = actions.add_parser("evaluate", help="evaluate every enabled rule, store events, notify channels")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--install-defaults", action="store_true",
                    help="install the default rules first (once per install; later runs do nothing)")
    ev.add_argument("--owner", default=None, help="owner of the default rules (default HM_ALERT_OWNER or HM_LOCAL_USER)")
    ev.add_argument("--expect-rules", action="store_true",
                    help="exit 3 when the state database holds no enabled rule (a job on the wrong database)")
    ev.set_defaults(func=run_evaluate)

    ls = actions.add_parser("list", help="list stored rules (all owners, or one)")
    ls.add_argument("--owner", default=None)
    ls.add_argument("--format", choices=("text", "json"), default="text")
    ls.set_defaults(func=run_list)

    de = actions.add_parser("defaults", help="install the default rules (once per install)")
    de.add_argument("--owner", default=None, help="owner of the rules (default HM_ALERT_OWNER or HM_LOCAL_USER)")
    de.set_defaults(func=run_defaults)

    tc = actions.add_parser("test-channel", help="send a test notification to one channel")
    tc.add_argument("channel", choices=("slack", "email", "pagerduty"))
    tc.add_argument("--owner", default=None, help="use this user's integrations (default: settings and global ones)")
    tc.set_defaults(func=run_test_channel)


def _state():  # noqa: ANN202
    from health_monitor.core.settings import get_settings
    from health_monitor.db import make_engine, migrate

    settings = get_settings()
    engine = make_engine(settings)
    migrate(engine)
    return settings, engine


def _owner(settings, owner: str | None) -> str:  # noqa: ANN001
    return owner or settings.alert_owner or settings.local_user


def run_evaluate(args: argparse.Namespace) -> int:
    from health_monitor.alerts.service import evaluate_all, install_default_rules
    from health_monitor.warehouse import open_warehouse

    settings, engine = _state()
    if args.install_defaults:
        install_default_rules(engine, _owner(settings, args.owner))
    warehouse = open_warehouse(settings)
    try:
        report = evaluate_all(settings, engine=engine, warehouse=warehouse)
    finally:
        close = getattr(warehouse, "close", None)
        if close:
            close()
        engine.dispose()
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        print(report.text())
    if args.expect_rules and report.rules_evaluated == 0 and not _any_enabled_rule(settings):
        import sys

        print(f"warning: no enabled alert rule in the state database {_target(settings)}; rules saved in the "
              "app are not being evaluated. Point this job at the app's database (HM_LAKEBASE_INSTANCE or "
              "HM_DATABASE_URL).", file=sys.stderr)
        return 3
    return 0


def _target(settings) -> str:  # noqa: ANN001
    from sqlalchemy.engine import make_url

    if settings.database_url:
        return make_url(settings.database_url).render_as_string(hide_password=True)
    if settings.pghost or settings.lakebase_instance:
        return f"Lakebase {settings.lakebase_instance or settings.pghost}/{settings.pgdatabase}"
    return f"sqlite:///{settings.sqlite_path}"


def _any_enabled_rule(settings) -> bool:  # noqa: ANN001
    from health_monitor.db import make_engine, session_scope
    from health_monitor.db import repositories as repo

    engine = make_engine(settings)
    try:
        with session_scope(engine) as s:
            return bool(repo.list_all_enabled_rules(session=s))
    finally:
        engine.dispose()


def run_list(args: argparse.Namespace) -> int:
    from health_monitor.alerts.service import StoredRule, user_rules
    from health_monitor.db import repositories as repo
    from health_monitor.db import session_scope

    settings, engine = _state()
    if args.owner:
        owners = [args.owner]
    else:
        with session_scope(engine) as s:
            owners = sorted({r.owner for r in repo.list_all_enabled_rules(session=s)} | {_owner(settings, None)})
    rules: list[StoredRule] = [r for owner in owners for r in user_rules(engine, owner)]
    engine.dispose()
    if args.format == "json":
        print(json.dumps([{"id": r.record.id, "owner": r.record.owner, "name": r.record.name,
                           "enabled": r.record.enabled, "summary": r.summary, "error": r.error,
                           "definition": r.record.definition} for r in rules], indent=2, default=str))
        return 0
    for r in rules:
        state = "on " if r.record.enabled else "off"
        print(f"[{state}] {r.record.name}  ({r.record.owner}, {r.record.id})")
        print(f"      {r.summary or 'cannot be read: ' + str(r.error)}")
    print(f"{len(rules)} rule(s)")
    return 0


def run_defaults(args: argparse.Namespace) -> int:
    from health_monitor.alerts.service import install_default_rules

    settings, engine = _state()
    owner = _owner(settings, args.owner)
    added = install_default_rules(engine, owner)
    engine.dispose()
    if added:
        print(f"installed {len(added)} default rule(s) for {owner}: {', '.join(r.name for r in added)}")
    else:
        print("default rules were already installed once (a deleted default stays deleted)")
    return 0


def run_test_channel(args: argparse.Namespace) -> int:
    from health_monitor.alerts.service import send_test_notification

    settings, engine = _state()
    result = send_test_notification(args.channel, settings, engine=engine, user_id=args.owner)
    engine.dispose()
    if result.ok:
        print(f"{args.channel}: delivered (status {result.status}, {result.attempts} attempt(s))")
        return 0
    print(f"{args.channel}: not delivered: {result.error}")
    return 1
