"""Actions in the app: the approval card in chat (Approve / Edit / Reject), the "Actions taken" audit
table of Settings and each center (with CSV export), the admin's execution policy, and the Cost
Center's realised-vs-estimated savings. Data functions come first and import no Streamlit; the
``render_*`` functions draw. Session keys carry the ``actions_`` prefix."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from health_monitor.actions import service as actions
from health_monitor.actions.catalog import CATALOG

#: Which actions each center shows under "Actions taken" (page -> action kinds).
CENTER_ACTIONS: dict[str, tuple[str, ...]] = {
    "cost": ("set_cluster_auto_termination", "terminate_idle_cluster", "move_job_to_job_compute",
             "set_warehouse_auto_stop", "tag_cost_center"),
    "jobs": ("move_job_to_job_compute", "pause_job_schedule", "set_job_duration_rule"),
    "reliability": ("pause_job_schedule", "set_job_duration_rule"),
    "security": ("revoke_group_grant", "revoke_token_without_expiry"),
    "governance": ("revoke_group_grant", "tag_cost_center"),
}
STATUS_ICONS = {"proposed": ":material/pending:", "approved": ":material/thumb_up:", "rejected": ":material/block:",
                "executed": ":material/check_circle:", "dry_run": ":material/science:", "failed": ":material/error:",
                "verified": ":material/verified:", "regressed": ":material/undo:", "pending": ":material/schedule:"}
CSV_COLUMNS = ("action_id", "kind", "title", "risk", "status", "proposed_by", "proposed_at", "approved_by",
               "decided_at", "decision", "params", "before", "after", "executor", "run_as", "response", "error",
               "verification", "estimated_monthly_saving", "realised_monthly_saving")


# --- data ---------------------------------------------------------------------------------------------

def audit_rows(views: list[actions.ActionView]) -> list[dict[str, Any]]:
    """One row per action: who proposed and decided, when, the parameters, before/after, the executor's
    response and the verification result."""
    rows = []
    for v in views:
        decision = v.last("approved", "rejected") or {}
        outcome = v.last("executed", "failed", "dry_run") or {}
        check = v.last("verified", "regressed", "pending") or {}
        detail = outcome.get("detail") or {}
        rows.append({
            "action_id": v.id, "kind": v.kind, "title": v.title, "risk": v.risk,
            # a verification result qualifies the outcome ("executed · verification pending"), never hides it
            "status": f"{outcome['event']} · verification {v.status}" if check and outcome else v.status,
            "proposed_by": v.proposed_by, "proposed_at": v.proposed_at, "approved_by": decision.get("actor"),
            "decided_at": decision.get("at"), "decision": decision.get("event"),
            "params": json.dumps((decision.get("detail") or {}).get("params") or v.params, sort_keys=True),
            "before": json.dumps(detail.get("before"), default=str) if detail.get("before") is not None else None,
            "after": json.dumps(detail.get("after"), default=str) if detail.get("after") is not None else None,
            "executor": detail.get("executor") or v.preview.get("executor"),
            "run_as": detail.get("run_as") or v.preview.get("run_as"),
            "response": json.dumps(detail.get("response") or detail.get("request"), default=str)
            if (detail.get("response") or detail.get("request")) else None,
            "error": detail.get("error"), "verification": check.get("message"),
            "estimated_monthly_saving": v.estimated_monthly_saving,
            "realised_monthly_saving": (check.get("detail") or {}).get("realised_monthly_saving"),
        })
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()})
    return out.getvalue()


def preview_lines(card: dict[str, Any]) -> list[str]:
    """The approval card's text: what changes from -> to, the saving or risk removed, who executes."""
    p = card.get("preview") or {}
    target = p.get("target") or {}
    where = f" in {target['workspace_name']}" if target.get("workspace_name") else ""
    lines = [f"**{card['title']}** · {card['risk']} risk · {target.get('kind', '')} {target.get('name', '')}{where}"]
    for c in p.get("changes") or []:
        after = c.get("after")
        if isinstance(after, (dict, list)):
            after = json.dumps(after)
        lines.append(f"- {c['field']}: `{c.get('before') if c.get('before') is not None else 'none'}` → `{after}`")
    if card.get("estimated_monthly_saving"):
        lines.append(f"- Estimated saving: **${card['estimated_monthly_saving']:,.0f}/month**")
    if p.get("risk_removed"):
        lines.append(f"- Risk removed: {p['risk_removed']}")
    if p.get("evidence"):
        lines.append(f"- Why: {p['evidence']}")
    runner = f"Runs as {p.get('run_as', 'unknown')}"
    if p.get("dry_run"):
        runner += " — dry run only until an admin enables execution"
    lines.append(f"- {runner}.")
    return lines


# --- rendering ----------------------------------------------------------------------------------------

def _who() -> tuple[str, str]:
    import streamlit as st
    from health_monitor.ui import shell

    return shell.user_id(), str(st.session_state.get("role") or "viewer")


def render_cards(cards: list[dict[str, Any]], engine: Any, *, key: str) -> None:
    """The approval cards of one answer (Approve / Edit / Reject); the decision resumes the paused graph."""
    import streamlit as st
    from health_monitor.ui import clients

    user_id, role = _who()
    try:  # who would execute it now: this user's token (on-behalf-of-user) or the service principal
        live = actions.executor_of(clients.settings(), user_token=_user_token(),
                                   policy=actions.get_policy(engine) if engine is not None else None)
    except Exception:  # noqa: BLE001 - fall back to what the proposal recorded
        live = {}
    for card in cards:
        card = {**card, "preview": {**(card.get("preview") or {}), **live}}
        try:
            view = actions.get(engine, card["id"]) if engine is not None else None
        except Exception:  # noqa: BLE001 - the card still shows what was proposed
            view = None
        status = view.status if view else card.get("status", "proposed")
        with st.container(border=True, key=f"actions_card_{key}_{card['id'][:8]}"):
            st.markdown(f"{STATUS_ICONS.get(status, '')} **Proposed action** · status: {status}")
            st.markdown("\n".join(preview_lines(card)))
            if view is not None and view.decided:
                _flash(card["id"])
                last = view.events[-1]
                st.caption(f"{last['event']} by {last['actor']} at {last['at']:%Y-%m-%d %H:%M} UTC. {last['message']}")
                continue
            if role not in actions.DECIDERS[card["risk"]]:
                st.caption(":material/lock: Only an admin can approve this; you can share it with one "
                           f"(`health-monitor actions approve {card['id'][:8]}`).")
            spec = CATALOG[card["kind"]]
            edits: dict[str, Any] = {}
            if spec.editable:
                with st.expander("Edit", icon=":material/edit:"):
                    for name in spec.editable:
                        current = card["params"].get(name)
                        if isinstance(current, int) or current is None and name in ("minutes", "seconds"):
                            edits[name] = int(st.number_input(name.replace("_", " "), value=int(current or 0),
                                                              step=1, key=f"actions_edit_{key}_{card['id']}_{name}"))
                        else:
                            edits[name] = st.text_input(name.replace("_", " "), value=current or "",
                                                        key=f"actions_edit_{key}_{card['id']}_{name}") or None
            approve_col, reject_col = st.columns(2)
            disabled = engine is None or role not in actions.DECIDERS[card["risk"]]
            decision = None
            if approve_col.button("Approve", type="primary", icon=":material/check:", width="stretch",
                                  key=f"actions_ok_{key}_{card['id']}", disabled=disabled):
                decision = "approve"
            if reject_col.button("Reject", icon=":material/close:", width="stretch",
                                 key=f"actions_no_{key}_{card['id']}", disabled=disabled):
                decision = "reject"
            if decision:
                from health_monitor.graph.service import decide_action

                changed = {k: v for k, v in edits.items() if v != card["params"].get(k)}
                try:
                    outcome = decide_action(card["id"], decision, user_id=user_id, role=role, engine=engine,
                                            settings=clients.settings(), params=changed or None,
                                            user_token=_user_token())
                    st.session_state[f"actions_flash_{card['id']}"] = (outcome.status, outcome.message)
                    _rerun()  # redraw the card in its decided state
                except Exception as e:  # noqa: BLE001 - the refusal says why (role, allow-list, bad value)
                    st.error(str(e))


def _rerun() -> None:
    import streamlit as st
    from streamlit.errors import StreamlitInvalidLayoutContextError

    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def _flash(card_id: str) -> None:
    import streamlit as st

    status, message = st.session_state.get(f"actions_flash_{card_id}") or (None, None)
    if message:
        (st.success if status in ("executed", "rejected", "dry_run", "verified") else st.warning)(message)


def _user_token() -> str | None:
    """The signed-in user's token (Databricks Apps forward it) for on-behalf-of-user execution."""
    try:
        import streamlit as st

        return st.context.headers.get("X-Forwarded-Access-Token") or None
    except Exception:  # noqa: BLE001 - outside an app request
        return None


def render_taken(engine: Any, *, center: str | None = None, key: str = "all") -> None:
    """The "Actions taken" table (all actions, or the ones a center covers) with CSV export."""
    import streamlit as st
    from health_monitor.ui import components as ui

    st.subheader("Actions taken", anchor=False)
    if engine is None:
        st.caption("The audit trail is in the state database, which is unavailable right now.")
        return
    _verify_quietly(engine)
    views = actions.list_views(engine, kinds=CENTER_ACTIONS.get(center) if center else None)
    rows = audit_rows(views)
    if not rows:
        ui.empty_state("No actions yet.", "Ask the agents; when a finding has a fix, the chat offers it for approval.")
        return
    ui.table(rows, key=f"actions_taken_{key}", columns={
        "title": st.column_config.TextColumn("Action", width="large"), "status": "Status", "risk": "Risk",
        "proposed_by": "Proposed by", "approved_by": "Decided by", "decided_at": "Decided at",
        "estimated_monthly_saving": ui.money_col("Est. saving / month"),
        "verification": st.column_config.TextColumn("Verification", width="large")})
    st.download_button("Export CSV", to_csv(rows), file_name="actions-audit.csv", mime="text/csv",
                       on_click="ignore", icon=":material/download:", key=f"actions_csv_{key}")


def _verify_quietly(engine: Any) -> None:
    """Verify executed actions against the current Gold (a no-op until Gold is rebuilt after a change; a
    result is appended only when it differs from the last one)."""
    from health_monitor.ui import clients

    try:
        actions.verify(engine, clients.warehouse())
    except Exception:  # noqa: BLE001 - verification is best effort here; the CLI reports its errors
        pass


def render_policy(engine: Any) -> None:
    """Admins: which actions may run, and whether a real account is changed or only dry-run."""
    import streamlit as st

    user_id, role = _who()
    policy = actions.get_policy(engine)
    with st.form("actions_policy"):
        execute = st.toggle("Execute approved actions on the real account (off: dry run only)",
                            value=policy.execute_on_real, disabled=role != "admin")
        allowed = st.multiselect("Actions that may run", list(CATALOG), default=policy.allowed or list(CATALOG),
                                 format_func=lambda n: CATALOG[n].title, disabled=role != "admin")
        if st.form_submit_button("Save", disabled=role != "admin"):
            actions.set_policy(engine, user_id=user_id, role=role, execute_on_real=execute,
                               allowed=None if set(allowed) == set(CATALOG) else allowed)
            st.success("Saved.", icon=":material/check:")
    if role != "admin":
        st.caption("Only an admin can change this.")


def render_savings(engine: Any) -> None:
    """Cost Center: realised against estimated monthly savings of the actions carried out."""
    import streamlit as st

    if engine is None:
        return
    s = actions.savings_summary(engine)
    if not s["executed"]:
        return
    left, right = st.columns(2)
    left.metric("Estimated saving of actions taken", f"${s['estimated']:,.0f}/month", border=False,
                help=f"{s['executed']} action(s) carried out")
    right.metric("Realised so far", f"${s['realised']:,.0f}/month" if s["realised"] is not None else "not measured yet",
                 border=False, help="Billing after each change against the 30 days before it, once 7 days of "
                                    "billing exist after the change.")


def attach_to_transcript(engine: Any, conversation_id: str | None, entries: list[dict[str, Any]]) -> None:
    """A reopened conversation shows its proposed actions again, under its last answer."""
    answers = [e for e in entries if e.get("role") == "assistant"]
    if engine is None or not conversation_id or not answers:
        return
    from health_monitor.graph.service import action_card

    views = actions.list_views(engine, conversation_id=conversation_id)
    if views:
        answers[-1]["actions"] = [action_card(v) for v in reversed(views)]


def render_center(center: str) -> None:
    """A center's "Actions taken" section (the pages' one call)."""
    from health_monitor.ui import clients
    from health_monitor.ui.errors import guarded

    engine, _ = clients.engine_or_problem()
    with guarded("the actions taken"):
        render_taken(engine, center=center, key=center)


def render_settings_tab(engine: Any) -> None:
    """Settings → Actions: the execution policy (admins) and the whole audit trail."""
    render_policy(engine)
    render_taken(engine, key="settings")
