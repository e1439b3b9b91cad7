"""The data folder is its user's alone: folders 0700, files 0600, whatever the umask the
process was started with (a shared machine's 022 would let every account read the audio)."""
import os
import stat
from pathlib import Path

OTHERS = 0o077  # the group's and everyone's permission bits


def private_from_now() -> None:
    """Every file and folder this process creates from now on is its user's alone, whoever
    writes it (SQLite and its journal, PyAV, tempfile, an export): a umask covers them all."""
    os.umask(OTHERS)


def make_private(data_dir: Path) -> None:
    """Create the data folder if need be, and close what an earlier version or another umask
    left open: the folder, what lies in it, and the audio folder all through. Other folders in it
    are not walked (a data folder given by mistake as a folder of the user's own files stays as
    it is beneath its first level), nor are symbolic links followed."""
    private_from_now()
    data_dir.mkdir(parents=True, exist_ok=True)
    for path in (data_dir, *data_dir.iterdir()):
        _restrict(path)
    for root, folders, files in os.walk(data_dir / "sessions"):
        for name in (*folders, *files):
            _restrict(Path(root) / name)


def _restrict(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:  # gone meanwhile, e.g. an upload's temporary copy
        return
    if (stat.S_ISDIR(mode) or stat.S_ISREG(mode)) and mode & OTHERS:
        path.chmod(stat.S_IMODE(mode) & ~OTHERS)
