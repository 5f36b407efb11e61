"""``health-monitor bench``: measure the demo build, every tool, the graph (offline and with a fake
LLM, against the prebuilt supervisor) and the app's pages; print each figure with its goal.

    health-monitor bench --quick                       # ~2 min: scale 1, reuses a demo, fewer runs
    health-monitor bench --scale 100 --format json     # builds the scale-100 demo in a temp dir first
    health-monitor bench --only tools,graph --data-dir hm_data

Results go to ``bench-results/bench-<scale>.json`` and ``.md`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json

from health_monitor.bench import report
from health_monitor.bench.runner import ROOT, SECTIONS, run_bench
from health_monitor.commands.demo import parse_scale
from health_monitor.core.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="benchmark the build, tools, graph and pages against the goals")
    p.add_argument("--scale", default="1", help="demo scale to build and measure (default 1)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: scale 1, reuse an existing demo, fewer repetitions, desktop pages only")
    p.add_argument("--format", choices=("markdown", "json", "text"), default="text",
                   help="what to print (the files are always JSON + Markdown)")
    p.add_argument("--data-dir", default=None, help="build into / measure this folder instead of a temp one")
    p.add_argument("--out", default=None, help="results folder (default: bench-results/ in the project)")
    p.add_argument("--only", default=None, help="comma-separated sections: demo,training,tools,graph,prebuilt,llm,pages,load")
    p.add_argument("--load-pg", default=None, metavar="URL",
                   help="include the load run (20 conversations x 10 turns) against this PostgreSQL URL")
    p.add_argument("--questions", default=None, help="question set (default tests/eval/dev_questions.jsonl)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path


    scale = parse_scale(args.scale)
    only = tuple(x.strip() for x in args.only.split(",") if x.strip()) if args.only else SECTIONS
    unknown = [x for x in only if x not in SECTIONS]
    if unknown:
        raise ConfigError(f"--only {','.join(unknown)}: unknown section(s); use some of {','.join(SECTIONS)}.")
    meta, sections = run_bench(scale=scale, quick=args.quick, data_dir=Path(args.data_dir) if args.data_dir else None,
                               only=only, load_pg=args.load_pg,
                               questions_path=Path(args.questions) if args.questions else None)
    out_dir = Path(args.out) if args.out else ROOT / "bench-results"
    json_path, md_path = report.write(out_dir, meta, sections)
    meta["files"] = [str(json_path), str(md_path)]
    if args.format == "json":
        print(json.dumps(report.to_json(meta, sections), indent=2, default=str))
    elif args.format == "markdown":
        print(report.to_markdown(meta, sections))
    else:
        print(report.to_text(meta, sections))
        print(f"\nwritten: {json_path}  {md_path}")
    return 0
