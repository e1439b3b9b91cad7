"""Input devices as PortAudio (through sounddevice) and PulseAudio show them.

Debian's PortAudio has no PulseAudio host API: PulseAudio (or PipeWire's pulse server) is
reached through the ALSA "pulse" device, which records from the source named by PULSE_SOURCE,
or the default source. So every PulseAudio source, monitors included, is listed as a device of
its own and opened as the "pulse" device with PULSE_SOURCE set for the time of the opening."""
import json
import os
import subprocess
import threading
import weakref
from dataclasses import dataclass

import sounddevice


class DeviceError(Exception):
    pass


@dataclass
class Device:
    index: int
    name: str
    channels: int
    default: bool
    source: str | None = None  # the PulseAudio source behind the "pulse" device, if any


# PortAudio lists devices only when it starts, so a listing restarts it; never while one of
# our streams is open, since restarting PortAudio closes every stream.
_streams = weakref.WeakSet()
_env_lock = threading.Lock()


def list_devices(sd=sounddevice) -> list[Device]:
    """The input devices: PortAudio's, then each PulseAudio source. Raises DeviceError when
    PortAudio itself fails."""
    _rescan(sd)
    try:
        found = [d for d in sd.query_devices() if d["max_input_channels"] > 0]
        default = sd.default.device[0]
    except sd.PortAudioError as error:
        raise DeviceError(f"Cannot list the audio devices: {error}") from None
    devices = [Device(d["index"], d["name"], d["max_input_channels"], d["index"] == default) for d in found]
    pulse = next((d for d in devices if d.name == "pulse"), None)
    if pulse:
        after = max(d.index for d in devices) + 1
        devices += [Device(after + i, name, channels, False, source=name)
                    for i, (name, channels) in enumerate(_pulse_sources())]
    return devices


def find_device(name_or_index: str | int | None, sd=sounddevice) -> int:
    """The index (as list_devices numbers them) of the device named or numbered."""
    return resolve_device(name_or_index, sd).index


def resolve_device(name_or_index: str | int | None, sd=sounddevice) -> Device:
    """The device by index, exact name, or a part of its name found in one device only;
    None is the default input device."""
    devices = list_devices(sd)
    if not devices:
        raise DeviceError("No audio input device found. Plug in a microphone, or check that the "
                          "sound server (PulseAudio or PipeWire) is running.")
    if name_or_index is None:
        match = [d for d in devices if d.default] or devices[:1]
    elif isinstance(name_or_index, int) or str(name_or_index).strip().isdigit():
        match = [d for d in devices if d.index == int(name_or_index)]
    else:
        wanted = str(name_or_index).strip()
        match = ([d for d in devices if d.name == wanted]
                 or [d for d in devices if wanted.lower() in d.name.lower()])
    if len(match) == 1:
        return match[0]
    what = "matches several devices" if match else "is not an input device"
    raise DeviceError(f"'{name_or_index}' {what}. Input devices:\n{describe(match or devices)}")


def describe(devices: list[Device]) -> str:
    return "\n".join(f"  {d.index:>3}  {d.name}  ({d.channels} ch){'  [default]' if d.default else ''}"
                     for d in devices)


def open_stream(device: Device, sd=sounddevice, **settings):
    """An opened (not started) sd.InputStream on `device`; DeviceError when it cannot be opened."""
    index = device.index
    if device.source:
        index = next((d["index"] for d in sd.query_devices() if d["name"] == "pulse"), None)
        if index is None:
            raise DeviceError(f"Cannot open '{device.name}': the PulseAudio device has gone.")
    # libpulse reads PULSE_SOURCE when the stream connects, which is during the opening.
    with _env_lock:
        before = os.environ.get("PULSE_SOURCE")
        if device.source:
            os.environ["PULSE_SOURCE"] = device.source
        try:
            stream = sd.InputStream(device=index, **settings)
        except (sd.PortAudioError, ValueError) as error:
            raise DeviceError(f"Cannot open the input device '{device.name}': {error}") from None
        finally:
            if device.source:
                _restore("PULSE_SOURCE", before)
    _streams.add(stream)
    return stream


def _restore(name: str, value: str | None):
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _rescan(sd):
    if not hasattr(sd, "_terminate") or any(not s.closed for s in _streams):
        return  # a scripted module, or a stream of ours is open
    try:
        sd._terminate()
        sd._initialize()
    except sd.PortAudioError as error:
        raise DeviceError(f"Cannot start PortAudio: {error}") from None


def _pulse_sources() -> list[tuple[str, int]]:
    """(name, channels) of each PulseAudio source; none when pactl is missing or the server
    does not answer."""
    try:
        out = subprocess.run(["pactl", "--format=json", "list", "sources"], capture_output=True,
                             text=True, timeout=5, check=True).stdout
        sources = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    return [(s["name"], _channels(s.get("sample_specification", ""))) for s in sources]


def _channels(spec: str) -> int:
    # "s16le 2ch 44100Hz"
    return next((int(part[:-2]) for part in spec.split() if part.endswith("ch") and part[:-2].isdigit()), 1)
