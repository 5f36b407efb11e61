"""The deterministic synthetic Databricks account (system tables in one DuckDB file).

``generate(path, seed=..., as_of=..., scale=..., incidents=...)`` writes every table of
the contract (``warehouse/contract.py``, DDL in ``schema.py``) with the facts of ``docs/demo-scenario.md``; see ``generator.py``.
"""

from health_monitor.warehouse.synthetic.entities import ML_MONTHLY_BUDGET_USD
from health_monitor.warehouse.synthetic.generator import GenerationReport, generate

__all__ = ["GenerationReport", "ML_MONTHLY_BUDGET_USD", "generate"]
