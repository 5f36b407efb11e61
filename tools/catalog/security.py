"""Security tools: security events, failed logins, permission changes, PII access, compliance findings,
after-hours activity, tokens, denied requests, a principal's activity."""

from __future__ import annotations

from health_monitor.tools.params import Choice, Date, Days, Hours, Name, Severity, Text, TopN
from health_monitor.tools.spec import Tool, ToolParams, columns

SEC = ("security",)

VIOLATION_TYPES = ("pii_access", "pii_grant", "token_no_expiry", "after_hours", "denied_requests",
                   "undocumented_table")


class EventsParams(ToolParams):
    start_date: Date(7, "First day")
    end_date: Date(0, "Last day, inclusive")
    severity: Severity


class HoursParams(ToolParams):
    hours: Hours(24)


class DaysParams(ToolParams):
    days: Days(7)


class Days30(ToolParams):
    days: Days(30)


class PrincipalParams(ToolParams):
    kind: Choice("service", "user", description="'service': service principals only; 'user': people only.")


class ActiveParams(PrincipalParams):
    #: "this quarter vs last quarter": a period of its own, so the count can be compared between periods.
    start_date: Date(30, "First day counted")
    end_date: Date(0, "Last day counted, inclusive")
    #: "does anyone still use the dev workspace": the people active there
    workspace: Name("workspace")


class UserDays(ToolParams):
    user: Name("user", "Principal (e-mail, service principal name) or the part before @; omit for everyone.")
    days: Days(7)


class ViolationParams(ToolParams):
    type: Choice(*VIOLATION_TYPES, description="Kind of finding.")


class DaysTop(ToolParams):
    days: Days(7)
    top_n: TopN(10)


class SearchParams(ToolParams):
    text: Text("Text to look for in principal, action, securable, detail or IP (e.g. contractors).")
    days: Days(7)


TOOLS: list[Tool] = [
    Tool(
        name="get_security_events", domain="security", agents=SEC + ("hub",), params=EventsParams,
        description="Security-relevant events between two dates (default last 7 days): failed logins, permission "
                    "changes, tokens created, PII reads, denied requests, admin actions, each with a severity. "
                    "Filter by minimum severity (low, medium, high). Use for 'any high-severity alerts today'.",
        returns=columns("event_time timestamp, workspace_name string, principal string, is_service_principal boolean, "
                        "event_type string, severity string, source_ip_address string, service_name string, "
                        "action_name string, securable_full_name string, status_code int, detail string, "
                        "is_after_hours boolean"),
        time_column="event_time",
    ),
    Tool(
        name="get_failed_auth_attempts", domain="security", agents=SEC + ("hub",), params=HoursParams,
        description="Failed login attempts (HTTP 401) in the last N hours, one row per attempt with the source IP, "
                    "principal and the number of attempts from that IP. Use for brute-force and credential checks.",
        returns=columns("event_time timestamp, workspace_name string, principal string, source_ip_address string, "
                        "user_agent string, service_name string, action_name string, status_code int, "
                        "error_message string, is_after_hours boolean, attempts_from_ip bigint"),
        time_column="event_time",
    ),
    Tool(
        name="get_permission_changes", domain="security", agents=SEC + ("governance",), params=DaysParams,
        description="Grants, revokes and permission updates in the last N days: who changed what on which "
                    "securable (e.g. a SELECT grant on a PII table to a group).",
        returns=columns("event_time timestamp, workspace_name string, principal string, service_name string, "
                        "action_name string, securable_full_name string, detail string, severity string, "
                        "is_after_hours boolean"),
        time_column="event_time",
    ),
    Tool(
        name="get_pii_access_logs", domain="security", agents=SEC + ("governance",), params=UserDays,
        description="Who read PII-tagged tables in the last N days (optionally one user): per principal and table, "
                    "number of reads, days, first/last read, distinct IPs and after-hours reads.",
        returns=columns("principal string, is_service_principal boolean, securable_full_name string, accesses bigint, "
                        "days_with_access bigint, first_access timestamp, last_access timestamp, distinct_ips bigint, "
                        "after_hours_accesses bigint"),
    ),
    Tool(
        name="get_compliance_violations", domain="security", agents=SEC + ("governance",), params=ViolationParams,
        description="Compliance findings of the last 30 days, optionally of one type: PII reads (pii_access), "
                    "grants on PII tables (pii_grant), tokens with no expiry (token_no_expiry), after-hours activity "
                    "(after_hours), repeated denied requests (denied_requests), undocumented tables.",
        returns=columns("violation_type string, severity string, subject string, detail string, last_seen timestamp, "
                        "occurrences bigint"),
    ),
    Tool(
        name="get_after_hours_activity", domain="security", agents=SEC, params=UserDays,
        description="Activity outside working hours (before 07:00 / after 20:00 UTC, weekends) in the last N days, "
                    "per principal and day with first and last event times. Use for 'did X work at night'.",
        returns=columns("event_date date, principal string, is_service_principal boolean, events bigint, "
                        "first_event timestamp, last_event timestamp, distinct_actions bigint, distinct_ips bigint, "
                        "failures bigint"),
        time_column="event_date",
    ),
    Tool(
        name="get_token_activity", domain="security", agents=SEC, params=Days30,
        description="Personal access tokens and credentials created in the last N days, by whom; a token with no "
                    "expiry is high severity.",
        returns=columns("event_time timestamp, workspace_name string, principal string, is_service_principal boolean, "
                        "action_name string, severity string, detail string, source_ip_address string"),
        time_column="event_time",
    ),
    Tool(
        name="get_denied_requests", domain="security", agents=SEC, params=DaysTop,
        description="Principals with the most denied requests (HTTP 401/403) in the last N days, with failed "
                    "logins and total events.",
        returns=columns("rank bigint, principal string, is_service_principal boolean, denied_requests bigint, "
                        "failed_logins bigint, events bigint, last_denied_date date"),
    ),
    Tool(
        name="get_user_activity", domain="security", agents=SEC, params=UserDays,
        description="What a principal did in the last N days: events per service and action with failures, "
                    "after-hours and PII reads. Use for 'what else has that principal done'.",
        returns=columns("principal string, service_name string, action_name string, events bigint, failures bigint, "
                        "after_hours_events bigint, pii_accesses bigint, first_date date, last_date date"),
    ),
    Tool(
        name="get_principal_source_ips", domain="security", agents=SEC, params=UserDays,
        description="The source IP addresses a principal (or everyone) used in the last N days, from the audit log: "
                    "events, failures and after-hours events per address, first and last seen, and whether the "
                    "address is new for that principal (unused in the 30 days before). Use for 'from what IP', "
                    "'which addresses does that account log in from', a new location for a user.",
        returns=columns("principal string, source_ip_address string, events bigint, failures bigint, "
                        "after_hours_events bigint, first_seen timestamp, last_seen timestamp, is_new_ip boolean"),
    ),
    Tool(
        name="get_principals", domain="security", agents=SEC + ("governance",), params=PrincipalParams,
        description="Every principal (person or service principal) seen in audit, billing, jobs or queries, with "
                    "when it was first and last seen and its audit events; the most recently seen first. Use for "
                    "'what service principals do we have', 'when was each account last active', dormant accounts.",
        returns=columns("principal string, is_service_principal boolean, first_seen timestamp, last_seen timestamp, "
                        "audit_events bigint, days_since_seen int"),
    ),
    Tool(
        name="get_active_principals", domain="security", agents=SEC + ("governance", "cost"), params=ActiveParams,
        description="The principals (people or service principals) active in the audit log between two dates (default "
                    "the last 30 days), optionally in one workspace: events, active days, first and last active day; the "
                    "busiest first. Use for 'how many people use the platform', 'does anyone still use the dev "
                    "workspace', active users this quarter vs last, adoption.",
        returns=columns("principal string, is_service_principal boolean, events bigint, active_days bigint, "
                        "first_active date, last_active date"),
    ),
    Tool(
        name="search_security_events", domain="security", agents=SEC + ("governance",), params=SearchParams,
        description="Security events in the last N days that mention some text in the principal, action, "
                    "securable, detail or IP (e.g. the group contractors, a table, an IP address).",
        returns=columns("event_time timestamp, workspace_name string, principal string, event_type string, "
                        "severity string, action_name string, securable_full_name string, source_ip_address string, "
                        "detail string"),
        time_column="event_time",
    ),
    Tool(
        name="get_security_summary", domain="security", agents=SEC + ("hub",), params=Days30,
        description="Security events per day, type and severity over the last N days: the trend behind the "
                    "security screen.",
        returns=columns("event_date date, event_type string, severity string, events bigint, principals bigint, "
                        "after_hours_events bigint"),
        time_column="event_date",
    ),
]
