"""Health Monitor: an open-source platform health monitor for Databricks."""

__version__ = "0.1.0"
