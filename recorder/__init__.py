"""Audio capture and audio files; knows nothing about sessions."""
from recorder.audio_file import SUPPORTED_EXTENSIONS, AudioError, decode

__all__ = ["SUPPORTED_EXTENSIONS", "AudioError", "decode"]
