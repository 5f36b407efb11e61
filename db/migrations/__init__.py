"""Alembic migrations of the state schema (see :mod:`db.migrate`)."""
