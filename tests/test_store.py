"""The SQLite file and its migrations."""
import datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from codev.models import Base, Session
from codev.sessions import create_session
from codev.store import open_database


def test_migrations_build_exactly_the_model_schema(config):
    open_database(config.database)
    engine = create_engine(f"sqlite:///{config.database}")
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == [], "the models changed without a migration: add one under codev/migrations/versions"
    assert "alembic_version" in inspect(engine).get_table_names()


def test_reopening_keeps_the_data(config):
    db = open_database(config.database)()
    create_session(db, title="Cycle 1", date=datetime.date(2026, 1, 14), lang="fr")
    db.close()
    again = open_database(config.database)()
    assert [s.title for s in again.query(Session)] == ["Cycle 1"]


def test_deleting_a_session_deletes_its_steps(db):
    session = create_session(db, title="T", date=datetime.date(2026, 1, 14), lang="fr", participants=["A", "B"])
    db.delete(session)
    db.commit()
    for table in ("sessions", "steps", "participants"):
        assert db.connection().exec_driver_sql(f"select count(*) from {table}").scalar() == 0
