"""``health-monitor train [--models a,b]``: train the health monitor's models and score them into Gold.

Embedded: reads features from ``gold.duckdb`` and writes the prediction tables, the model registry
and inference metrics into a copy renamed into place. Databricks (``warehouse_backend=databricks``):
reads and writes through the SQL warehouse.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the models and write their predictions to Gold")
    p.add_argument("--models", default=None,
                   help="comma-separated model names (default: all fifteen); `--models list` prints them")
    p.add_argument("--data-dir", default=None, help="embedded data folder (default: HM_DATA_DIR)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from health_monitor.ml.base import all_models

    if args.models == "list":
        for name, model in all_models().items():
            print(f"{name:<26} {model.family:<12} {model.description}")
        return 0
    from health_monitor.ml.train import train_all

    names = [n.strip() for n in args.models.split(",") if n.strip()] if args.models else None
    report = train_all(Path(args.data_dir) if args.data_dir else None, models=names, progress=not args.quiet)
    print(f"trained {len(report.models)} model(s) as of {report.as_of:%Y-%m-%d %H:%M} UTC in {report.seconds:.1f}s")
    for line in report.lines():
        print("  " + line)
    return 0
