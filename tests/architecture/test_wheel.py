"""The deployable is one wheel whose only top-level package is ``health_monitor``, data files inside.

Installed into a clean virtual environment, its console script runs and the notebook import works
from a folder holding its own ``tools/`` and ``graph/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = tmp_path_factory.mktemp("build")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True, timeout=600, cwd=build)
    (found,) = out.glob("health_monitor-*.whl")
    return found


def test_only_top_level_package_is_health_monitor(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert tops - dist_info == {"health_monitor"} and len(dist_info) == 1


def test_data_files_travel_inside(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in (("tools", "*.sql"), ("warehouse", "*.sql"), ("ml", "*.sql"), ("graph", "*.txt"),
                            ("tools", "*.yaml"), ("db", "*.mako")):
        on_disk = {f"health_monitor/{p.relative_to(ROOT)}" for p in (ROOT / folder).rglob(pattern)}
        assert on_disk and on_disk <= names, (folder, pattern, sorted(on_disk - names)[:5])


def test_wheel_installs_and_runs_in_a_clean_venv(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], capture_output=True,
                         text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr[-2000:]
    user = tmp_path / "notebook"
    for name in ("tools", "graph"):
        (user / name).mkdir(parents=True)
        (user / name / "__init__.py").write_text("raise ImportError('the user folder was imported')\n")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "HM_DATA_DIR": str(tmp_path / "data")}
    helped = subprocess.run([str(venv / "bin" / "health-monitor"), "--help"], capture_output=True, text=True,
                            timeout=120, cwd=user, env=env)
    assert helped.returncode == 0 and "demo" in helped.stdout, helped.stderr
    code = ("import sys, health_monitor; from health_monitor.graph import build_graph; "
            "print(health_monitor.__file__); print(sorted(m for m in ('streamlit','duckdb','sqlalchemy') "
            "if m in sys.modules))")
    nb = subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, timeout=120,
                        cwd=user, env={**env, "PYTHONPATH": str(user)})
    assert nb.returncode == 0, nb.stderr
    where, heavy = nb.stdout.strip().splitlines()
    assert str(venv) in where and heavy == "[]"
    if "doctor" in helped.stdout:
        doc = subprocess.run([str(venv / "bin" / "health-monitor"), "doctor", "--format", "json"],
                             capture_output=True, text=True, timeout=300, cwd=user, env=env)
        assert doc.returncode in (0, 1) and "Traceback" not in doc.stderr, doc.stderr
        assert json.loads(doc.stdout)
