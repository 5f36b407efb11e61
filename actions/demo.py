"""The demo executor's storage: change the synthetic account's system tables the way the platform
would (a configuration change is a new SCD2 row; a revoke removes the grant and writes an audit
event), atomically.

The app reads ``system.duckdb`` read-only, so a change is written to a copy that then replaces the
file (``os.replace``): a failure at any point leaves the original untouched (no half-state), and the
warehouse reattaches the new file on its next query. A lock file serialises concurrent executors.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from health_monitor.core.errors import DemoNotBuilt

AUDIT_USER_AGENT = "health-monitor-actions"


class DemoTx:
    """One open change to the demo account (a DuckDB connection on the copy)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, actor: str) -> None:
        self.con = con
        self.actor = actor
        row = con.execute("select max(as_of) from meta.generation").fetchone()
        #: The demo's "now": its as-of instant (the data is frozen there).
        self.now: datetime = row[0] if row and row[0] else datetime.now().replace(microsecond=0)

    def columns(self, table: str) -> list[str]:
        schema, name = table.split(".")
        return [r[0] for r in self.con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
            "order by ordinal_position", [schema, name]).fetchall()]

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or {})
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def latest(self, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
        where = " and ".join(f'"{k}" = ${k}' for k in key)
        found = self.rows(f"select * from {table} where {where} order by change_time desc limit 1", key)
        return found[0] if found else None

    def scd2(self, table: str, key: dict[str, Any], assign: dict[str, str],
             params: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """Append a new version of the object ``key`` names: its latest row with ``assign`` (column ->
        SQL expression over that row and ``$params``) and a later ``change_time``. Returns (before, after)."""
        before = self.latest(table, key)
        if before is None:
            raise LookupError(f"{table} has no row for {key}")
        if before.get("delete_time") is not None:
            raise LookupError(f"{table}: {key} was deleted at {before['delete_time']}")
        changed_at = max(self.now, before["change_time"] + timedelta(minutes=1))
        cols = self.columns(table)
        values = {**assign, "change_time": "$changed_at"}
        if "change_date" in cols:
            values["change_date"] = "cast($changed_at as date)"
        unknown = set(values) - set(cols)
        if unknown:
            raise KeyError(f"{table} has no column(s) {sorted(unknown)}")
        select = ", ".join(f'{values[c]} as "{c}"' if c in values else f'"{c}"' for c in cols)
        where = " and ".join(f'"{k}" = ${k}' for k in key)
        self.con.execute(f"insert into {table} select {select} from {table} where {where} "
                         "qualify row_number() over (order by change_time desc) = 1",
                         {**key, **(params or {}), "changed_at": changed_at})
        after = self.latest(table, key)
        assert after is not None
        return before, after

    def audit(self, *, workspace_id: str, service: str, action: str, request_params: dict[str, str]) -> str:
        """Write the audit event the platform would log for the change (``system.access.audit``)."""
        account = self.con.execute("select any_value(account_id) from access.audit").fetchone()[0]
        event_id = str(uuid.uuid4())
        self.con.execute(
            "insert into access.audit (account_id, workspace_id, version, event_time, event_date, "
            "source_ip_address, user_agent, session_id, user_identity, service_name, action_name, request_id, "
            "request_params, response, audit_level, event_id, identity_metadata) values ($account, $ws, '2.0', "
            "$t, cast($t as date), '127.0.0.1', $ua, null, {'email': $actor, 'subject_name': null}, $service, "
            "$action, $rid, map($k, $v), {'status_code': 200, 'error_message': null, 'result': null}, "
            "'WORKSPACE_LEVEL', $eid, {'run_by': $actor, 'run_as': $actor, 'acting_resource': null, "
            "'run_by_display_name': $actor, 'run_as_display_name': $actor})",
            {"account": account, "ws": workspace_id, "t": self.now, "ua": AUDIT_USER_AGENT, "actor": self.actor,
             "service": service, "action": action, "rid": str(uuid.uuid4()), "k": list(request_params),
             "v": list(request_params.values()), "eid": event_id})
        return event_id


@contextmanager
def demo_transaction(system_path: Path, actor: str) -> Iterator[DemoTx]:
    """Change the demo account all at once or not at all."""
    system_path = Path(system_path)
    if not system_path.exists():
        raise DemoNotBuilt(f"No demo data at {system_path}. Run `health-monitor demo` to build it.")
    lock_path = system_path.with_name(system_path.name + ".actions.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tmp = system_path.with_name(f".{system_path.name}.{uuid.uuid4().hex}.tmp")
        try:
            shutil.copyfile(system_path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                con.execute("SET TimeZone = 'UTC'")
                con.execute("begin")
                yield DemoTx(con, actor)
                con.execute("commit")
                con.execute("checkpoint")
            finally:
                con.close()
            os.replace(tmp, system_path)
        finally:
            if tmp.exists():
                tmp.unlink()
            fcntl.flock(lock, fcntl.LOCK_UN)
