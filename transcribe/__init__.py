"""Speech to text on the device with faster-whisper; knows nothing about codev."""
from transcribe.models import BUNDLED_MODEL, ModelUnavailable, resolve_model
from transcribe.transcriber import Segment, Stretch, Transcriber, Transcription

__all__ = ["BUNDLED_MODEL", "ModelUnavailable", "resolve_model", "Segment", "Stretch", "Transcriber", "Transcription"]
