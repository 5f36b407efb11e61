"""Errors a user can act on; the CLI prints their message and exits 2."""


class HealthMonitorError(Exception):
    """Base class: the message says what to do."""


class ConfigError(HealthMonitorError):
    """Bad or missing configuration."""


class WarehouseUnavailable(HealthMonitorError):
    """The warehouse could not be reached, opened or queried."""


class DemoNotBuilt(WarehouseUnavailable):
    """The embedded demo files are missing."""


def first_line(error: BaseException, limit: int = 300) -> str:
    """An error as one readable line for a report or a page: its first line, else its class name."""
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else error.__class__.__name__)[:limit]
