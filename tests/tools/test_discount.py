"""The discount is one rule: the Python factor, the Unity Catalog SQL twin and the words agree."""

from __future__ import annotations

import duckdb
import pytest
from health_monitor.tools import ddl
from health_monitor.tools.registry import get_registry

from health_monitor.core.settings import Settings

SKUS = ["PREMIUM_JOBS_COMPUTE", "PREMIUM_ALL_PURPOSE_COMPUTE", "ENTERPRISE_SERVERLESS_SQL_COMPUTE_US_EAST",
        "PREMIUM_SQL_PRO_COMPUTE", None]


@pytest.mark.parametrize("families", [{}, {"jobs": 20.0}, {"serverless": 30.0, "sql": 25.0}])
def test_sql_twin_matches_the_python_factor(families):
    settings = Settings(discount_pct=10.0, discount_by_sku_family=families)
    tool = next(t for t in get_registry() if t.sku_column)
    case = ddl._net_factor_sql(tool, settings, "t")
    con = duckdb.connect()
    for sku in SKUS:
        got = con.execute(f"select {case} from (select ?::varchar as {tool.sku_column}) t", [sku]).fetchone()[0]
        assert float(got) == pytest.approx(settings.net_factor(sku)), sku


def test_words_follow_the_settings():
    assert not Settings().has_discount and "no discount" in Settings().discount_summary()
    s = Settings(discount_pct=12.5, discount_by_sku_family={"jobs": 20})
    assert s.has_discount and s.discount_summary() == "negotiated discount 12.5 % overall; jobs 20 %"
    assert s.net_factor("PREMIUM_JOBS_COMPUTE") == pytest.approx(0.8) and s.net_factor("X") == pytest.approx(0.875)
