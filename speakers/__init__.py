"""Who speaks when: speaker turns in 16 kHz mono float32 audio, named after enrolled voices or S1, S2...
Knows nothing of codev (as transcribe/)."""

from speakers.campplus import WeightsMissing
from speakers.turns import NoSpeech, Turn, voiceprint, who_spoke

__all__ = ["NoSpeech", "Turn", "WeightsMissing", "voiceprint", "who_spoke"]
