"""Fixtures for the tool catalog tests: one executor over the shared demo."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def executor(warehouse, demo_dir):
    from health_monitor.tools.executor import ToolExecutor

    from health_monitor.core.settings import Settings

    return ToolExecutor(warehouse, Settings(data_dir=demo_dir))


@pytest.fixture(scope="session")
def registry():
    from health_monitor.tools.registry import get_registry

    return get_registry()
