"""The app's adapter to ``db/`` (conversations, preferences, roles, alert rules and events,
integrations) and to ``alerts/`` (rule validation, evaluate-now, test notifications).

Functions take the engine and the user explicitly; no Streamlit, no globals. Errors are the db
layer's own (``NotFound``, ``PermissionDenied``, ``StateUnavailable``, ``Conflict``) or
``alerts.rules.RuleError``: each carries a message fit to show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from health_monitor.alerts.rules import AlertRule, param_names, parse_rule
from health_monitor.db import repositories as repo
from health_monitor.db import session_scope
from health_monitor.db.crypto import SecretBox
from health_monitor.tools.registry import get_registry
from health_monitor.ui.identity import is_workspace_admin, running_as_databricks_app

#: Owner of the install's default rules (alerts.defaults.DEFAULT_OWNER): their events are everyone's.
SHARED_OWNER = "health-monitor"


# --- users & preferences --------------------------------------------------------------------------------

def ensure_user(engine: Any, user_id: str, admins: frozenset[str] = frozenset(), *,
                app: bool | None = None, workspace_admin: Callable[[str], bool] | None = None) -> str:
    """Record the user and return their role. As a Databricks App (``app``; default: detected) admins are
    ``admins`` (``HM_ADMIN_USERS``) and members of the workspace's admin group, never the first user;
    locally (one user on 127.0.0.1) the first user of the install is admin."""

    app = running_as_databricks_app() if app is None else app
    if app and user_id.lower() not in {a.lower() for a in admins}:
        if (workspace_admin or is_workspace_admin)(user_id):
            admins = frozenset({*admins, user_id})
    with session_scope(engine) as s:
        return repo.ensure_user(session=s, user_id=user_id, admins=admins, first_user_admin=not app)


def preferences(engine: Any, user_id: str) -> Any:
    with session_scope(engine) as s:
        return repo.get_preferences(session=s, user_id=user_id)


def save_preferences(engine: Any, user_id: str, **changes: Any) -> Any:
    with session_scope(engine) as s:
        return repo.set_preferences(session=s, user_id=user_id, **changes)


def roles(engine: Any, user_id: str, admins: frozenset[str] = frozenset()) -> dict[str, str]:
    with session_scope(engine) as s:
        return repo.list_roles(session=s, user_id=user_id, admins=admins)


def set_role(engine: Any, user_id: str, target: str, role: str, admins: frozenset[str] = frozenset()) -> str:
    with session_scope(engine) as s:
        return repo.set_role(session=s, user_id=user_id, target_user_id=target.strip().lower(), role=role,
                             admins=admins)


# --- conversations ---------------------------------------------------------------------------------------

def conversations(engine: Any, user_id: str, limit: int = 50) -> list[Any]:
    with session_scope(engine) as s:
        return repo.list_conversations(session=s, user_id=user_id, limit=limit)


def messages(engine: Any, user_id: str, conversation_id: str) -> list[Any]:
    with session_scope(engine) as s:
        return repo.get_messages(session=s, user_id=user_id, conversation_id=conversation_id)


def rename_conversation(engine: Any, user_id: str, conversation_id: str, title: str) -> Any:
    with session_scope(engine) as s:
        return repo.rename_conversation(session=s, user_id=user_id, conversation_id=conversation_id, title=title)


def delete_conversation(engine: Any, user_id: str, conversation_id: str) -> None:
    with session_scope(engine) as s:
        repo.delete_conversation(session=s, user_id=user_id, conversation_id=conversation_id)


# --- alert events ----------------------------------------------------------------------------------------

def alert_events(engine: Any, user_id: str, *, open_only: bool = False, limit: int = 50) -> list[Any]:
    """Events of the user's rules and of the install's shared default rules, newest first."""
    with session_scope(engine) as s:
        events = repo.list_events(session=s, user_id=user_id, open_only=open_only, limit=limit)
        if user_id != SHARED_OWNER:
            events += repo.list_events(session=s, user_id=SHARED_OWNER, open_only=open_only, limit=limit)
    return sorted(events, key=lambda e: e.last_seen_at, reverse=True)[:limit]


# --- alert rules -----------------------------------------------------------------------------------------

def _catalog(name: str) -> Any:

    reg = get_registry()
    return reg.get(name).params if name in reg else None


def check_rule(definition: Mapping[str, Any] | Any, owner: str) -> Any:
    """The rule, parsed and validated against the tool catalog; ``RuleError`` says what is wrong."""

    data = definition.model_dump() if isinstance(definition, AlertRule) else dict(definition)
    data["owner"] = owner
    data.pop("id", None)
    return parse_rule(data).validate_against(_catalog)


def rules(engine: Any, user_id: str) -> list[Any]:
    with session_scope(engine) as s:
        return repo.list_rules(session=s, user_id=user_id)


def save_rule(engine: Any, user_id: str, definition: Mapping[str, Any] | Any, *, rule_id: str | None = None,
              enabled: bool | None = None) -> Any:
    """Create (no ``rule_id``) or update a rule after validating it; returns the stored record."""
    rule = check_rule(definition, user_id)
    body = rule.model_dump(mode="json", exclude={"id"})
    with session_scope(engine) as s:
        if rule_id is None:
            return repo.create_rule(session=s, user_id=user_id, name=rule.name, definition=body,
                                    enabled=rule.enabled if enabled is None else enabled)
        return repo.update_rule(session=s, user_id=user_id, rule_id=rule_id, name=rule.name, definition=body,
                                enabled=enabled)


def set_rule_enabled(engine: Any, user_id: str, rule_id: str, enabled: bool) -> Any:
    with session_scope(engine) as s:
        return repo.update_rule(session=s, user_id=user_id, rule_id=rule_id, enabled=enabled)


def delete_rule(engine: Any, user_id: str, rule_id: str) -> None:
    with session_scope(engine) as s:
        repo.delete_rule(session=s, user_id=user_id, rule_id=rule_id)


def test_rule(definition: Mapping[str, Any] | Any, owner: str, run_tool: Callable[[str, dict[str, Any]], Any],
              now: datetime) -> list[Any]:
    """Evaluate the rule now (at the data's as-of instant): one observation per subject, firing first."""
    from health_monitor.alerts.evaluate import evaluate_rule

    rule = check_rule(definition, owner)
    accepted = param_names(_catalog(rule.measure.tool))
    rows = run_tool(rule.measure.tool, rule.tool_params(accepted, now=now))
    observations = evaluate_rule(rule, rows, now=now)
    return sorted(observations, key=lambda o: (not o.firing, -(o.value or 0)))


# --- integrations ----------------------------------------------------------------------------------------

#: The secret each channel needs, with its label (the secret is write-only: shown masked after saving).
CHANNEL_SECRETS = {"slack": ("slack_webhook_url", "Slack incoming-webhook URL"),
                   "pagerduty": ("pagerduty_routing_key", "PagerDuty routing key"),
                   "email": ("smtp_password", "SMTP password (optional)")}


def integrations(engine: Any, user_id: str) -> list[Any]:
    with session_scope(engine) as s:
        return repo.list_integrations(session=s, user_id=user_id)


def save_integration(engine: Any, settings: Any, user_id: str, *, channel: str, name: str,
                     config: Mapping[str, Any], secret: str | None, scope: str = "user",
                     admins: frozenset[str] = frozenset()) -> Any:

    secret_name = CHANNEL_SECRETS[channel][0]
    secrets = {secret_name: secret} if secret else None
    if channel == "slack" and secret:  # refuse at once what the sender would refuse: no server-side fetches
        from health_monitor.alerts.channels.base import ChannelConfig
        from health_monitor.alerts.channels.http import url_refusal

        refusal = url_refusal(secret, ChannelConfig.from_settings(settings).allowed_hosts)
        if refusal:
            raise ValueError(f"Slack webhook refused: {refusal}.")
    with session_scope(engine) as s:
        # One name, one channel: notifications and rules refer to channels by name.
        wanted = (name or channel).strip().casefold()
        if any(i.name.strip().casefold() == wanted for i in repo.list_integrations(session=s, user_id=user_id)):
            raise ValueError(f"A channel named {name or channel!r} already exists; choose another name.")
        return repo.create_integration(session=s, user_id=user_id, channel=channel, name=name, config=dict(config),
                                       secrets=secrets, box=SecretBox.from_settings(settings) if secrets else None,
                                       scope=scope, admins=admins)


def delete_integration(engine: Any, user_id: str, integration_id: str, admins: frozenset[str] = frozenset()) -> None:
    with session_scope(engine) as s:
        repo.delete_integration(session=s, user_id=user_id, integration_id=integration_id, admins=admins)


def send_test(engine: Any, settings: Any, user_id: str, integration_id: str) -> Any:
    """Send a test notification through one integration; returns the channel's ``DeliveryResult``
    (status and our own message only). Only the user's own credentials are used for their integration;
    a global one can be tested by admins only."""
    from health_monitor.alerts.service import send_test_notification

    with session_scope(engine) as s:
        info = repo.get_integration(session=s, user_id=user_id, integration_id=integration_id)
    return send_test_notification(info.channel, settings, engine=engine, user_id=user_id,
                                  integration_id=integration_id)
