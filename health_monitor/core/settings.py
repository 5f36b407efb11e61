"""All configuration in one place (pydantic-settings, env prefix ``HM_``).

Precedence: explicit argument > environment (``HM_*`` or ``.env``) > default.
Nothing reads the environment at import time: call :func:`get_settings`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from health_monitor.core.errors import ConfigError
from health_monitor.core.identifiers import check_identifier


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HM_", env_file=".env", extra="ignore")

    # --- embedded data -------------------------------------------------------------
    data_dir: Path = Field(Path("hm_data"), description="Folder of the embedded DuckDB/SQLite files.")

    # --- warehouse -----------------------------------------------------------------
    warehouse_backend: Literal["duckdb", "databricks"] = "duckdb"
    databricks_host: str | None = None
    databricks_warehouse_id: str | None = None
    databricks_http_path: str | None = None
    databricks_profile: str | None = None
    databricks_timeout_s: float = 60.0
    gold_catalog: str = "main"
    gold_schema: str = "health_monitor"
    # The pipeline event log is not a system table: a pipeline publishes it to a UC table.
    event_log_table: str = "system.lakeflow.pipeline_event_log"
    max_rows: int = Field(1000, ge=1, le=100_000, description="Row cap of one tool call.")

    # --- model training ------------------------------------------------------------
    ml_feature_memory_mb: float = Field(1024.0, ge=0, description="Most memory one model's feature frame may "
                                        "take in Python during training (0 = no limit); a model over it stops, "
                                        "the others train.")
    ml_engine_memory_mb: float = Field(1536.0, ge=0, description="Memory limit of the embedded DuckDB engine "
                                       "while training (0 = DuckDB's default); larger aggregations spill to disk.")

    # --- cost ----------------------------------------------------------------------
    discount_pct: float = Field(0.0, ge=0, lt=100, description="Negotiated discount off list price, %.")
    discount_by_sku_family: dict[str, float] = Field(default_factory=dict)

    # --- state (conversations, preferences, alerts) ---------------------------------
    # repr=False: these carry passwords or keys and must never reach a log line or an error page.
    database_url: str | None = Field(None, repr=False, description="SQLAlchemy URL; default SQLite in data_dir.")
    local_user: str = "local@health-monitor"
    state_schema: str | None = Field(None, description="PostgreSQL schema of the state tables (Lakebase: health_monitor).")
    state_secret_key: str | None = Field(None, repr=False, description="Fernet key for integration secrets; default: key file in data_dir.")
    state_connect_timeout_s: float = Field(10.0, gt=0, description="Seconds to wait for a PostgreSQL connection.")
    state_statement_timeout_s: float = Field(30.0, ge=0, description="PostgreSQL statement timeout (0: none).")
    state_secret_scope: str | None = Field(None, description="Databricks secret scope holding the Fernet key (jobs).")
    state_secret_name: str = Field("state-key", description="Key of the Fernet key in HM_STATE_SECRET_SCOPE.")
    admin_users: str = Field("", description="Comma-separated user ids that are always admin.")
    lakebase_instance: str | None = Field(None, description="Lakebase Provisioned instance name (token via w.database).")
    lakebase_endpoint: str | None = Field(None, description="Lakebase Autoscaling endpoint path (token via w.postgres).")
    lakebase_token_margin_s: float = Field(300.0, ge=0, description="Refresh the Lakebase token this long before expiry.")
    pghost: str | None = Field(None, validation_alias="PGHOST", description="Set by the Apps database resource.")
    pgport: int = Field(5432, validation_alias="PGPORT")
    pgdatabase: str = Field("databricks_postgres", validation_alias="PGDATABASE")
    pguser: str | None = Field(None, validation_alias="PGUSER")
    pgsslmode: str = Field("require", validation_alias="PGSSLMODE")
    pgappname: str = Field("health-monitor", validation_alias="PGAPPNAME")
    databricks_app_name: str | None = Field(None, validation_alias="DATABRICKS_APP_NAME", description="Set inside a Databricks App.")
    # --- alerts (channels; the Settings page can also store them as integrations) -----------
    alert_base_url: str | None = Field(None, description="App URL that alert notifications link to.")
    alert_slack_webhook_url: SecretStr | None = Field(None, description="Slack incoming-webhook URL.")
    alert_pagerduty_routing_key: SecretStr | None = Field(None, description="PagerDuty Events API v2 routing key.")
    alert_pagerduty_events_url: str | None = Field(None, description="PagerDuty Events API URL (default the public one).")
    alert_smtp_host: str | None = Field(None, description="SMTP server for e-mail alerts.")
    alert_smtp_port: int | None = Field(None, description="SMTP port (default 587).")
    alert_smtp_username: str | None = Field(None, description="SMTP login user.")
    alert_smtp_password: SecretStr | None = Field(None, description="SMTP login password.")
    alert_smtp_starttls: Literal["auto", "always", "never"] | None = Field(None, description="STARTTLS policy (default auto).")
    alert_smtp_ca_file: str | None = Field(None, description="CA bundle to verify the SMTP server.")
    alert_smtp_from: str | None = Field(None, description="Sender address of alert e-mails.")
    alert_email_to: str | None = Field(None, description="Comma-separated recipients; default the rule owner.")
    alert_retries: int | None = Field(None, ge=0, le=10, description="Extra send attempts on 5xx/429/timeouts (default 3).")
    alert_backoff_s: float | None = Field(None, ge=0, description="First pause between send attempts, doubling (default 1 s).")
    alert_allowed_hosts: str | None = Field(None, description="Comma-separated webhook hosts (https) or origins "
                                                "alerts may post to (default hooks.slack.com, events.pagerduty.com).")
    alert_owner: str | None = Field(None, description="Owner of the default alert rules (default local_user).")
    # --- LLM -----------------------------------------------------------------------
    llm_provider: Literal["offline", "databricks", "openai"] = "offline"
    llm_endpoint: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = Field(None, repr=False)
    llm_timeout_s: float = 30.0
    llm_max_steps: int = 6
    turn_budget_s: float = Field(25.0, gt=0, description="Wall-clock budget shared by every LLM step of one turn; "
                                 "past it the turn answers offline.")
    llm_cooldown_s: float = Field(60.0, ge=0, description="After an LLM failure, later turns skip the LLM this long.")
    llm_prices: dict[str, dict[str, float]] = Field(
        default_factory=dict, description='USD per 1k tokens by endpoint, e.g. {"my-endpoint": {"input": 0.003, '
        '"output": 0.015}}; "*" applies to any endpoint. Unpriced endpoints report tokens without a cost.')
    llm_tracing: bool = Field(False, description="Trace turns with MLflow (spans per node, LLM and tool call).")
    llm_history_tokens: int = Field(1500, ge=0, description="Token budget of the conversation history sent to the LLM.")

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, v: Path) -> Path:
        return Path(v).expanduser()

    @field_validator("gold_catalog", "gold_schema")
    @classmethod
    def _identifier(cls, v: str, info: ValidationInfo) -> str:
        """These names go into DDL: plain identifiers only (HM_GOLD_SCHEMA cannot carry SQL)."""
        return check_identifier(v, f"HM_{info.field_name.upper()}")

    # Derived paths (no side effects: creating folders is the caller's job).
    @property
    def system_db_path(self) -> Path:
        return self.data_dir / "system.duckdb"

    @property
    def gold_db_path(self) -> Path:
        return self.data_dir / "gold.duckdb"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "state.sqlite"

    @property
    def state_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    # -- the negotiated discount: the one place list prices become net prices ------------------------------
    @property
    def has_discount(self) -> bool:
        return bool(self.discount_pct or self.discount_by_sku_family)

    def discount_factors(self) -> tuple[float, list[tuple[str, float]]]:
        """(overall list->net multiplier, [(SKU family in upper case, its multiplier), ...] in priority order).
        A SKU whose name contains a family takes that family's factor (the first match wins)."""
        families = [(family.upper(), 1.0 - pct / 100.0) for family, pct in self.discount_by_sku_family.items()]
        return 1.0 - self.discount_pct / 100.0, families

    def net_factor(self, sku_name: str | None = None) -> float:
        """Multiplier from list to net price for a SKU (per-family discount wins)."""
        base, families = self.discount_factors()
        if sku_name:
            for family, factor in families:
                if family in sku_name.upper():
                    return factor
        return base

    def discount_summary(self) -> str:
        """How net money is derived, in words, for answers and pages."""
        if not self.has_discount:
            return "no discount configured (set HM_DISCOUNT_PCT to see net cost)"
        fams = ", ".join(f"{k} {v:g} %" for k, v in self.discount_by_sku_family.items())
        return f"negotiated discount {self.discount_pct:g} % overall{'; ' + fams if fams else ''}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env.
    A bad value is a :class:`ConfigError` naming the setting, not a traceback."""
    from pydantic import ValidationError


    try:
        return Settings()
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors())
        raise ConfigError(f"invalid setting: {problems}") from None
