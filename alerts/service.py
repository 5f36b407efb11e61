"""What the CLI, the scheduled job, the Settings page and the chat call: one function per user action.

    install_default_rules(engine, owner)                      # once per install (later calls do nothing)
    report = evaluate_all(settings, engine=engine, warehouse=wh)  # the job: rules -> events -> channels
    observations = test_rule(rule, executor=executor)          # "Test": evaluate now, show the values
    record = save_rule(engine, user_id, rule)                  # refuses bad rules (RuleError, readable)
    proposal = propose_from_text(text, user_id)                 # plain language -> rule to confirm
    result = send_test_notification("slack", settings, engine=engine, user_id=user_id)

Rules are checked against the live tool catalog (:func:`tools.registry.get_registry`) when saved and
again before each evaluation (a tool may have been renamed since). Evaluation time is the data's as-of
instant, never the wall clock. Notifications go through :class:`~alerts.integrations.IntegrationNotifier`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from health_monitor.alerts.channels import REGISTRY as CHANNELS
from health_monitor.alerts.channels.base import ChannelConfig, DeliveryResult, Notification
from health_monitor.alerts.defaults import DEFAULT_OWNER, default_rules
from health_monitor.alerts.evaluate import (
    EvaluationReport,
    Notifier,
    Observation,
    RuleEvaluationError,
    evaluate_rule,
    run_evaluation,
)
from health_monitor.alerts.integrations import (
    IntegrationNotifier,
    channel_config,
    install_level_owners,
    integration_values,
    user_channel_config,
)
from health_monitor.alerts.nl_rules import Proposal, propose_rule
from health_monitor.alerts.rules import (
    DATE_RANGE_PARAMS,
    WINDOW_PARAMS,
    AlertRule,
    RuleError,
    param_names,
    parse_rule,
)
from health_monitor.alerts.sql_store import SqlAlertStore
from health_monitor.db import repositories as repo
from health_monitor.db import session_scope
from health_monitor.db.crypto import SecretBox
from health_monitor.db.errors import PermissionDenied
from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.registry import get_registry
from sqlalchemy import Engine

#: Row cap of one tool call during evaluation: counts must not be cut short by the page-sized default.
EVAL_MAX_ROWS = 50_000


# --- the catalog ------------------------------------------------------------------------------------

def catalog_of(registry: Any = None) -> Callable[[str], Any]:
    """``name -> parameter model`` (None for an unknown tool) of the tool registry."""
    if registry is None:

        registry = get_registry()

    def lookup(name: str) -> Any:
        return registry.get(name).params if name in registry else None

    return lookup


def validate_rule(rule: AlertRule | Mapping[str, Any], *, registry: Any = None) -> AlertRule:
    """Parse and check a rule against the catalog; :class:`RuleError` says which field and how to fix it."""
    return parse_rule(rule).validate_against(catalog_of(registry))


def fit_to_catalog(rule: AlertRule, *, registry: Any = None) -> tuple[AlertRule, list[str]]:
    """Drop a window the rule's tool cannot take (e.g. get_slow_queries covers a fixed 7 days)."""
    schema = catalog_of(registry)(rule.measure.tool)
    if schema is None or rule.window is None:
        return rule, []
    accepted = param_names(schema)
    if rule.window.param is None and not any(p in accepted for p in WINDOW_PARAMS) \
            and not all(p in accepted for p in DATE_RANGE_PARAMS):
        return (rule.model_copy(update={"window": None}),
                [f"{rule.measure.tool} takes no time window; '{rule.window.text()}' is ignored"])
    return rule, []


# --- rules in the database ------------------------------------------------------------------------------

def _definition(rule: AlertRule, owner: str) -> dict[str, Any]:
    return rule.model_dump(mode="json", exclude={"id", "enabled"}) | {"owner": owner}


def rule_from_record(record: Any) -> AlertRule:
    """The :class:`AlertRule` of a stored rule (``db.records.Rule``): storage id, name, owner, enabled."""
    data = {**dict(record.definition), "id": record.id, "name": record.name, "owner": record.owner,
            "enabled": record.enabled}
    return parse_rule(data)


def install_default_rules(engine: Engine, owner: str = DEFAULT_OWNER) -> list[Any]:
    """Store the default rules for ``owner`` once per install; returns the rules added (none after the first
    call, so a default a user deleted stays deleted)."""

    with session_scope(engine) as s:
        return repo.seed_rules(session=s, owner=owner,
                               rules=[(r.name, _definition(r, owner)) for r in default_rules(owner)])


def save_rule(engine: Engine, user_id: str, rule: AlertRule | Mapping[str, Any] | Proposal, *,
              rule_id: str | None = None, registry: Any = None) -> Any:
    """Create (or, with ``rule_id``, replace) one of ``user_id``'s rules; returns the stored record.

    Refused with :class:`RuleError` (unknown tool or parameter, threshold not a number, unknown comparator,
    ...) or ``db.Conflict`` (the user already has a rule of that name); nothing is stored then.
    """

    if isinstance(rule, Proposal):
        rule = rule.rule
    checked = validate_rule(rule, registry=registry)
    definition = _definition(checked, user_id)
    with session_scope(engine) as s:
        if rule_id is None:
            return repo.create_rule(session=s, user_id=user_id, name=checked.name, definition=definition,
                                    enabled=checked.enabled)
        return repo.update_rule(session=s, user_id=user_id, rule_id=rule_id, name=checked.name,
                                definition=definition, enabled=checked.enabled)


@dataclass(frozen=True)
class StoredRule:
    """A stored rule for display: the record, the parsed rule (None when it no longer parses) and a sentence."""

    record: Any
    rule: AlertRule | None
    summary: str
    error: str | None = None


def user_rules(engine: Engine, user_id: str) -> list[StoredRule]:
    """``user_id``'s rules, each with its one-sentence description (or why it cannot be read)."""

    with session_scope(engine) as s:
        records = repo.list_rules(session=s, user_id=user_id)
    out = []
    for record in records:
        try:
            rule = rule_from_record(record)
            out.append(StoredRule(record, rule, rule.describe()))
        except RuleError as e:
            out.append(StoredRule(record, None, "", str(e)))
    return out


def propose_from_text(text: str, user_id: str | None = None, *, registry: Any = None) -> Proposal:
    """A rule from plain language, fitted to and checked against the catalog; nothing is saved.

    Raises ``RuleNotUnderstood`` (no known shape: the message suggests one) or :class:`RuleError`.
    """
    proposal = propose_rule(text, owner=user_id)
    rule, notes = fit_to_catalog(proposal.rule, registry=registry)
    rule = validate_rule(rule, registry=registry)
    return Proposal(rule=rule, summary=rule.describe(), notes=[*proposal.notes, *notes])


# --- evaluation ---------------------------------------------------------------------------------------------

class ToolFailed(RuleEvaluationError):
    """The rule's tool answered with an error (the executor's message)."""


def _runner(executor: Any, warnings: list[str] | None = None) -> Callable[[str, dict[str, Any]], list[dict]]:
    def run_tool(name: str, params: dict[str, Any]) -> list[dict]:
        result = executor.run(name, params, max_rows=EVAL_MAX_ROWS)
        if not result.ok:
            raise ToolFailed(result.error or f"{name} failed")
        if result.truncated and warnings is not None:
            warnings.append(f"{name}: more than {EVAL_MAX_ROWS} rows; counts may be low")
        return result.rows

    return run_tool


def data_now(executor: Any) -> datetime:
    """The data's as-of instant (aware UTC): what "now" means for alerts."""
    as_of, _ = executor.as_of()
    return as_of if as_of.tzinfo else as_of.replace(tzinfo=timezone.utc)


def test_rule(rule: AlertRule | Mapping[str, Any], *, executor: Any, now: datetime | None = None) -> list[Observation]:
    """Evaluate ``rule`` now, without storing or sending anything: one observation per subject.

    Raises :class:`RuleError` (the rule does not fit the catalog) or :class:`RuleEvaluationError` (the tool
    failed or its rows lack a column the rule reads).
    """
    checked = validate_rule(rule, registry=executor.registry)
    now = now or data_now(executor)
    params = checked.tool_params(param_names(executor.registry.get(checked.measure.tool).params), now=now)
    return evaluate_rule(checked, _runner(executor)(checked.measure.tool, params), now=now)


test_rule.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported into one


def load_enabled_rules(engine: Engine, registry: Any = None) -> tuple[list[AlertRule], list[dict[str, str]]]:
    """Every enabled stored rule and the problems of those that cannot run. A rule that no longer fits the
    catalog comes back disabled (its open alerts stay open; pending deliveries still find it)."""

    catalog = catalog_of(registry)
    with session_scope(engine) as s:
        records = repo.list_all_enabled_rules(session=s)
    rules, errors = [], []
    for record in records:
        try:
            rule = rule_from_record(record)
        except RuleError as e:
            errors.append({"rule": record.name, "error": f"RuleError: {e}"})
            continue
        try:
            rule.validate_against(catalog)
        except RuleError as e:
            errors.append({"rule": rule.name, "error": f"RuleError: {e}"})
            rule = rule.model_copy(update={"enabled": False})
        rules.append(rule)
    return rules, errors


def evaluate_all(settings: Any, *, engine: Engine, warehouse: Any, now: datetime | None = None,
                 notifier: Notifier | None = None, executor: Any = None) -> EvaluationReport:
    """Evaluate every enabled rule of every user, store events and deliveries, notify new firings and
    recoveries, retry failed deliveries. Never raises for one rule: its problem is in ``report.errors``.

    ``engine`` must be migrated (``db.migrate``). ``now`` defaults to the data's as-of instant.
    """
    if executor is None:

        executor = ToolExecutor(warehouse, settings)
    rules, errors = load_enabled_rules(engine, executor.registry)
    now = now or data_now(executor)
    notifier = notifier or IntegrationNotifier.from_engine(settings, engine)
    warnings: list[str] = []
    report = run_evaluation(rules, _runner(executor, warnings), SqlAlertStore(engine), notifier, now,
                            catalog=catalog_of(executor.registry))
    report.errors[:0] = errors
    report.errors += [{"rule": "(integration)", "error": p} for p in getattr(notifier, "problems", ())]
    report.errors += [{"rule": "(warning)", "error": w} for w in warnings]
    return report


# --- channels ----------------------------------------------------------------------------------------------

def send_test_notification(channel: str, settings: Any, *, engine: Engine | None = None, user_id: str | None = None,
                           integration_id: str | None = None, config: ChannelConfig | None = None,
                           at: datetime | None = None) -> DeliveryResult:
    """Send "this is a test" to one channel and say what happened (never raises for a delivery problem).

    Channel settings: ``config`` if given; else ``integration_id`` (one of ``user_id``'s own, or a global
    integration when ``user_id`` is install-level); else what ``user_id``'s rules would use (only their own
    integrations unless they are install-level). A PagerDuty test is resolved right after it is triggered,
    so it opens no lasting incident. Results carry a status and our own message, never a remote reply.
    """
    if channel not in CHANNELS:
        return DeliveryResult(ok=False, attempts=0, error=f"unknown channel {channel!r}; known: {', '.join(CHANNELS)}")
    if config is None:
        if integration_id is not None:

            try:
                config = _integration_config(settings, engine, user_id, integration_id)
            except PermissionDenied as e:
                return DeliveryResult(ok=False, attempts=0, permanent=True, error=str(e))
        elif engine is not None:
            config = IntegrationNotifier.from_engine(settings, engine).config_for(user_id, channel)
            if config is None:
                return DeliveryResult(ok=False, attempts=0, permanent=True,
                                      error=f"{user_id} has no {channel} integration of their own: add one in Settings")
        else:
            config = channel_config(settings)
    at = at or datetime.now(timezone.utc)
    note = Notification(kind="trigger", rule_name="Test notification", dedup_key=f"hm-test-{channel}-{at:%Y%m%d%H%M%S}",
                        severity="info", subject=None, value=None, threshold=None, at=at, owner=user_id,
                        message="A test from Health Monitor: alerts for your rules will arrive here.")
    sender = CHANNELS[channel](config)
    result = sender.send(note)
    if channel == "pagerduty" and result.ok:
        sender.send(Notification(**{**note.__dict__, "kind": "resolve"}))
    return result


def _integration_config(settings: Any, engine: Engine | None, user_id: str | None, integration_id: str
                        ) -> ChannelConfig:
    """One stored integration's settings: a user's own with only what they supplied; a global one (over
    ``HM_ALERT_*``) for install-level users only, so a viewer cannot make the install send anything."""

    if engine is None or user_id is None:
        raise ValueError("testing a stored integration needs engine and user_id")
    with session_scope(engine) as s:
        info = repo.get_integration(session=s, user_id=user_id, integration_id=integration_id)
        secrets = (repo.delivery_secrets(session=s, integration_id=info.id, box=SecretBox.from_settings(settings))
                   if info.secrets else {})
    if info.owner is None:
        if user_id.lower() not in install_level_owners(settings, engine):
            raise PermissionDenied("Only an admin can send through a global integration.")
        return channel_config(settings, integration_values(info.channel, info.config, secrets, install_level=True))
    return user_channel_config(settings, integration_values(info.channel, info.config, secrets))
