"""``health-monitor doctor``: preflight checks, one line each (ok / warn / fail); exit 1 on any fail."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check credentials, system schemas, Gold, LLM, state database, alerts")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from health_monitor.core.settings import get_settings
    from health_monitor.doctor import as_dicts, exit_code, run_checks

    findings = run_checks(get_settings())
    if args.format == "json":
        print(json.dumps({"ok": exit_code(findings) == 0, "checks": as_dicts(findings)}, indent=2, default=str))
    else:
        width = max((len(f.check) for f in findings), default=0)
        for f in findings:
            fix = f"\n       fix: {f.fix}" if f.fix and f.status != "ok" else ""
            print(f"{f.status:4}  {f.check:{width}}  {f.message}{fix}")
    return exit_code(findings)
