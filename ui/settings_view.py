"""Settings tabs: profile, alert rules, users and roles, integrations. Data through :mod:`ui.store`;
session keys carry the ``settings_`` prefix."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import streamlit as st
from health_monitor.alerts.nl_rules import RuleNotUnderstood, propose_rule
from health_monitor.alerts.rules import describe_rule, parse_rule
from health_monitor.db.access import configured_admins
from health_monitor.db.errors import StateError
from health_monitor.ui import clients, shell, store
from health_monitor.ui import components as ui
from health_monitor.ui import theme as theme_view
from health_monitor.ui.formatting import when

REFRESH_CHOICES = {0: "Off", 30: "Each page's default (30 s – 15 min)", 60: "At most every minute",
                   300: "At most every 5 minutes", 900: "At most every 15 minutes"}
RULE_EXAMPLE = "alert me on Slack when failed logins from one IP reach 3 in 24 hours"


@lru_cache(maxsize=1)
def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def _admins() -> frozenset[str]:

    return configured_admins(clients.settings())


# --- profile -----------------------------------------------------------------------------------------------

def profile(engine: Any) -> None:
    p = shell.prefs()
    zones = _zones()
    with st.form("settings_profile"):
        name = st.text_input("Display name", value=p.display_name or "", placeholder=shell.user().display_name)
        tz = st.selectbox("Time zone", zones, index=zones.index(p.timezone) if p.timezone in zones else
                          zones.index("UTC"), help="Times on every screen are shown in this zone.")
        # Radios, not segmented controls: a selected segment draws the primary colour as text on its own
        # tint, which no red can make readable in the dark theme while white-on-red buttons stay readable.
        themes = ["system", "light", "dark"]
        theme = st.radio("Theme", themes, index=themes.index(p.theme) if p.theme in themes else 0, horizontal=True,
                         format_func=str.title, help="Applied when you save, and on every device you "
                                                                 "sign in from. System follows your device.")
        current = 30 if p.updated_at is None else p.refresh_seconds
        refresh = st.selectbox("Auto-refresh", list(REFRESH_CHOICES), format_func=REFRESH_CHOICES.get,
                               index=list(REFRESH_CHOICES).index(current) if current in REFRESH_CHOICES else 1)
        if st.form_submit_button("Save profile", type="primary"):
            saved = store.save_preferences(engine, shell.user_id(), display_name=name.strip() or None, timezone=tz,
                                           theme=theme or "system", refresh_seconds=int(refresh))
            shell.set_prefs(saved)
            st.success("Profile saved.", icon=":material/check:")
            theme_view.follow_preference(saved.theme, force=True)
    st.caption(f"Signed in as {shell.user_id()} ({shell.user().source}); role: {st.session_state.get('role')}.")


# --- alert rules -------------------------------------------------------------------------------------------

def _run_tool_rows(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    res = clients.executor().run(name, params)
    if not res.ok:
        raise ValueError(res.error)
    return res.rows


def _show_test(definition: Any) -> None:
    as_of, _ = shell.as_of()
    observations = store.test_rule(definition, shell.user_id(), _run_tool_rows, as_of)
    if not observations:
        st.info("The rule sees no rows right now: it would not fire.", icon=":material/notifications_off:")
        return
    firing = [o for o in observations if o.firing]
    (st.warning if firing else st.success)(
        f"{len(firing)} of {len(observations)} subject(s) would fire now (data as of {as_of:%Y-%m-%d %H:%M} UTC).")
    ui.table([{"subject": o.subject or "(all)", "value": o.value, "threshold": o.threshold, "baseline": o.baseline,
               "firing": o.firing, "message": o.message} for o in observations[:50]], key=None,
             columns={"subject": "Subject", "value": ui.number_col("Value", "%.2f"),
                      "threshold": ui.number_col("Threshold", "%.2f"), "baseline": ui.number_col("Baseline", "%.2f"),
                      "firing": st.column_config.CheckboxColumn("Fires"), "message": "Message"})


def rules(engine: Any) -> None:
    st.markdown("**New rule from plain language**")
    text = st.text_input("Describe the alert", placeholder=RULE_EXAMPLE, key="settings_rule_text")
    if text:

        try:
            proposal = propose_rule(text, owner=shell.user_id())
            st.info(proposal.summary, icon=":material/notifications_active:")
            for note in proposal.notes:
                st.caption(note)
            test_col, save_col = st.columns(2)
            if test_col.button("Test now", key="settings_rule_nl_test"):
                _show_test(proposal.rule)
            if save_col.button("Save rule", type="primary", key="settings_rule_nl_save"):
                _json_action(proposal.rule, lambda d: (store.save_rule(engine, shell.user_id(), d),
                                                       st.success(f"Saved {proposal.rule.name!r}.")))
        except RuleNotUnderstood as e:
            st.error(str(e), icon=":material/help:")

    with st.expander("New rule as JSON (advanced)"):
        body = st.text_area("Rule definition", height=220, key="settings_rule_json",
                            placeholder='{"name": "...", "measure": {"tool": "get_failed_jobs", "value": '
                                        '{"aggregate": "count", "subject": "job_name"}}, "comparator": ">=", '
                                        '"threshold": 3, "window": {"amount": 24, "unit": "hours"}}')
        a, b = st.columns(2)
        if a.button("Validate and test", key="settings_rule_json_test") and body:
            _json_action(body, lambda d: _show_test(d))
        if b.button("Save", type="primary", key="settings_rule_json_save") and body:
            _json_action(body, lambda d: (store.save_rule(engine, shell.user_id(), d), st.success("Rule saved.")))

    st.markdown("**Your rules**")
    mine = store.rules(engine, shell.user_id())
    if not mine:
        ui.empty_state("You have no alert rules yet.", "Describe one above, or ask in the chat: "
                                                       f"“{RULE_EXAMPLE}”.", icon=":material/notifications:")
    for rule in mine:
        _rule_card(engine, rule)


def _json_action(body: Any, action: Any) -> None:
    """Run ``action`` on a rule (JSON text or an already parsed rule); any refusal (invalid rule, a name
    already taken) shows under the button and the rest of the tab stays."""
    if isinstance(body, str):
        try:
            definition = json.loads(body)
        except json.JSONDecodeError as e:
            st.error(f"Not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}.")
            return
    else:
        definition = body
    try:
        action(definition)
    except Exception as e:  # noqa: BLE001 - RuleError and db errors carry the message to show
        st.error(str(e), icon=":material/rule:")


def _rule_card(engine: Any, rule: Any) -> None:

    try:
        sentence = describe_rule(parse_rule({**rule.definition, "name": rule.name}))
    except Exception as e:  # noqa: BLE001 - an old or hand-edited definition: still listed, editable
        sentence = f"(This rule no longer validates: {e})"
    with st.expander(rule.name, icon=":material/notifications_active:" if rule.enabled else ":material/notifications_off:"):
        st.write(sentence)
        st.caption(f"Updated {when(rule.updated_at, shell.tz())}")
        enabled = st.toggle("Enabled", value=rule.enabled, key=f"settings_rule_on_{rule.id}")
        if enabled != rule.enabled:
            store.set_rule_enabled(engine, shell.user_id(), rule.id, enabled)
            st.rerun()
        body = st.text_area("Definition (JSON)", json.dumps({**rule.definition, "name": rule.name}, indent=2),
                            height=200, key=f"settings_rule_body_{rule.id}")
        a, b, c = st.columns(3)
        if a.button("Test now", key=f"settings_rule_test_{rule.id}"):
            _json_action(body, lambda d: _show_test(d))
        if b.button("Save changes", key=f"settings_rule_save_{rule.id}"):
            _json_action(body, lambda d: (store.save_rule(engine, shell.user_id(), d, rule_id=rule.id),
                                          st.success("Saved.")))
        with c.popover("Delete", icon=":material/delete:"):
            st.write(f"Delete the rule **{rule.name}** and its alert history?")
            if st.button("Delete for good", type="primary", key=f"settings_rule_del_{rule.id}"):
                store.delete_rule(engine, shell.user_id(), rule.id)
                st.rerun()


# --- users & roles -----------------------------------------------------------------------------------------

def roles(engine: Any) -> None:
    if not shell.is_admin():
        st.info(f"Your role is **{st.session_state.get('role', 'viewer')}**. Only an admin can see and change "
                "other users' roles.", icon=":material/lock:")
        return
    current = store.roles(engine, shell.user_id(), _admins())
    ui.table([{"user": u, "role": r} for u, r in current.items()], key="settings_roles_table",
             columns={"user": "User", "role": "Role"})
    with st.form("settings_role_form"):
        target = st.text_input("User e-mail", placeholder="someone@company.com")
        role = st.radio("Role", ["viewer", "admin"], horizontal=True)
        if st.form_submit_button("Set role", type="primary") and target.strip():
            store.set_role(engine, shell.user_id(), target, role or "viewer", _admins())
            st.success(f"{target.strip()} is now {role}.")


# --- integrations ------------------------------------------------------------------------------------------

def integrations(engine: Any) -> None:
    items = store.integrations(engine, shell.user_id())
    if not items:
        ui.empty_state("No notification channels yet.", "Add Slack, e-mail or PagerDuty below; secrets are stored "
                                                        "encrypted and shown masked.", icon=":material/hub:")
    for it in items:
        mine = it.owner == shell.user_id()
        editable = mine or (it.is_global and shell.is_admin())
        with st.container(border=True):
            scope = "everyone (global)" if it.is_global else "you"
            st.markdown(f"**{it.name}** · {it.channel} · for {scope}")
            shown = {**it.config, **it.secrets}
            st.caption(", ".join(f"{k}: {v}" for k, v in shown.items()) or "no settings")
            a, b = st.columns(2)
            if a.button("Send test", key=f"settings_int_test_{it.id}", icon=":material/send:"):
                result = store.send_test(engine, clients.settings(), shell.user_id(), it.id)
                if result.ok:
                    st.success(f"Test notification sent (status {result.status}).")
                else:
                    st.error(f"The test failed: {result.error}")
            if editable:
                with b.popover("Delete", icon=":material/delete:"):
                    st.write(f"Delete the channel **{it.name}**? Rules that notify it will no longer reach it.")
                    if st.button("Delete for good", type="primary", key=f"settings_int_del_{it.id}"):
                        store.delete_integration(engine, shell.user_id(), it.id, _admins())
                        st.rerun()

    st.markdown("**Add a channel**")
    channel = st.radio("Channel", list(store.CHANNEL_SECRETS), horizontal=True,
                       format_func={"slack": "Slack", "email": "E-mail", "pagerduty": "PagerDuty"}.get,
                       key="settings_int_channel") or "slack"
    with st.form("settings_int_form", clear_on_submit=True):
        name = st.text_input("Name", value=channel.title())
        secret_name, secret_label = store.CHANNEL_SECRETS[channel]
        secret = st.text_input(secret_label, type="password", help="Stored encrypted; shown masked afterwards.")
        config: dict[str, Any] = {}
        if channel == "email":
            to = st.text_input("Recipients (comma-separated)", value=shell.user_id())
            host = st.text_input("SMTP host", placeholder="smtp.company.com")
            port = st.number_input("SMTP port", value=587, min_value=1, max_value=65535)
            config = {"email_to": [t.strip() for t in to.split(",") if t.strip()], "smtp_host": host or None,
                      "smtp_port": int(port)}
        scope = "user"
        if shell.is_admin():
            scope = "global" if st.checkbox("Share with everyone (global)") else "user"
        if st.form_submit_button("Add channel", type="primary"):
            if channel != "email" and not secret:
                st.error(f"{secret_label} is required.")
            else:
                try:
                    store.save_integration(engine, clients.settings(), shell.user_id(), channel=channel, name=name,
                                           config={k: v for k, v in config.items() if v is not None},
                                           secret=secret or None, scope=scope, admins=_admins())
                except (ValueError, StateError) as e:  # a name in use, a refused webhook host, a missing key
                    st.error(str(e), icon=":material/block:")
                else:
                    st.success(f"Added {name}. The secret is stored encrypted.")
                    st.rerun()
