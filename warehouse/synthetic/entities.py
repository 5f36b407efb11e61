"""The account's dimensions: workspaces, users, clusters, warehouses, jobs, pipelines, endpoints.

These are small lists (thousands of rows at scale 100), so they are built in Python and loaded as
Arrow tables; every *event* table is generated from them in SQL. Set 0 is the named demo account of
``docs/demo-scenario.md``; sets 1.. are generic copies with generated names (the scale factor).

Cost calibration (list price, per day): production ~$1,850; analytics ~$960 (+12 % over the last
7 days); ml-workspace ~$1,600 trailing 7-day average and ~$2,300 yesterday (ml_training on GPU);
dev ~$450, ~45 % of it untagged; staging ~$260. ml-workspace also ran a hyper-parameter sweep
(training at ~$1,800/day) from 20 to 9 days before as_of, so that with a **monthly budget of
$55,000** its month-to-date plus run rate overshoots (e.g. as_of 2026-01-15: MTD ~$29k, projected
~$56-63k).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

ACCOUNT_ID = "7f3c9a2e-51d4-4b8e-9c61-2a0d8e5b4f17"
ML_MONTHLY_BUDGET_USD = 55_000

WORKSPACES = [  # name, id, kind
    ("production", "2154892763901842", "production"),
    ("analytics", "3318420175529031", "analytics"),
    ("ml-workspace", "4471093826615520", "ml"),
    ("dev", "5590127734480216", "dev"),
    ("staging", "6602938471150937", "staging"),
]

# category -> (usd per day, weekend factor) per workspace kind; usage rows of a (workspace,
# category, day) are scaled so they add up to this target (times trend, noise and incidents).
COST_GROUPS = {
    "production": {"jobs": (1050, 1.0), "sql": (300, 1.0), "dlt": (250, 1.0), "serverless": (250, 1.0)},
    "analytics": {"sql": (500, 0.55), "allpurpose": (300, 0.5), "jobs": (70, 1.0), "dlt": (60, 1.0),
                  "serverless": (30, 0.3)},
    "ml": {"training": (900, 1.0), "serving": (400, 1.0), "allpurpose": (150, 0.6), "jobs": (150, 1.0)},
    "dev": {"allpurpose": (200, 0.3), "serverless": (150, 0.3), "jobs": (100, 1.0)},
    "staging": {"jobs": (200, 0.6), "allpurpose": (60, 0.3)},
}

NODE_TYPES = [  # node_type, cores, memory_mb, gpus, dbu/hour
    ("m5.xlarge", 4, 16384, 0, 0.69), ("m5.2xlarge", 8, 32768, 0, 1.37), ("m5.4xlarge", 16, 65536, 0, 2.74),
    ("r5.2xlarge", 8, 65536, 0, 1.8), ("r5.4xlarge", 16, 131072, 0, 3.6), ("i3.2xlarge", 8, 62464, 0, 2.0),
    ("c5.4xlarge", 16, 32768, 0, 2.43), ("g5.4xlarge", 16, 65536, 1, 4.12), ("g5.12xlarge", 48, 196608, 4, 15.3),
    ("p3.2xlarge", 8, 62464, 1, 4.15),
]

FIRST = ["james", "maria", "wei", "priya", "lucas", "sofia", "omar", "emma", "kenji", "fatima", "noah", "chloe",
         "ivan", "amara", "diego", "hannah", "raj", "lea", "tom", "yuki", "sara", "ben", "nina", "alex", "mila",
         "leo", "zoe", "sam"]
LAST = ["smith", "garcia", "chen", "patel", "muller", "rossi", "haddad", "jones", "tanaka", "khan", "brown",
        "martin", "petrov", "okafor", "lopez", "weber", "singh", "dubois", "clark", "sato", "berg", "novak",
        "silva", "moreau", "fischer", "kim", "nowak", "costa"]

SERVICE_PRINCIPALS = ["etl-sp", "ml-sp", "reporting-sp", "ingest-sp", "automation-sp", "crm-sp", "hm-sp",
                      "finance-etl-sp"]
AUTOMATION_SP = "automation-sp"  # creates the non-expiring token today

HM_MODELS = ["cost_anomaly_detector", "dbu_usage_forecaster", "budget_alerter", "access_anomaly_detector",
             "breach_risk_scorer", "user_behavior_analyzer", "job_failure_predictor", "job_duration_forecaster",
             "bottleneck_detector", "uptime_predictor", "incident_classifier", "drift_detector",
             "freshness_predictor", "model_drift_detector", "retraining_trigger"]

# name, ws kind, period min, offset min, days ('all'|'weekdays'|iso dow), duration s, compute, category, tasks
JOBS = [
    ("nightly_etl", "production", 1440, 120, "all", 4500, "prod-etl-cluster", "jobs", 4),
    ("hourly_ingest", "production", 60, 5, "all", 480, "prod-etl-cluster", "jobs", 2),
    ("customer_sync", "production", 1440, 240, "all", 1500, "job", "jobs", 2),
    ("sales_aggregates", "production", 1440, 210, "all", 1800, "prod-etl-cluster", "jobs", 3),
    ("inventory_snapshot", "production", 1440, 330, "all", 900, "job", "jobs", 1),
    ("billing_reconciliation", "production", 1440, 360, "weekdays", 1200, "job", "jobs", 2),
    ("data_quality_checks", "production", 240, 30, "all", 420, "job", "jobs", 2),
    ("compliance_export", "production", 1440, 180, "7", 2400, "job", "jobs", 1),
    ("health_monitor_gold_build", "production", 1440, 300, "all", 600, "serverless", "serverless", 3),
    ("daily_report", "analytics", 1440, 435, "all", 1300, "analytics-adhoc", "allpurpose", 2),
    ("weekly_kpi_report", "analytics", 1440, 480, "1", 1800, "job", "jobs", 2),
    ("marketing_attribution", "analytics", 1440, 540, "weekdays", 1500, "job", "jobs", 2),
    ("dashboard_refresh", "analytics", 120, 15, "all", 240, "bi-warehouse", "sql", 1),
    ("ml_training", "ml", 360, 0, "all", 7200, "ml-gpu-cluster", "training", 3),
    ("feature_refresh", "ml", 1440, 60, "all", 1800, "job", "jobs", 2),
    ("model_evaluation", "ml", 1440, 300, "all", 1200, "job", "jobs", 2),
    ("batch_scoring", "ml", 1440, 390, "all", 1500, "job", "jobs", 1),
    ("hm_model_retraining", "ml", 1440, 90, "7", 3600, "job", "jobs", 3),
    ("drift_monitoring", "ml", 1440, 420, "all", 600, "serverless", "jobs", 1),
    ("dev_test_pipeline", "dev", 1440, 600, "weekdays", 900, "job", "jobs", 2),
    ("sandbox_etl", "dev", 1440, 660, "weekdays", 1200, "job", "jobs", 1),
    ("staging_etl", "staging", 1440, 180, "all", 2400, "job", "jobs", 3),
    ("integration_tests", "staging", 360, 45, "weekdays", 1100, "job", "jobs", 4),
    ("release_validation", "staging", 1440, 720, "weekdays", 1500, "job", "jobs", 2),
    ("schema_migration_check", "staging", 1440, 780, "weekdays", 300, "job", "jobs", 1),
]
TASK_KEYS = ["ingest", "transform", "validate", "publish"]

# name, ws kind, source, driver, worker, min workers, max workers, auto-term, uptime pattern, cpu mean, tags
CLUSTERS = [
    ("prod-etl-cluster", "production", "JOB", "m5.2xlarge", "m5.2xlarge", 4, 4, 0, "always", 52,
     {"team": "data-eng", "project": "orders", "cost_center": "CC-100"}),
    ("analytics-adhoc", "analytics", "UI", "r5.2xlarge", "r5.2xlarge", 2, 8, 120, "adhoc", 2,
     {"team": "bi", "project": "adhoc", "cost_center": "CC-200"}),
    ("ml-gpu-cluster", "ml", "JOB", "g5.12xlarge", "g5.12xlarge", 4, 4, 0, "jobs", 78,
     {"team": "ml", "project": "training", "cost_center": "CC-300"}),
    ("ml-interactive", "ml", "UI", "g5.4xlarge", "g5.4xlarge", 1, 2, 60, "business", 35,
     {"team": "ml", "project": "research", "cost_center": "CC-300"}),
    ("dev-shared", "dev", "UI", "m5.xlarge", "m5.xlarge", 1, 4, 60, "business", 18, {}),
    ("dev-sandbox-1", "dev", "UI", "m5.2xlarge", "m5.2xlarge", 2, 2, 90, "business", 12, {}),
    ("staging-shared", "staging", "API", "m5.xlarge", "m5.xlarge", 2, 2, 30, "business", 25,
     {"team": "platform", "project": "release", "cost_center": "CC-400"}),
]
JOB_CLUSTER_NODE = {"production": "i3.2xlarge", "analytics": "m5.xlarge", "ml": "r5.4xlarge",
                    "dev": "m5.xlarge", "staging": "m5.xlarge"}

# name, ws kind, type, size, min, max, auto-stop, tags
WAREHOUSES = [
    ("bi-warehouse", "analytics", "PRO", "Large", 1, 4, 120, {"team": "bi", "cost_center": "CC-200"}),
    ("etl-warehouse", "production", "PRO", "Medium", 1, 2, 10, {"team": "data-eng", "cost_center": "CC-100"}),
]

TEAM_OF_KIND = {"production": "data-eng", "analytics": "bi", "ml": "ml", "dev": "", "staging": "platform"}


@dataclass
class Account:
    """All dimension rows, as lists of dicts (one list per temp table)."""

    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, name: str, row: dict) -> None:
        self.tables.setdefault(name, []).append(row)


def _hexid(*parts: object, n: int = 16) -> str:
    import hashlib

    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:n]


def _numid(*parts: object, digits: int = 15) -> str:
    return str(int(_hexid(*parts, n=15), 16) % (9 * 10 ** (digits - 1)) + 10 ** (digits - 1))


def build_account(n_sets: int, seed: int) -> Account:
    """The named account (set 0) plus ``n_sets - 1`` generic copies."""
    acc = Account()
    for s in range(n_sets):
        _build_set(acc, s, seed)
    return acc


def _build_set(acc: Account, s: int, seed: int) -> None:
    suffix = "" if s == 0 else f"-{s:03d}"
    ws_ids = {}
    for i, (name, wid, kind) in enumerate(WORKSPACES):
        ws_id = wid if s == 0 else _numid("ws", s, i, digits=16)
        ws_ids[kind] = ws_id
        level = 1.0 if s == 0 else 0.3 + (int(_hexid("lvl", seed, s, i), 16) % 1000) / 800
        acc.add("workspaces", {"workspace_id": ws_id, "workspace_name": name + suffix, "kind": kind, "set_no": s})
        for cat, (usd, weekend) in COST_GROUPS[kind].items():
            acc.add("cost_groups", {"workspace_id": ws_id, "category": cat, "usd": usd * level,
                                    "weekend": weekend, "set_no": s})
    users = []
    named = ["admin@company.com", "user@company.com", "analyst@company.com"]
    for i in range(32):
        users.append(f"{FIRST[i % len(FIRST)]}.{LAST[(i * 7 + 3) % len(LAST)]}@company.com")
    humans = named + users if s == 0 else [f"user{s:03d}.{i:02d}@company.com" for i in range(35)]
    kinds = list(ws_ids)
    for i, email in enumerate(humans):
        home = "analytics" if email == "analyst@company.com" else kinds[i % len(kinds)]
        acc.add("users", {"email": email, "user_id": _numid("u", s, email), "is_sp": False,
                          "home_ws": ws_ids[home], "activity": 8 + (i * 13) % 30,
                          "deny_rate": 0.004 + ((i * 37) % 10) / 250, "set_no": s})
    sps = SERVICE_PRINCIPALS if s == 0 else [f"{p}{suffix}" for p in SERVICE_PRINCIPALS]
    for i, sp in enumerate(sps):
        home = ["production", "ml", "analytics", "production", "production", "production", "production",
                "production"][i]
        acc.add("users", {"email": sp, "user_id": _numid("u", s, sp), "is_sp": True, "home_ws": ws_ids[home],
                          "activity": 20, "deny_rate": 0.002, "set_no": s})
    run_as = {"production": sps[0], "analytics": sps[2], "ml": sps[1], "dev": humans[4], "staging": sps[0]}

    cl_ids = {}
    for i, (name, kind, src, drv, wrk, mn, mx, term, pattern, cpu, tags) in enumerate(CLUSTERS):
        cid = f"{(i % 12) + 1:02d}{(i % 27) + 1:02d}-{_numid('c', s, i, digits=6)}-{_hexid('c', s, name, n=8)}"
        cl_ids[name] = cid
        acc.add("clusters", {"cluster_id": cid, "cluster_name": name + suffix, "workspace_id": ws_ids[kind],
                             "source": src, "driver_node": drv, "worker_node": wrk, "min_workers": mn,
                             "max_workers": mx, "autoterm": term, "pattern": pattern, "cpu": float(cpu),
                             "tags": list(tags.items()), "owner": "admin@company.com" if s == 0 else humans[0],
                             "set_no": s})
    wh_ids = {}
    for name, kind, wtype, size, mn, mx, stop, tags in WAREHOUSES:
        wid = _hexid("wh", s, name)
        wh_ids[name] = wid
        acc.add("warehouses", {"warehouse_id": wid, "warehouse_name": name + suffix, "pattern": name.split("-")[0], "workspace_id": ws_ids[kind],
                               "warehouse_type": wtype, "size": size, "min_clusters": mn, "max_clusters": mx,
                               "auto_stop": stop, "tags": list(tags.items()), "set_no": s})
    for i, (name, kind, period, offset, days, dur, compute, cat, ntasks) in enumerate(JOBS):
        jid = _numid("job", s, name)
        node = JOB_CLUSTER_NODE[kind]
        if compute in cl_ids:
            cid, kind_c = cl_ids[compute], ("allpurpose" if compute == "analytics-adhoc" else "job")
            node = next(c[4] for c in CLUSTERS if c[0] == compute)
        elif compute == "job":
            cid, kind_c = f"0{i % 9 + 1}01-{_numid('jc', s, i, digits=6)}-{_hexid('jc', s, name, n=8)}", "job"
        elif compute in wh_ids:
            cid, kind_c = wh_ids[compute], "warehouse"
        else:
            cid, kind_c = None, "serverless"
        team = TEAM_OF_KIND[kind]
        tags = {"team": team, "project": name.split("_")[0], "cost_center": "CC-" + str(100 * (kinds.index(kind) + 1))}
        acc.add("jobs", {"job_id": jid, "name": name if s == 0 else f"{name}{suffix.replace('-', '_')}",
                         "workspace_id": ws_ids[kind], "kind": kind, "period": period, "offset_min": offset,
                         "days": days, "dur": float(dur), "compute_kind": kind_c, "cluster_id": cid,
                         "node_type": node, "workers": 8 if name == "ml_training" else 2 + i % 3,
                         "category": cat, "n_tasks": ntasks, "run_as": run_as[kind],
                         "creator": humans[i % len(humans)] if s else ("admin@company.com" if i % 3 == 0 else
                                                                       humans[3 + i % 20]),
                         "tags": list(tags.items()), "sla_s": 900 if name == "hourly_ingest" else None,
                         "job_no": i, "set_no": s})
        if kind_c == "job" and compute == "job":
            acc.add("clusters", {"cluster_id": cid, "cluster_name": f"job-{jid}-cluster", "workspace_id": ws_ids[kind],
                                 "source": "JOB", "driver_node": node, "worker_node": node, "min_workers": 2 + i % 3,
                                 "max_workers": 2 + i % 3, "autoterm": 0, "pattern": "jobs",
                                 "cpu": 40.0 + (i * 7) % 30, "tags": list(tags.items()), "owner": run_as[kind],
                                 "set_no": s})
    for i, (name, kind) in enumerate([("orders_pipeline", "production"), ("customer_cdc_pipeline", "production"),
                                      ("clickstream_pipeline", "analytics")]):
        acc.add("pipelines", {"pipeline_id": f"{_hexid('p', s, name, n=8)}-{_hexid('p2', s, name, n=4)}-"
                                             f"{_hexid('p3', s, name, n=12)}",
                              "name": name + suffix, "workspace_id": ws_ids[kind], "period": [60, 240, 1440][i],
                              "offset_min": [20, 50, 150][i], "run_as": sps[0] if kind == "production" else sps[2],
                              "pipe_no": i, "set_no": s})
    endpoints = [(f"hm-{m.replace('_', '-')}", f"main.health_monitor.{m}", 24, 20 + (j * 11) % 60, 1 + j % 4)
                 for j, m in enumerate(HM_MODELS)]
    endpoints += [("security-threat-endpoint", "ml.security.threat_detector", 160, 85, 3),
                  ("churn-model-endpoint", "ml.crm.churn_model", 140, 120, 4)]
    for i, (name, model, per_day, latency, versions) in enumerate(endpoints):
        acc.add("endpoints", {"endpoint_id": _hexid("ep", s, name, n=32), "endpoint_name": name + suffix,
                              "workspace_id": ws_ids["ml"], "entity_name": model, "versions": versions,
                              "req_per_day": per_day, "latency_ms": float(latency),
                              "created_by": "admin@company.com" if s == 0 else humans[0], "ep_no": i, "set_no": s})


def to_arrow(rows: list[dict]) -> pa.Table:
    """Arrow table; lists of (key, value) pairs under ``tags`` become MAP(VARCHAR, VARCHAR)."""
    cols = {k: [r.get(k) for r in rows] for k in rows[0]}
    arrays, names = [], []
    for k, values in cols.items():
        if k == "tags":
            arrays.append(pa.array(values, type=pa.map_(pa.string(), pa.string())))
        else:
            arrays.append(pa.array(values))
        names.append(k)
    return pa.Table.from_arrays(arrays, names=names)
