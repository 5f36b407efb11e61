"""Config identifiers never reach DDL as raw text: HM_GOLD_CATALOG/HM_GOLD_SCHEMA are validated when
settings load, and the catalog's function DDL quotes every part of a name."""

from __future__ import annotations

import pytest
from health_monitor.tools.ddl import catalog_ddl
from health_monitor.tools.registry import get_registry
from pydantic import ValidationError

from health_monitor.core.identifiers import check_identifier, qualified, quote
from health_monitor.core.settings import Settings

ATTACKS = ["health; DROP SCHEMA main.finance CASCADE; --", "x`.`y", "a b", "", "1abc", "health.monitor",
           "name\n", "ümlaut"]


@pytest.mark.parametrize("bad", ATTACKS)
def test_bad_gold_names_are_refused_when_settings_load(bad, monkeypatch):
    monkeypatch.setenv("HM_GOLD_SCHEMA", bad)
    with pytest.raises(ValidationError, match="HM_GOLD_SCHEMA must be a plain identifier"):
        Settings()
    with pytest.raises(ValidationError, match="HM_GOLD_CATALOG must be a plain identifier"):
        Settings(gold_catalog=bad, gold_schema="ok")


@pytest.mark.parametrize("bad", ATTACKS)
def test_quote_refuses_what_it_cannot_quote_safely(bad):
    with pytest.raises(ValueError, match="plain identifier"):
        quote(bad)


def test_good_names_are_quoted():
    assert check_identifier("health_monitor_dev") == "health_monitor_dev"
    assert qualified("main", "health_monitor", "get_failed_jobs") == "`main`.`health_monitor`.`get_failed_jobs`"


def test_every_function_statement_names_its_target_quoted():
    stmts = catalog_ddl(get_registry(), Settings(gold_catalog="ops", gold_schema="hm_prod"))
    assert stmts and all(ddl.startswith(f"CREATE OR REPLACE FUNCTION `ops`.`hm_prod`.`{name}`(")
                         for name, ddl in stmts)


def test_the_cli_reports_a_bad_gold_schema_in_one_line(monkeypatch, capsys):
    from health_monitor.cli import main
    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_GOLD_SCHEMA", "x; drop schema y")
    get_settings.cache_clear()
    try:
        assert main(["alerts", "list"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert err.startswith("error: invalid setting: gold_schema") and "Traceback" not in err
