"""All repository functions in one namespace: ``from db import repositories as repo``.

Every function takes keyword-only arguments, the session first (``repo.add_message(session=s, ...)``);
user-facing ones take ``user_id`` and only ever touch that user's rows.
"""

from health_monitor.db.access import configured_admins, ensure_user, get_role, is_admin, list_roles, set_role
from health_monitor.db.alerts_repo import (
    create_rule,
    delete_rule,
    due_deliveries,
    fire_event,
    get_event,
    get_rule,
    list_all_enabled_rules,
    list_deliveries,
    list_events,
    list_rules,
    open_event_for,
    open_events,
    record_delivery,
    refresh_event,
    resolve_event,
    seed_rules,
    update_rule,
)
from health_monitor.db.conversations import (
    add_message,
    archive_conversation,
    create_conversation,
    delete_conversation,
    get_conversation,
    get_messages,
    list_conversations,
    recent_context,
    rename_conversation,
    set_conversation_agent,
)
from health_monitor.db.integrations import (
    create_integration,
    delete_integration,
    delete_secret,
    delivery_secrets,
    get_integration,
    list_enabled_integrations,
    list_integrations,
    set_secret,
    update_integration,
)
from health_monitor.db.preferences import get_preferences, set_preferences

__all__ = [
    "add_message", "archive_conversation", "configured_admins", "create_conversation", "create_integration",
    "create_rule", "delete_conversation", "delete_integration", "delete_rule", "delete_secret",
    "delivery_secrets", "due_deliveries", "ensure_user", "fire_event", "get_conversation", "get_event",
    "get_integration", "get_messages", "get_preferences", "get_role", "get_rule", "is_admin",
    "list_all_enabled_rules", "list_conversations", "list_deliveries", "list_enabled_integrations",
    "list_events", "list_integrations", "list_roles", "list_rules", "open_event_for", "open_events",
    "recent_context", "record_delivery", "refresh_event", "rename_conversation", "resolve_event",
    "seed_rules", "set_conversation_agent", "set_preferences", "set_role", "set_secret",
    "update_integration", "update_rule",
]
