"""Settings: a refused save says why where it happened and never empties the tab; deleting asks first;
channel names are unique."""

from __future__ import annotations

import pytest

RULE_TEXT = "alert me on Slack when failed logins from one IP reach 3 in 24 hours"


def _settings(app):
    app.switch_page("pages/settings.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_duplicate_rule_name_is_refused_in_place_and_the_rules_stay(app) -> None:
    at = _settings(app)
    at.text_input(key="settings_rule_text").input(RULE_TEXT).run()
    at.button(key="settings_rule_nl_save").click().run()
    assert any(s.value.startswith("Saved") for s in at.success), [s.value for s in at.success]
    at.button(key="settings_rule_nl_save").click().run()  # the same rule, the same name, again
    errors = [e.value for e in at.error]
    assert any("already have an alert rule named" in e for e in errors), errors
    assert not any("Could not load alert rules" in e for e in errors), errors
    assert not at.exception
    # the rules list is still drawn under the error: one card for the saved rule
    assert len([x for x in at.expander if "failed" in x.label.lower() or "login" in x.label.lower()]) == 1


def test_deleting_a_rule_asks_for_confirmation(app) -> None:
    from health_monitor.db import make_engine
    from health_monitor.ui import store

    from health_monitor.core.settings import get_settings

    at = _settings(app)
    at.text_input(key="settings_rule_text").input(RULE_TEXT).run()
    at.button(key="settings_rule_nl_save").click().run()
    engine = make_engine(get_settings())
    (rule,) = store.rules(engine, "tester@company.com")
    confirm = at.button(key=f"settings_rule_del_{rule.id}")
    assert confirm.label == "Delete for good"  # inside the "Delete" popover: one more click to delete
    at.run()
    assert len(store.rules(engine, "tester@company.com")) == 1  # opening the page deletes nothing
    confirm.click().run()
    assert store.rules(engine, "tester@company.com") == []


def test_two_channels_cannot_share_a_name(app_env) -> None:
    from health_monitor.db import make_engine, migrate
    from health_monitor.ui import store

    from health_monitor.core.settings import get_settings

    settings = get_settings()
    engine = make_engine(settings)
    migrate(engine)
    store.save_integration(engine, settings, "tester@company.com", channel="email", name="Ops mail",
                           config={"email_to": ["ops@company.com"]}, secret=None)
    with pytest.raises(ValueError, match="already exists"):
        store.save_integration(engine, settings, "tester@company.com", channel="email", name=" ops MAIL ",
                               config={"email_to": ["x@company.com"]}, secret=None)
    assert [i.name for i in store.integrations(engine, "tester@company.com")] == ["Ops mail"]
