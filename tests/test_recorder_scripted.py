"""What the real audio stack cannot show: a device that cannot do 16 kHz mono, a machine with no
device at all, a device that goes quiet without an error, a failing on_audio consumer, and the
repair of a file cut at an arbitrary byte. A scripted `sounddevice` stands in for PortAudio."""
import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest
import sounddevice
import soundfile

from recorder import AudioError, DeviceError, Recorder, decode, find_device, list_devices, repair
from recorder import capture
from recorder.wav import WavWriter


class ScriptedStream:
    """Calls back with `audio` (frames × channels) block by block, about 20 times real time,
    then goes quiet as a stuck device does, until stopped."""

    def __init__(self, audio, samplerate, channels, blocksize, callback, finished_callback, **_):
        assert audio.shape[1] == channels
        self.audio, self.blocksize, self.rate = audio, blocksize, samplerate
        self.callback, self.finished_callback = callback, finished_callback
        self.closed = False
        self._running = threading.Event()

    def start(self):
        self._running.set()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        status = SimpleNamespace(input_overflow=False)
        for at in range(0, len(self.audio), self.blocksize):
            if not self._running.is_set():
                return
            self.callback(self.audio[at:at + self.blocksize], self.blocksize, None, status)
            time.sleep(self.blocksize / self.rate / 20)

    def stop(self):
        self._running.clear()
        self.finished_callback()

    abort = stop

    def close(self):
        self.closed = True


class ScriptedSounddevice:
    """One input device that plays `audio` at `rate` and accepts only `rate` with `channels`."""
    PortAudioError = sounddevice.PortAudioError

    def __init__(self, audio=None, rate=16000, devices=None):
        self.audio, self.rate = audio, rate
        channels = audio.shape[1] if audio is not None else 1
        self.devices = devices if devices is not None else [
            {"index": 0, "name": "Scripted mic", "max_input_channels": channels, "default_samplerate": rate}]
        self.default = SimpleNamespace(device=[0, 0])

    def query_devices(self, index=None):
        return self.devices if index is None else self.devices[index]

    def check_input_settings(self, device, samplerate, channels, dtype):
        if (samplerate, channels) != (self.rate, self.audio.shape[1]):
            raise self.PortAudioError("Invalid sample rate or channel count [PaErrorCode -9997]")

    def InputStream(self, device, **settings):
        return ScriptedStream(self.audio, **settings)


def sine(seconds: float, rate: int, channels: int, hz: float = 440) -> np.ndarray:
    wave = 0.5 * np.sin(2 * np.pi * hz * np.arange(int(seconds * rate)) / rate).astype(np.float32)
    return np.repeat(wave[:, None], channels, axis=1)


def record(sd, path, seconds: float, **options) -> capture.Take:
    take_recorder = Recorder(path, "Scripted mic", sd=sd, **options)
    take_recorder.start()
    assert_soon(lambda: take_recorder.duration >= seconds - 0.06)
    return take_recorder.stop()


def assert_soon(condition, timeout: float = 5):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_device_without_16khz_mono_is_converted(tmp_path):
    # Many sound cards record only at 44.1 or 48 kHz in stereo.
    sd = ScriptedSounddevice(sine(2.0, 44100, channels=2), rate=44100)
    take = record(sd, tmp_path / "take.wav", 2.0)
    assert take.duration == pytest.approx(2.0, abs=0.06)
    audio = decode(take.path)
    assert soundfile.info(take.path).samplerate == 16000
    spectrum = np.abs(np.fft.rfft(audio[1000:17000]))  # one second: one bin per Hz
    assert np.argmax(spectrum) == pytest.approx(440, abs=2)  # the pitch is kept
    assert np.sqrt(np.mean(audio[1000:-1000] ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.05)


def test_no_device_at_all_is_a_clear_error(tmp_path):
    sd = ScriptedSounddevice(devices=[])
    assert list_devices(sd) == []
    with pytest.raises(DeviceError, match="No audio input device found"):
        find_device(None, sd)
    with pytest.raises(DeviceError, match="No audio input device found"):
        Recorder(tmp_path / "take.wav", sd=sd).start()
    assert not (tmp_path / "take.wav").exists()


def test_portaudio_failing_to_list_is_a_clear_error():
    sd = ScriptedSounddevice(devices=[])

    def broken(index=None):
        raise sd.PortAudioError("Error querying device -1")

    sd.query_devices = broken
    with pytest.raises(DeviceError, match="Cannot list the audio devices: Error querying device"):
        list_devices(sd)


def test_a_device_that_goes_quiet_stops_the_take(tmp_path, monkeypatch):
    monkeypatch.setattr(capture, "STALL_SECONDS", 0.5)
    take_recorder = Recorder(tmp_path / "take.wav", sd=ScriptedSounddevice(sine(1.0, 16000, 1)))
    take_recorder.start()
    assert_soon(lambda: take_recorder.state == "failed")
    take = take_recorder.stop()
    assert "No audio from the input device 'Scripted mic'" in take.error
    assert take.duration == pytest.approx(1.0, abs=0.06)
    assert len(decode(take.path)) == round(take.duration * 16000)


def test_a_failing_on_audio_consumer_does_not_stop_the_recording(tmp_path):
    def consumer(samples):
        raise RuntimeError("transcriber crashed")

    take_recorder = Recorder(tmp_path / "take.wav", sd=ScriptedSounddevice(sine(1.0, 16000, 1)), on_audio=consumer)
    take_recorder.start()
    assert_soon(lambda: take_recorder.duration >= 0.95)
    take = take_recorder.stop()
    assert take.error is None and take.duration == pytest.approx(1.0, abs=0.06)
    assert "transcriber crashed" in str(take_recorder.on_audio_error)


def test_pause_and_stop_before_start_are_harmless_and_clear(tmp_path):
    take_recorder = Recorder(tmp_path / "take.wav", sd=ScriptedSounddevice(sine(1.0, 16000, 1)))
    take_recorder.pause()
    assert take_recorder.state == "ready"
    with pytest.raises(capture.RecordingError, match="not started"):
        take_recorder.stop()


def test_repair_makes_the_header_cover_the_samples_on_disk(tmp_path):
    path = tmp_path / "take.wav"
    writer = WavWriter(path)
    writer.append(np.full(16000, 1000, np.int16))
    writer.commit()
    # Killed after writing 0.5 s more and half a sample, before the header covered them.
    writer.append(np.full(8000, -1000, np.int16))
    writer._write(bytes(writer._pending) + b"\x01")
    assert len(decode(path)) == 16000  # plays as left: the header covers the first second
    assert repair(path) == pytest.approx(1.5)
    assert len(decode(path)) == 24000 and soundfile.info(path).frames == 24000
    assert path.stat().st_size == 44 + 24000 * 2  # the half sample is gone
    assert repair(path) == pytest.approx(1.5)  # repairing again changes nothing


def test_repair_refuses_what_is_not_a_wav(tmp_path):
    path = tmp_path / "take.wav"
    path.write_bytes(b"not audio at all")
    with pytest.raises(AudioError, match="not a WAV file"):
        repair(path)
    with pytest.raises(AudioError, match="cannot repair"):
        repair(tmp_path / "missing.wav")
