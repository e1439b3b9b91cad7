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


def test_every_migration_upgrades_a_database_with_data_and_downgrades(config):
    from alembic import command

    from codev.store import alembic_config
    config.data_dir.mkdir(parents=True)
    engine = create_engine(f"sqlite:///{config.database}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(engine, connection), "0001")
        connection.exec_driver_sql("insert into sessions (title, date, lang, template) values ('Old', '2026-01-14', 'fr', 'standard')")
        connection.exec_driver_sql("insert into steps (session_id, position, key, timebox) values (1, 0, 'synthesis', 15)")
        connection.exec_driver_sql("insert into recordings (step_id, position, path, duration, language) values (1, 1, 'a.wav', 3.0, 'fr')")
        connection.exec_driver_sql("insert into items (step_id, position, kind, text, disguised_suggestion) values (1, 0, 'commitment', 'Je vais écrire.', 0)")
    db = open_database(config.database)()
    session = db.get(Session, 1)
    assert session.title == "Old" and session.cycle == 1 and session.notes_version == 0
    recording = session.steps[0].recordings[0]
    assert recording.status == "ready" and not recording.recovered
    item = session.steps[0].items[0]
    assert item.status == "proposed" and item.source == "extracted" and not item.reviewed
    assert item.why is None  # extracted before reasons were stored: the next extraction gives one
    db.close()
    assert "why" in {c["name"] for c in inspect(engine).get_columns("items")}
    with engine.begin() as connection:
        command.downgrade(alembic_config(engine, connection), "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
