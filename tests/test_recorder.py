"""The recorder through the real audio stack: espeak-ng speech is played into a PulseAudio null
sink and recorded from its monitor through sounddevice (see audio_stack.py)."""
import os
import signal
import subprocess
import sys
import time
import wave

import numpy as np
import pytest
import soundfile

import recorder
from recorder import DeviceError, Recorder, decode, find_device, list_devices, repair
from recorder.capture import FLOOR_DBFS
from transcribe import Transcriber, resolve_model


@pytest.fixture(scope="module")
def transcript(models_dir):
    """transcript(wav) -> the lower-case English text of the file, by the bundled Whisper model."""
    transcriber = Transcriber(resolve_model(None, models_dir))

    def transcript(path) -> str:
        return " ".join(s.text for s in transcriber.transcribe(decode(path), language="en").segments).lower()

    return transcript


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_devices_list_the_monitor_source_and_find_it_by_name_or_index(audio_stack):
    devices = list_devices()
    monitor = next(d for d in devices if d.name == audio_stack.monitor)
    assert monitor.channels >= 1
    assert sum(d.default for d in devices) == 1
    assert find_device(audio_stack.monitor) == monitor.index
    assert find_device(str(monitor.index)) == find_device(monitor.index) == monitor.index
    assert find_device("CODEV_TEST.MON") == monitor.index  # a unique part of the name will do


@pytest.mark.parametrize("wanted", ["no such microphone", 999])
def test_a_bad_device_is_a_clear_error_that_lists_the_devices(audio_stack, wanted):
    with pytest.raises(DeviceError) as error:
        find_device(wanted)
    assert f"'{wanted}' is not an input device" in str(error.value)
    assert audio_stack.monitor in str(error.value)  # what the user could choose instead


def test_no_sound_server_means_no_device_and_a_clear_error(audio_stack, tmp_path, monkeypatch):
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/nothing-listens-here")
    with pytest.raises(DeviceError, match="'codev_test.monitor' is not an input device|No audio input device"):
        find_device(audio_stack.monitor)
    with pytest.raises(DeviceError):
        Recorder(tmp_path / "take.wav", audio_stack.monitor).start()
    assert not (tmp_path / "take.wav").exists()


def test_a_recorded_take_holds_the_spoken_words(audio_stack, speak, transcript, tmp_path):
    speech = speak("The client will call the nurses on Monday morning.")
    heard = []
    take_recorder = Recorder(tmp_path / "take.wav", audio_stack.monitor, on_audio=heard.append)
    take_recorder.start()
    started = time.monotonic()
    time.sleep(0.5)
    audio_stack.play(speech)
    time.sleep(0.5)
    wall = time.monotonic() - started
    take = take_recorder.stop()

    assert take.error is None and take_recorder.state == "stopped"
    assert take.duration == pytest.approx(wall, abs=0.5)
    audio = decode(take.path)
    assert len(audio) / 16000 == pytest.approx(take.duration, abs=0.01)
    with soundfile.SoundFile(take.path) as f:
        assert (f.samplerate, f.channels, f.subtype) == (16000, 1, "PCM_16")
    windows = audio[: len(audio) // 8000 * 8000].reshape(-1, 8000)
    rms = np.sqrt(np.mean(windows ** 2, axis=1))
    assert rms[0] < 1e-3  # recorded before the speech started
    assert rms.max() > 0.03  # speech, well above silence
    # on_audio saw exactly what the file holds, in order.
    assert np.array_equal(np.concatenate(heard), audio)
    text = transcript(take.path)
    assert "nurses" in text and "monday" in text, text


def test_the_paused_stretch_is_not_in_the_take(audio_stack, speak, transcript, tmp_path):
    before, during, after = (speak("First the group talks about the budget."),
                             speak("Elephants dance on purple bicycles."),
                             speak("Then the client describes the weekly planning."))
    take_recorder = Recorder(tmp_path / "take.wav", audio_stack.monitor)
    take_recorder.start()
    started = time.monotonic()
    audio_stack.play(before)
    time.sleep(0.3)
    take_recorder.pause()
    paused = time.monotonic()
    assert take_recorder.state == "paused"
    audio_stack.play(during)
    time.sleep(0.3)
    take_recorder.resume()
    paused = time.monotonic() - paused
    audio_stack.play(after)
    time.sleep(0.3)
    wall = time.monotonic() - started
    take = take_recorder.stop()

    assert take.duration == pytest.approx(wall - paused, abs=0.5)
    text = transcript(take.path)
    assert "budget" in text and "planning" in text, text
    assert "elephant" not in text and "bicycle" not in text, text


KILLED_RECORDER = """
import sys, time
from recorder import Recorder
Recorder(sys.argv[1], sys.argv[2]).start()
print("recording", flush=True)
time.sleep(600)
"""


def test_a_take_killed_with_sigkill_plays_and_is_repaired(audio_stack, speak, transcript, tmp_path):
    path = tmp_path / "take.wav"
    process = subprocess.Popen([sys.executable, "-c", KILLED_RECORDER, str(path), audio_stack.monitor],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "recording"
        started = time.monotonic()
        audio_stack.play(speak("Our facilitator keeps the time with a small green clock."))
        time.sleep(max(0.0, 5 - (time.monotonic() - started)))
        recorded = time.monotonic() - started
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    as_left = len(decode(path)) / 16000  # plays as the killed process left it
    assert as_left >= recorded - 2
    duration = repair(path)
    assert as_left <= duration <= recorded + 0.5
    assert len(decode(path)) / 16000 == pytest.approx(duration, abs=0.01)
    assert soundfile.info(path).frames == round(duration * 16000)
    text = transcript(path)
    assert "facilitator" in text and "clock" in text, text


def test_a_device_that_disappears_stops_the_take_and_keeps_it(audio_stack, tmp_path):
    take_recorder = Recorder(tmp_path / "take.wav", audio_stack.monitor)
    take_recorder.start()
    try:
        time.sleep(1.5)
        audio_stack.unplug()
        assert wait_for(lambda: take_recorder.state == "failed", timeout=8)
    finally:
        take = take_recorder.stop()
        audio_stack.plug()
    assert isinstance(take_recorder.error, DeviceError)
    assert "stopped giving audio" in take.error and audio_stack.monitor in take.error
    assert 1.0 <= take.duration <= 2.5
    assert len(decode(take.path)) / 16000 == pytest.approx(take.duration, abs=0.01)


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a 64 KiB file system: two seconds of take fill it."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.fail(f"Mounting a small tmpfs for the disk-full test needs root: {mounted.stderr.strip()}",
                    pytrace=False)
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_stops_the_take_and_keeps_what_was_written(audio_stack, speak, small_disk):
    take_recorder = Recorder(small_disk / "take.wav", audio_stack.monitor)
    take_recorder.start()
    player = audio_stack.play(speak("This sentence will not fit on the small disk."), wait=False)
    assert wait_for(lambda: take_recorder.state == "failed", timeout=10)
    take = take_recorder.stop()
    player.wait()
    assert "The disk is full" in take.error and "kept" in take.error
    assert 1.5 <= take.duration <= 2.1
    with wave.open(str(take.path)) as f:  # the header covers exactly the samples in the file
        assert f.getnframes() == (take.path.stat().st_size - 44) // 2 == round(take.duration * 16000)
    assert len(decode(take.path)) / 16000 == pytest.approx(take.duration, abs=0.01)


def test_silence_is_counted_and_speech_raises_the_level(audio_stack, speak, tmp_path):
    take_recorder = Recorder(tmp_path / "take.wav", audio_stack.monitor)
    take_recorder.start()
    try:
        time.sleep(2.5)
        assert take_recorder.silent_for >= 2.0
        assert take_recorder.level == FLOOR_DBFS
        player = audio_stack.play(speak("Can you hear me now? I am speaking loudly."), wait=False)
        levels, silences = [], []
        while player.poll() is None:
            levels.append(take_recorder.level)
            silences.append(take_recorder.silent_for)
            time.sleep(0.05)
    finally:
        take_recorder.stop()
    assert max(levels) > -30
    assert min(silences) < 0.5


def test_a_take_is_never_overwritten(audio_stack, tmp_path):
    (tmp_path / "take.wav").write_bytes(b"an earlier take")
    with pytest.raises(recorder.RecordingError, match="never overwritten"):
        Recorder(tmp_path / "take.wav", audio_stack.monitor).start()
    assert (tmp_path / "take.wav").read_bytes() == b"an earlier take"
