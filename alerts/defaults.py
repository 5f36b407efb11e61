"""The rules a new install gets once: cost spike, job failures, failed logins, stale tables, model drift,
budget at risk.

Column names come from :mod:`alerts.columns` (adjust them there). Thresholds are chosen so the demo
account's incidents fire and an ordinary day does not:

* cost spike: a workspace's latest complete day above 1.3 x its trailing 7-day average (ml-workspace is +45 %,
  analytics +12 %);
* job failures: one job failing 3 or more times in 24 hours (ordinary failures are ~2 % of runs);
* failed logins: 3 or more failed attempts from one IP in 24 hours;
* stale tables: a table not updated for more than 24 hours;
* model drift: a model with at least one input feature the drift detector flags (its verdict weighs PSI,
  the KS test and sample sizes: a raw PSI above 0.2 on 15 live rows is noise);
* budget at risk: a workspace projected to spend more than 100 % of its monthly budget.

Seeding "once" is the store's job: call :func:`default_rules` and save the rules whose ``name`` is not
stored yet, remembering that defaults were seeded so a user's deletion is respected.
"""

from __future__ import annotations

from health_monitor.alerts import columns as C
from health_monitor.alerts.rules import AlertRule, Baseline, Measure, MeasureValue, Window

DEFAULT_OWNER = "health-monitor"


def _value(cols: C.ToolColumns, aggregate: str, *, order_by: str | None = None, per_day: bool = False
           ) -> MeasureValue:
    return MeasureValue(field=cols.value if aggregate != "count" else None, aggregate=aggregate,
                        subject=cols.subject, subject_label=cols.subject_label, order_by=order_by, per_day=per_day)


def default_rules(owner: str = DEFAULT_OWNER) -> list[AlertRule]:
    """The six default rules, enabled, owned by ``owner``."""
    return [
        AlertRule(
            name="Cost spike vs trailing average",
            description="A workspace's latest daily cost is more than 30 % above its trailing 7-day average.",
            measure=Measure(tool=C.COST_ANOMALIES.tool, label="daily cost", unit="usd",
                            value=_value(C.COST_ANOMALIES, "sum", order_by=C.COST_ANOMALIES.date, per_day=True)),
            comparator=">", baseline=Baseline(kind="mean", days=7, multiple=1.3, field=C.COST_ANOMALIES.baseline),
            window=Window(amount=1, unit="days", param=C.COST_ANOMALIES.window_param),
            severity="high", channels=["slack"], owner=owner),
        AlertRule(
            name="Repeated job failures",
            description="A job failed 3 or more times in the last 24 hours.",
            measure=Measure(tool=C.FAILED_JOBS.tool, label="failed runs", unit="count",
                            value=_value(C.FAILED_JOBS, "count")),
            comparator=">=", threshold=3, window=Window(amount=24, param=C.FAILED_JOBS.window_param),
            severity="high", channels=["slack", "pagerduty"], owner=owner),
        AlertRule(
            name="Failed logins from one IP",
            description="3 or more failed login attempts from one IP address in 24 hours.",
            measure=Measure(tool=C.FAILED_AUTH.tool, label="failed login attempts", unit="count",
                            value=_value(C.FAILED_AUTH, "count")),
            comparator=">=", threshold=3, window=Window(amount=24, param=C.FAILED_AUTH.window_param),
            severity="high", channels=["slack", "email"], owner=owner),
        AlertRule(
            name="Stale tables",
            description="A table has not been updated for more than 24 hours.",
            measure=Measure(tool=C.FRESHNESS.tool, label="hours since last update", unit="hours",
                            value=_value(C.FRESHNESS, "max")),
            comparator=">", threshold=24, window=Window(amount=24, param=C.FRESHNESS.window_param),
            severity="warning", channels=["slack"], owner=owner),
        AlertRule(
            name="Model drift",
            description="The drift detector flags at least one input feature of a model as drifting.",
            measure=Measure(tool=C.MODEL_DRIFT.tool, label="drifting input features", unit="count",
                            value=MeasureValue(field=C.MODEL_DRIFT.flag, aggregate="count", subject=C.MODEL_DRIFT.subject,
                                               subject_label=C.MODEL_DRIFT.subject_label)),
            comparator=">=", threshold=1, severity="warning", channels=["slack"], owner=owner),
        AlertRule(
            name="Budget at risk",
            description="A workspace is projected to spend more than its monthly budget.",
            measure=Measure(tool=C.BUDGET.tool, label="projected spend, % of monthly budget", unit="pct",
                            value=_value(C.BUDGET, "max")),
            comparator=">", threshold=100, severity="high", channels=["slack", "email"], owner=owner),
    ]
