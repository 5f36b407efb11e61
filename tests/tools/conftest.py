"""Fixtures for the tool catalog tests: one executor over the shared demo."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def executor(warehouse, demo_dir):
    from health_monitor.settings import Settings
    from tools.executor import ToolExecutor

    return ToolExecutor(warehouse, Settings(data_dir=demo_dir))


@pytest.fixture(scope="session")
def registry():
    from tools.registry import get_registry

    return get_registry()
