"""Alembic migrations of the workshop store, run by `workshop.store.migrate` (no alembic.ini)."""
