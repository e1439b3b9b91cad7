"""Fixtures: a temporary data folder per test, the real Whisper model (assembled once per run
from its packages), real espeak-ng speech, the CLI runner and the Flask test client."""
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from codev.cli import cli
from codev.config import Config
from codev.store import open_database
from web import create_app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
pytest_plugins = ["audio_stack"]  # a real PulseAudio with a null sink, for the recording tests


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory) -> Path:
    # Shared by every test's data folder, so the model is assembled once per run.
    return tmp_path_factory.mktemp("models")


@pytest.fixture
def home(tmp_path, models_dir, monkeypatch) -> Path:
    monkeypatch.setenv("CODEV_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("CODEV_MODELS", str(models_dir))
    return tmp_path / "data"


@pytest.fixture
def config(home) -> Config:
    return Config.from_env()


@pytest.fixture
def db(config):
    session = open_database(config.database)()
    yield session
    session.close()


class Codev:
    """Runs the `codev` command in-process, as a user would type it."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True):
        result = self.runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result


@pytest.fixture
def codev(home) -> Codev:
    return Codev()


@pytest.fixture(scope="session")
def speak(tmp_path_factory):
    """speak(text, lang) -> a WAV file of espeak-ng saying `text`."""
    assert shutil.which("espeak-ng"), "espeak-ng is missing: `make test` installs it"
    folder = tmp_path_factory.mktemp("speech")

    def speak(text: str, lang: str = "en") -> Path:
        path = folder / f"{lang}-{hashlib.sha1(text.encode()).hexdigest()[:12]}.wav"
        if not path.exists():
            subprocess.run(["espeak-ng", "-v", lang, "-s", "140", "-w", str(path), text], check=True)
        return path

    return speak


@pytest.fixture
def app(home):
    return create_app({"TESTING": True, "DATA_DIR": str(home)})


@pytest.fixture
def client(app):
    return app.test_client()
