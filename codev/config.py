"""Where codev-notes keeps its data: one folder, `$CODEV_HOME` or the user's data directory."""
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Config:
    data_dir: Path
    # The Whisper model assembled from its packages; shareable between data folders.
    models_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "codev.sqlite3"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "sessions"

    @classmethod
    def from_env(cls, data_dir: str | os.PathLike | None = None) -> "Config":
        home = Path(data_dir or os.environ.get("CODEV_HOME") or platformdirs.user_data_dir("codev-notes"))
        models = Path(os.environ.get("CODEV_MODELS") or home / "models")
        return cls(data_dir=home, models_dir=models)
