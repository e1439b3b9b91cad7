"""Audio capture and audio files; knows nothing about sessions."""
from recorder.audio_file import SUPPORTED_EXTENSIONS, AudioError, convert, decode, probe
from recorder.capture import Recorder, RecordingError, Take
from recorder.devices import Device, DeviceError, find_device, list_devices
from recorder.wav import repair

__all__ = ["SUPPORTED_EXTENSIONS", "AudioError", "convert", "decode", "probe", "Device", "DeviceError", "find_device", "list_devices",
           "Recorder", "RecordingError", "Take", "repair"]
