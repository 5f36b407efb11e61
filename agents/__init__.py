"""The eight specialists as data: ``agents.registry.get_agent_registry()`` (see README.md).

Importing this package imports nothing else; the registry is built on first use.
"""
