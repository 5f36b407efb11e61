"""``health-monitor tools``: list the tool catalog, run one tool, or check every tool with its defaults.

    health-monitor tools [--format json]
    health-monitor tools run NAME --args '{"hours": 48}' [--format json] [--max-rows N]
    health-monitor tools check [--format json]
"""

from __future__ import annotations

import argparse
import json

from health_monitor.core.errors import ConfigError
from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.registry import get_registry


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tools", help="list, run or check the tool catalog")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run_list)
    actions = p.add_subparsers(dest="tools_command", metavar="ACTION")
    run = actions.add_parser("run", help="run one tool and print its rows")
    run.add_argument("name")
    run.add_argument("--args", default="{}", help="JSON object of parameters, e.g. '{\"hours\": 48}'")
    run.add_argument("--max-rows", type=int, default=None)
    run.add_argument("--format", choices=("text", "json"), default="text")
    run.set_defaults(func=run_one)
    check = actions.add_parser("check", help="run every tool with its defaults; report ok, rows and ms")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=run_check)


def _executor():  # noqa: ANN202
    from health_monitor.core.settings import get_settings
    from health_monitor.warehouse import open_warehouse

    settings = get_settings()
    return ToolExecutor(open_warehouse(settings), settings)


def run_list(args: argparse.Namespace) -> int:

    tools = [t.signature() for t in get_registry()]
    if args.format == "json":
        print(json.dumps(tools, indent=2, default=str))
        return 0
    for t in tools:
        params = ", ".join(f"{p['name']}: {p['type']} = {p['default']}" for p in t["parameters"])
        print(f"{t['name']}({params})  [{', '.join(t['agents'])}]")
        print(f"    {t['description']}")
    print(f"\n{len(tools)} tools")
    return 0


def run_one(args: argparse.Namespace) -> int:

    try:
        params = json.loads(args.args or "{}")
    except json.JSONDecodeError as e:
        raise ConfigError(f"--args is not valid JSON ({e.msg}); pass an object such as '{{\"hours\": 48}}'.") from None
    result = _executor().run(args.name, params, max_rows=args.max_rows)
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2, default=str))
    else:
        print(result.to_text(max_rows=args.max_rows or 200))
        print(f"({result.row_count} rows, {result.ms:.0f} ms)")
    return 0 if result.ok else 1


def run_check(args: argparse.Namespace) -> int:
    import statistics

    ex = _executor()
    report = []
    for tool in ex.registry:
        r = ex.run(tool)
        report.append({"tool": tool.name, "domain": tool.domain, "ok": r.ok, "rows": r.row_count,
                       "ms": round(r.ms, 1), "error": r.error})
    times = sorted(x["ms"] for x in report)
    summary = {"tools": len(report), "ok": sum(x["ok"] for x in report),
               "p50_ms": round(statistics.median(times), 1) if times else 0.0,
               "p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 1) if times else 0.0}
    if args.format == "json":
        print(json.dumps({"summary": summary, "tools": report}, indent=2))
    else:
        for x in report:
            print(f"{'ok ' if x['ok'] else 'ERR'} {x['tool']:36s} {x['rows']:6d} rows {x['ms']:8.1f} ms"
                  + (f"  {x['error']}" if x["error"] else ""))
        print(f"\n{summary['ok']}/{summary['tools']} ok; p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms")
    return 0 if summary["ok"] == summary["tools"] else 1
