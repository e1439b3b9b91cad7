"""Races: requests or processes doing the same thing at the same moment, on a real SQLite file.
The database holds the rules (unique indexes, numbers counted in the INSERT): the loser of a race
gets a clear message, or for a take the next number."""
import datetime
import html
import multiprocessing
import threading

from alembic import command
from sqlalchemy import select, text

from codev.config import Config
from codev.groups import create_group
from codev.models import GroupMember, Recording
from codev.sessions import create_session
from codev.store import alembic_config, open_database
from codev.takes import store_take
from test_web_console import wait_for
from test_web_groups import csrf_token


def at_once(n: int, work) -> list:
    """Run work(i) in n threads released together; their results in order."""
    start, results = threading.Barrier(n), [None] * n

    def run(i):
        start.wait()
        results[i] = work(i)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_ten_requests_adding_one_name_make_one_member(app, db):
    group = create_group(db, "Cadres de santé", ["Laura", "Marc"])
    browsers = [app.test_client() for _ in range(10)]
    tokens = [csrf_token(browser) for browser in browsers]
    responses = at_once(10, lambda i: browsers[i].post(f"/groups/{group.id}/members",
                                                       data={"csrf_token": tokens[i], "name": "Paul"}))
    assert sorted(r.status_code for r in responses) == [302] + [400] * 9
    for refused in (r for r in responses if r.status_code == 400):
        assert "Paul est déjà membre du groupe." in html.unescape(refused.get_data(as_text=True))
    db.expire_all()
    assert [m.name for m in db.scalars(select(GroupMember).order_by(GroupMember.position))] == ["Laura", "Marc", "Paul"]


def test_three_uploads_to_one_step_at_once_are_takes_1_2_3_end_to_end(app, db, speak):
    session = create_session(db, title="T", date=datetime.date(2026, 10, 7), lang="en")
    sentences = ["I will call the nurses on Monday.", "I will send the budget before Friday.",
                 "My takeaway is that listening takes time."]
    browsers = [app.test_client() for _ in sentences]
    tokens = [csrf_token(browser, f"/sessions/{session.id}/console") for browser in browsers]
    files = [speak(s) for s in sentences]
    responses = at_once(3, lambda i: browsers[i].post(
        f"/sessions/{session.id}/steps/synthesis/upload",
        data={"csrf_token": tokens[i], "audio": (files[i].open("rb"), f"part-{i}.wav")}))
    assert [r.status_code for r in responses] == [302] * 3
    done = wait_for(browsers[0], session, "synthesis",
                    lambda s: len(s["step"]["takes"]) == 3 and all(t["state"] == "done" for t in s["step"]["takes"]))
    takes = done["step"]["takes"]
    assert [t["position"] for t in takes] == [1, 2, 3]
    # End to end on the step's timeline: each take's transcript after the one before it.
    db.expire_all()
    recordings = db.scalars(select(Recording).order_by(Recording.position)).all()
    for before, after in zip(recordings, recordings[1:]):
        assert after.offset == before.offset + before.duration
        assert after.segments and all(s.start >= after.offset - 0.01 for s in after.segments)  # times kept to 0.01 s
        assert all(s.end <= after.offset + 0.01 for s in before.segments)


def _store_a_take(data_dir: str, session_id: int, wav: str, start, numbers) -> None:
    config = Config.from_env(data_dir)
    start.wait()
    with open_database(config.database)() as db:
        numbers.put(store_take(db, config, session_id, "synthesis", wav).position)


def test_processes_storing_takes_of_one_step_at_once_get_one_number_each(config, db, speak):
    session = create_session(db, title="T", date=datetime.date(2026, 10, 7), lang="en")
    fork = multiprocessing.get_context("fork")
    start, numbers = fork.Barrier(4), fork.Queue()
    processes = [fork.Process(target=_store_a_take, args=(str(config.data_dir), session.id, str(speak("Hello.")),
                                                          start, numbers)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0] * 4
    assert sorted(numbers.get(timeout=10) for _ in processes) == [1, 2, 3, 4]


def test_what_earlier_races_left_is_mended_when_the_indexes_come(config):
    """A data folder from before the indexes, with a member made twice and takes sharing a number."""
    factory = open_database(config.database)
    with factory() as db:
        group = create_group(db, "Cadres", ["Laura"])
        session = create_session(db, title="T", date=datetime.date(2026, 10, 7), lang="en")
        step_id = session.step("synthesis").id
        engine = db.get_bind()
    with engine.connect() as connection:
        # As codev.store migrates: a table rebuilt with foreign keys on would cascade-delete its rows.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        command.downgrade(alembic_config(engine, connection), "0007")
        connection.commit()
        connection.execute(text("INSERT INTO group_members (group_id, position, name) VALUES (:g, 1, 'Paul'), "
                                "(:g, 1, 'Paul'), (:g, 1, 'Paul')"), {"g": group.id})
        for path in ("a.wav", "b.wav", "c.wav"):
            connection.execute(text("INSERT INTO recordings (step_id, position, path, duration, language, status) "
                                    "VALUES (:s, 1, :p, 1.0, 'en', 'ready')"), {"s": step_id, "p": path})
        connection.commit()
    with open_database(config.database)() as db:
        assert [m.name for m in db.scalars(select(GroupMember).order_by(GroupMember.id))] == ["Laura", "Paul"]
        assert [(r.path, r.position) for r in db.scalars(select(Recording).order_by(Recording.id))] == [
            ("a.wav", 1), ("b.wav", 2), ("c.wav", 3)]
