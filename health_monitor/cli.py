"""``health-monitor``: one console script, one sub-command per module in ``health_monitor.commands``.

A command module defines ``register(subparsers)`` that adds its parser and sets ``func``; its module
name is the command's name (``deploy_sql`` -> ``deploy-sql``). Only the invoked command's module is
imported (``bench``, ``train`` or ``mcp`` pull in heavy packages a cold ``ask`` must not pay for);
``--help`` and an unknown command import them all.
Errors a user can act on (:class:`HealthMonitorError`) print one line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

import health_monitor.commands as commands_pkg
from health_monitor.core.errors import ConfigError, HealthMonitorError


def command_modules() -> list[str]:
    """Every command module's name, sorted (``deploy_sql``, ...); nothing is imported."""
    return sorted(info.name for info in pkgutil.iter_modules(commands_pkg.__path__))


def invoked_command(argv: Sequence[str]) -> str | None:
    """The command module ``argv`` names (its first positional, past ``--set KEY=VALUE``), if any."""
    names = set(command_modules())
    it = iter(argv)
    for token in it:
        if token == "--set":
            next(it, None)
        elif not token.startswith("-"):
            name = token.replace("-", "_")
            return name if name in names else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the ``only`` command module (the others stay unimported)."""
    parser = argparse.ArgumentParser(prog="health-monitor", description="Platform health monitor for Databricks.")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override a setting for this run, e.g. --set warehouse_backend=databricks "
                             "(same names as the HM_* variables; jobs use this)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules() if only is None else [only]:
        importlib.import_module(f"{commands_pkg.__name__}.{name}").register(sub)
    return parser


def apply_overrides(pairs: Sequence[str]) -> None:
    """``--set key=value`` becomes ``HM_KEY=value`` before any settings are read (argument > env)."""
    from health_monitor.core.settings import Settings, get_settings

    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower().replace("-", "_")
        if not sep or key not in Settings.model_fields:
            raise ConfigError(f"--set {pair!r}: expected KEY=VALUE with KEY one of {', '.join(sorted(Settings.model_fields))}.")
        os.environ[f"HM_{key.upper()}"] = value
    get_settings.cache_clear()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(invoked_command(argv))
    args = parser.parse_args(argv)
    try:
        apply_overrides(args.overrides)
    except HealthMonitorError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except HealthMonitorError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
