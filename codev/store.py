"""Storage: one SQLite file in the data folder, its schema kept up to date by Alembic migrations."""
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import sessionmaker

from codev.errors import CodevError
from codev.private import make_private


def alembic_config(engine: Engine, connection=None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(resources.files("codev") / "migrations"))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["connection"] = connection
    return config


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL: the web app can read while a step is being transcribed and stored.
    cursor.execute("PRAGMA journal_mode = WAL")
    # What is deleted is overwritten with zeros, not left in free pages (Debian's SQLite does it
    # by default; others do not).
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def truncate_journal(engine: Engine) -> bool:
    """Copy the WAL into the database and empty it: after a delete, the journal would otherwise
    keep the deleted rows' former pages. False when a reader held it back (SQLite waits for
    readers up to its busy timeout); the next start tries again."""
    with engine.connect() as connection:
        busy, _frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    return not busy


def open_database(path: Path) -> sessionmaker:
    """Open (creating if needed) the database at `path` in its data folder, made private, migrate
    it to the latest schema, and return a factory of ORM sessions."""
    make_private(path.parent)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as connection:
            # Migrations rebuild SQLite tables; with foreign keys on, dropping the old copy of a
            # table would cascade-delete the rows that point to it.
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            command.upgrade(alembic_config(engine, connection), "head")
            connection.commit()
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        # A delete whose journal a reader kept from being emptied is finished here.
        truncate_journal(engine)
    except DatabaseError as error:
        raise CodevError(f"Cannot open {path}: {error.orig}. It is not a codev-notes database, or it is damaged; "
                         "it was left as it is.") from None
    except CommandError as error:  # a revision this version does not know
        raise CodevError(f"Cannot open {path}: a newer version of codev-notes wrote it ({error}). "
                         "Update codev-notes; the data was left as it is.") from None
    return sessionmaker(engine, expire_on_commit=False)
