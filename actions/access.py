"""Access actions: revoking a group's grant on a PII table, revoking a token with no expiry."""

from __future__ import annotations

import json
from typing import Any, Literal

from health_monitor.actions.common import (
    ActionRefused,
    Principal,
    Privilege,
    TableName,
    TokenId,
    WorkspaceId,
    finding_meta,
    without_none,
)
from health_monitor.actions.lookup import GOLD, Lookup, finding_parts
from health_monitor.actions.spec import (
    ActionParams,
    Change,
    Proposal,
    SdkPlan,
    Target,
    Verification,
)
from pydantic import Field

# === 6. revoke a grant from a group =====================================================================

class RevokeGrantParams(ActionParams):
    securable_type: Literal["table"] = "table"
    full_name: TableName
    principal: Principal
    privilege: Privilege


def propose_revoke_grant(lookup: Lookup, finding: Any) -> list[Proposal]:
    tables = set(finding_parts(finding)[3].get("table", []))
    if not tables:
        return []
    people = {r["principal"] for r in lookup.rows(f"select principal from {GOLD}.dim_user")}
    out = []
    for g in lookup.rows(f"select table_full_name, grantee, privilege_type, grantor from {GOLD}.fact_grants "
                         f"where is_pii and inherited_from is null and not is_grantable"):
        # A direct grant on a PII table to a group (not a person or a service principal that owns data).
        if g["table_full_name"] not in tables or "@" in g["grantee"] or g["grantee"] in people:
            continue
        out.append(Proposal(
            action="revoke_group_grant", title=f"Revoke {g['privilege_type']} on {g['table_full_name']} from "
            f"{g['grantee']}", risk="high",
            target=Target(kind="grant", id=f"{g['table_full_name']}/{g['grantee']}/{g['privilege_type']}",
                          name=f"{g['privilege_type']} on {g['table_full_name']} to {g['grantee']}"),
            params={"securable_type": "table", "full_name": g["table_full_name"], "principal": g["grantee"],
                    "privilege": g["privilege_type"]},
            changes=[Change(field=f"{g['grantee']} privileges", before=[g["privilege_type"]], after=[])],
            risk_removed=f"group {g['grantee']} can no longer read PII table {g['table_full_name']} "
                         f"(granted directly by {g['grantor']})",
            finding=finding_meta(finding)))
    return out


def sdk_revoke_grant(w: Any, p: RevokeGrantParams) -> SdkPlan:
    from databricks.sdk.service.catalog import PermissionsChange
    from databricks.sdk.service.catalog import Privilege as SdkPrivilege

    current = w.grants.get(securable_type=p.securable_type, full_name=p.full_name, principal=p.principal)
    wanted = SdkPrivilege(p.privilege.replace(" ", "_"))
    held = [getattr(x, "value", x) for a in (current.privilege_assignments or []) if a.principal == p.principal
            for x in (a.privileges or [])]
    if wanted.value not in held:
        raise ActionRefused(f"{p.principal} no longer holds {p.privilege} on {p.full_name}.")
    return SdkPlan("grants", "update", {"securable_type": p.securable_type, "full_name": p.full_name,
                                        "changes": [PermissionsChange(principal=p.principal, remove=[wanted])]},
                   before={"privileges": held}, after={"privileges": [h for h in held if h != wanted.value]})


def demo_revoke_grant(tx: Any, p: RevokeGrantParams) -> dict[str, Any]:
    catalog, schema, table = p.full_name.split(".")
    key = {"c": catalog, "s": schema, "t": table, "g": p.principal, "p": p.privilege}
    where = ("table_catalog = $c and table_schema = $s and table_name = $t and grantee = $g and privilege_type = $p "
             "and inherited_from is null")
    before = tx.rows(f"select grantor, grantee, privilege_type from uc_information_schema.table_privileges "
                     f"where {where}", key)
    if not before:
        raise ActionRefused(f"{p.principal} no longer holds {p.privilege} on {p.full_name}.")
    tx.con.execute(f"delete from uc_information_schema.table_privileges where {where}", key)
    ws = tx.rows("select workspace_id from access.audit where service_name = 'unityCatalog' and "
                 "request_params['securable_full_name'] = $n order by event_time desc limit 1", {"n": p.full_name})
    event = tx.audit(workspace_id=ws[0]["workspace_id"] if ws else "0", service="unityCatalog",
                     action="updatePermissions",
                     request_params={"securable_type": p.securable_type, "securable_full_name": p.full_name,
                                     "changes": json.dumps([{"principal": p.principal, "remove": [p.privilege]}])})
    return {"before": {"grants": before}, "after": {"grants": [], "audit_event_id": event}, "changed_at": tx.now}


def check_grant_gone(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    n = (rows[0] if rows else {}).get("grants") or 0
    if n:
        return Verification(status="regressed", observed={"grants": n},
                            message=f"{p.principal} holds {p.privilege} on {p.full_name} again.")
    return Verification(status="verified", observed={"grants": 0},
                        message=f"The grant is gone: {p.principal} has no direct {p.privilege} on {p.full_name}.")


# === 7. revoke a token with no expiry ===================================================================

class RevokeTokenParams(ActionParams):
    workspace_id: WorkspaceId
    created_by: Principal
    token_id: TokenId | None = Field(None, description="The token's id; omitted: the one no-expiry token of created_by.")


def propose_revoke_token(lookup: Lookup, finding: Any) -> list[Proposal]:
    users = set(finding_parts(finding)[3].get("user", []))
    if not users:
        return []
    rows = lookup.rows(f"select workspace_id, workspace_name, principal, event_time, request_params['tokenId'] as token_id "
                       f"from {GOLD}.fact_audit where action_name = 'generateDbToken' and coalesce("
                       f"request_params['lifetime_seconds'], '0') in ('0', '-1') and not is_failure")
    revoked = {r["token_id"] for r in lookup.rows(f"select request_params['tokenId'] as token_id from {GOLD}.fact_audit "
                                                  f"where action_name = 'revokeDbToken'") if r["token_id"]}
    out = []
    for r in rows:
        if r["principal"] not in users or (r["token_id"] and r["token_id"] in revoked):
            continue
        out.append(Proposal(
            action="revoke_token_without_expiry", title=f"Revoke the no-expiry token of {r['principal']}", risk="high",
            target=Target(kind="token", id=r["token_id"] or r["principal"], name=f"token {r['token_id'] or '?'} of "
                          f"{r['principal']}", workspace_id=str(r["workspace_id"]), workspace_name=r["workspace_name"]),
            params=without_none(workspace_id=str(r["workspace_id"]), created_by=r["principal"], token_id=r["token_id"]),
            changes=[Change(field="token", before="valid, never expires", after="revoked")],
            risk_removed=f"a personal access token created {r['event_time']:%Y-%m-%d %H:%M} UTC by {r['principal']} "
                         "that never expires; whatever uses it must switch to a short-lived token or OAuth",
            finding=finding_meta(finding)))
    return out


def sdk_revoke_token(w: Any, p: RevokeTokenParams) -> SdkPlan:
    tokens = [t for t in w.token_management.list(created_by_username=p.created_by)
              if (t.expiry_time in (None, -1, 0)) and (p.token_id is None or t.token_id == p.token_id)]
    if len(tokens) != 1:
        raise ActionRefused(f"Found {len(tokens)} token(s) with no expiry of {p.created_by}"
                            + ("" if tokens else " (already revoked?)") + "; give token_id to choose one.")
    t = tokens[0]
    return SdkPlan("token_management", "delete", {"token_id": t.token_id},
                   before={"token_id": t.token_id, "comment": t.comment, "expiry_time": t.expiry_time},
                   after={"token_id": t.token_id, "revoked": True})


def demo_revoke_token(tx: Any, p: RevokeTokenParams) -> dict[str, Any]:
    if p.token_id is None:
        raise ActionRefused("The demo needs the token id (it is in the audit log's generateDbToken event).")
    event = tx.audit(workspace_id=p.workspace_id, service="accounts", action="revokeDbToken",
                     request_params={"tokenId": p.token_id})
    return {"before": {"token_id": p.token_id, "state": "valid, no expiry"},
            "after": {"token_id": p.token_id, "state": "revoked", "audit_event_id": event}, "changed_at": tx.now}


def check_token_revoked(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    r = rows[0] if rows else {}
    observed = {"revocations": r.get("revocations"), "logins_after": r.get("logins_after")}
    if (r.get("revocations") or 0) == 0:
        return Verification(status="pending", observed=observed,
                            message="The revocation is not in Gold's audit facts yet: rebuild Gold.")
    if (r.get("logins_after") or 0) > 0:
        return Verification(status="regressed", observed=observed, message="The token was used after it was revoked.")
    return Verification(status="verified", observed=observed, message="The audit log shows the token revoked.")


