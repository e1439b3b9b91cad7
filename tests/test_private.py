"""The data folder is the user's alone: folders 0700, files 0600, whatever the umask the command
or the app was started with; and what an earlier version left open is closed at the next start."""
import datetime
import os
import stat

import numpy as np
import pytest

from codev.store import open_database
from codev.takes import store_take
from recorder.wav import WavWriter
from test_erase import audio_with_pattern
from web import create_app


@pytest.fixture
def umask():
    """umask(mask) sets the process's umask for the test; the one before is put back."""
    before = os.umask(0o022)
    yield os.umask
    os.umask(before)


def modes(home) -> dict[str, str]:
    """Every folder and file under the data folder (the folder itself too) with its permissions."""
    return {str(p.relative_to(home)) or ".": oct(stat.S_IMODE(p.lstat().st_mode))
            for p in [home, *home.rglob("*")]}


def open_to_others(home) -> dict[str, str]:
    return {path: mode for path, mode in modes(home).items()
            if mode != ("0o700" if (home / path).is_dir() else "0o600")}


@pytest.mark.parametrize("mask", [0o022, 0o000], ids=["umask 022", "umask 000"])
def test_everything_written_in_the_data_folder_is_the_users_alone(codev, home, tmp_path, umask, mask):
    umask(mask)
    session = codev("session", "new", "--title", "Équipe", "--date", "2026-03-12", "--lang", "fr").stdout.strip()
    umask(mask)  # as if the next program were started by the same permissive shell
    app = create_app({"TESTING": True, "DATA_DIR": str(home)})  # its secret key, its database connections
    db = app.extensions["codev_db"]()
    wav, _pattern = audio_with_pattern(tmp_path, 80)
    store_take(db, app.extensions["codev_config"], session, "clarification", wav)  # an imported take's copy
    recorded = WavWriter(home / "sessions" / session / "live.wav")  # a take recorded live
    recorded.append(np.zeros(1600, np.int16))
    recorded.commit()
    recorded.close()
    umask(mask)
    codev("export", session, "--format", "md", "-o", home / "notes.md")  # an export written there
    codev("export", session, "--format", "docx", "-o", home / "notes.docx")

    written = modes(home)
    assert {"codev.sqlite3", "codev.sqlite3-wal", "codev.sqlite3-shm", "secret_key", "notes.md", "notes.docx",
            f"sessions/{session}/live.wav"} <= set(written)
    assert any(path.startswith(f"sessions/{session}/clarification-") for path in written)
    assert open_to_others(home) == {}
    db.close()


def test_what_an_earlier_version_left_open_is_closed_at_start(home, tmp_path):
    open_database(home / "codev.sqlite3")
    audio = home / "sessions" / "1"
    audio.mkdir(parents=True)
    (audio / "clarification-1.wav").write_bytes(b"RIFF")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not codev's")
    (home / "link").symlink_to(outside)
    for path, mode in ((home, 0o755), (home / "sessions", 0o755), (audio, 0o775), (audio / "clarification-1.wav", 0o644),
                       (home / "codev.sqlite3", 0o664), (outside, 0o644)):
        path.chmod(mode)

    open_database(home / "codev.sqlite3")  # a start
    assert open_to_others(home) == {"link": oct(stat.S_IMODE((home / "link").lstat().st_mode))}  # a link: left as is
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644  # nor is what it points to changed


def test_a_data_folder_not_yet_there_is_made_private(codev, tmp_path, umask):
    umask(0o000)
    folder = tmp_path / "new" / "codev"
    codev("--data-dir", folder, "session", "new", "--title", "T", "--date", "2026-03-12", "--lang", "fr")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert open_to_others(folder) == {}
