"""Errors a user can act on; the CLI prints their message and exits 2."""


class HealthMonitorError(Exception):
    """Base class: the message says what to do."""


class ConfigError(HealthMonitorError):
    """Bad or missing configuration."""


class WarehouseUnavailable(HealthMonitorError):
    """The warehouse could not be reached, opened or queried."""


class DemoNotBuilt(WarehouseUnavailable):
    """The embedded demo files are missing."""
