"""Alembic environment: migrate on the connection `workshop.store.migrate` hands over.

The caller has already begun the transaction (``BEGIN IMMEDIATE`` on SQLite, an advisory lock
on PostgreSQL), so Alembic runs every step inside it: a migration either finishes or leaves
the database as it was, and two processes starting at once never migrate twice.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
