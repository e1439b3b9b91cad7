"""Decoding the audio files a facilitator may bring."""
import av
import numpy as np
import pytest

from recorder import AudioError, decode

ENCODERS = {".mp3": "mp3", ".m4a": "aac", ".ogg": "libopus", ".webm": "libopus", ".flac": "flac"}


def encode(source, target):
    """Re-encode a WAV into another format with FFmpeg (through PyAV)."""
    with av.open(str(source)) as src, av.open(str(target), "w") as dst:
        out = dst.add_stream(ENCODERS[target.suffix], rate=48000 if "opus" in ENCODERS[target.suffix] else 22050)
        for frame in src.decode(audio=0):
            frame.pts = None
            for packet in out.encode(frame):
                dst.mux(packet)
        for packet in out.encode(None):
            dst.mux(packet)


@pytest.mark.parametrize("suffix", [".wav", *ENCODERS])
def test_every_supported_format_decodes_to_16k_mono(speak, tmp_path, suffix):
    wav = speak("The group agreed to be recorded.")
    path = wav if suffix == ".wav" else tmp_path / f"speech{suffix}"
    if suffix != ".wav":
        encode(wav, path)
    audio = decode(path)
    reference = decode(wav)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(len(audio) - len(reference)) < 0.1 * 16000  # same length within 0.1 s
    assert np.abs(audio).max() > 0.05  # not silence


def test_the_real_voices_of_the_shared_corpus_decode(tmp_path):
    from conftest import SHARED
    files = sorted((SHARED / "speech").glob("*/*.*")) if (SHARED / "speech").is_dir() else []
    if not files:
        pytest.skip("../shared/speech is absent")
    for path in files:
        assert len(decode(path)) > 16000, path.name


@pytest.mark.parametrize("suffix", [".wav", ".ogg"])
def test_a_truncated_file_is_refused(speak, tmp_path, suffix):
    whole = speak("I will send the budget to my manager before Friday.")
    if suffix != ".wav":
        whole, encoded = tmp_path / f"whole{suffix}", whole
        encode(encoded, whole)
    data = whole.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(AudioError, match="truncated"):
        decode(cut)


def test_garbage_missing_and_unsupported(tmp_path):
    garbage = tmp_path / "noise.mp3"
    garbage.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(AudioError, match="noise.mp3: not a readable audio file"):
        decode(garbage)
    with pytest.raises(AudioError, match="no such file"):
        decode(tmp_path / "absent.wav")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(AudioError, match="unsupported file type"):
        decode(tmp_path / "notes.docx")
