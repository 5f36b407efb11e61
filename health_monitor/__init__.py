"""Health Monitor: an open-source platform health monitor for Databricks.

Everything installs under this one package: ``health_monitor.agents``, ``health_monitor.tools``,
``health_monitor.graph`` and so on. In the wheel they sit inside this folder. In a source checkout
they are the repository's top-level folders (the layout the design asks for), so the repository
root joins this package's search path; that keeps ``streamlit run app.py`` and Databricks Apps,
which run from the source folder, on the same names as an installed wheel.
"""

from pathlib import Path as _Path

__version__ = "0.1.0"

_here = _Path(__file__).resolve().parent
if not (_here / "agents").is_dir() and (_here.parent / "pyproject.toml").is_file():
    __path__.append(str(_here.parent))  # noqa: F821  (the package's own search path)
