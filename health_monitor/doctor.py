"""Preflight checks a new admin runs first (``health-monitor doctor``; also callable from Settings).

Each check is a function in :data:`CHECKS` returning :class:`Finding` lines (ok / warn / fail) that
say what was found and, when not ok, the exact command or grant that fixes it. Checks that need the
warehouse are not run when it cannot be opened: the one failing line says so instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from health_monitor.core.errors import HealthMonitorError, first_line
from health_monitor.core.settings import Settings
from health_monitor.warehouse import open_warehouse
from health_monitor.warehouse.contract import SOURCES
from health_monitor.warehouse.databricks_backend import sdk_config

GOLD_MAX_AGE_H = 26.0  # the bundle rebuilds hourly; a day without a build means the job is not running


@dataclass
class Finding:
    check: str
    status: str  # ok | warn | fail
    message: str
    fix: str = ""


@dataclass
class Context:
    settings: Settings
    warehouse: Any = None
    notes: dict[str, Any] = field(default_factory=dict)



# -- checks ------------------------------------------------------------------------------------------

def check_warehouse(ctx: Context) -> list[Finding]:
    s = ctx.settings
    where = (f"embedded DuckDB at {s.system_db_path}" if s.warehouse_backend == "duckdb"
             else f"Databricks SQL warehouse {s.databricks_warehouse_id or s.databricks_http_path or '(not set)'}")
    try:
        wh = open_warehouse(s)
        wh.query("select 1 as one")
    except HealthMonitorError as e:
        return [Finding("warehouse", "fail", f"{where}: {first_line(e)} (system schemas and Gold not checked)",
                        _warehouse_fix(s))]
    except Exception as e:  # an unexpected client error is still one line, not a traceback
        return [Finding("warehouse", "fail", f"{where}: {first_line(e)} (system schemas and Gold not checked)",
                        _warehouse_fix(s))]
    ctx.warehouse = wh
    return [Finding("warehouse", "ok", f"{where} answers")]


def _warehouse_fix(s: Settings) -> str:
    if s.warehouse_backend == "duckdb":
        return "health-monitor demo"
    return ("set HM_DATABRICKS_HOST, DATABRICKS_TOKEN (or HM_DATABRICKS_PROFILE) and HM_DATABRICKS_WAREHOUSE_ID; "
            "start the warehouse and grant the principal CAN USE on it")


def check_system_schemas(ctx: Context) -> list[Finding]:
    """Every contract source readable, by schema; newer columns present or reported."""
    by_schema: dict[str, list] = {}
    for src in SOURCES:
        by_schema.setdefault(src.schema, []).append(src)
    out = []
    for schema, sources in sorted(by_schema.items()):
        missing, older = [], []
        for src in sources:
            try:
                result = ctx.warehouse.query(f"select * from {src.full_name} limit 0")
            except Exception:
                missing.append(src)
                continue
            lacking = [c.name for c in src.columns if c.newer and c.name not in result.columns]
            if lacking:
                older.append(f"{src.table} lacks {', '.join(lacking)}")
        name = f"system.{schema}"
        if missing:
            required = any(s.required for s in missing)
            tables = ", ".join(s.table for s in missing)
            features = "; ".join(sorted({s.feature for s in missing if s.feature}))
            out.append(Finding(name, "fail" if required else "warn",
                               f"not readable: {tables} (not measured: {features})",
                               "; ".join(sorted({s.fix for s in missing}))))
        elif older:
            out.append(Finding(name, "warn", "older schema version: " + "; ".join(older) +
                               " (features using them say 'not measured')",
                               "no action: Databricks adds these columns and fills them as objects change"))
        else:
            out.append(Finding(name, "ok", f"{len(sources)} table(s) readable"))
    return out


def check_gold(ctx: Context) -> list[Finding]:
    s = ctx.settings
    try:
        row = ctx.warehouse.query("select as_of, built_at from main.health_monitor.meta_build").rows
    except Exception as e:
        return [Finding("gold", "fail", f"no Gold in {s.gold_catalog}.{s.gold_schema} ({first_line(e)[:120]})",
                        "health-monitor gold build")]
    if not row:
        return [Finding("gold", "fail", "Gold has no meta_build row", "health-monitor gold build")]
    built = row[0]["built_at"]
    age_h = (datetime.now(timezone.utc).replace(tzinfo=None) - _naive(built)).total_seconds() / 3600.0
    out = []
    if s.warehouse_backend != "duckdb" and age_h > GOLD_MAX_AGE_H:
        out.append(Finding("gold", "warn", f"built {age_h:.0f} h ago (data as of {row[0]['as_of']})",
                           "health-monitor gold build (or check the health-monitor-gold-build job)"))
    else:
        out.append(Finding("gold", "ok", f"built {_age(age_h)} ago, data as of {row[0]['as_of']}"))
    try:
        report = ctx.warehouse.query("select name, status, reason from main.health_monitor.meta_build_report "
                                     "where kind = 'model' and status <> 'built'").rows
    except Exception:
        return out + [Finding("gold models", "warn", "no per-model build report (Gold built by an older version)",
                              "health-monitor gold build")]
    bad = [r for r in report if r["status"] in ("failed", "skipped")]
    degraded = [r for r in report if r["status"] == "degraded"]
    if bad:
        out.append(Finding("gold models", "fail", "; ".join(f"{r['name']} {r['status']}: {r['reason'][:120]}"
                                                            for r in bad), "health-monitor gold build"))
    elif degraded:
        out.append(Finding("gold models", "warn", f"{len(degraded)} degraded: " +
                           ", ".join(r["name"] for r in degraded), "see the system schema lines above"))
    else:
        out.append(Finding("gold models", "ok", "every model built"))
    return out


def _naive(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(timezone.utc).replace(tzinfo=None)


def _age(hours: float) -> str:
    return f"{hours * 60:.0f} min" if hours < 2 else f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"


def check_llm(ctx: Context) -> list[Finding]:
    s = ctx.settings
    if s.llm_provider == "offline":
        return [Finding("llm", "ok", "offline: answers come from the built-in planner (no LLM endpoint used)")]
    if s.llm_provider == "openai":
        if not (s.llm_base_url or s.llm_api_key):
            return [Finding("llm", "fail", "llm_provider=openai without HM_LLM_BASE_URL or HM_LLM_API_KEY",
                            "set HM_LLM_BASE_URL and HM_LLM_API_KEY")]
        return [Finding("llm", "ok", f"OpenAI-compatible endpoint {s.llm_base_url or 'api.openai.com'} configured")]
    if not s.llm_endpoint:
        return [Finding("llm", "fail", "llm_provider=databricks without HM_LLM_ENDPOINT",
                        "set HM_LLM_ENDPOINT to a serving endpoint name")]
    try:
        from databricks.sdk import WorkspaceClient

        w = WorkspaceClient(config=sdk_config(s.databricks_host, s.databricks_profile, s.llm_timeout_s))
        state = w.serving_endpoints.get(s.llm_endpoint).state
        ready = str(getattr(state, "ready", "")).rsplit(".", 1)[-1]
    except Exception as e:
        return [Finding("llm", "fail", f"serving endpoint {s.llm_endpoint}: {first_line(e)[:160]}",
                        "check the endpoint name and grant the principal CAN QUERY on it")]
    if ready != "READY":
        return [Finding("llm", "warn", f"serving endpoint {s.llm_endpoint} is {ready or 'not ready'}",
                        "start the endpoint in Serving")]
    return [Finding("llm", "ok", f"serving endpoint {s.llm_endpoint} is READY")]


def check_state_db(ctx: Context) -> list[Finding]:
    s = ctx.settings
    if not s.database_url and not s.pghost:
        path = s.sqlite_path
        if not path.exists():
            from health_monitor.warehouse.build import ensure_writable_dir

            try:
                ensure_writable_dir(path.parent)
            except HealthMonitorError as e:
                return [Finding("state database", "fail", first_line(e), "set HM_DATA_DIR to a writable folder")]
            return [Finding("state database", "ok", f"SQLite at {path} (created on first use)")]
    try:
        from sqlalchemy import text

        from health_monitor.db.engine import make_engine

        engine = make_engine(s)
        with engine.connect() as con:
            con.execute(text("select 1"))
        engine.dispose()
    except Exception as e:
        return [Finding("state database", "fail", f"cannot connect: {first_line(e)[:200]}",
                        "check HM_DATABASE_URL (or the app's Lakebase database resource)")]
    return [Finding("state database", "ok", f"{engine.url.get_backend_name()} answers")]


def check_alert_channels(ctx: Context) -> list[Finding]:
    s = ctx.settings
    channels = []
    if s.alert_slack_webhook_url:
        channels.append("Slack")
    if s.alert_pagerduty_routing_key:
        channels.append("PagerDuty")
    if s.alert_smtp_host:
        if not s.alert_smtp_from:
            return [Finding("alert channels", "fail", f"SMTP host {s.alert_smtp_host} set without a sender address",
                            "set HM_ALERT_SMTP_FROM")]
        channels.append("e-mail")
    if not channels:
        return [Finding("alert channels", "ok", "no external channel in settings: alerts show in the app "
                        "(add Slack, PagerDuty or e-mail under Settings > Integrations)")]
    return [Finding("alert channels", "ok", ", ".join(channels) + " configured")]


def check_secret_key(ctx: Context) -> list[Finding]:
    """The key that encrypts integration secrets: loads, survives a restart, decrypts what is stored."""
    from health_monitor.db.crypto import check_key

    s = ctx.settings
    engine = None
    if s.database_url or s.pghost or s.sqlite_path.exists():
        from health_monitor.db.engine import make_engine

        try:
            engine = make_engine(s)
        except Exception:  # the state-database check reports an unreachable database
            engine = None
    try:
        ok, message = check_key(s, engine)
    finally:
        if engine is not None:
            engine.dispose()
    if ok:
        return [Finding("secret key", "ok", message)]
    return [Finding("secret key", "fail" if "cannot" in message or "not installed" in message else "warn", message,
                    "set HM_STATE_SECRET_KEY (as an App: the state-key secret resource; jobs: HM_STATE_SECRET_SCOPE)")]


# (name, function, needs the warehouse)
CHECKS: tuple[tuple[str, Callable[[Context], list[Finding]], bool], ...] = (
    ("warehouse", check_warehouse, False),
    ("system schemas", check_system_schemas, True),
    ("gold", check_gold, True),
    ("llm", check_llm, False),
    ("state database", check_state_db, False),
    ("secret key", check_secret_key, False),
    ("alert channels", check_alert_channels, False),
)


def run_checks(settings: Settings) -> list[Finding]:
    """Every check, in order; a check that raises becomes one failing line."""
    ctx = Context(settings)
    out: list[Finding] = []
    for name, check, needs_warehouse in CHECKS:
        if needs_warehouse and ctx.warehouse is None:
            continue
        try:
            out.extend(check(ctx))
        except Exception as e:
            out.append(Finding(name, "fail", f"check crashed: {first_line(e)}"))
    if ctx.warehouse is not None:
        try:
            ctx.warehouse.close()
        except Exception:  # closing is best effort
            pass
    return out


def exit_code(findings: list[Finding]) -> int:
    return 1 if any(f.status == "fail" for f in findings) else 0


def as_dicts(findings: list[Finding]) -> list[dict[str, str]]:
    return [asdict(f) for f in findings]


__all__ = ["CHECKS", "Finding", "as_dicts", "exit_code", "run_checks"]
