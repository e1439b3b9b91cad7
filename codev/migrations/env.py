"""Alembic environment: codev.store hands over an open connection; nothing is read from an ini file."""
from alembic import context

from codev.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
