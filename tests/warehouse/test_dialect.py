"""Each Databricks-vs-DuckDB difference of stack-notes.md, pinned by running prepared SQL on DuckDB."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest
from health_monitor.warehouse.base import only_used
from health_monitor.warehouse.dialect import NameMap, prepare, referenced_params

DUCK = NameMap.for_duckdb()


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("SET TimeZone = 'UTC'")
    yield c
    c.close()


def run(con, sql: str, params: dict | None = None):
    text = prepare(sql, "duckdb", DUCK)
    bound = only_used(params, referenced_params(sql)) if params else {}
    return con.execute(text, bound or None).fetchall()


def one(con, sql: str, params: dict | None = None):
    return run(con, sql, params)[0]


def test_decimal_product_cast_to_double_does_not_overflow(con):
    sql = """
        select sum(cast(q as double) * cast(p as double)) as cost
        from (select cast(123456.123456789012345678 as decimal(38,18)) as q,
                     cast(0.55 as decimal(38,18)) as p)
    """
    (cost,) = one(con, sql)
    assert isinstance(cost, float)
    assert cost == pytest.approx(123456.123456789 * 0.55)


def test_struct_field_named_default_is_quoted(con):
    sql = "select cast(pricing.effective_list.default as double) from (select named_struct('effective_list', named_struct('default', 0.4)) as pricing)"
    assert one(con, sql)[0] == pytest.approx(0.4)


@pytest.mark.parametrize(("unit", "a", "b", "expected"), [
    ("HOUR", "2026-01-01 00:59:00", "2026-01-01 01:01:00", 0),
    ("HOUR", "2026-01-01 00:00:00", "2026-01-01 02:59:59", 2),
    ("MINUTE", "2026-01-01 00:00:59", "2026-01-01 00:01:00", 0),
    ("DAY", "2026-01-01 23:00:00", "2026-01-02 01:00:00", 0),
    ("SECOND", "2026-01-01 00:00:00", "2026-01-01 00:01:30", 90),
])
def test_timestampdiff_counts_whole_units_elapsed(con, unit, a, b, expected):
    sql = f"select timestampdiff({unit}, TIMESTAMP'{a}', TIMESTAMP'{b}')"
    assert one(con, sql)[0] == expected


def test_collect_list_of_nothing_is_empty_array_and_size_zero(con):
    sql = """
        select collect_list(x) as l, size(collect_list(x)) as n, collect_set(x) as s
        from (select cast(null as int) as x)
    """
    assert one(con, sql) == ([], 0, [])


def test_collect_list_over_empty_group_is_empty(con):
    sql = "select size(collect_list(x)) from (select 1 as x) where x > 5"
    assert one(con, sql)[0] == 0


def test_nested_differences_are_fixed_too(con):
    # transform() does not descend into a replaced node: collect_list(timestampdiff(...)) once kept
    # DuckDB's boundary-counting inside the list.
    sql = "select collect_list(timestampdiff(HOUR, TIMESTAMP'2026-01-01 00:59:00', TIMESTAMP'2026-01-01 01:01:00'))"
    assert one(con, sql)[0] == [0]
    sql = "select typeof(date_add(TIMESTAMP'2026-01-01 10:00:00', 1))"
    assert one(con, sql)[0] == "DATE"


def test_date_add_and_date_sub_return_date(con):
    sql = "select date_add(DATE'2026-01-31', 1), date_sub(DATE'2026-01-01', 1), date_sub(TIMESTAMP'2026-01-15 09:00:00', 7)"
    assert one(con, sql) == (date(2026, 2, 1), date(2025, 12, 31), date(2026, 1, 8))
    types = one(con, "select typeof(date_add(DATE'2026-01-31', 1)), typeof(date_sub(current_date(), 1))")
    assert types == ("DATE", "DATE")


@pytest.mark.parametrize(("day", "dow", "wd"), [
    ("2026-01-11", 1, 6),  # Sunday
    ("2026-01-12", 2, 0),  # Monday
    ("2026-01-17", 7, 5),  # Saturday
])
def test_dayofweek_is_1_sunday_and_weekday_is_0_monday(con, day, dow, wd):
    assert one(con, f"select dayofweek(DATE'{day}'), weekday(DATE'{day}')") == (dow, wd)


def test_dayofweek_on_timestamp(con):
    assert one(con, "select dayofweek(TIMESTAMP'2026-01-11 23:30:00')")[0] == 1


def test_timestamp_literal_stays_timestamp(con):
    value, kind = one(con, "select TIMESTAMP'2026-01-15 09:00:00' as t, typeof(TIMESTAMP'2026-01-15 09:00:00')")
    assert kind == "TIMESTAMP"
    assert value == datetime(2026, 1, 15, 9, 0)
    assert "TIMESTAMPTZ" not in prepare("select cast(x as timestamp) from t", "duckdb", DUCK).upper()


def test_percentile_interpolates_like_databricks(con):
    sql = "select percentile(x, 0.5), percentile(x, 0.95) from (select explode(array(1, 2, 3, 4)) as x)"
    p50, p95 = one(con, sql)
    assert p50 == pytest.approx(2.5)
    assert p95 == pytest.approx(3.85)


def test_json_path_returns_string(con):
    sql = """select details:flow_progress.status, typeof(details:flow_progress.status)
             from (select '{"flow_progress": {"status": "COMPLETED"}}' as details)"""
    assert one(con, sql) == ("COMPLETED", "VARCHAR")


def test_from_json_with_spark_schema(con):
    sql = """select e.name, e.failed_records from (
               select explode(from_json(details:a, 'array<struct<name:string,failed_records:bigint>>')) as e
               from (select '{"a": [{"name": "valid_amount", "failed_records": 7}]}' as details))"""
    assert one(con, sql) == ("valid_amount", 7)


def test_system_catalog_and_information_schema_are_mapped():
    text = prepare("select * from system.billing.usage u join system.information_schema.tables t on true "
                   "join main.health_monitor.fact_usage f on true", "duckdb", DUCK)
    assert "system_tables.billing.usage" in text
    assert "system_tables.uc_information_schema.tables" in text
    assert "gold.health_monitor.fact_usage" in text
    assert "system." not in text.replace("system_tables.", "")


def test_spark_name_map_joins_catalog_and_schema():
    text = prepare("select * from system.billing.usage join main.health_monitor.dim_job on true", "spark",
                   NameMap.for_spark())
    assert "system_billing.usage" in text and "main_health_monitor.dim_job" in text


def test_databricks_name_map_moves_gold_and_staging():
    names = NameMap.for_databricks("ops", "hm")
    text = prepare("select * from main.health_monitor.fact_usage, main.health_monitor_staging.billing__usage, "
                   "system.billing.usage", "databricks", names)
    assert "ops.hm.fact_usage" in text and "ops.hm_staging.billing__usage" in text and "system.billing.usage" in text


def test_named_parameters_are_bound(con):
    sql = "select cast(:as_of as timestamp) - interval 7 days as since, :n + 1 as m"
    text = prepare(sql, "duckdb", DUCK)
    assert "$as_of" in text and ":as_of" not in text
    assert one(con, sql, {"as_of": datetime(2026, 1, 15, 9), "n": 1}) == (datetime(2026, 1, 8, 9), 2)


def test_unused_parameters_are_not_passed(con):
    sql = "select :a as a"
    assert referenced_params(sql) == {"a"}
    assert one(con, sql, {"a": 1, "unused": 2}) == (1,)
    with pytest.raises(duckdb.Error):  # DuckDB itself refuses a dict with an unused name
        con.execute(prepare(sql, "duckdb", DUCK), {"a": 1, "unused": 2})
    with pytest.raises(ValueError, match="not supplied"):
        only_used({}, {"a"})


def test_qualify_and_max_by_and_count_if(con):
    sql = """select k, max_by(v, t) as last_v, count_if(v > 1) as n from (
               select 'a' as k, 1 as v, 1 as t union all select 'a', 2, 2 union all select 'b', 3, 1)
             group by k qualify row_number() over (order by k) = 1"""
    assert one(con, sql) == ("a", 2, 1)


def test_element_at_and_filter_are_one_based(con):
    sql = """select element_at(filter(h, r -> r.metric = 'RUN_DURATION_SECONDS'), 1).value
             from (select array(named_struct('metric', 'X', 'value', 1),
                                named_struct('metric', 'RUN_DURATION_SECONDS', 'value', 900)) as h)"""
    assert one(con, sql)[0] == 900


def test_explode_sequence_of_days(con):
    sql = """select cast(d as date) from (select explode(sequence(TIMESTAMP'2026-01-01 00:00:00',
             TIMESTAMP'2026-01-03 00:00:00', interval 1 day)) as d)"""
    assert [r[0] for r in run(con, sql)] == [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)]
