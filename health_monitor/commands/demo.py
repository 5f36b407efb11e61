"""``health-monitor demo``: generate the synthetic account, build Gold, train the models."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from health_monitor.core.errors import ConfigError


def parse_as_of(text: str | None) -> datetime:
    """ISO date or timestamp (UTC when no zone is given); default: now, to the minute."""
    if not text:
        return datetime.now(timezone.utc).replace(second=0, microsecond=0)
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--as-of {text!r} is not a date or timestamp; use e.g. 2026-01-15 or 2026-01-15T09:00Z.") from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def parse_scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        raise ConfigError(f"--scale {text!r} is not a number; use a positive number such as 1 or 100.") from None
    if not scale > 0 or scale > 1000:
        raise ConfigError(f"--scale must be greater than 0 and at most 1000 (got {text}).")
    return scale


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="build the embedded demo account (system tables, Gold, models)")
    p.add_argument("--scale", default="1", help="size factor (1 = ~100k usage rows, 100 = ~10M)")
    p.add_argument("--as-of", default=None, help="the demo's NOW (ISO date/time, UTC); default: now")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data-dir", default=None, help="where to write (default: HM_DATA_DIR)")
    p.add_argument("--no-incidents", action="store_true", help="a quiet account without the scenario's incidents")
    p.add_argument("--no-train", action="store_true", help="skip model training")
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing when the demo already exists and was built by this version")
    p.add_argument("--force", action="store_true", help="rebuild even with --if-missing (the default rebuilds)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from health_monitor.core.settings import get_settings

    scale = parse_scale(args.scale)
    as_of = parse_as_of(args.as_of)
    data_dir = Path(args.data_dir) if args.data_dir else get_settings().data_dir
    from health_monitor.demo import build_demo, is_current

    built = (data_dir / "gold.duckdb").exists() and (data_dir / "system.duckdb").exists()
    if args.if_missing and not args.force and built:
        if is_current(data_dir):
            print(f"demo already built in {data_dir.resolve()} (run `health-monitor demo` to rebuild)")
            return 0
        # a demo built by an earlier version lacks what this one reads (a new Gold column): build it again
        print(f"the demo in {data_dir.resolve()} was built by another version of Health Monitor: rebuilding it")

    report = build_demo(data_dir, as_of=as_of, seed=args.seed, scale=scale, incidents=not args.no_incidents,
                        train=not args.no_train, progress=True)
    print(f"demo built in {report.data_dir.resolve()} as of {as_of:%Y-%m-%d %H:%M} UTC (scale {scale:g}, seed {args.seed})")
    for name, mb in report.sizes_mb.items():
        print(f"  {name:<16} {mb:8.1f} MiB  {report.data_dir.resolve() / name}")
    print("  " + ", ".join(f"{k} {v:.1f}s" for k, v in report.timings_s.items()))
    return 0
