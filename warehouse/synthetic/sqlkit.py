"""Shared SQL plumbing for the generator: run-time variables, deterministic random macros, loading.

Randomness is hash-based (``hash(key, salt, seed)``), never ``random()``: the same (seed, as_of,
scale) gives the same rows whatever the thread count or row order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

HISTORY_DAYS = 120
NODE_TIMELINE_DAYS = 30
SERVING_DAYS = 90

MACROS = [
    # uniform in [0, 1) from any key and a salt
    "create or replace temp macro rnd(k, salt) as "
    "(hash(k, salt, getvariable('seed')) % 1000003)::double / 1000003",
    # standard normal (Box-Muller)
    "create or replace temp macro rnorm(k, salt) as "
    "sqrt(-2 * ln(rnd(k, salt || ':a') + 1e-9)) * cos(2 * pi() * rnd(k, salt || ':b'))",
    # pick one element of a list, uniformly
    "create or replace temp macro pick(lst, k, salt) as "
    "lst[1 + floor(rnd(k, salt) * len(lst))::int]",
    # whole days between a timestamp's date and today (yesterday = 1)
    "create or replace temp macro days_ago(ts) as date_diff('day', ts::date, getvariable('today'))",
    # a numeric-string id from a key
    "create or replace temp macro numid(k, salt) as "
    "((hash(k, salt, getvariable('seed')) % 900000000000000) + 100000000000000)::varchar",
    "create or replace temp macro hexid(k, salt) as "
    "substr(md5(concat_ws('|', k, salt, getvariable('seed'))), 1, 16)",
    "create or replace temp macro uuid_of(k, salt) as "
    "regexp_replace(md5(concat_ws('|', k, salt, getvariable('seed'))), "
    "'^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5')",
]


@dataclass(frozen=True)
class Context:
    """What every step needs: the instant, the randomness and the size of the account."""

    as_of: datetime  # naive UTC
    seed: int
    scale: float
    incidents: bool
    n_sets: int
    volume: float  # events per entity, relative to scale 1

    @property
    def today(self) -> datetime:
        return self.as_of.replace(hour=0, minute=0, second=0, microsecond=0)

    @property
    def start(self) -> datetime:
        return self.today - timedelta(days=HISTORY_DAYS)


def install(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    """Set the run-time variables and create the temp macros on ``con``."""
    values = {
        "seed": ctx.seed, "as_of": ctx.as_of, "today": ctx.today.date(), "t0": ctx.start,
        "vol": ctx.volume, "inc": ctx.incidents,
        "nt0": ctx.today - timedelta(days=NODE_TIMELINE_DAYS),
        "sv0": ctx.today - timedelta(days=SERVING_DAYS),
    }
    for name, value in values.items():
        con.execute(f"set variable {name} = $v", {"v": value})
    for macro in MACROS:
        con.execute(macro)


def load(con: duckdb.DuckDBPyConnection, name: str, table) -> None:
    """Copy an Arrow table into the temp table ``e_<name>``."""
    con.register("_load", table)
    con.execute(f"create or replace temp table e_{name} as select * from _load")
    con.unregister("_load")
