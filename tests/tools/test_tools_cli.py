"""``health-monitor tools`` (list, run, check) and ``health-monitor deploy-sql``."""

from __future__ import annotations

import json

from health_monitor.cli import main


def test_list_json(capsys):
    assert main(["tools", "--format", "json"]) == 0
    tools = json.loads(capsys.readouterr().out)
    one = next(t for t in tools if t["name"] == "get_failed_auth_attempts")
    assert one["parameters"] == [{"name": "hours", "type": "int", "default": 24,
                                  "description": one["parameters"][0]["description"]}]
    assert one["agents"][0] == "security"


def test_run_and_check(settings, capsys):
    assert main(["tools", "run", "get_failed_auth_attempts", "--args", '{"hours": 48}', "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and any(r["source_ip_address"] == "192.168.1.100" for r in out["rows"])
    assert main(["tools", "run", "get_failed_auth_attempts", "--args", '{"hours": -1}']) == 1
    assert "hours" in capsys.readouterr().out
    assert main(["tools", "run", "x", "--args", "{bad"]) == 2
    capsys.readouterr()
    assert main(["tools", "check", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    from health_monitor.tools.registry import get_registry

    assert report["summary"]["ok"] == report["summary"]["tools"] == len(get_registry())


def test_deploy_sql_prints(settings, capsys):
    assert main(["deploy-sql"]) == 0
    out = capsys.readouterr().out
    from health_monitor.tools.metrics import load_views
    from health_monitor.tools.registry import get_registry

    assert out.count("CREATE OR REPLACE FUNCTION") == len(get_registry())
    assert out.count("WITH METRICS") == len(load_views())
