"""Alembic revisions (loaded by file path; the package marker only ships them in the wheel)."""
